/**
 * Apollo Client 4 helpers for the React hook tests: a client per test with either incremental handler,
 * and `useQuery` / `useSubscription` recorded render by render.
 */
import { ApolloClient, HttpLink, InMemoryCache, type ApolloLink, type DocumentNode, type OperationVariables } from '@apollo/client';
import { Defer20220824Handler, GraphQL17Alpha9Handler } from '@apollo/client/incremental';
import { ApolloProvider, useQuery, useSubscription } from '@apollo/client/react';
import { IncrementalHttpLink, type IncrementalHttpLinkOptions } from '@graphql-incremental/apollo-link';
import { createDomFetch } from './domFetch.js';
import { recordRenders, withoutTypename, type RenderLog } from './recordRenders.js';

type IncrementalHandler = NonNullable<ApolloClient.Options['incrementalHandler']>;

/** Apollo Client 4's two incremental handlers, by name. */
export const HANDLERS = {
  Defer20220824Handler: (): IncrementalHandler => new Defer20220824Handler(),
  // Apollo's own typings reject this handler under exactOptionalPropertyTypes (its streamInfo type).
  GraphQL17Alpha9Handler: (): IncrementalHandler => new GraphQL17Alpha9Handler() as unknown as IncrementalHandler,
} as const;

export type HandlerName = keyof typeof HANDLERS;
export const HANDLER_NAMES = Object.keys(HANDLERS) as HandlerName[];

/** IncrementalHttpLink over happy-dom's fetch (./domFetch.ts) unless `options.fetch` says otherwise. */
export function createIncrementalLink(options: IncrementalHttpLinkOptions): IncrementalHttpLink {
  return new IncrementalHttpLink({ fetch: createDomFetch().fetch, ...options });
}

/** Apollo's HttpLink over the same fetch as {@link createIncrementalLink}. */
export function createHttpLink(options: HttpLink.Options): HttpLink {
  return new HttpLink({ fetch: createDomFetch().fetch, ...options });
}

/** A fresh client (own cache) over `link` with the named handler. */
export function createClient(link: ApolloLink, handler: HandlerName): ApolloClient {
  return new ApolloClient({ link, cache: new InMemoryCache(), incrementalHandler: HANDLERS[handler]() });
}

/**
 * What one `useQuery` render shows: `data` without `__typename`; `error` as `name: message`, present only
 * with an error.
 */
export interface QueryState {
  readonly data: unknown;
  readonly loading: boolean;
  readonly dataState: string;
  readonly networkStatus: number;
  readonly error?: string;
}

/** Renders a component calling `useQuery(query, options)` under `client` and records every render. */
export function recordQuery(client: ApolloClient, query: DocumentNode, options: useQuery.Options<unknown, OperationVariables> = {}): RenderLog<QueryState> {
  return recordRenders<QueryState>(
    () => {
      const result = useQuery(query, options);
      return {
        data: withoutTypename(result.data),
        loading: result.loading,
        dataState: result.dataState,
        networkStatus: result.networkStatus,
        ...(result.error === undefined ? {} : { error: `${result.error.name}: ${result.error.message}` }),
      };
    },
    (children) => <ApolloProvider client={client}>{children}</ApolloProvider>,
  );
}

/** What one `useSubscription` render shows. */
export interface SubscriptionState {
  readonly data: unknown;
  readonly loading: boolean;
  readonly error?: string;
}

/** Renders a component calling `useSubscription(query, options)` under `client` and records every render. */
export function recordSubscription(
  client: ApolloClient,
  query: DocumentNode,
  options: useSubscription.Options<unknown, OperationVariables> = {},
): RenderLog<SubscriptionState> {
  return recordRenders<SubscriptionState>(
    () => {
      const result = useSubscription(query, options);
      return {
        data: withoutTypename(result.data),
        loading: result.loading,
        ...(result.error === undefined ? {} : { error: `${result.error.name}: ${result.error.message}` }),
      };
    },
    (children) => <ApolloProvider client={client}>{children}</ApolloProvider>,
  );
}
