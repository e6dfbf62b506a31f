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
 */
import { ApolloClient, CombinedGraphQLErrors, InMemoryCache, type ApolloLink, type DocumentNode, type OperationVariables } from '@apollo/client';
import { ApolloProvider, useFragment, useMutation, useQuery } from '@apollo/client/react';
import { act, cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CACHED_HERO_DATA,
  DEFERRED_HERO,
  ENDLESS_TICKS,
  executePlain,
  FAILING_DEFERRED,
  FEED,
  FEED_TYPE_POLICIES,
  HERO_FRIENDS,
  HERO_NAME,
  NESTED_DEFERRED,
  PAGE_SIZE,
  RENAME_HERO,
  SLOW_DEFERRED,
  startBehaviourServer,
  TICKS,
  watchUnhandledRejections,
  type BehaviourServer,
  type ServedRequest,
} from '../support/apolloBehaviour.js';
import { createHttpLink, createIncrementalLink, HANDLER_NAMES, HANDLERS, type HandlerName, type QueryState } from './apolloClient4.js';
import { FORMAT_PARAMETER, FORMATS, HERO } from './queries.js';
import { formatStates, recordRenders, sleep, withoutTypename, type RenderLog } from './recordRenders.js';

let server: BehaviourServer;
beforeAll(async () => {
  server = await startBehaviourServer();
});
afterAll(() => server.close());
afterEach(() => cleanup());

/** The format each handler asks for, so that HttpLink can read the server's answer. */
const HANDLER_FORMAT = { Defer20220824Handler: '2022', GraphQL17Alpha9Handler: 'current' } as const;

interface LinkUnderTest {
  readonly name: string;
  /** The format the server answers in. */
  readonly format: (typeof FORMATS)[number];
  readonly create: () => ApolloLink;
}

/** IncrementalHttpLink in both server formats, then HttpLink on the handler's own; `[name, link]` for `it.each`. */
function linksFor(handler: HandlerName): [string, LinkUnderTest][] {
  const links: LinkUnderTest[] = [
    ...FORMATS.map((format) => ({
      name: `IncrementalHttpLink, server format ${format}`,
      format,
      create: () => createIncrementalLink({ uri: server.url, format }),
    })),
    { name: 'HttpLink', format: HANDLER_FORMAT[handler], create: () => createHttpLink({ uri: server.url }) },
  ];
  return links.map((link) => [link.name, link]);
}

function createClient(link: ApolloLink, handler: HandlerName, options: { queryDeduplication?: boolean } = {}): ApolloClient {
  return new ApolloClient({ link, cache: new InMemoryCache({ typePolicies: FEED_TYPE_POLICIES }), incrementalHandler: HANDLERS[handler](), ...options });
}

/** A `useQuery` render, as in ./apolloClient4.tsx, plus the GraphQL errors of a `CombinedGraphQLErrors`. */
interface BehaviourState extends QueryState {
  readonly graphQLErrors?: unknown;
}

/** Records every render of `useQuery(query, options)`, and keeps the latest hook result (for `refetch`, `fetchMore`). */
function recordQuery(
  client: ApolloClient,
  query: DocumentNode,
  options: useQuery.Options<unknown, OperationVariables> = {},
): { log: RenderLog<BehaviourState>; latest: () => useQuery.Result<unknown> } {
  let latest: useQuery.Result<unknown> | undefined;
  const log = recordRenders<BehaviourState>(
    () => {
      const result = useQuery(query, options);
      latest = result;
      const { error } = result;
      return {
        data: withoutTypename(result.data),
        loading: result.loading,
        dataState: result.dataState,
        networkStatus: result.networkStatus,
        ...(error === undefined ? {} : { error: `${error.name}: ${error.message}` }),
        ...(CombinedGraphQLErrors.is(error) ? { graphQLErrors: error.errors } : {}),
      };
    },
    (children) => <ApolloProvider client={client}>{children}</ApolloProvider>,
  );
  return { log, latest: () => latest! };
}

/** The normalized cache, entity by entity. */
function cacheOf(client: ApolloClient): Record<string, Record<string, unknown>> {
  return client.cache.extract() as Record<string, Record<string, unknown>>;
}

/** The requests the server received since `before` (its request count at the start of a test). */
function requestsSince(before: number): readonly ServedRequest[] {
  return server.requests.slice(before);
}

/** The list at `field` of a state's data (`ticks`, `feed`), if there is one. */
function listOf(state: BehaviourState, field: string): readonly unknown[] | undefined {
  return (state.data as Record<string, unknown[]> | undefined)?.[field];
}

/** Asserts that `lists` only grow, each a prefix of `full`, through at least `distinct` lengths. */
function expectGrowingPrefixes(lists: readonly (readonly unknown[])[], full: readonly unknown[], distinct: number, message: string): void {
  const lengths = lists.map((list) => list.length);
  expect(lengths, message).toEqual([...lengths].sort((a, b) => a - b));
  expect(new Set(lengths).size, message).toBeGreaterThanOrEqual(distinct);
  for (const list of lists) expect(list, message).toEqual(full.slice(0, list.length));
}

/** Whether the handler learns which deferred fragments are still pending (see the network-only test). */
function tracksFragments(handler: HandlerName, format: LinkUnderTest['format']): boolean {
  return handler === 'GraphQL17Alpha9Handler' && format === 'current';
}

describe.each(HANDLER_NAMES)('Apollo Client 4 with %s', (handler) => {
  const links = linksFor(handler);

  /**
   * The primed cache renders at once. Apollo merges each network result into what the cache holds, so
   * the non-deferred fields update first while the cached deferred ones stay on screen, with
   * `dataState: "complete"`, until the deferred payload replaces them.
   */
  it.each(links)('cache-and-network over a primed cache, %s: the cached data, then the network results', async (_name, { create, format }) => {
    const oracle = (await executePlain(DEFERRED_HERO)).data;
    const before = server.requests.length;
    const client = createClient(create(), handler);
    client.writeQuery({ query: DEFERRED_HERO, data: CACHED_HERO_DATA });
    const { log } = recordQuery(client, DEFERRED_HERO, { fetchPolicy: 'cache-and-network' });
    await log.until((state) => !state.loading);

    const cached = withoutTypename(CACHED_HERO_DATA) as typeof CACHED_HERO_DATA;
    expect(log.states(), formatStates(log.states())).toEqual([
      { data: cached, loading: true, dataState: 'complete', networkStatus: 1 },
      { data: { ...cached, hero: { ...cached.hero, name: HERO.name } }, loading: true, dataState: 'complete', networkStatus: 9 },
      { data: oracle, loading: false, dataState: 'complete', networkStatus: 7 },
    ]);
    expect(withoutTypename(client.readQuery({ query: DEFERRED_HERO }))).toEqual(oracle);
    expect(requestsSince(before).map((request) => request.contentType)).toEqual([expect.stringContaining(FORMAT_PARAMETER[format])]);
  });

  /**
   * Nothing from the cache at first. Apollo merges the initial payload into the cached query, so the
   * cached deferred fields show while streaming, unless GraphQL17Alpha9Handler knows that their fragment
   * is still pending: from HttpLink, or from the link when the server sends the current format (2022
   * payloads carry no fragment ids, so the link cannot announce their fragments to that handler).
   */
  it.each(links)('network-only over a primed cache, %s: no cached data first, then the network results', async (_name, { create, format }) => {
    const oracle = (await executePlain(DEFERRED_HERO)).data;
    const client = createClient(create(), handler);
    client.writeQuery({ query: DEFERRED_HERO, data: CACHED_HERO_DATA });
    const { log } = recordQuery(client, DEFERRED_HERO, { fetchPolicy: 'network-only' });
    await log.until((state) => !state.loading);

    const cached = withoutTypename(CACHED_HERO_DATA) as typeof CACHED_HERO_DATA;
    const streaming = tracksFragments(handler, format)
      ? { data: { hero: HERO }, loading: true, dataState: 'streaming', networkStatus: 9 }
      : { data: { ...cached, hero: { ...cached.hero, name: HERO.name } }, loading: true, dataState: 'complete', networkStatus: 9 };
    expect(log.states(), formatStates(log.states())).toEqual([
      { data: undefined, loading: true, dataState: 'empty', networkStatus: 1 },
      streaming,
      { data: oracle, loading: false, dataState: 'complete', networkStatus: 7 },
    ]);
    expect(withoutTypename(client.readQuery({ query: DEFERRED_HERO }))).toEqual(oracle);
  });

  /** Apollo deduplicates the refetch into the request in flight: the stream goes on, nothing restarts. */
  it.each(links)('refetch while a stream runs, %s: joins the running request', async (_name, { create }) => {
    const oracle = (await executePlain(TICKS)).data as { ticks: number[] };
    const before = server.requests.length;
    const { log, latest } = recordQuery(createClient(create(), handler), TICKS);
    await log.until((state) => state.loading && listOf(state, 'ticks') !== undefined);

    let refetched: Promise<{ data: unknown }> | undefined;
    act(() => {
      refetched = latest().refetch();
    });
    expect(withoutTypename((await refetched!).data)).toEqual(oracle);
    await log.until((state) => !state.loading);

    const states = log.states();
    expectGrowingPrefixes(states.map((state) => listOf(state, 'ticks')).filter((list) => list !== undefined), oracle.ticks, 3, formatStates(states));
    expect(states.at(-1)).toEqual({ data: oracle, loading: false, dataState: 'complete', networkStatus: 7 });
    expect(await Promise.all(requestsSince(before).map((request) => request.ended))).toEqual(['finished']);
  });

  /**
   * Without deduplication the refetch sends a second request, and Apollo lets the first one run on: both
   * streams write the same field, so the list jumps back when the second starts. The link's results are
   * whole lists, so every render is still a prefix of the final list (no holes).
   */
  it.each(links.slice(0, FORMATS.length))('refetch while a stream runs, queryDeduplication off, %s: two streams, every render a prefix', async (_name, { create }) => {
    const oracle = (await executePlain(TICKS)).data as { ticks: number[] };
    const before = server.requests.length;
    const { log, latest } = recordQuery(createClient(create(), handler, { queryDeduplication: false }), TICKS);
    await log.until((state) => state.loading && (listOf(state, 'ticks')?.length ?? 0) >= 2);

    let refetched: Promise<{ data: unknown }> | undefined;
    act(() => {
      refetched = latest().refetch();
    });
    expect(withoutTypename((await refetched!).data)).toEqual(oracle);
    await log.until((state) => !state.loading);

    const states = log.states();
    const lists = states.map((state) => listOf(state, 'ticks')).filter((list) => list !== undefined);
    for (const list of lists) expect(list, formatStates(states)).toEqual(oracle.ticks.slice(0, list.length));
    expect(lists.some((list, index) => index > 0 && list.length < lists[index - 1]!.length), formatStates(states)).toBe(true);
    expect(states.at(-1)).toEqual({ data: oracle, loading: false, dataState: 'complete', networkStatus: 7 });
    expect(await Promise.all(requestsSince(before).map((request) => request.ended))).toEqual(['finished', 'finished']);
  });

  /**
   * A second request streams the list again; what shows meanwhile depends on what the handler is fed.
   * From HttpLink, GraphQL17Alpha9Handler keeps the cached items on screen until the stream completes.
   * The link's results are whole lists, so with either handler the list restarts at its initial count
   * and grows again, as the 2022 handler shows it from HttpLink too.
   */
  it.each(links)('refetch after the stream ended, %s: streams again from the first item', async (_name, { name, create }) => {
    const oracle = (await executePlain(TICKS)).data as { ticks: number[] };
    const { log, latest } = recordQuery(createClient(create(), handler), TICKS);
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

  it.each(links)('fetchMore with @stream, merged by a type policy, %s: the next page streams into the list', async (_name, { create }) => {
    const firstPage = { offset: 0, limit: PAGE_SIZE };
    const oracle = (await executePlain(FEED, { offset: 0, limit: 2 * PAGE_SIZE })).data as { feed: unknown[] };
    const nextPageOracle = (await executePlain(FEED, { offset: PAGE_SIZE, limit: PAGE_SIZE })).data;
    const before = server.requests.length;
    const client = createClient(create(), handler);
    const { log, latest } = recordQuery(client, FEED, { variables: firstPage });
    await log.until((state) => !state.loading);
    const firstStates = log.states();
    expectGrowingPrefixes(firstStates.map((state) => listOf(state, 'feed')).filter((list) => list !== undefined), oracle.feed, PAGE_SIZE, formatStates(firstStates));
    expect(firstStates.at(-1)).toEqual({ data: { feed: oracle.feed.slice(0, PAGE_SIZE) }, loading: false, dataState: 'complete', networkStatus: 7 });

    let fetched: Promise<{ data: unknown }> | undefined;
    act(() => {
      fetched = latest().fetchMore({ variables: { offset: PAGE_SIZE } });
    });
    expect(withoutTypename((await fetched!).data)).toEqual(nextPageOracle);
    await log.until((state) => !state.loading);

    const states = log.states().slice(firstStates.length);
    const message = formatStates(log.states());
    expect(states[0], message).toEqual({ data: { feed: oracle.feed.slice(0, PAGE_SIZE) }, loading: true, dataState: 'complete', networkStatus: 3 });
    const streaming = states.slice(1, -1);
    expect(streaming.every((state) => state.loading && state.networkStatus === 9), message).toBe(true);
    expectGrowingPrefixes([oracle.feed.slice(0, PAGE_SIZE), ...streaming.map((state) => listOf(state, 'feed')!)], oracle.feed, PAGE_SIZE, message);
    expect(states.at(-1)).toEqual({ data: oracle, loading: false, dataState: 'complete', networkStatus: 7 });
    // `keyArgs: false`: one list in the cache, whatever the page.
    expect(withoutTypename(client.readQuery({ query: FEED, variables: firstPage }))).toEqual(oracle);
    expect(requestsSince(before).map((request) => request.variables)).toEqual([firstPage, { offset: PAGE_SIZE, limit: PAGE_SIZE }]);
  });

  /**
   * The mutation's own hook shows only the final result, but each payload is written to the cache as it
   * arrives: a component showing the hero has the new name while the deferred friends are still missing.
   */
  it.each(links)('a mutation with a deferred fragment, %s: the cache updates before the fragment arrives', async (_name, { create }) => {
    const variables = { name: 'Luke Skywalker' };
    const oracle = (await executePlain(RENAME_HERO, variables)).data as { renameHero: { friends: { name: string }[] } };
    const client = createClient(create(), handler);
    let mutate: ((options: { variables: typeof variables }) => Promise<{ data?: unknown }>) | undefined;
    const log = recordRenders(
      () => {
        const hero = useQuery(HERO_NAME);
        const friends = useFragment({ fragment: HERO_FRIENDS, from: { __typename: 'Hero', id: '1' } });
        const [rename, mutation] = useMutation(RENAME_HERO);
        mutate = rename;
        return {
          heroName: (hero.data as { hero?: { name: string } } | undefined)?.hero?.name,
          friendNames: friends.complete ? (friends.data as { friends: { name: string }[] }).friends.map((friend) => friend.name) : undefined,
          mutation: { data: withoutTypename(mutation.data), loading: mutation.loading, called: mutation.called, error: mutation.error?.message },
        };
      },
      (children) => <ApolloProvider client={client}>{children}</ApolloProvider>,
    );
    await log.until((state) => state.heroName !== undefined);

    let mutated: Promise<{ data?: unknown }> | undefined;
    act(() => {
      mutated = mutate!({ variables });
    });
    expect(withoutTypename((await mutated!).data)).toEqual(oracle);
    await log.until((state) => state.mutation.data !== undefined);

    const idle = { data: undefined, loading: false, called: false, error: undefined };
    const running = { data: undefined, loading: true, called: true, error: undefined };
    const friendNames = oracle.renameHero.friends.map((friend) => friend.name);
    expect(log.states(), formatStates(log.states())).toEqual([
      { heroName: undefined, friendNames: undefined, mutation: idle },
      { heroName: 'Luke', friendNames: undefined, mutation: idle },
      { heroName: 'Luke', friendNames: undefined, mutation: running },
      { heroName: 'Luke Skywalker', friendNames: undefined, mutation: running },
      { heroName: 'Luke Skywalker', friendNames, mutation: { data: oracle, loading: false, called: true, error: undefined } },
    ]);
    expect(cacheOf(client)['Hero:1']).toEqual({
      __typename: 'Hero',
      id: '1',
      name: 'Luke Skywalker',
      'wait({"ms":100})': 'waited 100',
      friends: [{ __ref: 'Hero:2' }, { __ref: 'Hero:3' }],
    });
  });

  /**
   * Apollo's error policies decide what stays: "none" keeps the data from before the failing payload,
   * "all" adds the fragment with the failed field as null. Either way the error carries the server's
   * GraphQL error, the rendered data around it stays, and the cache holds what was rendered.
   */
  describe.each(['none', 'all'] as const)('an error inside a deferred fragment, errorPolicy %s', (errorPolicy) => {
    it.each(links)('%s: the data around it kept, the GraphQL error reported', async (_name, { create }) => {
      const oracle = await executePlain(FAILING_DEFERRED);
      const client = createClient(create(), handler);
      const { log } = recordQuery(client, FAILING_DEFERRED, { errorPolicy });
      await log.until((state) => !state.loading);

      // Locations differ: Apollo sends the query as it prints it (with __typename).
      const graphQLErrors = oracle.errors!.map(({ message, path }) => expect.objectContaining({ message, path }));
      const error = { error: 'CombinedGraphQLErrors: failingField failed', graphQLErrors };
      expect(log.states(), formatStates(log.states())).toEqual([
        { data: undefined, loading: true, dataState: 'empty', networkStatus: 1 },
        { data: { hero: HERO }, loading: true, dataState: 'streaming', networkStatus: 9 },
        { data: errorPolicy === 'none' ? { hero: HERO } : oracle.data, loading: false, dataState: 'complete', networkStatus: 8, ...error },
      ]);
      const cache = cacheOf(client);
      if (errorPolicy === 'none') {
        expect(cache['Hero:1']).toEqual({ __typename: 'Hero', ...HERO });
        expect(cache['ROOT_QUERY']).not.toHaveProperty(['wait({"ms":100})']);
      } else {
        expect(cache['Hero:1']).toEqual({ __typename: 'Hero', ...HERO, failingField: null, slowField: 'slow Luke' });
        expect(cache['ROOT_QUERY']).toHaveProperty(['wait({"ms":100})'], 'waited 100');
      }
    });
  });

  /**
   * Apollo warns about every field it writes as missing unless its handler knows the field's fragment
   * is still pending. The link cannot announce 2022-format fragments to GraphQL17Alpha9Handler (no ids),
   * so that one combination logs a warning per field of the pending fragment.
   */
  it.each(links)('a deferred fragment inside an object, %s: no "Missing field" warnings while it is pending', async (_name, { create, format }) => {
    const oracle = (await executePlain(NESTED_DEFERRED)).data;
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { log } = recordQuery(createClient(create(), handler), NESTED_DEFERRED);
      await log.until((state) => !state.loading);
      expect(log.states(), formatStates(log.states())).toEqual([
        { data: undefined, loading: true, dataState: 'empty', networkStatus: 1 },
        { data: { hero: HERO }, loading: true, dataState: 'streaming', networkStatus: 9 },
        { data: oracle, loading: false, dataState: 'complete', networkStatus: 7 },
      ]);
      const warnings = consoleError.mock.calls.map(([template, field]) => `${String(template)} ${String(field)}`);
      expect(warnings).toEqual(
        handler === 'GraphQL17Alpha9Handler' && !tracksFragments(handler, format)
          ? ["Missing field '%s' while writing result %o wait", "Missing field '%s' while writing result %o friends"]
          : [],
      );
    } finally {
      consoleError.mockRestore();
    }
  });

  describe.each([
    ['a stream', ENDLESS_TICKS],
    ['a deferred fragment', SLOW_DEFERRED],
  ] as const)('unmounting while %s is pending', (_what, query) => {
    it.each(links)('%s: the server sees the response closed; no warnings, no unhandled rejections', async (_name, { create }) => {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const rejections = watchUnhandledRejections();
      try {
        const before = server.requests.length;
        const { log } = recordQuery(createClient(create(), handler), query);
        await log.until((state) => state.data !== undefined);
        expect(log.renders.at(-1)).toMatchObject({ loading: true, networkStatus: 9 });
        // Only what unmounting causes (the test above covers warnings while streaming).
        consoleError.mockClear();
        consoleWarn.mockClear();
        log.unmount();
        const rendersAtUnmount = log.renders.length;

        // A deadline only to fail with a message rather than the test's timeout.
        const ends = requestsSince(before).map((request) => Promise.race([request.ended, sleep(2000).then(() => 'still open')]));
        expect(await Promise.all(ends)).toEqual(['closed early']);
        // Let the aborted fetch and the link settle before looking for what they left behind.
        await sleep(50);
        expect(log.renders).toHaveLength(rendersAtUnmount);
        expect(consoleError.mock.calls).toEqual([]);
        expect(consoleWarn.mock.calls).toEqual([]);
        expect(rejections.reasons).toEqual([]);
      } finally {
        rejections.stop();
        consoleError.mockRestore();
        consoleWarn.mockRestore();
      }
    });
  });
});
