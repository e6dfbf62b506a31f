/**
 * Placeholder demo until the demo issue: runs a small product-page schema on graphql-js 17 in this
 * process, in both wire formats, and prints every merged result the reassembler produces, with the
 * time it arrived. (The HTTP demo with the reader, the fetch wrapper and the Apollo link comes later.)
 */
import {
  GraphQLDeferDirective,
  GraphQLSchema,
  GraphQLStreamDirective,
  buildSchema,
  experimentalExecuteIncrementally,
  legacyExecuteIncrementally,
  parse,
  specifiedDirectives,
  type ExecutionArgs,
} from 'graphql';
import { createReassembler } from '@graphql-incremental/reassembler';

const sdl = /* GraphQL */ `
  type Query { product(id: ID!): Product }
  type Product { id: ID! name: String! price: Float! reviews: [Review!]! inventory: [Stock!]! }
  type Review { author: String! stars: Int! }
  type Stock { warehouse: String! count: Int! }
`;
const schema = buildSchema(sdl);
// graphql 17 keeps @defer/@stream out of specifiedDirectives: a schema that streams declares them.
const schemaWithDirectives = new GraphQLSchema({
  ...schema.toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rootValue = {
  product: ({ id }: { id: string }) => ({
    id,
    name: 'Incremental Espresso Machine',
    price: 499,
    reviews: async () => {
      await wait(300);
      return [
        { author: 'Ada', stars: 5 },
        { author: 'Linus', stars: 4 },
      ];
    },
    inventory: async function* () {
      for (const warehouse of ['Berlin', 'Lyon', 'Turin']) {
        await wait(150);
        yield { warehouse, count: warehouse.length };
      }
    },
  }),
};

const query = parse(/* GraphQL */ `
  query ProductPage {
    product(id: "42") {
      id
      name
      price
      ... @defer(label: "reviews") { reviews { author stars } }
      inventory @stream(initialCount: 0, label: "inventory") { warehouse count }
    }
  }
`);

async function run(name: string, execute: (args: ExecutionArgs) => unknown): Promise<void> {
  console.log(`\n=== ${name} ===`);
  const started = performance.now();
  const reassembler = createReassembler();
  const print = (payload: unknown) => {
    const result = reassembler.apply(JSON.parse(JSON.stringify(payload)));
    const at = `${Math.round(performance.now() - started)}`.padStart(4);
    console.log(`+${at} ms  hasNext=${String(result.hasNext).padEnd(5)} ${JSON.stringify(result.data)}`);
  };
  const outcome = (await execute({ schema: schemaWithDirectives, document: query, rootValue })) as
    | { initialResult: unknown; subsequentResults: AsyncIterable<unknown> }
    | Record<string, unknown>;
  if ('initialResult' in outcome && 'subsequentResults' in outcome) {
    print(outcome.initialResult);
    for await (const payload of outcome.subsequentResults as AsyncIterable<unknown>) print(payload);
  } else {
    print(outcome);
  }
  console.log(`format: ${reassembler.format}`);
}

await run('current format (graphql-js 17 experimentalExecuteIncrementally)', experimentalExecuteIncrementally);
await run('2022 format (graphql-js 17 legacyExecuteIncrementally)', legacyExecuteIncrementally);
