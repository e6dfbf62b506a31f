// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "fetch": { "disableSameOriginPolicy": true } } }
/**
 * Servers and transports beyond graphql-js multipart queries, on Apollo Client 4 with React:
 * - Yoga over text/event-stream (IncrementalHttpLink reads it; HttpLink cannot) and over multipart
 *   (Yoga always sends the 2022 format, which Apollo's GraphQL17Alpha9Handler cannot take from HttpLink);
 * - Apollo's multipart subscriptions with `useSubscription`;
 * - unmounting mid-stream aborts the request: the server stops pulling from its source.
 */
import { cleanup } from '@testing-library/react';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { countActiveTickSources, startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import { createClient, createHttpLink, createIncrementalLink, HANDLER_NAMES, recordQuery, recordSubscription, type QueryState } from './apolloClient4.js';
import { createDomFetch } from './domFetch.js';
import { formatStates } from './recordRenders.js';

let graphqlJs: RunningServer;
beforeAll(async () => {
  // Heartbeats every 15 ms: subscription responses interleave `{}` parts with the events.
  graphqlJs = await startGraphqlJsServer({ heartbeatIntervalMs: 15 });
});
afterAll(() => graphqlJs.close());

/** Yoga runs in Vitest's main process (./yogaGlobalSetup.ts): it cannot run under happy-dom. */
const yoga = { url: inject('apolloYogaUrl') };
afterEach(() => cleanup());

/** A deferred field and a stream in one operation. */
const HERO_AND_TICKS = parse(/* GraphQL */ `
  query HeroAndTicks {
    hero {
      id
      name
    }
    ... @defer {
      wait(ms: 100)
    }
    ticks(count: 4, intervalMs: 40) @stream(initialCount: 1)
  }
`);

const FINAL_HERO_AND_TICKS: QueryState = {
  data: { hero: { id: '1', name: 'Luke' }, wait: 'waited 100', ticks: [0, 1, 2, 3] },
  loading: false,
  dataState: 'complete',
  networkStatus: 7,
};

/** Progressive: it starts with the hero and one tick, the list only grows, and `wait` comes later. */
function expectProgressive(states: readonly QueryState[]): void {
  const message = formatStates(states);
  const withData = states.filter((state) => state.data !== undefined) as (QueryState & { data: { ticks: number[]; wait?: string } })[];
  expect(withData[0]?.data, message).toEqual({ hero: { id: '1', name: 'Luke' }, ticks: [0] });
  expect(withData[0], message).toMatchObject({ loading: true, dataState: 'streaming', networkStatus: 9 });
  const lengths = withData.map((state) => state.data.ticks.length);
  expect(lengths, message).toEqual([...lengths].sort((a, b) => a - b));
  expect(new Set(lengths).size, message).toBeGreaterThanOrEqual(3);
  expect(states.at(-1), message).toEqual(FINAL_HERO_AND_TICKS);
}

describe('Yoga', () => {
  describe.each(HANDLER_NAMES)('Apollo Client 4 with %s', (handler) => {
    it('text/event-stream through IncrementalHttpLink renders progressively', async () => {
      const recording = createDomFetch();
      const link = createIncrementalLink({ uri: yoga.url, transport: 'event-stream', fetch: recording.fetch });
      const log = recordQuery(createClient(link, handler), HERO_AND_TICKS);
      await log.until((state) => !state.loading);
      expect(recording.contentTypes).toEqual([expect.stringMatching(/^text\/event-stream/)]);
      expectProgressive(log.states());
    });

    it('multipart (2022 format whatever the handler) through IncrementalHttpLink renders progressively', async () => {
      const recording = createDomFetch();
      const link = createIncrementalLink({ uri: yoga.url, fetch: recording.fetch });
      const log = recordQuery(createClient(link, handler), HERO_AND_TICKS);
      await log.until((state) => !state.loading);
      expect(recording.contentTypes).toEqual([expect.stringMatching(/^multipart\/mixed/)]);
      expectProgressive(log.states());
    });

    it('HttpLink cannot read text/event-stream: the query ends in an error, with no data', async () => {
      // HttpLink has no way to ask for SSE; force the Accept header as an SSE-only server would need it.
      const recording = createDomFetch((init) => {
        const headers = new Headers(init.headers);
        headers.set('accept', 'text/event-stream');
        return { ...init, headers };
      });
      const log = recordQuery(createClient(createHttpLink({ uri: yoga.url, fetch: recording.fetch }), handler), HERO_AND_TICKS);
      const last = await log.until((state) => !state.loading);
      expect(recording.contentTypes).toEqual([expect.stringMatching(/^text\/event-stream/)]);
      expect(last, formatStates(log.states())).toMatchObject({ data: undefined, loading: false, dataState: 'empty', networkStatus: 8 });
      expect(last.error).toMatch(/^ServerParseError: /);
    });
  });

  it('HttpLink with GraphQL17Alpha9Handler fails on Yoga multipart (it sends the 2022 format); IncrementalHttpLink does not (above)', async () => {
    const log = recordQuery(createClient(createHttpLink({ uri: yoga.url }), 'GraphQL17Alpha9Handler'), HERO_AND_TICKS);
    const last = await log.until((state) => !state.loading);
    expect(last.error, formatStates(log.states())).toMatch(/Could not find pending chunk/);
    expect(last.networkStatus).toBe(8);
  });
});

describe('multipart subscriptions with useSubscription', () => {
  const TICK = parse('subscription Tick { tick(count: 4, intervalMs: 40) { n } }');
  const EVERY_EVENT = [
    { data: undefined, loading: true },
    { data: { tick: { n: 0 } }, loading: false },
    { data: { tick: { n: 1 } }, loading: false },
    { data: { tick: { n: 2 } }, loading: false },
    { data: { tick: { n: 3 } }, loading: false },
  ];

  it.each([
    ['IncrementalHttpLink', (fetch: typeof globalThis.fetch) => createIncrementalLink({ uri: graphqlJs.url, fetch })],
    ['HttpLink', (fetch: typeof globalThis.fetch) => createHttpLink({ uri: graphqlJs.url, fetch })],
  ] as const)('%s: each event renders once, heartbeats render nothing', async (_name, link) => {
    const recording = createDomFetch();
    const log = recordSubscription(createClient(link(recording.fetch), 'Defer20220824Handler'), TICK);
    await log.until((state) => (state.data as { tick?: { n: number } } | undefined)?.tick?.n === 3);
    // The source is exhausted and the response over: nothing else renders.
    await vi.waitFor(() => expect(countActiveTickSources()).toBe(0));
    expect(log.states(), formatStates(log.states())).toEqual(EVERY_EVENT);
    expect(recording.contentTypes).toEqual([expect.stringMatching(/^multipart\/mixed.*subscriptionSpec=1\.0/)]);
  });
});

describe('unmounting mid-stream aborts the request', () => {
  it.each(HANDLER_NAMES)('useQuery with @stream, %s: the server stops pulling from its source', async (handler) => {
    const link = createIncrementalLink({ uri: graphqlJs.url });
    const log = recordQuery(createClient(link, handler), parse('query ManyTicks { ticks(count: 1000, intervalMs: 20) @stream(initialCount: 1) }'));
    await log.until((state) => (state.data as { ticks?: number[] } | undefined)?.ticks?.length === 3);
    expect(countActiveTickSources()).toBe(1);
    log.unmount();
    const rendersAtUnmount = log.renders.length;
    await vi.waitFor(() => expect(countActiveTickSources()).toBe(0), { timeout: 2000, interval: 10 });
    expect(log.renders).toHaveLength(rendersAtUnmount);
  });

  it('useSubscription: the server stops pulling from its source', async () => {
    const link = createIncrementalLink({ uri: graphqlJs.url });
    const log = recordSubscription(createClient(link, 'Defer20220824Handler'), parse('subscription ManyTicks { tick(count: 1000, intervalMs: 20) { n } }'));
    await log.until((state) => (state.data as { tick?: { n: number } } | undefined)?.tick?.n === 2);
    expect(countActiveTickSources()).toBe(1);
    log.unmount();
    await vi.waitFor(() => expect(countActiveTickSources()).toBe(0), { timeout: 2000, interval: 10 });
  });
});
