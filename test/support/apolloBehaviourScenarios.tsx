/**
 * The Apollo behaviour scenarios that run alike on Apollo Client 4 (`test/apollo/behaviour.test.tsx`)
 * and 3.14 (`test/apollo3/behaviour.test.tsx`): each one drives a real client over a link, asserts what
 * both majors agree on, and returns what the test file asserts for its own major (the renders).
 *
 * It imports `@apollo/client`, so it runs on whichever major the vitest project resolves: Apollo Client 4
 * by default, Apollo Client 3 under the `apollo3` project. Types are Apollo Client 4's.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, Observable, type DocumentNode, type ErrorLike, type OperationVariables } from '@apollo/client';
import { ApolloProvider, useFragment, useMutation, useQuery } from '@apollo/client/react';
import { IncrementalHttpLink } from '@graphql-incremental/apollo-link';
import { act } from '@testing-library/react';
import { expect, vi } from 'vitest';
import { createDomFetch } from '../apollo/domFetch.js';
import { DEFERRED_HERO, FAILING_DEFERRED, FORMAT_PARAMETER, FORMATS, HERO } from '../apollo/queries.js';
import { formatStates, recordRenders, sleep, withoutTypename, type RenderLog } from '../apollo/recordRenders.js';
import {
  CACHED_HERO_DATA,
  executePlain,
  FEED,
  FEED_TYPE_POLICIES,
  HERO_FRIENDS,
  HERO_NAME,
  NESTED_DEFERRED,
  PAGE_SIZE,
  RENAME_HERO,
  TICKS,
  watchUnhandledRejections,
  type BehaviourServer,
  type ServedRequest,
} from './apolloBehaviour.js';

type Format = (typeof FORMATS)[number];

/** One link a scenario runs over. */
export interface LinkUnderTest {
  /** The format the server answers in. */
  readonly format: Format;
  readonly create: () => ApolloLink;
}

/**
 * IncrementalHttpLink in both server formats, then Apollo's HttpLink when `httpLinkFormat` names the
 * format it reads; `[name, link]` rows for `it.each`. Every link fetches with happy-dom's `fetch`.
 */
export function linksUnderTest(url: () => string, httpLinkFormat?: Format): [string, LinkUnderTest][] {
  const rows: [string, LinkUnderTest][] = FORMATS.map((format) => [
    `IncrementalHttpLink, server format ${format}`,
    { format, create: () => new IncrementalHttpLink({ uri: url(), format, fetch: createDomFetch().fetch }) },
  ]);
  if (httpLinkFormat === undefined) return rows;
  return [...rows, ['HttpLink', { format: httpLinkFormat, create: () => new HttpLink({ uri: url(), fetch: createDomFetch().fetch }) }]];
}

/** A `useQuery` render: `data` without `__typename`, `error` as `name: message` and its GraphQL errors. */
export interface BehaviourState {
  readonly data: unknown;
  readonly loading: boolean;
  /** Apollo Client 4 only. */
  readonly dataState?: string;
  readonly networkStatus: number;
  readonly error?: string;
  readonly graphQLErrors?: unknown;
}

/** What the scenarios need to know about the Apollo Client major they run on. */
export interface ApolloMajor {
  /** What every client gets besides its link, cache and `queryDeduplication` (Apollo Client 4: a handler). */
  readonly clientOptions: () => Partial<Pick<ApolloClient.Options, 'incrementalHandler'>>;
  /** The GraphQL errors of a `useQuery` error, if it carries some. */
  readonly graphQLErrorsOf: (error: ErrorLike) => unknown;
  /** Whether a render shows the query over, `expected` being its final data (Apollo Client 3 has no other sign). */
  readonly isFinished: (expected: unknown) => (state: BehaviourState) => boolean;
  /** The render of a query that is over with `data`. */
  readonly finished: (data: unknown) => BehaviourState;
}

/** The list at `field` of a state's data (`ticks`, `feed`), if there is one. */
export function listOf(state: BehaviourState, field: string): readonly unknown[] | undefined {
  return (state.data as Record<string, unknown[]> | undefined)?.[field];
}

/** The lists at `field` of the states that have one. */
function listsOf(states: readonly BehaviourState[], field: string): (readonly unknown[])[] {
  return states.map((state) => listOf(state, field)).filter((list) => list !== undefined);
}

/** Asserts that `lists` only grow, each a prefix of `full`, through at least `distinct` lengths. */
export function expectGrowingPrefixes(lists: readonly (readonly unknown[])[], full: readonly unknown[], distinct: number, message: string): void {
  const lengths = lists.map((list) => list.length);
  expect(lengths, message).toEqual([...lengths].sort((a, b) => a - b));
  expect(new Set(lengths).size, message).toBeGreaterThanOrEqual(distinct);
  for (const list of lists) expect(list, message).toEqual(full.slice(0, list.length));
}

/** Asserts the states a query showed, printing them all when they differ. */
export function expectStates(states: readonly BehaviourState[], expected: readonly BehaviourState[]): void {
  expect(states, formatStates(states)).toEqual(expected);
}

/**
 * `link` behind a pass-through link that records how each request ended, as Apollo saw it (Apollo
 * Client 3's hooks have no state that says "the stream is over").
 */
export function recordEndings(link: ApolloLink): { link: ApolloLink; endings: ('complete' | 'error')[] } {
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

/** Calls `start` inside `act` (it updates React state) and returns its promise. */
function inAct<T>(start: () => Promise<T>): Promise<T> {
  let started: Promise<T> | undefined;
  act(() => {
    started = start();
  });
  return started!;
}

/**
 * The scenarios on `major`, against the behaviour server (`./apolloBehaviour.tsx`) that the test file
 * starts; `server` is read when a scenario runs.
 */
export function createBehaviourScenarios(server: () => BehaviourServer, major: ApolloMajor) {
  /** A client over `link` with the feed's type policy. */
  function createClient(link: ApolloLink, options: { queryDeduplication?: boolean } = {}): ApolloClient {
    return new ApolloClient({ link, cache: new InMemoryCache({ typePolicies: FEED_TYPE_POLICIES }), ...major.clientOptions(), ...options });
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
        // Apollo Client 3 has no `dataState`.
        const { error, dataState } = result as { error?: ErrorLike; dataState?: string };
        const graphQLErrors = error === undefined ? undefined : major.graphQLErrorsOf(error);
        return {
          data: withoutTypename(result.data),
          loading: result.loading,
          ...(dataState === undefined ? {} : { dataState }),
          networkStatus: result.networkStatus,
          ...(error === undefined ? {} : { error: `${error.name}: ${error.message}` }),
          ...(graphQLErrors === undefined ? {} : { graphQLErrors }),
        };
      },
      (children) => <ApolloProvider client={client}>{children}</ApolloProvider>,
    );
    return { log, latest: () => latest! };
  }

  /** The requests the server received since `before` (its request count at the start of a test). */
  function requestsSince(before: number): readonly ServedRequest[] {
    return server().requests.slice(before);
  }

  return {
    createClient,
    recordQuery,
    requestsSince,

    /**
     * `DEFERRED_HERO` with `fetchPolicy` over a cache primed with other values. Asserts the final cache
     * and that one request went out in the link's format.
     *
     * @returns The states shown, the oracle, the cached data as rendered, and `merged`: the cached data
     *   with the initial payload (the hero's name) merged in.
     */
    async primedCache({ create, format }: LinkUnderTest, fetchPolicy: 'cache-and-network' | 'network-only') {
      const oracle = (await executePlain(DEFERRED_HERO)).data;
      const before = server().requests.length;
      const client = createClient(create());
      client.writeQuery({ query: DEFERRED_HERO, data: CACHED_HERO_DATA });
      const { log } = recordQuery(client, DEFERRED_HERO, { fetchPolicy });
      await log.until(major.isFinished(oracle));

      expect(withoutTypename(client.readQuery({ query: DEFERRED_HERO }))).toEqual(oracle);
      expect(requestsSince(before).map((request) => request.contentType)).toEqual([expect.stringContaining(FORMAT_PARAMETER[format])]);
      const cached = withoutTypename(CACHED_HERO_DATA) as typeof CACHED_HERO_DATA;
      return { states: log.states(), oracle, cached, merged: { ...cached, hero: { ...cached.hero, name: HERO.name } } };
    },

    /**
     * `TICKS`, refetched once the list has started streaming (at least two ticks without deduplication,
     * so that a restarted stream would show as a shorter list). Asserts the refetch's result, the final
     * render and that every request ran to the end (one, or two without deduplication).
     *
     * @returns The lists shown, the complete list and the states printed for failure messages.
     */
    async refetchWhileStreaming({ create }: LinkUnderTest, { queryDeduplication }: { queryDeduplication: boolean }) {
      const oracle = (await executePlain(TICKS)).data as { ticks: number[] };
      const before = server().requests.length;
      const { log, latest } = recordQuery(createClient(create(), { queryDeduplication }), TICKS);
      const ticksFirst = queryDeduplication ? 1 : 2;
      await log.until((state) => !major.isFinished(oracle)(state) && (listOf(state, 'ticks')?.length ?? 0) >= ticksFirst);

      expect(withoutTypename((await inAct(() => latest().refetch())).data)).toEqual(oracle);
      await log.until(major.isFinished(oracle));

      const states = log.states();
      expect(states.at(-1)).toEqual(major.finished(oracle));
      expect(await Promise.all(requestsSince(before).map((request) => request.ended))).toEqual(queryDeduplication ? ['finished'] : ['finished', 'finished']);
      return { lists: listsOf(states, 'ticks'), ticks: oracle.ticks, message: formatStates(states) };
    },

    /**
     * The first page of `FEED`, then `fetchMore` for the next one, merged by the type policy. Asserts
     * that the first page streamed in, the page `fetchMore` resolves, the cache and the requests.
     *
     * @returns The states shown from `fetchMore` on, the whole list's oracle and all states printed.
     */
    async fetchMoreIntoFeed({ create }: LinkUnderTest) {
      const firstPage = { offset: 0, limit: PAGE_SIZE };
      const oracle = (await executePlain(FEED, { offset: 0, limit: 2 * PAGE_SIZE })).data as { feed: unknown[] };
      const nextPageOracle = (await executePlain(FEED, { offset: PAGE_SIZE, limit: PAGE_SIZE })).data;
      const before = server().requests.length;
      const client = createClient(create());
      const { log, latest } = recordQuery(client, FEED, { variables: firstPage });
      const firstPageData = { feed: oracle.feed.slice(0, PAGE_SIZE) };
      await log.until(major.isFinished(firstPageData));
      const firstStates = log.states();
      expectGrowingPrefixes(listsOf(firstStates, 'feed'), oracle.feed, PAGE_SIZE, formatStates(firstStates));
      expect(firstStates.at(-1)).toEqual(major.finished(firstPageData));

      expect(withoutTypename((await inAct(() => latest().fetchMore({ variables: { offset: PAGE_SIZE } }))).data)).toEqual(nextPageOracle);
      await log.until(major.isFinished(oracle));

      // `keyArgs: false`: one list in the cache, whatever the page.
      expect(withoutTypename(client.readQuery({ query: FEED, variables: firstPage }))).toEqual(oracle);
      expect(requestsSince(before).map((request) => request.variables)).toEqual([firstPage, { offset: PAGE_SIZE, limit: PAGE_SIZE }]);
      return { states: log.states().slice(firstStates.length), oracle, message: formatStates(log.states()) };
    },

    /**
     * `RENAME_HERO` from `useMutation` next to a query and a fragment showing the hero. Asserts every
     * render (the same on both majors: the new name before the deferred friends) and the hero in the cache.
     */
    async mutationWithDeferredFragment({ create }: LinkUnderTest): Promise<void> {
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

      expect(withoutTypename((await inAct(() => mutate!({ variables }))).data)).toEqual(oracle);
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
    },

    /**
     * `FAILING_DEFERRED` with `errorPolicy`, until the error shows. Asserts that the cache holds what
     * was rendered: the data before the failing payload ("none"), or with the fragment too ("all").
     *
     * @returns The states shown, the oracle's data, and its GraphQL errors as matchers.
     */
    async errorInDeferredFragment({ create }: LinkUnderTest, errorPolicy: 'none' | 'all') {
      const oracle = await executePlain(FAILING_DEFERRED);
      const client = createClient(create());
      const { log } = recordQuery(client, FAILING_DEFERRED, { errorPolicy });
      await log.until((state) => state.error !== undefined);

      const cache = cacheOf(client);
      if (errorPolicy === 'none') {
        expect(cache['Hero:1']).toEqual({ __typename: 'Hero', ...HERO });
        expect(cache['ROOT_QUERY']).not.toHaveProperty(['wait({"ms":100})']);
      } else {
        expect(cache['Hero:1']).toEqual({ __typename: 'Hero', ...HERO, failingField: null, slowField: 'slow Luke' });
        expect(cache['ROOT_QUERY']).toHaveProperty(['wait({"ms":100})'], 'waited 100');
      }
      // Locations differ: Apollo sends the query as it prints it (with __typename).
      const graphQLErrors = oracle.errors!.map(({ message, path }) => expect.objectContaining({ message, path }) as unknown);
      return { states: log.states(), data: oracle.data, graphQLErrors };
    },

    /**
     * `NESTED_DEFERRED`, whose hero Apollo writes before the fragment's fields exist.
     *
     * @returns The states shown, the oracle, and what Apollo logged with `console.error` (template and field).
     */
    async nestedDeferredFragment({ create }: LinkUnderTest) {
      const oracle = (await executePlain(NESTED_DEFERRED)).data;
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        const { log } = recordQuery(createClient(create()), NESTED_DEFERRED);
        await log.until(major.isFinished(oracle));
        return { states: log.states(), oracle, warnings: consoleError.mock.calls.map(([template, field]) => `${String(template)} ${String(field)}`) };
      } finally {
        consoleError.mockRestore();
      }
    },

    /**
     * `query` until its first data, then unmounted. Asserts that the server saw the response closed
     * early, that nothing rendered after the unmount, and that no promise rejection went unhandled.
     *
     * @returns The last render before the unmount, and what was logged to `console.error` and
     *   `console.warn` before and after it.
     */
    async unmountWhilePending({ create }: LinkUnderTest, query: DocumentNode) {
      const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      /** What was logged since the last call. */
      const logged = () => {
        const calls = { error: [...consoleError.mock.calls], warn: [...consoleWarn.mock.calls] };
        consoleError.mockClear();
        consoleWarn.mockClear();
        return calls;
      };
      const rejections = watchUnhandledRejections();
      try {
        const before = server().requests.length;
        const { log } = recordQuery(createClient(create()), query);
        const pending = await log.until((state) => state.data !== undefined);
        const whilePending = logged();
        log.unmount();
        const rendersAtUnmount = log.renders.length;

        // A deadline only to fail with a message rather than the test's timeout.
        const ends = requestsSince(before).map((request) => Promise.race([request.ended, sleep(2000).then(() => 'still open')]));
        expect(await Promise.all(ends)).toEqual(['closed early']);
        // Let the aborted fetch and the link settle before looking for what they left behind.
        await sleep(50);
        expect(log.renders).toHaveLength(rendersAtUnmount);
        expect(rejections.reasons).toEqual([]);
        return { pending, logged: { whilePending, afterUnmount: logged() } };
      } finally {
        rejections.stop();
        consoleError.mockRestore();
        consoleWarn.mockRestore();
      }
    },
  };
}

/** The normalized cache, entity by entity. */
function cacheOf(client: ApolloClient): Record<string, Record<string, unknown>> {
  return client.cache.extract() as Record<string, Record<string, unknown>>;
}
