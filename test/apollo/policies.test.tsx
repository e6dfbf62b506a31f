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

describe.each(HANDLER_NAMES)('Apollo Client 4 with %s', (handler) => {
  describe.each(FETCH_POLICIES)('fetchPolicy %s', (fetchPolicy) => {
    const expectedDefer: QueryState[] = [
      { data: undefined, loading: true, dataState: 'empty', networkStatus: 1 },
      { data: { hero: HERO }, loading: true, dataState: 'streaming', networkStatus: 9 },
      { data: DEFERRED_HERO_DATA, loading: false, dataState: 'complete', networkStatus: 7 },
    ];

    it('@defer renders exactly the states HttpLink renders', async () => {
      const ours = await statesOf(links(handler).IncrementalHttpLink(), handler, { fetchPolicy });
      const theirs = await statesOf(links(handler).HttpLink(), handler, { fetchPolicy });
      expect(theirs, formatStates(theirs)).toEqual(expectedDefer);
      expect(ours, formatStates(ours)).toEqual(theirs);
    });

    /**
     * With a policy that writes to the cache, Apollo logs `Missing field '…' while writing result` for
     * deferred fields it does not know to be still pending. The link announces deferred fragments to
     * `GraphQL17Alpha9Handler` (`pending` / `completed`), so neither link makes Apollo warn.
     */
    it.each(['HttpLink', 'IncrementalHttpLink'] as const)('@defer through %s logs no Apollo warnings while streaming', async (linkName) => {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        await statesOf(links(handler)[linkName](), handler, { fetchPolicy });
        const warnings = consoleError.mock.calls.map((call) => String(call[0]));
        expect(warnings).toEqual([]);
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
      expect(ours, `ours:\n${formatStates(ours)}\nHttpLink:\n${formatStates(theirs)}`).toEqual(theirs);

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
