// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "fetch": { "disableSameOriginPolicy": true } } }
/**
 * `useQuery` on Apollo Client 4 with IncrementalHttpLink against the real graphql-js 17 server: what a
 * React 19 component renders, state by state, for `@defer` and `@stream`, with both incremental handlers
 * and both server formats. The test servers send no CORS headers, so happy-dom's same-origin check is off
 * (an app would be same-origin).
 *
 * Payloads are separated by real waits on the server (`Query.wait`, `Query.ticks`) so that each one
 * renders on its own; the assertions are about order and content, never timing.
 */
import { gql } from '@apollo/client';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import { createClient, createHttpLink, createIncrementalLink, HANDLER_NAMES, recordQuery } from './apolloClient4.js';
import { ALL_TICKS, DEFERRED_HERO, DEFERRED_HERO_DATA, FORMAT_PARAMETER, FORMATS, HERO, TICKS, ticksOf } from './queries.js';
import { createDomFetch } from './domFetch.js';
import { formatStates } from './recordRenders.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
});
afterAll(() => server.close());
afterEach(() => cleanup());

describe.each(HANDLER_NAMES)('Apollo Client 4 with %s', (handler) => {
  describe.each(FORMATS)('server format %s', (format) => {
    it('@defer: renders the non-deferred fields while streaming, then the deferred ones, then stops loading', async () => {
      const recording = createDomFetch();
      const client = createClient(createIncrementalLink({ uri: server.url, format, fetch: recording.fetch }), handler);
      const log = recordQuery(client, DEFERRED_HERO);
      await log.until((state) => !state.loading);

      expect(recording.contentTypes).toEqual([expect.stringContaining(FORMAT_PARAMETER[format])]);
      expect(log.states(), formatStates(log.states())).toEqual([
        { data: undefined, loading: true, dataState: 'empty', networkStatus: 1 },
        { data: { hero: HERO }, loading: true, dataState: 'streaming', networkStatus: 9 },
        { data: DEFERRED_HERO_DATA, loading: false, dataState: 'complete', networkStatus: 7 },
      ]);
    });

    it('@stream: the list grows render by render, then loading stops', async () => {
      const client = createClient(createIncrementalLink({ uri: server.url, format }), handler);
      const log = recordQuery(client, TICKS);
      await log.until((state) => !state.loading);

      const states = log.states();
      const withData = states.filter((state) => ticksOf(state.data) !== undefined);
      const lengths = withData.map((state) => ticksOf(state.data)!.length);
      // Monotonic growth, at least three visible lengths, every render a prefix of the final list.
      expect(lengths, formatStates(states)).toEqual([...lengths].sort((a, b) => a - b));
      expect(new Set(lengths).size, formatStates(states)).toBeGreaterThanOrEqual(3);
      for (const state of withData) expect(ticksOf(state.data)).toEqual(ALL_TICKS.slice(0, ticksOf(state.data)!.length));
      // Apollo Client 4 says `streaming` (9) until the last payload. Its dataState stays "complete" for a
      // stream (it only tracks pending @defer boundaries); HttpLink shows the same.
      for (const state of withData.slice(0, -1)) expect(state).toMatchObject({ loading: true, networkStatus: 9, dataState: 'complete' });
      expect(states.at(-1)).toEqual({ data: { ticks: ALL_TICKS }, loading: false, dataState: 'complete', networkStatus: 7 });
    });
  });
});

/**
 * A stream announced inside streamed items: each streamed hero carries a stream of its own. Apollo's
 * `GraphQL17Alpha9Handler` behind `HttpLink` drops the inner items (the friends lists stay empty); the
 * link merges them itself and renders every item, with either handler.
 */
describe('a stream announced inside streamed items', () => {
  const NESTED = {
    'sync lists': gql`
      query NestedSyncStreams {
        heroes @stream(initialCount: 0) {
          id
          friends @stream(initialCount: 0) {
            id
          }
        }
      }
    `,
    'async lists': gql`
      query NestedAsyncStreams {
        heroes: asyncHeroes @stream(initialCount: 0) {
          id
          friends: asyncFriends @stream(initialCount: 0) {
            id
          }
        }
      }
    `,
  } as const;
  const ALL_HEROES = {
    heroes: [
      { id: '1', friends: [{ id: '2' }, { id: '3' }] },
      { id: '2', friends: [{ id: '1' }, { id: '3' }] },
      { id: '3', friends: [{ id: '1' }, { id: '2' }] },
    ],
  };
  const FRIENDLESS_HEROES = { heroes: [{ id: '1', friends: [] }, { id: '2', friends: [] }, { id: '3', friends: [] }] };

  describe.each(Object.keys(NESTED) as (keyof typeof NESTED)[])('%s', (lists) => {
    describe.each(['cache-first', 'no-cache'] as const)('%s', (fetchPolicy) => {
      it('HttpLink with GraphQL17Alpha9Handler drops the inner items (the peer fails on the same server)', async () => {
        const client = createClient(createHttpLink({ uri: server.url }), 'GraphQL17Alpha9Handler');
        const log = recordQuery(client, NESTED[lists], { fetchPolicy });
        const last = await log.until((state) => !state.loading);
        expect(last, formatStates(log.states())).toEqual({ data: FRIENDLESS_HEROES, loading: false, dataState: 'complete', networkStatus: 7 });
      });

      it.each(HANDLER_NAMES.flatMap((handler) => FORMATS.map((format) => [handler, format] as const)))(
        'IncrementalHttpLink with %s, server format %s, renders every item',
        async (handler, format) => {
          const client = createClient(createIncrementalLink({ uri: server.url, format }), handler);
          const log = recordQuery(client, NESTED[lists], { fetchPolicy });
          const last = await log.until((state) => !state.loading);
          expect(last, formatStates(log.states())).toEqual({ data: ALL_HEROES, loading: false, dataState: 'complete', networkStatus: 7 });
        },
      );
    });
  });
});
