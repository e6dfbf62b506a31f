// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "fetch": { "disableSameOriginPolicy": true } } }
/**
 * `useQuery` from `urql` (React 19, happy-dom) over a real `Client` with incrementalExchange: what a
 * component renders, state by state, against the graphql-js 17.1 server in both formats, Yoga over
 * text/event-stream, and a stream that breaks off; unmounting mid-stream aborts the request. The test
 * servers send no CORS headers, so happy-dom's same-origin check is off (an app would be same-origin).
 *
 * urql's `useQuery` says `fetching: true` until the first result and `hasNext: true` until the last.
 */
import { cleanup } from '@testing-library/react';
import { cacheExchange, Client } from '@urql/core';
import { incrementalExchange, type IncrementalExchangeOptions } from '@graphql-incremental/urql';
import { Provider, useQuery } from 'urql';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createDomFetch } from '../apollo/domFetch.js';
import { formatStates, recordRenders, withoutTypename, type RenderLog } from '../apollo/recordRenders.js';
import { countActiveTickSources, faultUrl, startFaultServer, startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';

/** What one render shows: `data` without `__typename`, `error` as its message. */
interface QueryState {
  readonly data: unknown;
  readonly fetching: boolean;
  readonly hasNext: boolean;
  readonly error?: string;
}

/** A client with the document cache and our exchange, over happy-dom's fetch (./domFetch.ts) unless the options say otherwise. */
function createClient(url: string, options: IncrementalExchangeOptions = {}): Client {
  return new Client({ url, exchanges: [cacheExchange, incrementalExchange({ fetch: createDomFetch().fetch, ...options })] });
}

function recordQuery(client: Client, query: string): RenderLog<QueryState> {
  return recordRenders<QueryState>(
    () => {
      const [result] = useQuery({ query });
      return {
        data: withoutTypename(result.data),
        fetching: result.fetching,
        hasNext: result.hasNext,
        ...(result.error === undefined ? {} : { error: result.error.message }),
      };
    },
    (children) => <Provider value={client}>{children}</Provider>,
  );
}

const done = (state: QueryState): boolean => !state.fetching && !state.hasNext;

let server: RunningServer;
let faults: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
  faults = await startFaultServer({ writeDelayMs: 60 });
});
afterAll(async () => {
  await Promise.all([server.close(), faults.close()]);
});
afterEach(() => cleanup());

const LOADING: QueryState = { data: undefined, fetching: true, hasNext: false };

describe.each(['current', '2022'] as const)('graphql-js 17.1, %s format', (format) => {
  it('@defer: renders the initial fields, then the deferred ones', async () => {
    const recording = createDomFetch();
    const log = recordQuery(createClient(server.url, { format, fetch: recording.fetch }), '{ hero { id name } ... @defer { wait(ms: 100) } }');
    await log.until(done);
    expect(recording.contentTypes).toEqual([expect.stringContaining(format === 'current' ? 'incrementalSpec=v0.2' : 'deferSpec=20220824')]);
    expect(log.states(), formatStates(log.states())).toEqual([
      LOADING,
      { data: { hero: { id: '1', name: 'Luke' } }, fetching: false, hasNext: true },
      { data: { hero: { id: '1', name: 'Luke' }, wait: 'waited 100' }, fetching: false, hasNext: false },
    ]);
  });

  it('@stream: the list grows render by render', async () => {
    const log = recordQuery(createClient(server.url, { format }), '{ ticks(count: 5, intervalMs: 40) @stream(initialCount: 1) }');
    await log.until(done);
    const states = log.states();
    const lists = states.filter((state) => state.data !== undefined).map((state) => (state.data as { ticks: number[] }).ticks);
    expect(new Set(lists.map((list) => list.length)).size, formatStates(states)).toBeGreaterThanOrEqual(3);
    for (const list of lists) expect(list).toEqual([0, 1, 2, 3, 4].slice(0, list.length));
    expect(states.at(-1)).toEqual({ data: { ticks: [0, 1, 2, 3, 4] }, fetching: false, hasNext: false });
  });
});

it('Yoga over text/event-stream renders progressively', async () => {
  // Yoga runs in Vitest's main process (test/apollo/yogaGlobalSetup.ts): it cannot run under happy-dom.
  const recording = createDomFetch();
  const log = recordQuery(createClient(inject('apolloYogaUrl'), { transport: 'event-stream', fetch: recording.fetch }), '{ hero { id } ... @defer { wait(ms: 100) } ticks(count: 3, intervalMs: 40) @stream(initialCount: 1) }');
  await log.until(done);
  expect(recording.contentTypes).toEqual([expect.stringMatching(/^text\/event-stream/)]);
  const states = log.states();
  expect(states[1], formatStates(states)).toEqual({ data: { hero: { id: '1' }, ticks: [0] }, fetching: false, hasNext: true });
  expect(states.at(-1)).toEqual({ data: { hero: { id: '1' }, wait: 'waited 100', ticks: [0, 1, 2] }, fetching: false, hasNext: false });
});

it('a stream that breaks off: what arrived stays on screen, with the error', async () => {
  const log = recordQuery(createClient(faultUrl(faults.url, { kind: 'premature-end', afterParts: 2 })), '{ asyncColors @stream(initialCount: 1) }');
  await log.until((state) => state.error !== undefined);
  expect(log.states(), formatStates(log.states())).toEqual([
    LOADING,
    { data: { asyncColors: ['red'] }, fetching: false, hasNext: true },
    { data: { asyncColors: ['red', 'green'] }, fetching: false, hasNext: true },
    { data: { asyncColors: ['red', 'green'] }, fetching: false, hasNext: false, error: '[Network] the body ended after a payload with "hasNext": true' },
  ]);
});

it('unmounting mid-stream aborts the request: the server stops pulling from its source', async () => {
  const log = recordQuery(createClient(server.url), '{ ticks(count: 1000, intervalMs: 20) @stream(initialCount: 1) }');
  await log.until((state) => ((state.data as { ticks?: number[] } | undefined)?.ticks?.length ?? 0) >= 3);
  expect(countActiveTickSources()).toBe(1);
  log.unmount();
  const rendersAtUnmount = log.renders.length;
  await vi.waitFor(() => expect(countActiveTickSources()).toBe(0), { timeout: 2000, interval: 10 });
  expect(log.renders).toHaveLength(rendersAtUnmount);
});
