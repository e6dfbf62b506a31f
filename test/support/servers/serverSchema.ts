/**
 * The schema every test server serves: the shared SDL and resolvers of `../schema.ts`, composed with a
 * few fields that only make sense over a real socket. `../schema.ts` waits in `setImmediate` hops so
 * that executors are deterministic; a latency test needs a resolver that waits real milliseconds, and a
 * cancellation test needs a source that can tell whether the server stopped pulling from it.
 *
 * - `Query.wait(ms)`: resolves to `"waited <ms>"` after `ms` milliseconds (a deferred field that arrives
 *   visibly later than the initial payload).
 * - `Query.ticks(count, intervalMs)`: an async list yielding `0 … count-1`, one every `intervalMs`;
 *   with `intervalMs: 0`, one per event-loop turn (a `setImmediate` hop, no timer), so that a long
 *   stream takes a second, not a millisecond per item, and still gets one payload per item.
 * - `Subscription.tick(count, intervalMs, failAfter)`: one `Tick` event every `intervalMs`; with
 *   `failAfter` set, the source stream throws after that many events (a fatal, mid-stream error).
 *   `Tick.failing` always throws: an error inside an event's payload, the subscription goes on.
 *
 * Timer-driven sources are plain async iterators whose `return()` clears the pending timer at once, so
 * a server that stops pulling (client gone) leaves no timer behind. {@link countActiveTickSources}
 * tells tests whether every source was released.
 *
 * The SDL is version-agnostic (graphql 16, 17.0.0-alpha.9, 17.1.0); `@defer`/`@stream` are added by
 * each server in the way its graphql version wants.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { resolvers, typeDefs } from '../schema.js';

/** SDL added to the shared `typeDefs`. */
export const serverTypeDefsExtension = /* GraphQL */ `
  extend type Query {
    """Resolves to 'waited <ms>' after ms milliseconds (a real timer)."""
    wait(ms: Int!): String
    """Yields 0 … count-1, one value every intervalMs milliseconds (0: one per event-loop turn)."""
    ticks(count: Int!, intervalMs: Int!): [Int]
  }

  type Subscription {
    """One event every intervalMs; the source throws after failAfter events when failAfter is set."""
    tick(count: Int!, intervalMs: Int!, failAfter: Int): Tick
  }

  type Tick {
    n: Int!
    """Always throws 'failing tick field': an error inside one event's payload."""
    failing: String
  }
`;

/** The full SDL every server serves. */
export const serverTypeDefs = `${typeDefs}\n${serverTypeDefsExtension}`;

let activeTickSources = 0;

/**
 * How many `ticks` / `tick` sources are currently open (created and neither exhausted nor returned).
 * A server that stops pulling from a source when its client disconnects brings this back to 0.
 */
export function countActiveTickSources(): number {
  return activeTickSources;
}

/**
 * Creates an async iterator yielding `map(0) … map(count-1)`, one every `intervalMs` milliseconds, or
 * one per event-loop turn for `intervalMs: 0`.
 * `return()` clears the pending timer immediately (an async generator could not: it would first wait
 * for its own pending `await`).
 */
function createTickSource<T>(
  count: number,
  intervalMs: number,
  map: (index: number) => T,
  failAfter?: number,
): AsyncIterableIterator<T> {
  activeTickSources += 1;
  let index = 0;
  let done = false;
  const timerControl = new AbortController();
  const finish = (): void => {
    if (done) return;
    done = true;
    activeTickSources -= 1;
    timerControl.abort();
  };
  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      if (done) return { done: true, value: undefined };
      try {
        await (intervalMs === 0 ? nextTurn(timerControl.signal) : sleep(intervalMs, undefined, { signal: timerControl.signal }));
      } catch {
        // Aborted by return(): the consumer is gone.
        return { done: true, value: undefined };
      }
      if (done) return { done: true, value: undefined };
      if (failAfter !== undefined && index >= failAfter) {
        finish();
        throw new Error(`tick source failed after ${failAfter} events`);
      }
      if (index >= count) {
        finish();
        return { done: true, value: undefined };
      }
      const value = map(index);
      index += 1;
      return { done: false, value };
    },
    async return(): Promise<IteratorResult<T>> {
      finish();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** Resolves in the next event-loop turn; rejects if `signal` aborted meanwhile. */
async function nextTurn(signal: AbortSignal): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  signal.throwIfAborted();
}

function intArgument(args: Record<string, unknown>, name: string): number {
  const value = args[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new Error(`argument ${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

/** A field resolver in the version-agnostic shape of `../schema.ts`: `(source, args)`. */
export type ServerResolver = (source: unknown, args: Record<string, unknown>) => unknown;

/** A subscription field: `subscribe` creates the source stream, `resolve` maps one event. */
export interface ServerSubscriptionResolver {
  readonly subscribe: ServerResolver;
  readonly resolve: ServerResolver;
}

/** Resolvers of every type, in the graphql-tools shape (Yoga's `createSchema` takes them as they are). */
export const serverResolvers: {
  readonly Query: Readonly<Record<string, ServerResolver>>;
  readonly Hero: Readonly<Record<string, ServerResolver>>;
  readonly Tick: Readonly<Record<string, ServerResolver>>;
  readonly Subscription: Readonly<Record<string, ServerSubscriptionResolver>>;
} = {
  Query: {
    ...resolvers['Query'],
    wait: async (_source, args) => {
      const ms = intArgument(args, 'ms');
      await sleep(ms);
      return `waited ${ms}`;
    },
    ticks: (_source, args) => createTickSource(intArgument(args, 'count'), intArgument(args, 'intervalMs'), (index) => index),
  },
  Hero: { ...resolvers['Hero'] },
  Tick: {
    failing: () => {
      throw new Error('failing tick field');
    },
  },
  Subscription: {
    tick: {
      subscribe: (_source, args) => {
        const failAfter = args['failAfter'];
        return createTickSource(
          intArgument(args, 'count'),
          intArgument(args, 'intervalMs'),
          (index) => ({ n: index }),
          typeof failAfter === 'number' ? failAfter : undefined,
        );
      },
      // The event is the Tick itself.
      resolve: (event) => event,
    },
  },
};

const FIELD_RESOLVERS_BY_TYPE: ReadonlyMap<string, Readonly<Record<string, ServerResolver>>> = new Map([
  ['Query', serverResolvers.Query],
  ['Hero', serverResolvers.Hero],
  ['Tick', serverResolvers.Tick],
]);

/** The parts of graphql's `GraphQLResolveInfo` the resolvers below read (any graphql version). */
interface ResolveInfoLike {
  readonly parentType: { readonly name: string };
  readonly fieldName: string;
}

function readProperty(source: unknown, fieldName: string): unknown {
  if (typeof source === 'object' && source !== null && Object.hasOwn(source, fieldName)) {
    return (source as Record<string, unknown>)[fieldName];
  }
  return undefined;
}

/**
 * The `fieldResolver` for executors that take one (graphql-js, Apollo Server): the resolver from
 * {@link serverResolvers}, else the property of the same name.
 */
export function resolveServerField(
  source: unknown,
  args: Record<string, unknown>,
  _context: unknown,
  info: ResolveInfoLike,
): unknown {
  if (info.parentType.name === 'Subscription') {
    const subscription = serverResolvers.Subscription[info.fieldName];
    return subscription === undefined ? readProperty(source, info.fieldName) : subscription.resolve(source, args);
  }
  const typeResolvers = FIELD_RESOLVERS_BY_TYPE.get(info.parentType.name);
  const resolver = typeResolvers?.[info.fieldName];
  return resolver === undefined ? readProperty(source, info.fieldName) : resolver(source, args);
}

/** The `subscribeFieldResolver` for graphql-js: creates a subscription field's source stream. */
export function subscribeServerField(
  source: unknown,
  args: Record<string, unknown>,
  _context: unknown,
  info: ResolveInfoLike,
): unknown {
  const subscription = serverResolvers.Subscription[info.fieldName];
  if (subscription === undefined) throw new Error(`no subscription resolver for Subscription.${info.fieldName}`);
  return subscription.subscribe(source, args);
}
