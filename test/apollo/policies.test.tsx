// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "fetch": { "disableSameOriginPolicy": true } } }
/**
 * Cache policies and error policies on Apollo Client 4: what `useQuery` renders with IncrementalHttpLink,
 * compared with Apollo's own HttpLink on the same graphql-js server. For the comparison the server sends
 * the format the handler asks for (HttpLink cannot read the other one).
 */
import type { ApolloLink } from '@apollo/client';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import { createClient, createHttpLink, createIncrementalLink, HANDLER_NAMES, recordQuery, type HandlerName, type QueryState } from './apolloClient4.js';
import { DEFERRED_HERO, DEFERRED_HERO_DATA, FAILING_DEFERRED, FAILING_DEFERRED_DATA, HERO } from './queries.js';
import { createDomFetch } from './domFetch.js';
import { formatStates } from './recordRenders.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
});
afterAll(() => server.close());
afterEach(() => cleanup());

const FETCH_POLICIES = ['cache-first', 'network-only', 'no-cache'] as const;
type FetchPolicy = (typeof FETCH_POLICIES)[number];

/** The format each handler asks for, so that HttpLink can read the server's answer. */
const HANDLER_FORMAT = { Defer20220824Handler: '2022', GraphQL17Alpha9Handler: 'current' } as const;

function links(handler: HandlerName): Record<'IncrementalHttpLink' | 'HttpLink', () => ApolloLink> {
  return {
    IncrementalHttpLink: () => createIncrementalLink({ uri: server.url, format: HANDLER_FORMAT[handler] }),
    HttpLink: () => createHttpLink({ uri: server.url }),
  };
}

/** The states `useQuery` goes through until loading stops. */
async function statesOf(link: ApolloLink, handler: HandlerName, options: Parameters<typeof recordQuery>[2], query = DEFERRED_HERO): Promise<QueryState[]> {
  const log = recordQuery(createClient(link, handler), query, options);
  await log.until((state) => !state.loading);
  const states = log.states();
  log.unmount();
  return states;
}

/**
 * Known deviation (a link bug, see the report): with `GraphQL17Alpha9Handler` and `no-cache`, Apollo labels
 * the link's first merged result `dataState: "complete"` (while `loading` is true, networkStatus 9):
 * a merged result has no `pending` list, and without the cache there is nothing else that tells the handler
 * a defer boundary is still open. HttpLink's raw chunks say `"streaming"`.
 */
function isKnownDeviation(handler: HandlerName, fetchPolicy: FetchPolicy): boolean {
  return handler === 'GraphQL17Alpha9Handler' && fetchPolicy === 'no-cache';
}

/** `states` with the `dataState` of still-loading states left out (to compare around the known deviation). */
function withoutStreamingDataState(states: readonly QueryState[]): unknown[] {
  return states.map(({ dataState, ...rest }) => (rest.loading ? rest : { ...rest, dataState }));
}

describe.each(HANDLER_NAMES)('Apollo Client 4 with %s', (handler) => {
  describe.each(FETCH_POLICIES)('fetchPolicy %s', (fetchPolicy) => {
    const expectedDefer: QueryState[] = [
      { data: undefined, loading: true, dataState: 'empty', networkStatus: 1 },
      { data: { hero: HERO }, loading: true, dataState: 'streaming', networkStatus: 9 },
      { data: DEFERRED_HERO_DATA, loading: false, dataState: 'complete', networkStatus: 7 },
    ];

    (isKnownDeviation(handler, fetchPolicy) ? it.fails : it)('@defer renders exactly the states HttpLink renders', async () => {
      const ours = await statesOf(links(handler).IncrementalHttpLink(), handler, { fetchPolicy });
      const theirs = await statesOf(links(handler).HttpLink(), handler, { fetchPolicy });
      expect(theirs, formatStates(theirs)).toEqual(expectedDefer);
      expect(ours, formatStates(ours)).toEqual(theirs);
    });

    if (isKnownDeviation(handler, fetchPolicy)) {
      it('@defer (known deviation): the streaming render says dataState "complete"; everything else matches', async () => {
        const ours = await statesOf(links(handler).IncrementalHttpLink(), handler, { fetchPolicy });
        expect(ours[1], formatStates(ours)).toEqual({ data: { hero: HERO }, loading: true, dataState: 'complete', networkStatus: 9 });
        expect(withoutStreamingDataState(ours)).toEqual(withoutStreamingDataState(expectedDefer));
      });
    }

    /**
     * Known deviation (the same root cause as above): with `GraphQL17Alpha9Handler` and a policy that
     * writes to the cache, Apollo logs `Missing field '…' while writing result` (console.error) for every
     * deferred field of every streaming result of the link: without `pending`, the handler cannot tell
     * the cache that those fields are still coming. HttpLink's raw chunks log nothing. The test pins
     * the warning where it happens today; when the link is fixed, it fails and should be flipped.
     */
    const warnsWithUs = handler === 'GraphQL17Alpha9Handler' && fetchPolicy !== 'no-cache';
    it.each([
      ['HttpLink', false],
      ['IncrementalHttpLink', warnsWithUs],
    ] as const)('@defer through %s logs no Apollo warnings while streaming (known to warn today: %s)', async (linkName, warnsToday) => {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        await statesOf(links(handler)[linkName](), handler, { fetchPolicy });
        const warnings = consoleError.mock.calls.map((call) => String(call[0]));
        if (warnsToday) expect(warnings).toContain("Missing field '%s' while writing result %o");
        else expect(warnings).toEqual([]);
      } finally {
        consoleError.mockRestore();
      }
    });

    if (fetchPolicy === 'cache-first') {
      it('the merged results are written whole: a second component reads the query from the cache, without a request', async () => {
        const recording = createDomFetch();
        const client = createClient(createIncrementalLink({ uri: server.url, fetch: recording.fetch }), handler);
        const first = recordQuery(client, DEFERRED_HERO);
        await first.until((state) => !state.loading);
        const second = recordQuery(client, DEFERRED_HERO);
        expect(second.states()).toEqual([{ data: DEFERRED_HERO_DATA, loading: false, dataState: 'complete', networkStatus: 7 }]);
        expect(recording.contentTypes).toHaveLength(1);
      });
    }

    it.each(['none', 'all'] as const)('an error inside a deferred fragment, errorPolicy %s: the same states as HttpLink', async (errorPolicy) => {
      const ours = await statesOf(links(handler).IncrementalHttpLink(), handler, { fetchPolicy, errorPolicy }, FAILING_DEFERRED);
      const theirs = await statesOf(links(handler).HttpLink(), handler, { fetchPolicy, errorPolicy }, FAILING_DEFERRED);
      const compare = isKnownDeviation(handler, fetchPolicy) ? withoutStreamingDataState : (states: QueryState[]) => states;
      expect(compare(ours), `ours:\n${formatStates(ours)}\nHttpLink:\n${formatStates(theirs)}`).toEqual(compare(theirs));

      // What the hook shows: the non-deferred fields while streaming, then the error. With errorPolicy
      // "none", Apollo keeps the data it had before the failing payload (without the fragment's other
      // field); with "all", the fragment's data with the failed field as null, next to the error.
      // Both end in networkStatus 8 (error) with dataState "complete".
      const error = 'CombinedGraphQLErrors: failingField failed';
      expect(ours.at(1)).toMatchObject({ data: { hero: HERO }, loading: true, networkStatus: 9 });
      expect(ours.at(-1), formatStates(ours)).toEqual(
        errorPolicy === 'none'
          ? { data: { hero: HERO }, loading: false, dataState: 'complete', networkStatus: 8, error }
          : { data: FAILING_DEFERRED_DATA, loading: false, dataState: 'complete', networkStatus: 8, error },
      );
      expect(ours).toHaveLength(3);
    });
  });
});
