/**
 * The reassembly benchmark's second workload (issue 7, item 2): a page of 200 list items, each with a
 * `@defer`red fragment, recorded from graphql-js 17.1 in both formats the way `streamRecording.ts`
 * records the long `@stream` (same shop schema shape, `__typename` added as Apollo Client adds it).
 *
 * Each item's deferred fields resolve one event-loop hop after the previous item's, so the executors
 * send one payload per deferred fragment (graphql-js batches fragments that complete together): the
 * worst case for a client, as with a slow per-item data source.
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
import type { StreamFormat } from './streamRecording.js';

/** A recorded response, as parsed payloads. */
export interface DeferPageRecording {
  readonly format: StreamFormat;
  /** How many list items carry a deferred fragment. */
  readonly items: number;
  /** The query as sent (with `__typename`), for the peers that need the document. */
  readonly document: DocumentNode;
  /** Every payload as the executor produced it, JSON round-tripped (what a client parses). */
  readonly payloads: readonly Record<string, unknown>[];
  /** The final data as plain `execute()` (without `@defer`) returns it. */
  readonly expectedData: unknown;
}

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
  }
`;

/** Apollo's `GraphQL17Alpha9Handler` requires a label on every `@defer`. */
export const DEFER_PAGE_QUERY_SOURCE = /* GraphQL */ `
  query ProductPage($count: Int!) {
    shop {
      id
      name
      catalog {
        id
        title
        products(count: $count) {
          id
          name
          ... @defer(label: "details") {
            price
            inStock
            sku
          }
        }
      }
    }
  }
`;

/** Resolves after `hops` turns of the event loop. */
async function afterHops(hops: number): Promise<void> {
  for (let hop = 0; hop < hops; hop += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

function product(index: number): Record<string, unknown> {
  // The deferred fields of item `index` become ready on hop `index + 1`: one fragment per payload.
  const ready = afterHops(index + 1);
  return {
    id: `product-${index}`,
    name: `Product number ${index}`,
    price: () => ready.then(() => Math.round(index * 137.5) / 100),
    inStock: () => ready.then(() => index % 3 !== 0),
    sku: () => ready.then(() => `SKU-${(index * 7919).toString(36).toUpperCase()}`),
  };
}

const rootValue = {
  shop: {
    id: 'shop-1',
    name: 'The Shop',
    catalog: {
      id: 'catalog-1',
      title: 'Everything',
      products: ({ count }: { count: number }) => Array.from({ length: count }, (_, index) => product(index)),
    },
  },
};

const plainSchema = buildSchema(typeDefs);
const incrementalSchema = new GraphQLSchema({
  ...plainSchema.toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

function stripDefer(document: DocumentNode): DocumentNode {
  return parse(print(document).replace(/@defer\(label: "details"\)/g, ''));
}

/**
 * Runs the page query for `items` products with graphql-js 17.1.
 *
 * @param format - `current` (`experimentalExecuteIncrementally`) or `2022` (`legacyExecuteIncrementally`).
 * @param items - How many products the page lists.
 * @returns The recording.
 * @throws When the executor does not defer, or the operation is invalid.
 */
export async function recordDeferPage(format: StreamFormat, items: number): Promise<DeferPageRecording> {
  const document = addTypenameToDocument(parse(DEFER_PAGE_QUERY_SOURCE));
  const errors = validate(incrementalSchema, document);
  if (errors.length > 0) throw new Error(errors.map((error) => error.message).join('\n'));
  const args = { schema: incrementalSchema, document, rootValue, variableValues: { count: items } };
  const output = format === 'current' ? await experimentalExecuteIncrementally(args) : await legacyExecuteIncrementally(args);
  if (!('initialResult' in output)) throw new Error('the executor did not defer');
  const payloads: unknown[] = [output.initialResult];
  for await (const payload of output.subsequentResults) payloads.push(payload);

  const plain = await execute({ schema: plainSchema, document: stripDefer(document), rootValue, variableValues: { count: items } });
  if (plain.errors !== undefined) throw new Error(plain.errors.map((error) => error.message).join('\n'));
  return {
    format,
    items,
    document,
    payloads: payloads.map((payload) => JSON.parse(JSON.stringify(payload)) as Record<string, unknown>),
    expectedData: JSON.parse(JSON.stringify(plain.data)),
  };
}
