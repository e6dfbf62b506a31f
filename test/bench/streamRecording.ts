/**
 * The recorded response the Apollo and fetch end-to-end benchmarks replay: a `@stream` of N products at depth 3
 * (`shop.catalog.products`), produced once by graphql-js 17.1 and framed as multipart/mixed the way
 * Apollo Server frames it. Both links then read the very same bytes.
 */
import { parse, type DocumentNode } from 'graphql';
import { createReplayFetch, type Chunking } from './replayFetch.js';
import { recordShopOperation, type StreamFormat } from './shopRecording.js';

export type { StreamFormat } from './shopRecording.js';

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
  /** The errors of that plain execution (JSON), in order; `undefined` when it had none. */
  readonly expectedErrors?: readonly unknown[] | undefined;
}

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

const encoder = new TextEncoder();
const PART_HEADER = '\r\n---\r\ncontent-type: application/json; charset=utf-8\r\n\r\n';
const CLOSE_DELIMITER = '\r\n-----\r\n';

/**
 * Runs the stream query for `items` products with graphql-js 17.1 and frames the payloads.
 *
 * @param format - `current` (`experimentalExecuteIncrementally`) or `2022` (`legacyExecuteIncrementally`).
 * @param items - How many products the stream delivers.
 * @returns The recording.
 * @throws When the executors do not produce one payload per item, or the operation is invalid.
 */
export async function recordStream(format: StreamFormat, items: number): Promise<StreamRecording> {
  const { payloads, expectedData } = await recordShopOperation(format, STREAM_QUERY, products, items);
  // initial payload, one per item, and (depending on the format) one that only says the stream ended.
  if (payloads.length < items + 1 || payloads.length > items + 2) {
    throw new Error(`expected one payload per item, got ${payloads.length} payloads for ${items} items`);
  }
  return frameRecording(format, items, payloads, expectedData);
}

/**
 * Frames payloads as multipart/mixed the way Apollo Server frames them (boundary `-`).
 *
 * @param format - The payloads' wire format (it picks the content type).
 * @param items - The item count the recording answers (the request's `count` variable).
 * @param payloads - Every payload, in order.
 * @param expectedData - The oracle's data.
 * @param expectedErrors - The oracle's errors, if any.
 * @returns The recording.
 */
export function frameRecording(
  format: StreamFormat,
  items: number,
  payloads: readonly unknown[],
  expectedData: unknown,
  expectedErrors?: readonly unknown[],
): StreamRecording {
  const parts = payloads.map((payload) => encoder.encode(PART_HEADER + JSON.stringify(payload)));
  const closeDelimiter = encoder.encode(CLOSE_DELIMITER);
  const body = new Uint8Array(parts.reduce((length, part) => length + part.length, closeDelimiter.length));
  let offset = 0;
  for (const part of [...parts, closeDelimiter]) {
    body.set(part, offset);
    offset += part.length;
  }

  return {
    format,
    items,
    contentType: format === 'current' ? 'multipart/mixed; boundary="-"; incrementalSpec=v0.2' : 'multipart/mixed; boundary="-"; deferSpec=20220824',
    body,
    parts,
    closeDelimiter,
    expectedData,
    expectedErrors,
  };
}

/**
 * A `fetch` that replays the recording (see {@link createReplayFetch}) and rejects a request whose
 * `count` variable is not the recorded item count, so a benchmark cannot compare mismatched runs.
 *
 * @param recording - The recorded stream.
 * @param chunking - How the body is cut into network chunks.
 * @returns The replaying `fetch`.
 */
export function createRecordingFetch(recording: StreamRecording, chunking: Chunking): typeof fetch {
  return createReplayFetch(recording, chunking, {
    checkRequest: (body) => {
      const count = (body as { variables?: { count?: unknown } }).variables?.count;
      if (count !== recording.items) throw new Error(`the request asks for ${String(count)} items; the recording has ${recording.items}`);
    },
  });
}
