/**
 * The reassembly benchmark's second workload (issue 7, item 2): a page of 200 list items, each with a
 * `@defer`red fragment, recorded from graphql-js 17.1 in both formats the way `streamRecording.ts`
 * records the long `@stream` (same shop schema shape, `__typename` added as Apollo Client adds it).
 *
 * Each item's deferred fields resolve one event-loop hop after the previous item's, so the executors
 * send one payload per deferred fragment (graphql-js batches fragments that complete together): the
 * worst case for a client, as with a slow per-item data source.
 */
import { parse } from 'graphql';
import { recordShopOperation, type ShopExecution, type StreamFormat } from './shopRecording.js';

/** A recorded response, as parsed payloads. */
export interface DeferPageRecording extends ShopExecution {
  readonly format: StreamFormat;
  /** How many list items carry a deferred fragment. */
  readonly items: number;
}

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

/**
 * Runs the page query for `items` products with graphql-js 17.1.
 *
 * @param format - `current` (`experimentalExecuteIncrementally`) or `2022` (`legacyExecuteIncrementally`).
 * @param items - How many products the page lists.
 * @returns The recording.
 * @throws When the executor does not defer, or the operation is invalid.
 */
export async function recordDeferPage(format: StreamFormat, items: number): Promise<DeferPageRecording> {
  const products = (count: number) => Array.from({ length: count }, (_, index) => product(index));
  return { format, items, ...(await recordShopOperation(format, parse(DEFER_PAGE_QUERY_SOURCE), products, items)) };
}
