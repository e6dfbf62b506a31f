/**
 * The shop schema the benchmarks record from, and one function that runs an operation on it with
 * graphql-js 17.1 in either wire format and with plain `execute()` (the oracle). The long `@stream`
 * (streamRecording.ts) and the page of `@defer`red items (reassemblerRecording.ts) differ only in
 * their query and in when their products' fields resolve.
 */
import { addTypenameToDocument } from '@apollo/client/utilities';
import {
  buildSchema,
  execute,
  experimentalExecuteIncrementally,
  GraphQLDeferDirective,
  GraphQLSchema,
  GraphQLStreamDirective,
  legacyExecuteIncrementally,
  parse,
  print,
  specifiedDirectives,
  validate,
  type DocumentNode,
} from 'graphql';

/** The wire format of a recording. */
export type StreamFormat = '2022' | 'current';

const typeDefs = /* GraphQL */ `
  type Query {
    shop: Shop
  }
  type Shop {
    id: ID!
    name: String!
    catalog: Catalog
  }
  type Catalog {
    id: ID!
    title: String!
    products(count: Int!): [Product!]!
  }
  type Product {
    id: ID!
    name: String!
    price: Float!
    inStock: Boolean!
    sku: String!
    rating: Float
  }
`;

const plainSchema = buildSchema(typeDefs);
const incrementalSchema = new GraphQLSchema({
  ...plainSchema.toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

/** What {@link recordShopOperation} returns. */
export interface ShopExecution {
  /** The query as sent: the application's, with `__typename` added as Apollo Client adds it. */
  readonly document: DocumentNode;
  /** Every payload the executor produced, JSON round-tripped (what a client parses). */
  readonly payloads: readonly Record<string, unknown>[];
  /** The final data as plain `execute()` of the query without `@defer`/`@stream` returns it. */
  readonly expectedData: unknown;
  /** The errors of that plain execution, as JSON; `undefined` when it had none. */
  readonly expectedErrors: readonly unknown[] | undefined;
}

/** Options of {@link recordShopOperation}. */
export interface ShopOperationOptions {
  /** Field errors are part of the workload: plain execution may report them (default: it must not). */
  readonly errors?: boolean;
}

/**
 * Runs `query` with `count` products on the shop schema.
 *
 * @param format - `current` (`experimentalExecuteIncrementally`) or `2022` (`legacyExecuteIncrementally`).
 * @param query - The operation (one `$count: Int!` variable).
 * @param products - The products resolver's result for a count (an array or an async iterable).
 * @param count - The `$count` variable.
 * @param options - Whether field errors are expected.
 * @returns The document sent, the payloads and the oracle's data and errors.
 * @throws When the operation is invalid, the executor delivers nothing incrementally, or the plain
 *   execution has errors that were not expected.
 */
export async function recordShopOperation(
  format: StreamFormat,
  query: DocumentNode,
  products: (count: number) => unknown,
  count: number,
  options: ShopOperationOptions = {},
): Promise<ShopExecution> {
  const rootValue = {
    shop: {
      id: 'shop-1',
      name: 'The Shop',
      catalog: { id: 'catalog-1', title: 'Everything', products: (args: { count: number }) => products(args.count) },
    },
  };
  const document = addTypenameToDocument(query);
  const errors = validate(incrementalSchema, document);
  if (errors.length > 0) throw new Error(errors.map((error) => error.message).join('\n'));
  const args = { schema: incrementalSchema, document, rootValue, variableValues: { count } };
  const output = format === 'current' ? await experimentalExecuteIncrementally(args) : await legacyExecuteIncrementally(args);
  if (!('initialResult' in output)) throw new Error('the executor delivered nothing incrementally');
  const payloads: unknown[] = [output.initialResult];
  for await (const payload of output.subsequentResults) payloads.push(payload);

  const plainDocument = parse(print(document).replace(/@(?:defer|stream)\b(?:\s*\([^)]*\))?/g, ''));
  const plain = await execute({ schema: plainSchema, document: plainDocument, rootValue, variableValues: { count } });
  if (plain.errors !== undefined && options.errors !== true) throw new Error(plain.errors.map((error) => error.message).join('\n'));
  return {
    document,
    payloads: payloads.map((payload) => JSON.parse(JSON.stringify(payload)) as Record<string, unknown>),
    expectedData: JSON.parse(JSON.stringify(plain.data)),
    expectedErrors: plain.errors === undefined ? undefined : (JSON.parse(JSON.stringify(plain.errors)) as unknown[]),
  };
}
