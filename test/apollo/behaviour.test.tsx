// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "fetch": { "disableSameOriginPolicy": true } } }
/**
 * What Apollo Client 4 users ask about once `@defer`/`@stream` are in their queries, rendered with
 * `useQuery`/`useMutation` in React 19 over IncrementalHttpLink (both server formats) and, as the
 * baseline, Apollo's HttpLink with the format its handler asks for: `cache-and-network` and
 * `network-only` over a primed cache, `refetch` during and after a stream, `fetchMore` into a paginated
 * list, a mutation with a deferred fragment, an error inside a deferred fragment, unmounting mid-stream.
 * Every final result is compared with the oracle: the operation without `@defer`/`@stream` run by
 * graphql-js `execute()`. Waits on the server (100 ms for deferred fragments, 50 ms between stream
 * items) let each payload render on its own; nothing asserts a duration.
 *
 * The scenarios that run alike on Apollo Client 3 are in ../support/apolloBehaviourScenarios.tsx; this
 * file states what Apollo Client 4 shows in them.
 */
import { CombinedGraphQLErrors } from '@apollo/client';
import { act, cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ENDLESS_TICKS, executePlain, PAGE_SIZE, SLOW_DEFERRED, startBehaviourServer, TICKS, type BehaviourServer } from '../support/apolloBehaviour.js';
import {
  createBehaviourScenarios,
  expectGrowingPrefixes,
  expectStates,
  linksUnderTest,
  listOf,
  type ApolloMajor,
  type LinkUnderTest,
} from '../support/apolloBehaviourScenarios.js';
import { HANDLER_NAMES, HANDLERS, type HandlerName } from './apolloClient4.js';
import { FORMATS, HERO } from './queries.js';
import { formatStates, withoutTypename } from './recordRenders.js';

let server: BehaviourServer;
beforeAll(async () => {
  server = await startBehaviourServer();
});
afterAll(() => server.close());
afterEach(() => cleanup());

/** The format each handler asks for, so that HttpLink can read the server's answer. */
const HANDLER_FORMAT = { Defer20220824Handler: '2022', GraphQL17Alpha9Handler: 'current' } as const;

/**
 * Apollo Client 4 with `handler`: `loading` until the last payload (networkStatus 9 while streaming),
 * `dataState`, and the GraphQL errors in a `CombinedGraphQLErrors`.
 */
function apolloClient4(handler: HandlerName): ApolloMajor {
  return {
    clientOptions: () => ({ incrementalHandler: HANDLERS[handler]() }),
    graphQLErrorsOf: (error) => (CombinedGraphQLErrors.is(error) ? error.errors : undefined),
    isFinished: () => (state) => !state.loading,
    finished: (data) => ({ data, loading: false, dataState: 'complete', networkStatus: 7 }),
  };
}

/** Whether the handler learns which deferred fragments are still pending (see the network-only test). */
function tracksFragments(handler: HandlerName, format: LinkUnderTest['format']): boolean {
  return handler === 'GraphQL17Alpha9Handler' && format === 'current';
}

describe.each(HANDLER_NAMES)('Apollo Client 4 with %s', (handler) => {
  /** IncrementalHttpLink in both server formats, then HttpLink on the handler's own. */
  const links = linksUnderTest(() => server.url, HANDLER_FORMAT[handler]);
  const scenarios = createBehaviourScenarios(() => server, apolloClient4(handler));
  const { createClient, recordQuery, requestsSince } = scenarios;

  /**
   * The primed cache renders at once. Apollo merges each network result into what the cache holds, so
   * the non-deferred fields update first while the cached deferred ones stay on screen, with
   * `dataState: "complete"`, until the deferred payload replaces them.
   */
  it.each(links)('cache-and-network over a primed cache, %s: the cached data, then the network results', async (_name, link) => {
    const { states, oracle, cached, merged } = await scenarios.primedCache(link, 'cache-and-network');
    expectStates(states, [
      { data: cached, loading: true, dataState: 'complete', networkStatus: 1 },
      { data: merged, loading: true, dataState: 'complete', networkStatus: 9 },
      { data: oracle, loading: false, dataState: 'complete', networkStatus: 7 },
    ]);
  });

  /**
   * Nothing from the cache at first. Apollo merges the initial payload into the cached query, so the
   * cached deferred fields show while streaming, unless GraphQL17Alpha9Handler knows that their fragment
   * is still pending: from HttpLink, or from the link when the server sends the current format (2022
   * payloads carry no fragment ids, so the link cannot announce their fragments to that handler).
   */
  it.each(links)('network-only over a primed cache, %s: no cached data first, then the network results', async (_name, link) => {
    const { states, oracle, merged } = await scenarios.primedCache(link, 'network-only');
    expectStates(states, [
      { data: undefined, loading: true, dataState: 'empty', networkStatus: 1 },
      tracksFragments(handler, link.format)
        ? { data: { hero: HERO }, loading: true, dataState: 'streaming', networkStatus: 9 }
        : { data: merged, loading: true, dataState: 'complete', networkStatus: 9 },
      { data: oracle, loading: false, dataState: 'complete', networkStatus: 7 },
    ]);
  });

  /** Apollo deduplicates the refetch into the request in flight: the stream goes on, nothing restarts. */
  it.each(links)('refetch while a stream runs, %s: joins the running request', async (_name, link) => {
    const { lists, ticks, message } = await scenarios.refetchWhileStreaming(link, { queryDeduplication: true });
    expectGrowingPrefixes(lists, ticks, 3, message);
  });

  /**
   * Without deduplication the refetch sends a second request, and Apollo lets the first one run on: both
   * streams write the same field, so the list jumps back when the second starts. The link's results are
   * whole lists, so every render is still a prefix of the final list (no holes).
   */
  it.each(links.slice(0, FORMATS.length))('refetch while a stream runs, queryDeduplication off, %s: two streams, every render a prefix', async (_name, link) => {
    const { lists, ticks, message } = await scenarios.refetchWhileStreaming(link, { queryDeduplication: false });
    for (const list of lists) expect(list, message).toEqual(ticks.slice(0, list.length));
    expect(lists.some((list, index) => index > 0 && list.length < lists[index - 1]!.length), message).toBe(true);
  });

  /**
   * A second request streams the list again; what shows meanwhile depends on what the handler is fed.
   * From HttpLink, GraphQL17Alpha9Handler keeps the cached items on screen until the stream completes.
   * The link's results are whole lists, so with either handler the list restarts at its initial count
   * and grows again, as the 2022 handler shows it from HttpLink too.
   */
  it.each(links)('refetch after the stream ended, %s: streams again from the first item', async (name, { create }) => {
    const oracle = (await executePlain(TICKS)).data as { ticks: number[] };
    const { log, latest } = recordQuery(createClient(create()), TICKS);
    await log.until((state) => !state.loading);
    const before = server.requests.length;
    const statesBefore = log.states().length;

    let refetched: Promise<{ data: unknown }> | undefined;
    act(() => {
      refetched = latest().refetch();
    });
    expect(withoutTypename((await refetched!).data)).toEqual(oracle);
    await log.until((state) => !state.loading);

    const states = log.states().slice(statesBefore);
    const message = formatStates(log.states());
    // networkStatus 4 (refetch) shows the old list, when React renders it before the first result.
    const [first, ...rest] = states;
    const afterRefetch = first?.networkStatus === 4 ? rest : states;
    if (first?.networkStatus === 4) expect(first, message).toEqual({ data: oracle, loading: true, dataState: 'complete', networkStatus: 4 });
    const streaming = afterRefetch.slice(0, -1);
    expect(streaming.every((state) => state.loading && state.networkStatus === 9), message).toBe(true);
    if (name === 'HttpLink' && handler === 'GraphQL17Alpha9Handler') {
      expect(streaming.length, message).toBeGreaterThan(0);
      for (const state of streaming) expect(state.data, message).toEqual(oracle);
    } else {
      expect(listOf(streaming[0]!, 'ticks'), message).toEqual([0]);
      expectGrowingPrefixes(streaming.map((state) => listOf(state, 'ticks')!), oracle.ticks, 3, message);
    }
    expect(afterRefetch.at(-1)).toEqual({ data: oracle, loading: false, dataState: 'complete', networkStatus: 7 });
    expect(await Promise.all(requestsSince(before).map((request) => request.ended))).toEqual(['finished']);
  });

  /** The first page streams, then the next page streams into the same list. */
  it.each(links)('fetchMore with @stream, merged by a type policy, %s: the next page streams into the list', async (_name, link) => {
    const { states, oracle, message } = await scenarios.fetchMoreIntoFeed(link);
    expect(states[0], message).toEqual({ data: { feed: oracle.feed.slice(0, PAGE_SIZE) }, loading: true, dataState: 'complete', networkStatus: 3 });
    const streaming = states.slice(1, -1);
    expect(streaming.every((state) => state.loading && state.networkStatus === 9), message).toBe(true);
    expectGrowingPrefixes([oracle.feed.slice(0, PAGE_SIZE), ...streaming.map((state) => listOf(state, 'feed')!)], oracle.feed, PAGE_SIZE, message);
    expect(states.at(-1)).toEqual({ data: oracle, loading: false, dataState: 'complete', networkStatus: 7 });
  });

  /**
   * The mutation's own hook shows only the final result, but each payload is written to the cache as it
   * arrives: a component showing the hero has the new name while the deferred friends are still missing.
   */
  it.each(links)('a mutation with a deferred fragment, %s: the cache updates before the fragment arrives', (_name, link) =>
    scenarios.mutationWithDeferredFragment(link),
  );

  /**
   * Apollo's error policies decide what stays: "none" keeps the data from before the failing payload,
   * "all" adds the fragment with the failed field as null. Either way the error carries the server's
   * GraphQL error, the rendered data around it stays, and the cache holds what was rendered.
   */
  describe.each(['none', 'all'] as const)('an error inside a deferred fragment, errorPolicy %s', (errorPolicy) => {
    it.each(links)('%s: the data around it kept, the GraphQL error reported', async (_name, link) => {
      const { states, data, graphQLErrors } = await scenarios.errorInDeferredFragment(link, errorPolicy);
      const error = { error: 'CombinedGraphQLErrors: failingField failed', graphQLErrors };
      expectStates(states, [
        { data: undefined, loading: true, dataState: 'empty', networkStatus: 1 },
        { data: { hero: HERO }, loading: true, dataState: 'streaming', networkStatus: 9 },
        { data: errorPolicy === 'none' ? { hero: HERO } : data, loading: false, dataState: 'complete', networkStatus: 8, ...error },
      ]);
    });
  });

  /**
   * Apollo warns about every field it writes as missing unless its handler knows the field's fragment
   * is still pending. The link cannot announce 2022-format fragments to GraphQL17Alpha9Handler (no ids),
   * so that one combination logs a warning per field of the pending fragment.
   */
  it.each(links)('a deferred fragment inside an object, %s: no "Missing field" warnings while it is pending', async (_name, link) => {
    const { states, oracle, warnings } = await scenarios.nestedDeferredFragment(link);
    expectStates(states, [
      { data: undefined, loading: true, dataState: 'empty', networkStatus: 1 },
      { data: { hero: HERO }, loading: true, dataState: 'streaming', networkStatus: 9 },
      { data: oracle, loading: false, dataState: 'complete', networkStatus: 7 },
    ]);
    expect(warnings).toEqual(
      handler === 'GraphQL17Alpha9Handler' && !tracksFragments(handler, link.format)
        ? ["Missing field '%s' while writing result %o wait", "Missing field '%s' while writing result %o friends"]
        : [],
    );
  });

  describe.each([
    ['a stream', ENDLESS_TICKS],
    ['a deferred fragment', SLOW_DEFERRED],
  ] as const)('unmounting while %s is pending', (_what, query) => {
    it.each(links)('%s: the server sees the response closed; no warnings, no unhandled rejections', async (_name, link) => {
      const { pending, logged } = await scenarios.unmountWhilePending(link, query);
      expect(pending).toMatchObject({ loading: true, networkStatus: 9 });
      // Only what unmounting causes (the test above covers warnings while streaming).
      expect(logged.afterUnmount).toEqual({ error: [], warn: [] });
    });
  });
});
