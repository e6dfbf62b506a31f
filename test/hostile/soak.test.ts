/**
 * Soak: 2,000 sequential and 200 concurrent `fetchIncremental` requests against the local graphql-js
 * server (graphql@17.1.0, current format, RFC framing), a tenth of them aborted midway.
 *
 * - Every completed request is correct: its final `data` equals graphql-js `execute()` of the same
 *   operation without `@defer`/`@stream` (`executePlain`), and it has no `errors`, `pending` or `failed`.
 * - Every aborted request (a `ticks` stream of 1,000 ticks, 2 ms apart, aborted after its first result)
 *   rejects with the signal's reason, an `AbortError`, and the server stops pulling its source
 *   (`countActiveTickSources()` back to 0).
 * - Memory: heap used after a full GC returns to within {@link HEAP_MARGIN_BYTES} of the heap used after
 *   a warm-up and a full GC. `gc` is obtained in the vitest worker with `v8.setFlagsFromString
 *   ('--expose-gc')` and `vm.runInNewContext('gc')` (no change to the vitest configuration needed).
 * - Nothing left open: once the server is closed (which also drops undici's idle keep-alive
 *   sockets), `process.getActiveResourcesInfo()` shows no more TCP handles, timers or immediates than
 *   before the test (bounded poll).
 */
import { fetchIncremental } from '@graphql-incremental/fetch';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executePlain, type WirePayload } from '../support/executeIncrementally.js';
import { OPERATIONS, type Operation } from '../support/operations.js';
import { countActiveTickSources, startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import { countHandles, noMoreHandles, waitFor } from '../fetch/support-faults.js';

const SEQUENTIAL = 2_000;
const CONCURRENT = 200;
/** Every tenth request is aborted after its first result. */
const ABORT_EVERY = 10;
/** Requests run before the baseline is taken (modules, JIT, pools and caches settle). */
const WARM_UP = 200;
/**
 * Heap used may exceed the baseline by this much after the soak and a full GC. Measured: about
 * +1-4 MiB whatever the request count (2,000 or 6,000 sequential requests gave the same), i.e. one-time
 * growth of the runtime, not a per-request leak.
 */
const HEAP_MARGIN_BYTES = 8 * 1024 * 1024;
/**
 * Growth allowed between the middle and the end of the sequential run (1,000 requests): a leak of
 * 4 KiB per request would exceed it. Measured: 0.2-1.2 MiB.
 */
const HEAP_HALF_MARGIN_BYTES = 4 * 1024 * 1024;
/** How long the handles, sockets and tick sources may take to go away. */
const SETTLE_MS = 5_000;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Names of operations that complete without errors and whose plain result is the oracle. */
const SOAK_OPERATION_NAMES = [
  'simple-defer',
  'root-defer',
  'sync-stream-batched',
  'async-stream',
  'nested-defer',
  'defer-under-list',
  'stream-in-defer',
  'async-stream-in-defer',
  'defer-in-stream',
  'defer-in-async-stream',
  'fragment-spreads',
  'aliases',
  'variables',
];

interface SoakCase {
  readonly operation: Operation;
  readonly expected: WirePayload;
}

/** The request that is aborted midway: a stream that keeps the server busy long after the first result. */
const ABORTED_QUERY = '{ ticks(count: 1000, intervalMs: 2) @stream(initialCount: 1) }';

let server: RunningServer;
let cases: SoakCase[] = [];
let handlesBefore: Record<string, number> = {};

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function heapAfterGc(): number {
  for (let round = 0; round < 3; round++) gc();
  return process.memoryUsage().heapUsed;
}

interface Outcome {
  readonly kind: 'completed' | 'aborted';
}

/** Runs request `index`: an ordinary operation checked against its oracle, or an aborted stream. */
async function runRequest(index: number): Promise<Outcome> {
  if (index % ABORT_EVERY === ABORT_EVERY - 1) {
    const controller = new AbortController();
    let results = 0;
    try {
      for await (const result of fetchIncremental<{ ticks: number[] }>(server.url, { query: ABORTED_QUERY }, { signal: controller.signal })) {
        results++;
        expect(result.hasNext).toBe(true);
        controller.abort();
      }
    } catch (error) {
      expect(error).toBeInstanceOf(DOMException);
      expect((error as DOMException).name).toBe('AbortError');
      expect(results).toBe(1);
      return { kind: 'aborted' };
    }
    throw new Error(`request ${index}: the aborted stream ended without the abort reason`);
  }
  const soakCase = cases[index % cases.length]!;
  let last: { data?: unknown; errors?: unknown; hasNext: boolean; pending: readonly unknown[]; failed: readonly unknown[] } | undefined;
  for await (const result of fetchIncremental(server.url, {
    query: soakCase.operation.query,
    ...(soakCase.operation.variables === undefined ? {} : { variables: soakCase.operation.variables }),
  })) last = result;
  expect(last, soakCase.operation.name).toBeDefined();
  expect(last!.hasNext).toBe(false);
  expect(last!.data, soakCase.operation.name).toEqual(soakCase.expected.data);
  expect(last!.errors).toBeUndefined();
  expect(last!.pending).toEqual([]);
  expect(last!.failed).toEqual([]);
  return { kind: 'completed' };
}

let baselineHeap = 0;

beforeAll(async () => {
  handlesBefore = countHandles();
  server = await startGraphqlJsServer();
  const operations = OPERATIONS.filter((operation) => SOAK_OPERATION_NAMES.includes(operation.name));
  expect(operations).toHaveLength(SOAK_OPERATION_NAMES.length);
  cases = await Promise.all(operations.map(async (operation) => ({ operation, expected: await executePlain(operation) })));
  for (const soakCase of cases) expect(soakCase.expected.errors, soakCase.operation.name).toBeUndefined();
  // Warm-up: every operation and the aborted stream once, so that lazily built state (modules, the
  // connection pool, JIT) is in the baseline.
  for (let index = 0; index < WARM_UP; index++) await runRequest(index);
  await waitFor(() => countActiveTickSources() === 0, SETTLE_MS, 'tick sources released after warm-up');
  baselineHeap = heapAfterGc();
}, 60_000);

afterAll(async () => {
  await server.close();
});

describe('soak', () => {
  it(`${SEQUENTIAL} sequential requests, a tenth aborted midway: every completed one correct`, async () => {
    const started = performance.now();
    const counts = { completed: 0, aborted: 0 };
    let heapAtHalf = 0;
    for (let index = 0; index < SEQUENTIAL; index++) {
      counts[(await runRequest(index)).kind]++;
      if (index === SEQUENTIAL / 2 - 1) {
        await waitFor(() => countActiveTickSources() === 0, SETTLE_MS, 'tick sources released');
        heapAtHalf = heapAfterGc();
      }
    }
    expect(counts).toEqual({ completed: SEQUENTIAL - SEQUENTIAL / ABORT_EVERY, aborted: SEQUENTIAL / ABORT_EVERY });
    await waitFor(() => countActiveTickSources() === 0, SETTLE_MS, 'the server stopped every aborted stream');
    const heapAtEnd = heapAfterGc();
    console.info(`soak: heap after GC ${mib(baselineHeap)} baseline, ${mib(heapAtHalf)} after ${SEQUENTIAL / 2}, ${mib(heapAtEnd)} after ${SEQUENTIAL}`);
    expect(heapAtEnd - heapAtHalf).toBeLessThan(HEAP_HALF_MARGIN_BYTES);
    console.info(`soak: ${SEQUENTIAL} sequential requests in ${Math.round(performance.now() - started)} ms`);
  }, 120_000);

  it(`${CONCURRENT} concurrent requests, a tenth aborted midway: every completed one correct`, async () => {
    const started = performance.now();
    const outcomes = await Promise.all(Array.from({ length: CONCURRENT }, (_, index) => runRequest(index)));
    expect(outcomes.filter((outcome) => outcome.kind === 'aborted')).toHaveLength(CONCURRENT / ABORT_EVERY);
    await waitFor(() => countActiveTickSources() === 0, SETTLE_MS, 'the server stopped every aborted stream');
    console.info(`soak: ${CONCURRENT} concurrent requests in ${Math.round(performance.now() - started)} ms`);
  }, 60_000);

  it('memory returns to the baseline after GC, and nothing is left open once the server is closed', async () => {
    const heap = heapAfterGc();
    console.info(`soak: heap used after GC ${mib(baselineHeap)} baseline, ${mib(heap)} after the soak`);
    expect(heap - baselineHeap).toBeLessThan(HEAP_MARGIN_BYTES);
    await server.close();
    try {
      await waitFor(() => noMoreHandles(handlesBefore, countHandles()), SETTLE_MS, 'the handles released');
    } catch {
      expect({ before: handlesBefore, after: countHandles() }).toStrictEqual({ before: handlesBefore, after: handlesBefore });
    }
  }, 30_000);
});
