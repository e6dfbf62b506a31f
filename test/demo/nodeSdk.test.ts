/**
 * The Node SDK example (demo/node/printResults.ts) against the demo's product server, as `pnpm demo`
 * runs it: every merged result printed in arrival order, in both formats.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRODUCT_PAGE_QUERY } from '../../demo/node/productPageQuery.js';
import { printResults } from '../../demo/node/printResults.js';
import { startProductServer, type RunningDemoServer } from '../../demo/server/startProductServer.js';
import { EXPECTED_PRODUCT_PAGE_DATA } from '../support/productPage.js';

let server: RunningDemoServer;
beforeAll(async () => {
  server = await startProductServer(0, { reviewsMs: 150, recommendationsMs: 450, perWarehouseMs: 60 });
});
afterAll(() => server.close());

describe.each(['current', '2022'] as const)('printResults, %s format', (format) => {
  it('prints the product first, then reviews, then recommendations, with the inventory growing', async () => {
    const lines: string[] = [];
    const final = await printResults(server.url, { query: PRODUCT_PAGE_QUERY }, { format, signal: AbortSignal.timeout(10_000) }, (line) => lines.push(line));
    const data = lines.map((line) => JSON.parse(line.slice(line.indexOf('{'))) as { product: Record<string, unknown[] | undefined> });
    expect(lines[0]).toMatch(/^\s+\+\d+ ms {2}waiting for /);
    expect(data[0]?.product['inventory']).toEqual([]);
    expect(data[0]?.product['reviews']).toBeUndefined();
    const firstWith = (field: string) => data.findIndex(({ product }) => product[field] !== undefined);
    expect(firstWith('reviews')).toBeGreaterThan(0);
    expect(firstWith('recommendations')).toBeGreaterThan(firstWith('reviews'));
    const inventorySizes = data.map(({ product }) => product['inventory']?.length ?? 0);
    expect(inventorySizes).toEqual([...inventorySizes].sort((a, b) => a - b));
    expect(new Set(inventorySizes).size).toBeGreaterThanOrEqual(3);
    expect(lines.at(-1)).toMatch(/ {2}complete {2}/);
    expect(final?.data).toEqual(EXPECTED_PRODUCT_PAGE_DATA);
  });
});
