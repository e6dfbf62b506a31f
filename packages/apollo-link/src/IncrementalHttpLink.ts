import { ApolloLink, Observable } from '@apollo/client';
import { print } from 'graphql';
import {
  fetchIncremental,
  isSubscription,
  type FetchIncrementalInit,
  type FetchResult,
  type GraphQLErrorJSON,
  type PendingBoundary,
  type PreferredFormat,
  type PreferredTransport,
} from '@graphql-incremental/fetch';

/** Options of {@link IncrementalHttpLink}: `HttpLink`'s, plus the incremental ones. */
export interface IncrementalHttpLinkOptions {
  /** The endpoint, or a function of the operation. `context.uri` wins, as with `HttpLink`. Default `/graphql`. */
  readonly uri?: string | ((operation: ApolloLink.Operation) => string);
  /** Headers for every request; `context.headers` win over them. */
  readonly headers?: Record<string, string>;
  /** The `fetch` to use; defaults to the global one at request time. */
  readonly fetch?: typeof fetch;
  readonly credentials?: RequestCredentials;
  /** Other `fetch` options; `context.fetchOptions` are merged over them. */
  readonly fetchOptions?: Omit<RequestInit, 'method' | 'body' | 'signal'> & { readonly signal?: AbortSignal };
  /** Send `operation.extensions` (persisted queries); `context.http.includeExtensions` wins. */
  readonly includeExtensions?: boolean;
  /** The incremental format to ask for first (`current` by default); either is read. */
  readonly format?: PreferredFormat;
  /** `multipart` (default) or `event-stream` (Yoga, Hot Chocolate; Apollo's HttpLink cannot read it). */
  readonly transport?: PreferredTransport;
  /** Largest part or event in bytes; default 16 MiB. */
  readonly maxPartSize?: number;
  /**
   * Pace results by their cost, as `fetchIncremental` does; default `true`. Apollo's cache write and
   * broadcast run inside the link's `observer.next`, so a result that kept Apollo busy for `t` is
   * followed by the next one only after `3t` more, while payloads keep merging: Apollo gets at most
   * about a quarter of the time on long streams. `false` emits a result whenever there is news.
   */
  readonly pace?: boolean;
}

/** What `HttpLink` users put in an operation's context, as this link reads it. */
interface HttpContext {
  readonly uri?: string;
  readonly headers?: Record<string, string>;
  readonly credentials?: RequestCredentials;
  readonly fetchOptions?: RequestInit;
  readonly http?: { readonly includeExtensions?: boolean };
}

/**
 * A terminating Apollo Link for servers that speak incremental delivery (`@defer`, `@stream`): use it
 * instead of `HttpLink`. Works with Apollo Client 4 (either `incrementalHandler`) and 3.8+.
 *
 * It reads multipart/mixed in both wire formats and every server's framing, text/event-stream, JSON,
 * and Apollo's multipart subscriptions, and emits **cumulative merged results** with `hasNext`
 * (subscription events without it): what both Apollo Client 4 handlers render correctly whatever the
 * server's format (raw chunks of the other format throw or lose data, and `GraphQL17Alpha9Handler`
 * drops items of a stream announced inside streamed items), and the only thing Apollo Client 3 renders
 * correctly for `@stream` and for the current format.
 *
 * Apollo Client rewrites the whole query in its cache for every result, so on long streams the link
 * emits the latest state of everything that arrived while Apollo was busy, never more than one result
 * per payload, paced by what each result cost (see {@link IncrementalHttpLinkOptions.pace}).
 *
 * Unsubscribing aborts the request.
 *
 * @example
 * ```ts
 * import { ApolloClient, InMemoryCache } from '@apollo/client';
 * import { Defer20220824Handler } from '@apollo/client/incremental';
 * import { IncrementalHttpLink } from '@graphql-incremental/apollo-link';
 *
 * const client = new ApolloClient({
 *   link: new IncrementalHttpLink({ uri: '/graphql' }),
 *   cache: new InMemoryCache(),
 *   incrementalHandler: new Defer20220824Handler(), // Apollo Client 4: any handler works
 * });
 * ```
 */
export class IncrementalHttpLink extends ApolloLink {
  constructor(options: IncrementalHttpLinkOptions = {}) {
    super((operation) => {
      const context = operation.getContext() as HttpContext;
      const uri = context.uri ?? (typeof options.uri === 'function' ? options.uri(operation) : (options.uri ?? '/graphql'));
      const includeExtensions = context.http?.includeExtensions ?? options.includeExtensions ?? false;
      const subscription = isSubscription(operation.query, operation.operationName);
      const { signal: externalSignal, ...linkFetchOptions } = options.fetchOptions ?? {};
      const { signal: contextSignal, ...contextFetchOptions } = context.fetchOptions ?? {};
      const signal = contextSignal ?? externalSignal;

      return new Observable<ApolloLink.Result>((observer) => {
        const controller = new AbortController();
        const forwardAbort = () => controller.abort(signal?.reason);
        if (signal?.aborted === true) forwardAbort();
        else signal?.addEventListener('abort', forwardAbort, { once: true });

        const init: FetchIncrementalInit = {
          headers: { ...options.headers, ...context.headers },
          // Apollo transforms documents after parsing (`__typename`, client fields): send what it runs.
          print,
          signal: controller.signal,
          fetchOptions: { ...linkFetchOptions, ...contextFetchOptions },
          onResponse: (response) => operation.setContext({ response }),
          ...defined({
            fetch: options.fetch,
            credentials: context.credentials ?? options.credentials,
            format: options.format,
            transport: options.transport,
            maxPartSize: options.maxPartSize,
            pace: options.pace,
          }),
        };
        const request = {
          query: operation.query,
          variables: operation.variables,
          ...(operation.operationName === undefined ? {} : { operationName: operation.operationName }),
          ...(includeExtensions ? { extensions: operation.extensions } : {}),
        };

        // Apollo Client 4 operations have `operationType`; its incremental handlers accumulate.
        const emit = subscription ? toSubscriptionEvent : 'operationType' in operation ? createHandlerResults() : toCumulativeResult;
        (async () => {
          for await (const result of fetchIncremental(uri, request, init)) observer.next(emit(result));
          observer.complete();
        })()
          .catch((error: unknown) => {
            // After an unsubscribe nobody listens; the abort is ours, not a failure.
            if (!controller.signal.aborted || signal?.aborted === true) observer.error(error);
          })
          .finally(() => signal?.removeEventListener('abort', forwardAbort));

        // The platform's own AbortError: constructing a DOMException fails where there is none (Hermes).
        return () => controller.abort();
      });
    });
  }
}

type MergedResult = FetchResult<Record<string, unknown>>;

// `hasNext` and the boundary fields are not in ApolloLink.Result's default type (FormattedExecutionResult).
const asApolloResult = (value: object) => value as ApolloLink.Result;

function withoutErrors(result: MergedResult) {
  return {
    data: result.data,
    ...(result.extensions === undefined ? {} : { extensions: result.extensions }),
  };
}

/** A subscription event: a plain result, no `hasNext` (which would route it into incremental handling). */
function toSubscriptionEvent(result: MergedResult): ApolloLink.Result {
  return asApolloResult({ ...withoutErrors(result), ...(result.errors === undefined ? {} : { errors: result.errors }) });
}

/**
 * Apollo Client 3: every result replaces the previous one, so each carries the whole state,
 * errors included, and `hasNext`.
 */
function toCumulativeResult(result: MergedResult): ApolloLink.Result {
  return asApolloResult({ ...toSubscriptionEvent(result), hasNext: result.hasNext });
}

/**
 * Apollo Client 4: results with `hasNext` go through the app's incremental handler, which deep-merges
 * `data` (so the cumulative data is right) but appends every result's `errors` to what it has (so each
 * result carries only the errors that are new since the last one).
 *
 * For `GraphQL17Alpha9Handler`, which tracks deferred fragments by id to tell Apollo which fields are
 * still coming (`dataState: "streaming"`, no "Missing field" warnings), each result also announces the
 * deferred fragments that appeared (`pending`) and those that ended (`completed`, with the errors of a
 * failed one instead of in `errors`, as the server's own chunk would have it). Streams are left out:
 * that handler truncates a completed stream's list to the items it saw as `items`, and it sees none.
 * `Defer20220824Handler` ignores both keys.
 */
function createHandlerResults(): (result: MergedResult) => ApolloLink.Result {
  let errorsSent = 0;
  let announced = new Map<string, PendingBoundary>();
  return (result) => {
    const errors = result.errors ?? [];
    let fresh = errors.slice(errorsSent);
    errorsSent = errors.length;

    // Only fragments whose object is there: the handler walks the path in `data` without checks, and
    // takes a list there for a stream (whose completion would truncate it).
    const pending = result.pending.filter(
      (boundary) => boundary.kind === 'defer' && boundary.id !== undefined && !announced.has(boundary.id) && isObjectAt(result.data, boundary.path),
    );
    const stillPending = new Map<string, PendingBoundary>();
    const announcing = new Set(pending);
    for (const boundary of result.pending) if (boundary.id !== undefined && (announced.has(boundary.id) || announcing.has(boundary))) stillPending.set(boundary.id, boundary);
    const completed: { id: string; errors?: readonly GraphQLErrorJSON[] }[] = [];
    const failures = new Map(result.failed.map((boundary) => [boundary.id, boundary]));
    for (const id of announced.keys()) {
      if (stillPending.has(id)) continue;
      const failure = failures.get(id);
      if (failure === undefined) {
        completed.push({ id });
      } else {
        completed.push({ id, errors: failure.errors });
        fresh = fresh.filter((error) => !failure.errors.includes(error));
      }
    }
    announced = stillPending;

    return asApolloResult({
      ...withoutErrors(result),
      ...(fresh.length === 0 ? {} : { errors: fresh }),
      ...(pending.length === 0 ? {} : { pending: pending.map(({ id, path, label }) => ({ id, path, ...(label === undefined ? {} : { label }) })) }),
      ...(completed.length === 0 ? {} : { completed }),
      hasNext: result.hasNext,
    });
  };
}

function isObjectAt(data: unknown, path: readonly (string | number)[]): boolean {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return false;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Keeps only the keys whose value is defined (the options types use exactOptionalPropertyTypes). */
function defined<T extends Record<string, unknown>>(values: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
