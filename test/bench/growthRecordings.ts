/**
 * The recordings of growth.bench.ts, made with graphql-js 17.1 on the shop schema (shopRecording.ts)
 * and framed as streamRecording.ts frames the long `@stream`:
 * - a list of N products, each with a `@defer`red fragment (current format): the initial payload
 *   announces N `pending` boundaries, then every payload carries one `incremental` entry and its
 *   `completed` entry;
 * - a `@stream` of N products whose nullable `rating` field fails on every item: every payload adds
 *   one error, so the result's `errors` grows to N.
 *
 * Both produce one payload per item because one item becomes ready per event-loop hop, through one
 * shared ticker (a chain of `setImmediate`s): N hops in all, where a wait of `index + 1` hops per item
 * (as reassemblerRecording.ts waits for its 200 items) would take N² / 2.
 */
import { parse } from 'graphql';
import { recordShopOperation, type StreamFormat } from './shopRecording.js';
import { frameRecording, type StreamRecording } from './streamRecording.js';

/** The list of products with a deferred fragment each. */
export const DEFERRED_LIST_QUERY_SOURCE = /* GraphQL */ `
  query DeferredList($count: Int!) {
    shop {
      id
      catalog {
        id
        products(count: $count) {
          id
          name
          ... @defer {
            price
            inStock
          }
        }
      }
    }
  }
`;

/** A stream whose every item reports a field error. */
export const FAILING_STREAM_QUERY_SOURCE = /* GraphQL */ `
  query Ratings($count: Int!) {
    shop {
      id
      catalog {
        id
        products(count: $count) @stream(initialCount: 0) {
          id
          name
          rating
        }
      }
    }
  }
`;

/**
 * Resolves the promise of item `index` on hop `index + 1`, counted from the call: one per hop.
 *
 * @param count - How many items.
 * @returns The promise for each item.
 */
function createTicker(count: number): (index: number) => Promise<void> {
  const resolvers: (() => void)[] = [];
  const ready = Array.from({ length: count }, () => new Promise<void>((resolve) => resolvers.push(resolve)));
  let next = 0;
  const tick = (): void => {
    resolvers[next]!();
    next += 1;
    if (next < count) setImmediate(tick);
  };
  if (count > 0) setImmediate(tick);
  return (index) => ready[index]!;
}

/**
 * Records the list of `items` products with a deferred fragment each (current format only: the 2022
 * format announces nothing, and its deferred payloads are the page of reassemblerRecording.ts).
 *
 * @param items - How many list items (and deferred fragments).
 * @returns The recording.
 * @throws When the executor does not send the shape described above.
 */
export async function recordDeferredList(items: number): Promise<StreamRecording> {
  const products = (count: number) => {
    const ready = createTicker(count);
    return Array.from({ length: count }, (_, index) => ({
      id: `product-${index}`,
      name: `Product number ${index}`,
      price: () => ready(index).then(() => Math.round(index * 137.5) / 100),
      inStock: () => ready(index).then(() => index % 3 !== 0),
    }));
  };
  const { payloads, expectedData } = await recordShopOperation('current', parse(DEFERRED_LIST_QUERY_SOURCE), products, items);
  const [initial, ...rest] = payloads;
  const announced = (initial?.['pending'] as unknown[] | undefined)?.length;
  const oneEach = rest.every(
    (payload) => (payload['incremental'] as unknown[] | undefined)?.length === 1 && (payload['completed'] as unknown[] | undefined)?.length === 1,
  );
  if (announced !== items || rest.length !== items || !oneEach) {
    throw new Error(`expected ${items} pending, then one incremental and completed entry per payload; got ${String(announced)} pending and ${rest.length} payloads`);
  }
  return frameRecording('current', items, payloads, expectedData);
}

/**
 * Records the stream of `items` products whose `rating` fails.
 *
 * @param format - `current` or `2022`.
 * @param items - How many streamed items (and errors).
 * @returns The recording, with the plain execution's errors as the expected ones.
 * @throws When the executor does not send one payload, and one error, per item.
 */
export async function recordFailingStream(format: StreamFormat, items: number): Promise<StreamRecording> {
  async function* products(count: number): AsyncGenerator<Record<string, unknown>> {
    const ready = createTicker(count);
    for (let index = 0; index < count; index += 1) {
      await ready(index);
      yield {
        id: `product-${index}`,
        name: `Product number ${index}`,
        rating: () => {
          throw new Error(`No rating for product ${index} yet`);
        },
      };
    }
  }
  const { payloads, expectedData, expectedErrors } = await recordShopOperation(format, parse(FAILING_STREAM_QUERY_SOURCE), products, items, { errors: true });
  const errorsOf = (entry: unknown): number => ((entry as { errors?: unknown[] }).errors ?? []).length;
  const sent = payloads.reduce(
    (sum, payload) => sum + errorsOf(payload) + ((payload['incremental'] as unknown[] | undefined) ?? []).reduce<number>((inner, entry) => inner + errorsOf(entry), 0),
    0,
  );
  if (payloads.length < items + 1 || payloads.length > items + 2 || sent !== items || expectedErrors?.length !== items) {
    throw new Error(`expected one payload and one error per item, got ${payloads.length} payloads and ${sent} errors for ${items} items`);
  }
  return frameRecording(format, items, payloads, expectedData, expectedErrors);
}
