/**
 * One schema description (SDL + resolvers) for the whole-sequence tests. It is built three times by
 * `./executeIncrementally.ts`: for graphql@17.1.0 with `@defer`/`@stream` declared, for graphql@17.1.0
 * without them (17.1's `execute()` throws on a schema that declares them), and for graphql@17.0.0-alpha.2.
 *
 * Everything here is deterministic: values depend only on the arguments, and every wait is a fixed
 * number of `setImmediate` hops (FIFO in one process), never a timer, so the executors produce the same
 * payload sequence on every run. The shape covers what incremental delivery has to survive: nested
 * objects, sync lists, async iterables, nullable errors, non-null errors, rejected list items, a
 * throwing iterator, nested lists.
 */

export const typeDefs = /* GraphQL */ `
  type Query {
    hero: Hero
    heroById(id: ID!): Hero
    heroes: [Hero]
    asyncHeroes: [Hero]
    colors: [String]
    asyncColors: [String]
    colorsWithRejected: [String]
    asyncNonNullColors: [String!]
    syncNonNullColors: [String!]
    failingIteratorColors: [String]
    matrix: [[Int]]
    a: A
  }

  type Hero {
    id: ID!
    name: String
    """Non-null; resolves to null for Han (id 2), so the error propagates to the hero."""
    nonNullName: String!
    """Non-null; always throws 'failingNonNull failed'."""
    failingNonNull: String!
    """Resolves after a few hops to 'slow <name>'."""
    slowField: String
    """Nullable; always throws 'failingField failed' after a hop."""
    failingField: String
    friends: [Hero]
    asyncFriends: [Hero]
    homeWorld: Planet
  }

  type Planet {
    name: String
    terrain: String
    climate: Climate
  }

  type Climate {
    kind: String
    temperature: Int
  }

  type A {
    b: B
  }

  type B {
    someField: String
    c: C
  }

  type C {
    d: String
    e: String
  }
`;

interface HeroRecord {
  readonly id: string;
  readonly name: string;
  readonly friendIds: readonly string[];
  readonly homeWorld: PlanetRecord;
}

interface PlanetRecord {
  readonly name: string;
  readonly terrain: string;
  readonly climate: { readonly kind: string; readonly temperature: number };
}

const TATOOINE: PlanetRecord = { name: 'Tatooine', terrain: 'desert', climate: { kind: 'arid', temperature: 45 } };
const CORELLIA: PlanetRecord = { name: 'Corellia', terrain: 'urban', climate: { kind: 'temperate', temperature: 18 } };
const ALDERAAN: PlanetRecord = { name: 'Alderaan', terrain: 'grassland', climate: { kind: 'temperate', temperature: 20 } };

const HEROES: readonly HeroRecord[] = [
  { id: '1', name: 'Luke', friendIds: ['2', '3'], homeWorld: TATOOINE },
  { id: '2', name: 'Han', friendIds: ['1', '3'], homeWorld: CORELLIA },
  { id: '3', name: 'Leia', friendIds: ['1', '2'], homeWorld: ALDERAAN },
];

function heroById(id: string): HeroRecord | null {
  return HEROES.find((hero) => hero.id === id) ?? null;
}

/** Waits `hops` macrotask turns. `setImmediate` callbacks run in FIFO order, so this is deterministic. */
export async function delay(hops: number): Promise<void> {
  for (let hop = 0; hop < hops; hop += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

async function* yieldSlowly<T>(values: readonly T[], hops = 1): AsyncGenerator<T, void, void> {
  for (const value of values) {
    await delay(hops);
    yield value;
  }
  // Like a real source, the iterator learns that it is done only later: graphql-js then sends the
  // stream's completion in a payload of its own (a bare `{"hasNext": false}` in the 2022 format).
  await delay(hops);
}

/** A `PromiseLike` that rejects with `message` when someone calls `then`. */
function rejectLazily(message: string): PromiseLike<never> {
  return {
    then(_onFulfilled, onRejected) {
      return Promise.reject(new Error(message)).then(undefined, onRejected);
    },
  };
}

type Resolver = (source: unknown, args: Record<string, unknown>) => unknown;

/**
 * Resolvers by type and field name. Fields without a resolver read the property of the same name
 * (graphql-js `defaultFieldResolver` semantics, implemented by {@link resolveField}).
 */
export const resolvers: Readonly<Record<string, Readonly<Record<string, Resolver>>>> = {
  Query: {
    hero: () => heroById('1'),
    heroById: (_source, args) => heroById(String(args['id'])),
    heroes: () => HEROES,
    asyncHeroes: () => yieldSlowly(HEROES),
    colors: () => ['red', 'green', 'blue'],
    asyncColors: () => yieldSlowly(['red', 'green', 'blue']),
    // A lazy thenable rather than `Promise.reject`: it rejects only when the executor subscribes, so an
    // executor that reaches the item late (a stream) does not leave an unhandled rejection behind.
    colorsWithRejected: () => ['red', rejectLazily('bad item'), 'blue'],
    asyncNonNullColors: () => yieldSlowly(['red', null, 'blue']),
    syncNonNullColors: () => ['red', null, 'blue'],
    failingIteratorColors: async function* () {
      await delay(1);
      yield 'red';
      await delay(1);
      yield 'green';
      await delay(1);
      throw new Error('iterator broke');
    },
    matrix: () => [
      [1, 2],
      [3, 4],
      [5, 6],
    ],
    a: () => ({ b: { someField: 'b', c: { d: 'd', e: 'e' } } }),
  },
  Hero: {
    name: (source) => (source as HeroRecord).name,
    nonNullName: (source) => {
      const hero = source as HeroRecord;
      return hero.id === '2' ? null : hero.name;
    },
    failingNonNull: () => {
      throw new Error('failingNonNull failed');
    },
    slowField: async (source) => {
      await delay(2);
      return `slow ${(source as HeroRecord).name}`;
    },
    failingField: async () => {
      await delay(1);
      throw new Error('failingField failed');
    },
    friends: (source) => (source as HeroRecord).friendIds.map(heroById),
    asyncFriends: (source) => yieldSlowly((source as HeroRecord).friendIds.map(heroById)),
  },
};

/**
 * The field resolver passed to every executor: the resolver from {@link resolvers}, else the property
 * of the same name. Passing it as `fieldResolver` keeps the three schemas identical (no mutation of
 * schema objects, which belong to two different graphql-js versions).
 */
export function resolveField(
  source: unknown,
  args: Record<string, unknown>,
  _context: unknown,
  info: { readonly parentType: { readonly name: string }; readonly fieldName: string },
): unknown {
  const resolver = resolvers[info.parentType.name]?.[info.fieldName];
  if (resolver !== undefined) return resolver(source, args);
  if (typeof source === 'object' && source !== null && Object.hasOwn(source, info.fieldName)) {
    return (source as Record<string, unknown>)[info.fieldName];
  }
  return undefined;
}
