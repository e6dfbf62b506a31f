/**
 * fetchIncremental end to end: results arrive while the server is still working, subscriptions yield
 * one result per event, a result the server did not stream is one final result.
 */
import { fetchIncremental, type FetchResult } from '@graphql-incremental/fetch';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphqlJsServer, startYogaServer, type RunningServer } from '../support/servers/index.js';

let graphqlJs: RunningServer;
let yoga: RunningServer;
beforeAll(async () => {
  [graphqlJs, yoga] = await Promise.all([startGraphqlJsServer({ heartbeatIntervalMs: 20 }), startYogaServer()]);
});
afterAll(() => Promise.all([graphqlJs.close(), yoga.close()]));

async function collect<T>(results: AsyncIterable<FetchResult<T>>): Promise<{ result: FetchResult<T>; at: number }[]> {
  const seen: { result: FetchResult<T>; at: number }[] = [];
  const start = performance.now();
  for await (const result of results) seen.push({ result, at: performance.now() - start });
  return seen;
}

describe.each([
  ['graphql-js, current format', () => graphqlJs, {}],
  ['graphql-js, 2022 format', () => graphqlJs, { format: '2022' }],
  ['Yoga, multipart', () => yoga, {}],
  ['Yoga, text/event-stream', () => yoga, { transport: 'event-stream' }],
] as const)('%s', (_name, server, init) => {
  it('hands out each result while the server is still working on the next', async () => {
    const seen = await collect(
      fetchIncremental(
        server().url,
        { query: '{ hero { id } ... @defer(label: "slow") { wait(ms: 900) } ticks(count: 3, intervalMs: 150) @stream }' },
        { ...init, signal: AbortSignal.timeout(10_000) },
      ),
    );
    const first = seen[0]!;
    const last = seen[seen.length - 1]!;
    expect(first.result.data).toMatchObject({ hero: { id: '1' } });
    expect(first.result.data).not.toHaveProperty('wait');
    expect(first.result.hasNext).toBe(true);
    expect(last.result).toMatchObject({ data: { hero: { id: '1' }, wait: 'waited 900', ticks: [0, 1, 2] }, hasNext: false });
    // Ordering, not timing: the stream items came in separate results before the slow fragment.
    const growing = seen.map(({ result }) => (result.data?.['ticks'] as unknown[] | undefined)?.length ?? 0);
    expect(new Set(growing).size).toBeGreaterThanOrEqual(3);
    const allTicks = growing.indexOf(3);
    const slow = seen.findIndex(({ result }) => result.data?.['wait'] !== undefined);
    expect(allTicks).toBeGreaterThan(0);
    expect(slow).toBeGreaterThan(allTicks);
  });
});

describe('a @stream of 12,000 items over HTTP from graphql-js (past the 10,000 payloads after which costly merges are paced)', () => {
  const COUNT = 12_000;
  it.each([['current format', {}], ['2022 format', { format: '2022' }]] as const)(
    '%s: every result extends the list, the last equals plain execution',
    async (_name, init) => {
      const streamed = await collect(
        fetchIncremental<{ ticks: number[] }>(graphqlJs.url, { query: `{ ticks(count: ${COUNT}, intervalMs: 0) @stream }` }, { ...init, signal: AbortSignal.timeout(30_000) }),
      );
      const [plain] = await collect(fetchIncremental(graphqlJs.url, { query: `{ ticks(count: ${COUNT}, intervalMs: 0) }` }, { signal: AbortSignal.timeout(30_000) }));
      // Growing, never shrinking (the 2022 format's last payload only says hasNext: false).
      const lengths = streamed.map(({ result }) => result.data?.ticks.length ?? 0);
      expect(lengths.slice(1).every((length, index) => length >= lengths[index]!)).toBe(true);
      expect(new Set(lengths).size).toBeGreaterThan(1);
      const last = streamed.at(-1)!.result;
      expect(last.hasNext).toBe(false);
      expect(plain?.result.data?.['ticks']).toHaveLength(COUNT);
      expect(last.data).toEqual(plain?.result.data);
    },
    60_000,
  );
});

describe('subscriptions over Apollo multipart (graphql-js server, Router framing, 20 ms heartbeats)', () => {
  it('yields one result per event, skipping heartbeats', async () => {
    const events = await collect(
      fetchIncremental<{ tick: { n: number } }>(graphqlJs.url, { query: 'subscription { tick(count: 4, intervalMs: 50) { n } }' }, { signal: AbortSignal.timeout(10_000) }),
    );
    expect(events.map(({ result }) => result.data)).toEqual([0, 1, 2, 3].map((n) => ({ tick: { n } })));
  });

  it('keeps GraphQL errors of an event in that result and continues', async () => {
    const events = await collect(
      fetchIncremental(graphqlJs.url, { query: 'subscription { tick(count: 2, intervalMs: 20) { n failing } }' }, { signal: AbortSignal.timeout(10_000) }),
    );
    expect(events).toHaveLength(2);
    for (const { result } of events) expect(result.errors?.[0]?.message).toBe('failing tick field');
  });

  it('ends with the transport error after the events before it', async () => {
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const result of fetchIncremental(graphqlJs.url, { query: 'subscription { tick(count: 5, intervalMs: 20, failAfter: 2) { n } }' }, { signal: AbortSignal.timeout(10_000) })) {
        seen.push(result.data);
      }
    })().catch((caught: unknown) => caught);
    expect(seen).toEqual([{ tick: { n: 0 } }, { tick: { n: 1 } }]);
    expect(error).toMatchObject({ name: 'IncrementalError', code: 'TRANSPORT_ERROR' });
  });
});

describe('a result the server did not stream', () => {
  it('is one final result (JSON answer)', async () => {
    const seen = await collect(fetchIncremental(graphqlJs.url, { query: parse('{ hero { id ... @defer(if: false) { name } } }') }));
    expect(seen.map(({ result }) => result)).toEqual([{ data: { hero: { id: '1', name: 'Luke' } }, hasNext: false, pending: [], failed: [] }]);
  });

  it('surfaces a request error (validation) with its status and GraphQL errors', async () => {
    const error = await collect(fetchIncremental(graphqlJs.url, { query: '{ nope }' })).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'IncrementalError', code: 'HTTP_STATUS', status: 400 });
    const body = JSON.parse((error as { body: string }).body) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toMatch(/nope/);
  });
});
