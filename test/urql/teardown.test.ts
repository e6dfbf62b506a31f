/**
 * Tearing an operation down aborts its request: the graphql-js server sees the client go and stops
 * pulling from its source (`countActiveTickSources()` goes back to 0), for a `@stream` query and for a
 * multipart subscription; a response that stalls is aborted too; an operation torn down in the tick
 * it started in (React StrictMode's double effects) sends nothing.
 */
import type { OperationResult } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countActiveTickSources, faultUrl, startFaultServer, startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import { collectResults, createRecordingFetch, createUrqlClient, sleep } from './urqlClient.js';

let server: RunningServer;
let faults: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
  faults = await startFaultServer();
});
afterAll(async () => {
  await Promise.all([server.close(), faults.close()]);
});

describe('unsubscribing mid-stream', () => {
  it.each([
    ['a @stream query', 'query', '{ ticks(count: 1000, intervalMs: 20) @stream(initialCount: 1) }'],
    ['a multipart subscription', 'subscription', 'subscription { tick(count: 1000, intervalMs: 20) { n } }'],
  ] as const)('%s: the server stops pulling from its source, no result comes after', async (_name, kind, query) => {
    const client = createUrqlClient(server.url, {}, { fetchSubscriptions: true });
    const source = kind === 'query' ? client.query(query, {}) : client.subscription(query, {});
    const seen: OperationResult[] = [];
    const { unsubscribe } = source.subscribe((result) => seen.push(result));
    await vi.waitFor(() => expect(seen.length).toBeGreaterThanOrEqual(3), { timeout: 2000, interval: 5 });
    expect(seen.every((result) => result.hasNext)).toBe(true);
    expect(countActiveTickSources()).toBe(1);
    unsubscribe();
    const delivered = seen.length;
    await vi.waitFor(() => expect(countActiveTickSources()).toBe(0), { timeout: 2000, interval: 10 });
    // Two more ticks' worth of time: nothing arrives.
    await sleep(40);
    expect(seen).toHaveLength(delivered);
  });

  it('a stalled response: the request is aborted', async () => {
    const signals: AbortSignal[] = [];
    const client = createUrqlClient(faultUrl(faults.url, { kind: 'stall', afterParts: 1 }), {
      fetch: (input, init) => {
        signals.push(init!.signal!);
        return fetch(input, init);
      },
    });
    const results = await collectResults(client.query('{ asyncColors @stream(initialCount: 1) }', {}), { stopWhen: (so) => so.length === 1 });
    expect(results.map((result) => result.data)).toEqual([{ asyncColors: ['red'] }]);
    await vi.waitFor(() => expect(signals[0]?.aborted).toBe(true));
  });
});

it('an operation torn down in the tick it started in sends no request', async () => {
  const recording = createRecordingFetch();
  const client = createUrqlClient(server.url, { fetch: recording.fetch });
  const seen: unknown[] = [];
  client.query('{ hero { id ... @defer { name } } }', {}).subscribe((result) => seen.push(result)).unsubscribe();
  await sleep(50);
  expect(recording.requests).toEqual([]);
  expect(seen).toEqual([]);
});
