/**
 * Cancelling fetchIncremental end to end: breaking out of `for await` aborts the request (the server
 * sees the disconnect and stops pulling from its source), and an external `signal` ends the iteration
 * with the signal's reason wherever the response is (before the request, waiting for headers, inside
 * a part, between parts), promptly, without leaving the request's socket, a listener on the signal,
 * or a handle behind. Aborting after the last part changes nothing.
 *
 * How "nothing left behind" is checked (all with bounded polls):
 * - the client socket that carried the request is destroyed, seen through undici's diagnostics channel
 *   while the server is still running (undici unrefs idle pooled sockets, so they do not show in
 *   `process.getActiveResourcesInfo()`, and the in-process server's end of a connection does);
 * - the caller's signal has no `abort` listener left (`events.getEventListeners`);
 * - `process.getActiveResourcesInfo()` has no more sockets, servers or timers than before the test,
 *   once the test's server is closed.
 */
import { fetchIncremental, type FetchResult } from '@graphql-incremental/fetch';
import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_FAULT_RECORDING,
  countActiveTickSources,
  faultUrl,
  loadRecording,
  startFaultServer,
  startGraphqlJsServer,
  type FaultServerOptions,
  type RunningServer,
} from '../support/servers/index.js';
import {
  collect,
  countHandles,
  expectResultsOfPrefix,
  noMoreHandles,
  reassembledStates,
  recordedPayloads,
  sleep,
  trackRequestSockets,
  waitFor,
  within,
  type RequestSocketTracker,
} from './support-faults.js';

type Ticks = { ticks: number[] };

const TEST_TIMEOUT_MS = 10_000;
/** How long an abort may take to end the iteration. */
const PROMPT_MS = 500;
/** How long sockets, listeners and handles may take to go away. */
const SETTLE_MS = 3000;

const REQUEST = { query: loadRecording(DEFAULT_FAULT_RECORDING).request.body.query };
const STATES = reassembledStates(recordedPayloads());

/** One test's servers, socket tracker and the handle counts before it started; cleaned up after each test. */
let servers: RunningServer[] = [];
let tracker: RequestSocketTracker | undefined;
let handlesBefore: Record<string, number> = {};

function begin(): RequestSocketTracker {
  handlesBefore = countHandles();
  tracker = trackRequestSockets();
  return tracker;
}

async function faultServer(options: FaultServerOptions = {}): Promise<RunningServer> {
  const server = await startFaultServer(options);
  servers.push(server);
  return server;
}

async function graphqlJsServer(): Promise<RunningServer> {
  const server = await startGraphqlJsServer();
  servers.push(server);
  return server;
}

afterEach(async () => {
  tracker?.stop();
  tracker = undefined;
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

/** The request sockets recorded so far are all destroyed, within {@link SETTLE_MS}. */
async function expectRequestSocketsClosed(sockets: RequestSocketTracker, count: number): Promise<void> {
  expect(sockets.sockets).toHaveLength(count);
  await waitFor(() => sockets.sockets.every((socket) => socket.destroyed), SETTLE_MS, 'the request sockets closed');
}

/** No `abort` listener is left on the caller's signal, within {@link SETTLE_MS}. */
async function expectNoListenerLeft(signal: AbortSignal): Promise<void> {
  await waitFor(() => getEventListeners(signal, 'abort').length === 0, SETTLE_MS, 'the abort listeners removed');
}

/** After closing the test's servers: no more sockets, servers or timers than before the test. */
async function expectNoHandlesLeft(): Promise<void> {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
  try {
    await waitFor(() => noMoreHandles(handlesBefore, countHandles()), SETTLE_MS, 'the handles released');
  } catch {
    // Show the counts rather than a timeout message.
    expect({ before: handlesBefore, after: countHandles() }).toStrictEqual({ before: handlesBefore, after: handlesBefore });
  }
}

describe('breaking out of for await', () => {
  it(
    'aborts the request: the server sees the disconnect and stops pulling from its source',
    async () => {
      const server = await graphqlJsServer();
      const sockets = begin();
      const signal = new AbortController().signal; // never aborted: only checked for listeners left behind
      let activeWhileReading = 0;
      const collected = await within(
        collect(
          fetchIncremental<Ticks>(server.url, { query: '{ ticks(count: 100000, intervalMs: 10) @stream(initialCount: 0) }' }, { signal }),
          (result, index) => {
            activeWhileReading = Math.max(activeWhileReading, countActiveTickSources());
            expect(result.hasNext).toBe(true);
            return index === 2;
          },
        ),
        5000,
        'three results',
      );
      expect(collected.threw).toBe(false);
      expect(collected.results).toHaveLength(3);
      expect(collected.results.at(-1)?.data?.ticks.length).toBeGreaterThan(0);
      expect(activeWhileReading).toBe(1);
      // The stream would run for 1000 s; only a disconnect makes the server release its source.
      await waitFor(() => countActiveTickSources() === 0, SETTLE_MS, 'the server released its tick source');
      await expectRequestSocketsClosed(sockets, 1);
      await expectNoListenerLeft(signal);
      expect(collected.results).toStrictEqual(collected.snapshots);
      await expectNoHandlesLeft();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'return() while a next() is pending on a stalled response ends at once and closes the connection',
    async () => {
      const server = await faultServer();
      const sockets = begin();
      const iterator = fetchIncremental(faultUrl(server.url, { kind: 'stall', afterParts: 1 }), REQUEST);
      const first = await within(iterator.next(), 2000, 'the first result');
      expect(first).toStrictEqual({ done: false, value: STATES[0] });
      const pending = iterator.next();
      await sleep(50);
      await expect(within(iterator.return!(), PROMPT_MS, 'return()')).resolves.toStrictEqual({ done: true, value: undefined });
      // The pending next() settles too, and does not hang: with the end, or with the AbortError that
      // return() aborted the request with (for await never has a next() pending when it calls return()).
      const settled = await within(
        pending.then(
          (step) => ({ step }),
          (error: unknown) => ({ error }),
        ),
        PROMPT_MS,
        'the pending next()',
      );
      if ('error' in settled) expect(settled.error).toMatchObject({ name: 'AbortError' });
      else expect(settled.step).toStrictEqual({ done: true, value: undefined });
      await expect(within(iterator.next(), PROMPT_MS, 'next() after return()')).resolves.toStrictEqual({ done: true, value: undefined });
      await expectRequestSocketsClosed(sockets, 1);
      await expectNoHandlesLeft();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a consumer that stopped early can start a new request, which completes',
    async () => {
      const server = await graphqlJsServer();
      const query = '{ ticks(count: 3, intervalMs: 20) @stream(initialCount: 0) }';
      const stopped = await within(
        collect(fetchIncremental<Ticks>(server.url, { query }), () => true),
        5000,
        'the first request',
      );
      expect(stopped.results).toHaveLength(1);
      expect(stopped.results[0]).toMatchObject({ data: { ticks: [] }, hasNext: true });
      const again = await within(collect(fetchIncremental<Ticks>(server.url, { query })), 5000, 'the second request');
      expect(again.threw).toBe(false);
      expect(again.results.at(-1)).toMatchObject({ data: { ticks: [0, 1, 2] }, hasNext: false, pending: [] });
      await waitFor(() => countActiveTickSources() === 0, SETTLE_MS, 'every tick source released');
    },
    TEST_TIMEOUT_MS,
  );
});

describe('an external signal', () => {
  it(
    'aborted before the request: rejects with its reason, sends nothing',
    async () => {
      const server = await faultServer();
      const sockets = begin();
      const reason = new Error('cancelled before the request');
      const signal = AbortSignal.abort(reason);
      let fetchCalls = 0;
      const started = performance.now();
      const collected = await within(
        collect(
          fetchIncremental(server.url, REQUEST, {
            signal,
            fetch: (input, init) => {
              fetchCalls += 1;
              return fetch(input, init);
            },
          }),
        ),
        PROMPT_MS,
        'the iteration',
      );
      expect(collected.threw).toBe(true);
      expect(collected.error).toBe(reason);
      expect(collected.results).toStrictEqual([]);
      expect(collected.endedAt - started).toBeLessThan(PROMPT_MS);
      expect(fetchCalls).toBe(0);
      expect(sockets.sockets).toHaveLength(0);
      await expectNoListenerLeft(signal);
      await expectNoHandlesLeft();
    },
    TEST_TIMEOUT_MS,
  );

  // The request is on the wire and the server answers nothing, not even headers: the stall fault
  // after 0 parts (headers are only flushed with the first body byte), and graphql-js resolving a
  // slow field without @defer (one JSON result after 400 ms).
  it.each([
    ['the stall fault before any byte', async (): Promise<string> => faultUrl((await faultServer()).url, { kind: 'stall', afterParts: 0 }), REQUEST],
    ['graphql-js resolving Query.wait(ms: 400)', async (): Promise<string> => (await graphqlJsServer()).url, { query: '{ wait(ms: 400) }' }],
  ] as const)(
    'aborted while waiting for headers (%s): rejects with its reason, promptly',
    async (_name, urlOf, request) => {
      const url = await urlOf();
      const sockets = begin();
      const controller = new AbortController();
      let responded = false;
      const iterator = fetchIncremental(url, request, {
        signal: controller.signal,
        fetch: (input, init) => {
          const response = fetch(input, init);
          response.then(() => (responded = true)).catch(() => undefined);
          return response;
        },
      });
      const pending = iterator.next();
      await waitFor(() => sockets.sockets.length === 1, 2000, 'the request sent');
      await sleep(50);
      expect(responded).toBe(false);
      const reason = new Error('cancelled while waiting for headers');
      const abortedAt = performance.now();
      controller.abort(reason);
      await expect(within(pending, PROMPT_MS, 'the pending next()')).rejects.toBe(reason);
      expect(performance.now() - abortedAt).toBeLessThan(PROMPT_MS);
      expect(responded).toBe(false);
      await expect(within(iterator.next(), PROMPT_MS, 'next() after the abort')).resolves.toStrictEqual({ done: true, value: undefined });
      await expectRequestSocketsClosed(sockets, 1);
      await expectNoListenerLeft(controller.signal);
      await expectNoHandlesLeft();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'aborted in the middle of a part: rejects with its reason, promptly, the earlier result intact',
    async () => {
      // 8-byte writes 30 ms apart: part 1 (117 bytes) takes about 450 ms to arrive.
      const server = await faultServer({ chunkSize: 8, writeDelayMs: 30 });
      const sockets = begin();
      const controller = new AbortController();
      const iterator = fetchIncremental(server.url, REQUEST, { signal: controller.signal });
      const first = await within(iterator.next(), 5000, 'the first result');
      expect(first).toStrictEqual({ done: false, value: STATES[0] });
      const result = first.value as FetchResult<Record<string, unknown>>;
      const snapshot = structuredClone(result);
      const pending = iterator.next();
      // Wait until well into part 1: its header block (49 bytes) and some of its body arrived. On the
      // wire each 8-byte write costs 13 bytes with its chunked-encoding framing.
      const socket = sockets.sockets[0]!;
      const readAtFirstResult = socket.bytesRead;
      await waitFor(() => socket.bytesRead - readAtFirstResult >= 9 * 13, 3000, 'part 1 partly received');
      const reason = new Error('cancelled mid-part');
      const abortedAt = performance.now();
      controller.abort(reason);
      // Rejecting (rather than resolving with a second result) also shows that part 1 was incomplete.
      await expect(within(pending, PROMPT_MS, 'the pending next()')).rejects.toBe(reason);
      expect(performance.now() - abortedAt).toBeLessThan(PROMPT_MS);
      expect(result).toStrictEqual(snapshot);
      expect(result).toStrictEqual(STATES[0]);
      await expectRequestSocketsClosed(sockets, 1);
      await expectNoListenerLeft(controller.signal);
      await expectNoHandlesLeft();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'aborted between parts: rejects with its reason, promptly, the earlier results intact',
    async () => {
      const server = await faultServer();
      const sockets = begin();
      const controller = new AbortController();
      const reason = new Error('cancelled between parts');
      let abortedAt = Number.NaN;
      // The server sends two complete parts and then nothing: abort while the third next() waits.
      const collected = await within(
        collect(fetchIncremental(faultUrl(server.url, { kind: 'stall', afterParts: 2 }), REQUEST, { signal: controller.signal }), (result) => {
          if ((result.data?.['asyncColors'] as unknown[] | undefined)?.length === 2) {
            setTimeout(() => {
              abortedAt = performance.now();
              controller.abort(reason);
            }, 50);
          }
          return false;
        }),
        3000,
        'the iteration',
      );
      expect(collected.threw).toBe(true);
      expect(collected.error).toBe(reason);
      expect(collected.endedAt - abortedAt).toBeGreaterThanOrEqual(0);
      expect(collected.endedAt - abortedAt).toBeLessThan(PROMPT_MS);
      expectResultsOfPrefix(collected, STATES, 2);
      await expectRequestSocketsClosed(sockets, 1);
      await expectNoListenerLeft(controller.signal);
      await expectNoHandlesLeft();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'aborted after the last part: changes nothing, the iteration ends normally',
    async () => {
      const server = await faultServer();
      const sockets = begin();
      const controller = new AbortController();
      const iterator = fetchIncremental(server.url, REQUEST, { signal: controller.signal });
      const results: unknown[] = [];
      // Read up to the final result, but do not ask for the end yet.
      for (;;) {
        const step = await within(iterator.next(), 3000, 'the next result');
        expect(step.done).toBe(false);
        results.push(step.value);
        if (step.value?.hasNext === false) break;
      }
      controller.abort(new Error('cancelled after the last part'));
      await expect(within(iterator.next(), PROMPT_MS, 'next() after the abort')).resolves.toStrictEqual({ done: true, value: undefined });
      expect(results.at(-1)).toStrictEqual(STATES.at(-1));
      expect(sockets.sockets).toHaveLength(1);
      await expectNoListenerLeft(controller.signal);
      await expectNoHandlesLeft();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'aborted after the iteration completed: nothing happens, no listener stays on the signal',
    async () => {
      const server = await faultServer();
      begin();
      const controller = new AbortController();
      const collected = await within(collect(fetchIncremental(server.url, REQUEST, { signal: controller.signal })), 3000, 'the iteration');
      expect(collected.threw).toBe(false);
      expectResultsOfPrefix(collected, STATES, STATES.length);
      expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
      controller.abort(new Error('too late'));
      expect(collected.results).toStrictEqual(collected.snapshots);
      await expectNoHandlesLeft();
    },
    TEST_TIMEOUT_MS,
  );
});
