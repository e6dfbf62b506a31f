/**
 * Apollo Client 3.14 helpers for the React hook tests. In the `apollo3` Vitest project `@apollo/client`
 * resolves to 3.14 (vitest.config.ts), so the link package, which imports `@apollo/client`, is built on
 * the same Apollo Client as these tests (which import it as `@apollo/client-3` for its types).
 */
import { ApolloClient, ApolloLink, ApolloProvider, HttpLink, InMemoryCache, Observable, useQuery, type DocumentNode, type QueryHookOptions } from '@apollo/client-3';
import { IncrementalHttpLink, type IncrementalHttpLinkOptions } from '@graphql-incremental/apollo-link';
import { createDomFetch } from '../apollo/domFetch.js';
import { recordRenders, withoutTypename, type RenderLog } from '../apollo/recordRenders.js';

/** IncrementalHttpLink over happy-dom's fetch (../apollo/domFetch.ts). */
export function createIncrementalLink(options: IncrementalHttpLinkOptions): IncrementalHttpLink {
  return new IncrementalHttpLink({ fetch: createDomFetch().fetch, ...options });
}

/** Apollo Client 3's HttpLink over the same fetch. */
export function createHttpLink(uri: string): HttpLink {
  return new HttpLink({ uri, fetch: createDomFetch().fetch });
}

/** How the request of a terminating link ended, as the client saw it. */
export type Outcome = 'complete' | 'error';

/**
 * A client over `link`, with a pass-through link in front that reports how the request ended (Apollo
 * Client 3's hooks have no state that says "the stream is over").
 */
export function createClient(link: ApolloLink | IncrementalHttpLink): { client: ApolloClient<unknown>; outcome: Promise<Outcome> } {
  let settle: (outcome: Outcome) => void = () => undefined;
  const outcome = new Promise<Outcome>((resolve) => {
    settle = resolve;
  });
  const observe = new ApolloLink(
    (operation, forward) =>
      new Observable((observer) => {
        const subscription = forward(operation).subscribe({
          next: (result) => observer.next(result),
          error: (error: unknown) => {
            settle('error');
            observer.error(error);
          },
          complete: () => {
            settle('complete');
            observer.complete();
          },
        });
        return () => subscription.unsubscribe();
      }),
  );
  // At run time IncrementalHttpLink extends Apollo Client 3's ApolloLink (the alias); its declared type
  // is Apollo Client 4's, which TypeScript cannot know is aliased here.
  const terminating = link as ApolloLink;
  return { client: new ApolloClient({ link: observe.concat(terminating), cache: new InMemoryCache() }), outcome };
}

/** What one `useQuery` render shows on Apollo Client 3 (which has no `dataState`). */
export interface QueryState3 {
  readonly data: unknown;
  readonly loading: boolean;
  readonly networkStatus: number;
  readonly error?: string;
}

/** Renders a component calling `useQuery(query, options)` under `client` and records every render. */
export function recordQuery(client: ApolloClient<unknown>, query: DocumentNode, options: QueryHookOptions = {}): RenderLog<QueryState3> {
  return recordRenders<QueryState3>(
    () => {
      const result = useQuery(query, options);
      return {
        data: withoutTypename(result.data),
        loading: result.loading,
        networkStatus: result.networkStatus,
        ...(result.error === undefined ? {} : { error: `${result.error.name}: ${result.error.message}` }),
      };
    },
    (children) => <ApolloProvider client={client}>{children}</ApolloProvider>,
  );
}
