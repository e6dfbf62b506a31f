/**
 * The demo in a real browser: Debian's Chromium driven by playwright-core against the demo server
 * (in-process, short delays, pages built by Vite into a temporary directory).
 *
 * - Each page renders progressively: the product before the reviews, the reviews before the
 *   recommendations (the last deferred section), the streamed inventory in steps. A MutationObserver
 *   installed before the page's scripts records every change of what is visible, so the assertions are
 *   on order, not on timing.
 * - fetchIncremental, and readPayloads + createReassembler, run in the browser's own engine (its
 *   fetch, ReadableStream and TextDecoder) and reach the same final data as plain execution.
 *
 * Needs /usr/bin/chromium (`apt-get install chromium`): skipped without it, except under CI, where
 * its absence fails the run.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphqlIncrementalGlobal } from '../../demo/pages/check/main.js';
import { buildPages } from '../../demo/server/buildPages.js';
import { startProductServer, type RunningDemoServer } from '../../demo/server/startProductServer.js';
import { EXPECTED_PRODUCT_PAGE_DATA } from '../support/productPage.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SCREENSHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');

/** The flags known to work on our machines: no GPU, no sandbox as root, no calls home. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What is visible on a page at one moment. */
interface Snapshot {
  product: boolean;
  reviews: number;
  recommendations: number;
  inventory: number;
}

/**
 * Runs in the page before its scripts: records a snapshot whenever what is visible changes.
 * Serialised by Playwright, so it uses nothing from this module.
 */
function recordSnapshots(): void {
  const snapshots: Snapshot[] = [];
  (window as unknown as { snapshots: Snapshot[] }).snapshots = snapshots;
  const take = () => {
    const next: Snapshot = {
      product: document.querySelector('[data-testid=product-name]') !== null,
      reviews: document.querySelectorAll('[data-testid=review]').length,
      recommendations: document.querySelectorAll('[data-testid=recommendation]').length,
      inventory: document.querySelectorAll('[data-testid=stock]').length,
    };
    const last = snapshots.at(-1);
    if (last === undefined || JSON.stringify(last) !== JSON.stringify(next)) snapshots.push(next);
  };
  new MutationObserver(take).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Asserts the order in which a page showed its sections. */
function expectProgressiveRendering(snapshots: Snapshot[]): void {
  const firstIndex = (seen: (snapshot: Snapshot) => boolean) => snapshots.findIndex(seen);
  const product = firstIndex((s) => s.product);
  const reviews = firstIndex((s) => s.reviews > 0);
  const recommendations = firstIndex((s) => s.recommendations > 0);
  expect(product).toBeGreaterThanOrEqual(0);
  expect(reviews).toBeGreaterThan(product);
  expect(recommendations).toBeGreaterThan(reviews);
  // When the product first showed, none of the deferred sections had.
  expect(snapshots[product]).toMatchObject({ reviews: 0, recommendations: 0 });
  const final = snapshots.at(-1)!;
  expect(final).toEqual({ product: true, reviews: 2, recommendations: 2, inventory: 4 });
  // The inventory grew in steps, never shrinking: at least three distinct sizes on the way to 4.
  const sizes = snapshots.map((s) => s.inventory);
  expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
  expect(new Set(sizes.filter((size) => size > 0)).size).toBeGreaterThanOrEqual(3);
}

if (!hasChromium && process.env['CI'] === undefined) {
  console.warn(`test/e2e/browser.test.ts skipped: ${CHROMIUM} is missing; \`apt-get install chromium\` enables the browser test.`);
}
if (!hasChromium && process.env['CI'] !== undefined) {
  describe('browser demo', () => {
    it('needs Chromium under CI', () => {
      expect.fail(`${CHROMIUM} is missing: CI must install it (apt-get install -y chromium) to run the browser test.`);
    });
  });
}

describe.skipIf(!hasChromium)(
  hasChromium ? 'browser demo (Debian Chromium)' : `browser demo: skipped, ${CHROMIUM} is missing; \`apt-get install chromium\` enables it`,
  () => {
    let server: RunningDemoServer;
    let browser: Browser;
    let pagesDir: string;

    beforeAll(async () => {
      pagesDir = await mkdtemp(join(tmpdir(), 'graphql-incremental-pages-'));
      await buildPages(pagesDir);
      // Short, well separated delays: inventory items 80 ms apart, reviews at 300 ms, recommendations at 700 ms.
      server = await startProductServer(0, { reviewsMs: 300, recommendationsMs: 700, perWarehouseMs: 80 }, { pagesDir });
      browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 20_000 });
      await mkdir(SCREENSHOTS, { recursive: true });
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      if (pagesDir !== undefined) await rm(pagesDir, { recursive: true, force: true });
    }, 20_000);

    async function openPage(path: string): Promise<Page> {
      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      page.setDefaultTimeout(10_000);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
      await page.addInitScript(recordSnapshots);
      await page.goto(`${server.origin}${path}`);
      // Checked at the end of each test through this page's `problems` list.
      (page as Page & { problems?: string[] }).problems = problems;
      return page;
    }

    const snapshotsOf = (page: Page) => page.evaluate(() => (window as unknown as { snapshots: Snapshot[] }).snapshots);
    const problemsOf = (page: Page) => (page as Page & { problems?: string[] }).problems ?? [];

    it.each([
      ['current', '/plain/'],
      ['2022', '/plain/?format=2022'],
    ])('plain page (fetchIncremental, %s format): product, then reviews, then recommendations; the inventory grows; a timeline entry per result', async (format, path) => {
      const page = await openPage(path);
      try {
        await page.waitForSelector('body[data-done]');
        expect(await page.getAttribute('body', 'data-done')).toBe('true');
        expectProgressiveRendering(await snapshotsOf(page));
        const timeline = await page.locator('[data-testid=timeline-entry]').allTextContents();
        expect(timeline.length).toBeGreaterThanOrEqual(4);
        expect(timeline[0]).toMatch(/^\+\d+ msproduct \(id, name, price\)/);
        expect(timeline.some((entry) => entry.includes('reviews (2)'))).toBe(true);
        expect(timeline.at(-1)).toMatch(/recommendations \(2\).*\(complete\)$/);
        expect(problemsOf(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `plain-${format}.png`), fullPage: true });
      } finally {
        await page.close();
      }
    }, 30_000);

    it('React page (Apollo Client 4 + IncrementalHttpLink): product at once, skeletons until the deferred sections arrive, the inventory grows', async () => {
      const page = await openPage('/react/');
      try {
        await page.waitForSelector('[data-testid=product-name]');
        // The deferred sections are still skeletons when the product is shown.
        await expect(page.locator('[data-testid=recommendations-skeleton]').count()).resolves.toBe(1);
        await page.waitForFunction(() => document.querySelector('[data-testid=data-state]')?.textContent === 'complete');
        expect(await page.locator('[data-testid=reviews-skeleton]').count()).toBe(0);
        expect(await page.locator('[data-testid=recommendations-skeleton]').count()).toBe(0);
        expectProgressiveRendering(await snapshotsOf(page));
        expect(await page.locator('[data-testid=stock]').allTextContents()).toEqual([
          'Berlin: 12 in stock',
          'Lyon: 4 in stock',
          'Turin: 9 in stock',
          'Porto: 0 in stock',
        ]);
        expect(problemsOf(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, 'react.png'), fullPage: true });
      } finally {
        await page.close();
      }
    }, 30_000);

    it.each(['current', '2022'] as const)('fetchIncremental and readPayloads in the browser engine (%s format) reach the data of plain execution', async (format) => {
      const page = await openPage('/check/');
      try {
        await page.waitForFunction(() => window.graphqlIncremental !== undefined);
        const outcome = await page.evaluate(async (format) => {
          const { fetchIncremental, readPayloads, createReassembler, PRODUCT_PAGE_QUERY } = window.graphqlIncremental as GraphqlIncrementalGlobal;
          const signal = AbortSignal.timeout(10_000);
          const results: { hasNext: boolean; data: unknown }[] = [];
          for await (const result of fetchIncremental('/graphql', { query: PRODUCT_PAGE_QUERY }, { format, signal })) {
            results.push({ hasNext: result.hasNext, data: result.data });
          }
          const accept = format === 'current' ? 'multipart/mixed;incrementalSpec=v0.2, application/json;q=0.9' : 'multipart/mixed;deferSpec=20220824, application/json;q=0.9';
          const response = await fetch('/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept },
            body: JSON.stringify({ query: PRODUCT_PAGE_QUERY }),
            signal,
          });
          const contentType = response.headers.get('content-type');
          const reassembler = createReassembler();
          const payloads: unknown[] = [];
          for await (const payload of readPayloads(response, { signal })) {
            payloads.push(payload);
            reassembler.apply(payload);
          }
          return { results, contentType, payloads, reassembled: reassembler.current?.data, userAgent: navigator.userAgent };
        }, format);
        expect(outcome.userAgent).toMatch(/Chrome\/\d+/);
        expect(outcome.results.length).toBeGreaterThanOrEqual(4);
        expect(outcome.results.slice(0, -1).every(({ hasNext }) => hasNext)).toBe(true);
        expect(outcome.results.at(-1)).toEqual({ hasNext: false, data: EXPECTED_PRODUCT_PAGE_DATA });
        expect(outcome.contentType).toContain(format === 'current' ? 'incrementalSpec=v0.2' : 'deferSpec=20220824');
        // One payload per part: the initial result, four inventory items, two deferred fragments, and
        // (stream ending after its items) a payload that only completes it: at least six either way.
        expect(outcome.payloads.length).toBeGreaterThanOrEqual(6);
        expect(outcome.payloads[0]).toMatchObject({ data: { product: { id: '42', inventory: [] } }, hasNext: true });
        expect(outcome.payloads.at(-1)).toMatchObject({ hasNext: false });
        expect(outcome.reassembled).toEqual(EXPECTED_PRODUCT_PAGE_DATA);
        expect(problemsOf(page)).toEqual([]);
        await page.screenshot({ path: join(SCREENSHOTS, `check-${format}.png`) });
      } finally {
        await page.close();
      }
    }, 30_000);
  },
);
