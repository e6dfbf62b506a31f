// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "fetch": { "disableSameOriginPolicy": true } } }
/**
 * What Apollo Client 3.14 users ask about once `@defer`/`@stream` are in their queries, rendered with
 * `useQuery`/`useMutation` in React 19 over IncrementalHttpLink (both server formats) and, where it can
 * read the response, Apollo Client 3's HttpLink (2022 format, `@defer` only: it cannot merge `@stream`
 * items, see ./useQuery.test.tsx): `cache-and-network` and `network-only` over a primed cache, `refetch`
 * during and after a stream, `fetchMore` into a paginated list, a mutation with a deferred fragment, an
 * error inside a deferred fragment, unmounting mid-stream. Every final result is compared with the
 * oracle: the operation without `@defer`/`@stream` run by graphql-js `execute()`.
 *
 * Apollo Client 3 has no streaming state: from the first payload on, `loading` is false and
 * networkStatus 7. While a result says `hasNext: true`, Apollo merges it into what the cache holds.
 *
 * The scenarios that run alike on Apollo Client 4 are in ../support/apolloBehaviourScenarios.tsx; this
 * file states what Apollo Client 3 shows in them.
 */
import type { ApolloError } from '@apollo/client-3';
import { act, cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENDLESS_TICKS, executePlain, SLOW_DEFERRED, startBehaviourServer, TICKS, type BehaviourServer } from '../support/apolloBehaviour.js';
import { createBehaviourScenarios, expectGrowingPrefixes, expectStates, linksUnderTest, recordEndings, type ApolloMajor } from '../support/apolloBehaviourScenarios.js';
import { HERO } from '../apollo/queries.js';
import { formatStates, withoutTypename } from '../apollo/recordRenders.js';

let server: BehaviourServer;
beforeAll(async () => {
  server = await startBehaviourServer();
});
afterAll(() => server.close());
afterEach(() => cleanup());

/** The link in both formats; HttpLink cannot merge `@stream` items. */
const OUR_LINKS = linksUnderTest(() => server.url);
/** The link in both formats, then HttpLink: for `@defer` only. */
const LINKS = linksUnderTest(() => server.url, '2022');

/** No streaming state (see above): a query is over once it shows the data it should end with. */
const APOLLO_CLIENT_3: ApolloMajor = {
  clientOptions: () => ({}),
  graphQLErrorsOf: (error) => (error as ApolloError).graphQLErrors,
  isFinished: (expected) => (state) => JSON.stringify(state.data) === JSON.stringify(expected),
  finished: (data) => ({ data, loading: false, networkStatus: 7 }),
};

const scenarios = createBehaviourScenarios(() => server, APOLLO_CLIENT_3);
const { createClient, recordQuery, requestsSince } = scenarios;

describe('Apollo Client 3.14', () => {
  /** The primed cache renders at once; the initial payload is merged into it, cached deferred fields included. */
  it.each(LINKS)('cache-and-network over a primed cache, %s: the cached data, then the network results', async (_name, link) => {
    const { states, oracle, cached, merged } = await scenarios.primedCache(link, 'cache-and-network');
    expectStates(states, [
      { data: cached, loading: true, networkStatus: 1 },
      { data: merged, loading: false, networkStatus: 7 },
      { data: oracle, loading: false, networkStatus: 7 },
    ]);
  });

  /** Nothing from the cache at first; then the initial payload merged into the cached query, as above. */
  it.each(LINKS)('network-only over a primed cache, %s: no cached data first, then the network results', async (_name, link) => {
    const { states, oracle, merged } = await scenarios.primedCache(link, 'network-only');
    expectStates(states, [
      { data: undefined, loading: true, networkStatus: 1 },
      { data: merged, loading: false, networkStatus: 7 },
      { data: oracle, loading: false, networkStatus: 7 },
    ]);
  });

  /** Apollo deduplicates the refetch into the request in flight: the stream goes on, nothing restarts. */
  it.each(OUR_LINKS)('refetch while a stream runs, %s: joins the running request', async (_name, link) => {
    const { lists, ticks, message } = await scenarios.refetchWhileStreaming(link, { queryDeduplication: true });
    expectGrowingPrefixes(lists, ticks, 3, message);
  });

  /**
   * Without deduplication the refetch sends a second request and the first one runs on. Each result
   * with `hasNext: true` is merged into the cached list, so the list never shrinks while both stream.
   */
  it.each(OUR_LINKS)('refetch while a stream runs, queryDeduplication off, %s: two streams, the list only grows', async (_name, link) => {
    const { lists, ticks, message } = await scenarios.refetchWhileStreaming(link, { queryDeduplication: false });
    expectGrowingPrefixes(lists, ticks, 3, message);
  });

  /**
   * The second request streams the list again, but each result with `hasNext: true` is merged into the
   * complete cached list and networkStatus changes are not rendered by default: the list stays whole.
   */
  it.each(OUR_LINKS)('refetch after the stream ended, %s: a second request, the list stays whole', async (_name, { create }) => {
    const oracle = (await executePlain(TICKS)).data as { ticks: number[] };
    const { link, endings } = recordEndings(create());
    const { log, latest } = recordQuery(createClient(link), TICKS);
    // The whole list renders before the stream ends (graphql-js sends the end in a payload of its own),
    // and a refetch before the end would join the running request.
    await vi.waitFor(() => expect(endings).toEqual(['complete']));
    await log.until(APOLLO_CLIENT_3.isFinished(oracle));
    const before = server.requests.length;
    const statesBefore = log.states().length;

    let refetched: Promise<{ data: unknown }> | undefined;
    act(() => {
      refetched = latest().refetch();
    });
    expect(withoutTypename((await refetched!).data)).toEqual(oracle);

    expect(await Promise.all(requestsSince(before).map((request) => request.ended))).toEqual(['finished']);
    await vi.waitFor(() => expect(endings).toEqual(['complete', 'complete']));
    for (const state of log.states().slice(statesBefore)) expect(state, formatStates(log.states())).toEqual({ data: oracle, loading: false, networkStatus: 7 });
  });

  /** The first page streams; `fetchMore` resolves its page whole, so the next page lands at once. */
  it.each(OUR_LINKS)('fetchMore with @stream, merged by a type policy, %s: the next page lands whole', async (_name, link) => {
    const { states, oracle, message } = await scenarios.fetchMoreIntoFeed(link);
    expect(states, message).toEqual([{ data: oracle, loading: false, networkStatus: 7 }]);
  });

  /**
   * The mutation's own hook shows only the final result, but each payload is written to the cache as it
   * arrives: a component showing the hero has the new name while the deferred friends are still missing.
   */
  it.each(LINKS)('a mutation with a deferred fragment, %s: the cache updates before the fragment arrives', (_name, link) =>
    scenarios.mutationWithDeferredFragment(link),
  );

  /**
   * Apollo's error policies decide what stays: "none" keeps the data from before the failing payload,
   * "all" adds the fragment with the failed field as null. Either way the error carries the server's
   * GraphQL error, the rendered data around it stays, and the cache holds what was rendered.
   */
  describe.each(['none', 'all'] as const)('an error inside a deferred fragment, errorPolicy %s', (errorPolicy) => {
    it.each(LINKS)('%s: the data around it kept, the GraphQL error reported', async (_name, link) => {
      const { states, data, graphQLErrors } = await scenarios.errorInDeferredFragment(link, errorPolicy);
      const error = { error: 'ApolloError: failingField failed', graphQLErrors };
      expectStates(states, [
        { data: undefined, loading: true, networkStatus: 1 },
        { data: { hero: HERO }, loading: false, networkStatus: 7 },
        { data: errorPolicy === 'none' ? { hero: HERO } : data, loading: false, networkStatus: 8, ...error },
      ]);
    });
  });

  /** Apollo Client 3 cannot tell a pending fragment from a missing field; it stays quiet here with either link. */
  it.each(LINKS)('a deferred fragment inside an object, %s: no "Missing field" warnings while it is pending', async (_name, link) => {
    const { states, oracle, warnings } = await scenarios.nestedDeferredFragment(link);
    expectStates(states, [
      { data: undefined, loading: true, networkStatus: 1 },
      { data: { hero: HERO }, loading: false, networkStatus: 7 },
      { data: oracle, loading: false, networkStatus: 7 },
    ]);
    expect(warnings).toEqual([]);
  });

  describe.each([
    ['a stream', ENDLESS_TICKS, OUR_LINKS],
    ['a deferred fragment', SLOW_DEFERRED, LINKS],
  ] as const)('unmounting while %s is pending', (_what, query, links) => {
    it.each(links)('%s: the server sees the response closed; no warnings, no unhandled rejections', async (_name, link) => {
      const { pending, logged } = await scenarios.unmountWhilePending(link, query);
      expect(pending).toMatchObject({ loading: false, networkStatus: 7 });
      expect(logged).toEqual({ whilePending: { error: [], warn: [] }, afterUnmount: { error: [], warn: [] } });
    });
  });
});
