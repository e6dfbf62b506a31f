/**
 * The recorded response the Apollo end-to-end benchmark replays: a `@stream` of N products at depth 3
 * (`shop.catalog.products`), produced once by graphql-js 17.1 and framed as multipart/mixed the way
 * Apollo Server frames it. Both links then read the very same bytes.
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

/** A recorded multipart response. */
export interface StreamRecording {
  readonly format: StreamFormat;
  /** How many items the stream delivers. */
  readonly items: number;
  /** The response's content type (boundary `-`, as Apollo Server sends it). */
  readonly contentType: string;
  /** The whole body. */
  readonly body: Uint8Array;
  /** Every payload's part as framed on the wire, in order (joined, plus the close delimiter, they make `body`). */
  readonly parts: readonly Uint8Array[];
  /** The close delimiter that ends the body. */
  readonly closeDelimiter: Uint8Array;
  /** The final data as plain `execute()` (without `@stream`) returns it: what every client must end with. */
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

/** The operation, as the application writes it. Apollo's cache adds `__typename` before sending. */
export const STREAM_QUERY_SOURCE = /* GraphQL */ `
  query Products($count: Int!) {
    shop {
      id
      name
      catalog {
        id
        title
        products(count: $count) @stream(initialCount: 0) {
          id
          name
          price
          inStock
          sku
        }
      }
    }
  }
`;

/** The query document both links get from Apollo Client (Apollo adds `__typename` to every selection). */
export const STREAM_QUERY: DocumentNode = parse(STREAM_QUERY_SOURCE);

function product(index: number): Record<string, unknown> {
  return {
    id: `product-${index}`,
    name: `Product number ${index}`,
    price: Math.round(index * 137.5) / 100,
    inStock: index % 3 !== 0,
    sku: `SKU-${(index * 7919).toString(36).toUpperCase()}`,
  };
}

/**
 * One product per `setImmediate` hop, so the executors send one payload per item (graphql-js batches
 * items that are ready together): the worst case for a client, and what a slow data source produces.
 */
async function* products(count: number): AsyncGenerator<Record<string, unknown>> {
  for (let index = 0; index < count; index += 1) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    yield product(index);
  }
}

const rootValue = {
  shop: {
    id: 'shop-1',
    name: 'The Shop',
    catalog: {
      id: 'catalog-1',
      title: 'Everything',
      products: ({ count }: { count: number }) => products(count),
    },
  },
};

const plainSchema = buildSchema(typeDefs);
const incrementalSchema = new GraphQLSchema({
  ...plainSchema.toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

const encoder = new TextEncoder();
const PART_HEADER = '\r\n---\r\ncontent-type: application/json; charset=utf-8\r\n\r\n';
const CLOSE_DELIMITER = '\r\n-----\r\n';

function stripStream(document: DocumentNode): DocumentNode {
  return parse(print(document).replace(/@stream\(initialCount: 0\)/g, ''));
}

/**
 * Runs the stream query for `items` products with graphql-js 17.1 and frames the payloads.
 *
 * @param format - `current` (`experimentalExecuteIncrementally`) or `2022` (`legacyExecuteIncrementally`).
 * @param items - How many products the stream delivers.
 * @returns The recording.
 * @throws When the executors do not produce one payload per item, or the operation is invalid.
 */
export async function recordStream(format: StreamFormat, items: number): Promise<StreamRecording> {
  const document = addTypenameToDocument(STREAM_QUERY);
  const errors = validate(incrementalSchema, document);
  if (errors.length > 0) throw new Error(errors.map((error) => error.message).join('\n'));
  const args = { schema: incrementalSchema, document, rootValue, variableValues: { count: items } };
  const output = format === 'current' ? await experimentalExecuteIncrementally(args) : await legacyExecuteIncrementally(args);
  if (!('initialResult' in output)) throw new Error('the executor did not stream');
  const payloads: unknown[] = [output.initialResult];
  for await (const payload of output.subsequentResults) payloads.push(payload);
  // initial payload, one per item, and (depending on the format) one that only says the stream ended.
  if (payloads.length < items + 1 || payloads.length > items + 2) {
    throw new Error(`expected one payload per item, got ${payloads.length} payloads for ${items} items`);
  }

  const parts = payloads.map((payload) => encoder.encode(PART_HEADER + JSON.stringify(payload)));
  const closeDelimiter = encoder.encode(CLOSE_DELIMITER);
  const body = new Uint8Array(parts.reduce((length, part) => length + part.length, closeDelimiter.length));
  let offset = 0;
  for (const part of [...parts, closeDelimiter]) {
    body.set(part, offset);
    offset += part.length;
  }

  const plain = await execute({ schema: plainSchema, document: stripStream(document), rootValue, variableValues: { count: items } });
  if (plain.errors !== undefined) throw new Error(plain.errors.map((error) => error.message).join('\n'));
  return {
    format,
    items,
    contentType: format === 'current' ? 'multipart/mixed; boundary="-"; incrementalSpec=v0.2' : 'multipart/mixed; boundary="-"; deferSpec=20220824',
    body,
    parts,
    closeDelimiter,
    expectedData: JSON.parse(JSON.stringify(plain.data)),
  };
}
