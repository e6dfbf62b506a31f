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
 */
import {
  ApolloClient,
  ApolloLink,
  ApolloProvider,
  InMemoryCache,
  Observable,
  useFragment,
  useMutation,
  useQuery,
  type DocumentNode,
  type QueryHookOptions,
  type QueryResult,
} from '@apollo/client-3';
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
import { FORMAT_PARAMETER, FORMATS, HERO } from '../apollo/queries.js';
import { formatStates, recordRenders, sleep, withoutTypename, type RenderLog } from '../apollo/recordRenders.js';
import { createHttpLink, createIncrementalLink, type QueryState3 } from './apolloClient3.js';

let server: BehaviourServer;
beforeAll(async () => {
  server = await startBehaviourServer();
});
afterAll(() => server.close());
afterEach(() => cleanup());

interface LinkUnderTest {
  /** The format the server answers in. */
  readonly format: (typeof FORMATS)[number];
  readonly create: () => ApolloLink;
}

// At run time IncrementalHttpLink extends Apollo Client 3's ApolloLink (the alias, see ./apolloClient3.tsx).
const OUR_LINKS: [string, LinkUnderTest][] = FORMATS.map((format) => [
  `IncrementalHttpLink, server format ${format}`,
  { format, create: () => createIncrementalLink({ uri: server.url, format }) as unknown as ApolloLink },
]);

/** The link in both formats, then HttpLink: for `@defer` only. */
const LINKS: [string, LinkUnderTest][] = [...OUR_LINKS, ['HttpLink', { format: '2022', create: () => createHttpLink(server.url) }]];

function createClient(link: ApolloLink, options: { queryDeduplication?: boolean } = {}): ApolloClient<unknown> {
  return new ApolloClient({ link, cache: new InMemoryCache({ typePolicies: FEED_TYPE_POLICIES }), ...options });
}

/** A `useQuery` render, as in ./apolloClient3.tsx, plus the error's `graphQLErrors`. */
interface BehaviourState3 extends QueryState3 {
  readonly graphQLErrors?: unknown;
}

/** Records every render of `useQuery(query, options)`, and keeps the latest hook result (for `refetch`, `fetchMore`). */
function recordQuery(client: ApolloClient<unknown>, query: DocumentNode, options: QueryHookOptions = {}): { log: RenderLog<BehaviourState3>; latest: () => QueryResult } {
  let latest: QueryResult | undefined;
  const log = recordRenders<BehaviourState3>(
    () => {
      const result = useQuery(query, options);
      latest = result;
      const { error } = result;
      return {
        data: withoutTypename(result.data),
        loading: result.loading,
        networkStatus: result.networkStatus,
        ...(error === undefined ? {} : { error: `${error.name}: ${error.message}`, graphQLErrors: error.graphQLErrors }),
      };
    },
    (children) => <ApolloProvider client={client}>{children}</ApolloProvider>,
  );
  return { log, latest: () => latest! };
}

/**
 * `link` behind a pass-through link that records how each request ended, as Apollo saw it (Apollo
 * Client 3's hooks have no state that says "the stream is over").
 */
function recordEndings(link: ApolloLink): { link: ApolloLink; endings: ('complete' | 'error')[] } {
  const endings: ('complete' | 'error')[] = [];
  const observe = new ApolloLink(
    (operation, forward) =>
      new Observable((observer) => {
        const subscription = forward(operation).subscribe({
          next: (result) => observer.next(result),
          error: (error: unknown) => {
            endings.push('error');
            observer.error(error);
          },
          complete: () => {
            endings.push('complete');
            observer.complete();
          },
        });
        return () => subscription.unsubscribe();
      }),
  );
  return { link: observe.concat(link), endings };
}

/** The normalized cache, entity by entity. */
function cacheOf(client: ApolloClient<unknown>): Record<string, Record<string, unknown>> {
  return client.cache.extract() as Record<string, Record<string, unknown>>;
}

/** The requests the server received since `before` (its request count at the start of a test). */
function requestsSince(before: number): readonly ServedRequest[] {
  return server.requests.slice(before);
}

/** The list at `field` of a state's data (`ticks`, `feed`), if there is one. */
function listOf(state: BehaviourState3, field: string): readonly unknown[] | undefined {
  return (state.data as Record<string, unknown[]> | undefined)?.[field];
}

/** Asserts that `lists` only grow, each a prefix of `full`, through at least `distinct` lengths. */
function expectGrowingPrefixes(lists: readonly (readonly unknown[])[], full: readonly unknown[], distinct: number, message: string): void {
  const lengths = lists.map((list) => list.length);
  expect(lengths, message).toEqual([...lengths].sort((a, b) => a - b));
  expect(new Set(lengths).size, message).toBeGreaterThanOrEqual(distinct);
  for (const list of lists) expect(list, message).toEqual(full.slice(0, list.length));
}

/** Until the query has its final data (Apollo Client 3 says `loading: false` from the first payload). */
function hasData(expected: unknown): (state: BehaviourState3) => boolean {
  return (state) => JSON.stringify(state.data) === JSON.stringify(expected);
}

describe('Apollo Client 3.14', () => {
  /** The primed cache renders at once; the initial payload is merged into it, cached deferred fields included. */
  it.each(LINKS)('cache-and-network over a primed cache, %s: the cached data, then the network results', async (_name, { create, format }) => {
    const oracle = (await executePlain(DEFERRED_HERO)).data;
    const before = server.requests.length;
    const client = createClient(create());
    client.writeQuery({ query: DEFERRED_HERO, data: CACHED_HERO_DATA });
    const { log } = recordQuery(client, DEFERRED_HERO, { fetchPolicy: 'cache-and-network' });
    await log.until(hasData(oracle));

    const cached = withoutTypename(CACHED_HERO_DATA) as typeof CACHED_HERO_DATA;
    expect(log.states(), formatStates(log.states())).toEqual([
      { data: cached, loading: true, networkStatus: 1 },
      { data: { ...cached, hero: { ...cached.hero, name: HERO.name } }, loading: false, networkStatus: 7 },
      { data: oracle, loading: false, networkStatus: 7 },
    ]);
    expect(withoutTypename(client.readQuery({ query: DEFERRED_HERO }))).toEqual(oracle);
    expect(requestsSince(before).map((request) => request.contentType)).toEqual([expect.stringContaining(FORMAT_PARAMETER[format])]);
  });

  /** Nothing from the cache at first; then the initial payload merged into the cached query, as above. */
  it.each(LINKS)('network-only over a primed cache, %s: no cached data first, then the network results', async (_name, { create }) => {
    const oracle = (await executePlain(DEFERRED_HERO)).data;
    const client = createClient(create());
    client.writeQuery({ query: DEFERRED_HERO, data: CACHED_HERO_DATA });
    const { log } = recordQuery(client, DEFERRED_HERO, { fetchPolicy: 'network-only' });
    await log.until(hasData(oracle));

    const cached = withoutTypename(CACHED_HERO_DATA) as typeof CACHED_HERO_DATA;
    expect(log.states(), formatStates(log.states())).toEqual([
      { data: undefined, loading: true, networkStatus: 1 },
      { data: { ...cached, hero: { ...cached.hero, name: HERO.name } }, loading: false, networkStatus: 7 },
      { data: oracle, loading: false, networkStatus: 7 },
    ]);
    expect(withoutTypename(client.readQuery({ query: DEFERRED_HERO }))).toEqual(oracle);
  });

  /** Apollo deduplicates the refetch into the request in flight: the stream goes on, nothing restarts. */
  it.each(OUR_LINKS)('refetch while a stream runs, %s: joins the running request', async (_name, { create }) => {
    const oracle = (await executePlain(TICKS)).data as { ticks: number[] };
    const before = server.requests.length;
    const { log, latest } = recordQuery(createClient(create()), TICKS);
    await log.until((state) => listOf(state, 'ticks') !== undefined);

    let refetched: Promise<{ data: unknown }> | undefined;
    act(() => {
      refetched = latest().refetch();
    });
    expect(withoutTypename((await refetched!).data)).toEqual(oracle);
    await log.until(hasData(oracle));

    const states = log.states();
    expectGrowingPrefixes(states.map((state) => listOf(state, 'ticks')).filter((list) => list !== undefined), oracle.ticks, 3, formatStates(states));
    expect(states.at(-1)).toEqual({ data: oracle, loading: false, networkStatus: 7 });
    expect(await Promise.all(requestsSince(before).map((request) => request.ended))).toEqual(['finished']);
  });

  /**
   * Without deduplication the refetch sends a second request and the first one runs on. Each result
   * with `hasNext: true` is merged into the cached list, so the list never shrinks while both stream.
   */
  it.each(OUR_LINKS)('refetch while a stream runs, queryDeduplication off, %s: two streams, the list only grows', async (_name, { create }) => {
    const oracle = (await executePlain(TICKS)).data as { ticks: number[] };
    const before = server.requests.length;
    const { log, latest } = recordQuery(createClient(create(), { queryDeduplication: false }), TICKS);
    await log.until((state) => (listOf(state, 'ticks')?.length ?? 0) >= 2);

    let refetched: Promise<{ data: unknown }> | undefined;
    act(() => {
      refetched = latest().refetch();
    });
    expect(withoutTypename((await refetched!).data)).toEqual(oracle);
    await log.until(hasData(oracle));

    const states = log.states();
    expectGrowingPrefixes(states.map((state) => listOf(state, 'ticks')).filter((list) => list !== undefined), oracle.ticks, 3, formatStates(states));
    expect(states.at(-1)).toEqual({ data: oracle, loading: false, networkStatus: 7 });
    expect(await Promise.all(requestsSince(before).map((request) => request.ended))).toEqual(['finished', 'finished']);
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
    await log.until(hasData(oracle));
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
  it.each(OUR_LINKS)('fetchMore with @stream, merged by a type policy, %s: the next page lands whole', async (_name, { create }) => {
    const firstPage = { offset: 0, limit: PAGE_SIZE };
    const oracle = (await executePlain(FEED, { offset: 0, limit: 2 * PAGE_SIZE })).data as { feed: unknown[] };
    const nextPageOracle = (await executePlain(FEED, { offset: PAGE_SIZE, limit: PAGE_SIZE })).data;
    const before = server.requests.length;
    const client = createClient(create());
    const { log, latest } = recordQuery(client, FEED, { variables: firstPage });
    const firstPageData = { feed: oracle.feed.slice(0, PAGE_SIZE) };
    await log.until(hasData(firstPageData));
    const firstStates = log.states();
    expectGrowingPrefixes(firstStates.map((state) => listOf(state, 'feed')).filter((list) => list !== undefined), oracle.feed, PAGE_SIZE, formatStates(firstStates));

    let fetched: Promise<{ data: unknown }> | undefined;
    act(() => {
      fetched = latest().fetchMore({ variables: { offset: PAGE_SIZE } });
    });
    expect(withoutTypename((await fetched!).data)).toEqual(nextPageOracle);
    await log.until(hasData(oracle));

    expect(log.states().slice(firstStates.length), formatStates(log.states())).toEqual([{ data: oracle, loading: false, networkStatus: 7 }]);
    // `keyArgs: false`: one list in the cache, whatever the page.
    expect(withoutTypename(client.readQuery({ query: FEED, variables: firstPage }))).toEqual(oracle);
    expect(requestsSince(before).map((request) => request.variables)).toEqual([firstPage, { offset: PAGE_SIZE, limit: PAGE_SIZE }]);
  });

  /**
   * The mutation's own hook shows only the final result, but each payload is written to the cache as it
   * arrives: a component showing the hero has the new name while the deferred friends are still missing.
   */
  it.each(LINKS)('a mutation with a deferred fragment, %s: the cache updates before the fragment arrives', async (_name, { create }) => {
    const variables = { name: 'Luke Skywalker' };
    const oracle = (await executePlain(RENAME_HERO, variables)).data as { renameHero: { friends: { name: string }[] } };
    const client = createClient(create());
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
    it.each(LINKS)('%s: the data around it kept, the GraphQL error reported', async (_name, { create }) => {
      const oracle = await executePlain(FAILING_DEFERRED);
      const client = createClient(create());
      const { log } = recordQuery(client, FAILING_DEFERRED, { errorPolicy });
      await log.until((state) => state.error !== undefined);

      // Locations differ: Apollo sends the query as it prints it (with __typename).
      const graphQLErrors = oracle.errors!.map(({ message, path }) => expect.objectContaining({ message, path }));
      expect(log.states(), formatStates(log.states())).toEqual([
        { data: undefined, loading: true, networkStatus: 1 },
        { data: { hero: HERO }, loading: false, networkStatus: 7 },
        {
          data: errorPolicy === 'none' ? { hero: HERO } : oracle.data,
          loading: false,
          networkStatus: 8,
          error: 'ApolloError: failingField failed',
          graphQLErrors,
        },
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

  /** Apollo Client 3 cannot tell a pending fragment from a missing field; it stays quiet here with either link. */
  it.each(LINKS)('a deferred fragment inside an object, %s: no "Missing field" warnings while it is pending', async (_name, { create }) => {
    const oracle = (await executePlain(NESTED_DEFERRED)).data;
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { log } = recordQuery(createClient(create()), NESTED_DEFERRED);
      await log.until(hasData(oracle));
      expect(log.states(), formatStates(log.states())).toEqual([
        { data: undefined, loading: true, networkStatus: 1 },
        { data: { hero: HERO }, loading: false, networkStatus: 7 },
        { data: oracle, loading: false, networkStatus: 7 },
      ]);
      expect(consoleError.mock.calls).toEqual([]);
    } finally {
      consoleError.mockRestore();
    }
  });

  describe.each([
    ['a stream', ENDLESS_TICKS, OUR_LINKS],
    ['a deferred fragment', SLOW_DEFERRED, LINKS],
  ] as const)('unmounting while %s is pending', (_what, query, links) => {
    it.each(links)('%s: the server sees the response closed; no warnings, no unhandled rejections', async (_name, { create }) => {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const rejections = watchUnhandledRejections();
      try {
        const before = server.requests.length;
        const { log } = recordQuery(createClient(create()), query);
        await log.until((state) => state.data !== undefined);
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
