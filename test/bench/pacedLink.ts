/**
 * A PROTOTYPE for the benchmark only, not a product: `IncrementalHttpLink`'s emission with one change,
 * to measure a coalescing policy before anyone proposes it for `packages/`.
 *
 * The shipped link emits a result as soon as Apollo Client asks for the next one, so it merges only
 * the payloads that arrived while Apollo was busy. When every network chunk comes in its own event-loop
 * turn (a server flushing one payload at a time, as fast as the client's turns), nothing arrives while
 * Apollo works synchronously inside `observer.next`, and every payload becomes its own result: as many
 * cache rewrites as `HttpLink` does.
 *
 * The policy here: after a result that kept Apollo busy for `t` ms (measured around `observer.next`,
 * which runs Apollo's cache write synchronously), keep reading and merging for another `t` ms before
 * emitting the next one, when `t` is at least {@link PACE_THRESHOLD_MS}. Apollo then spends at most
 * about half the time in cache writes, cheap consumers still see every chunk, and updates keep coming
 * (one every `2t` at worst).
 */
import { performance } from 'node:perf_hooks';
import { ApolloLink, Observable } from '@apollo/client';
import { fetchIncremental, type PreferredFormat } from '@graphql-incremental/fetch';

/** Results that cost Apollo less than this are followed by the next one at once. */
export const PACE_THRESHOLD_MS = 4;

/** Options of {@link createPacedIncrementalLink}. */
export interface PacedLinkOptions {
  readonly uri: string;
  readonly fetch: typeof fetch;
  readonly format: PreferredFormat;
}

/**
 * Creates the prototype link (queries only: no subscriptions, context headers or extensions).
 *
 * @param options - Endpoint, `fetch` and preferred format.
 * @returns A terminating link emitting cumulative results with `hasNext`, like `IncrementalHttpLink`.
 */
export function createPacedIncrementalLink(options: PacedLinkOptions): ApolloLink {
  return new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        const controller = new AbortController();
        const request = {
          query: operation.query,
          variables: operation.variables,
          ...(operation.operationName === undefined ? {} : { operationName: operation.operationName }),
        };
        (async () => {
          const results = fetchIncremental(options.uri, request, { fetch: options.fetch, format: options.format, signal: controller.signal });
          for await (const result of results) {
            const started = performance.now();
            observer.next({
              data: result.data,
              ...(result.errors === undefined ? {} : { errors: result.errors }),
              hasNext: result.hasNext,
            } as ApolloLink.Result);
            const busy = performance.now() - started;
            // The iterator keeps reading while we wait; the next `next()` merges all that arrived.
            if (result.hasNext && busy >= PACE_THRESHOLD_MS) await new Promise((resolve) => setTimeout(resolve, busy));
          }
          observer.complete();
        })().catch((error: unknown) => {
          if (!controller.signal.aborted) observer.error(error);
        });
        return () => controller.abort(new DOMException('The operation was unsubscribed.', 'AbortError'));
      }),
  );
}
