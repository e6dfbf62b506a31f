import * as apolloModule from '@apollo/client';
import {
  buildAcceptHeader,
  isSubscription,
  readResults,
  type FetchResult,
  type GraphQLErrorJSON,
  type PendingBoundary,
  type PreferredFormat,
  type PreferredTransport,
} from '@graphql-incremental/fetch';

type Apollo = typeof apolloModule;
type LinkResult = apolloModule.ApolloLink.Result;

/** Apollo Client 3 is CommonJS under Node's own ESM loader, which finds none of its named exports. */
const interop = (module: Apollo): Apollo => ('ApolloLink' in module ? module : (module as unknown as { default: Apollo }).default);
const { ApolloLink, HttpLink, Observable } = interop(apolloModule);

/** `HttpLink`'s options, as the app's Apollo Client major declares them. */
type HttpLinkOptions = NonNullable<ConstructorParameters<Apollo['HttpLink']>[0]>;

/** Options of {@link IncrementalHttpLink}: every `HttpLink` option, plus these. */
export interface IncrementalOptions {
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

/** Options of {@link IncrementalHttpLink}: `HttpLink`'s, plus {@link IncrementalOptions}. */
export type IncrementalHttpLinkOptions = HttpLinkOptions & IncrementalOptions;

/** Responses this link reads; Apollo's own code reads every other one, exactly as `HttpLink` does. */
const STREAMED = /^\s*(multipart\/mixed|text\/event-stream|application\/(graphql-response\+)?jsonl|application\/(x-)?ndjson)/i;
const ACCEPT = /^accept$/i;

/**
 * A terminating Apollo Link for servers that speak incremental delivery (`@defer`, `@stream`): use it
 * instead of `HttpLink`, with the same options. Works with Apollo Client 4 (either `incrementalHandler`)
 * and 3.8+.
 *
 * Requests are `HttpLink`'s own, built by the app's Apollo Client (GET, persisted queries, client
 * awareness, headers, `print`, unused variables, ...) except for `Accept`, which asks for both
 * incremental formats. Streamed responses (multipart/mixed in both wire formats and every server's
 * framing, text/event-stream, JSON Lines) are read by this link, which emits **cumulative merged
 * results** with `hasNext`: what both Apollo Client 4 handlers render correctly whatever the server's
 * format, and the only thing Apollo Client 3 renders correctly for `@stream` and for the current
 * format. Every other response (JSON, errors, Apollo's multipart subscriptions) goes to Apollo's own
 * code, so errors are the same classes `HttpLink` gives (`ServerError`, `ServerParseError`,
 * `CombinedGraphQLErrors`, `CombinedProtocolErrors`).
 *
 * Apollo Client rewrites the whole query in its cache for every result, so on long streams the link
 * emits the latest state of everything that arrived while Apollo was busy, never more than one result
 * per payload, paced by what each result cost (see {@link IncrementalOptions.pace}).
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
    const { format, transport, maxPartSize, pace, ...httpOptions } = options;
    // HttpLink's own checks, at construction as with HttpLink (a missing `fetch` throws here).
    new HttpLink(httpOptions);

    super((operation, forward) => {
      const subscription = isSubscription(operation.query, operation.operationName);
      // Other requests stay exactly HttpLink's.
      const asksForStreams = subscription ? transport === 'event-stream' : defersOrStreams(operation.query);
      const context = operation.getContext();
      const acceptGiven = [httpOptions.headers, context.headers].some((headers) => Object.keys(headers ?? {}).some((name) => ACCEPT.test(name)));
      // Apollo Client 4 operations have `operationType`; its incremental handlers accumulate.
      const emit = subscription ? toSubscriptionEvent : 'operationType' in operation ? createHandlerResults() : toCumulativeResult;

      return new Observable<LinkResult>((observer) => {
        const controller = new AbortController();

        const fetchOrRead = async (uri: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
          if (asksForStreams && !acceptGiven) {
            // Streamed types first, then what HttpLink accepts besides multipart (Apollo Client 3's `*/*`
            // or 4's JSON types), so that servers choose the same answer to anything they do not stream.
            const headers = Object.entries((init.headers ?? {}) as Record<string, string>);
            const others = headers.filter(([name]) => !ACCEPT.test(name));
            const apollos = headers.flatMap(([name, value]) => (ACCEPT.test(name) ? value.split(',') : [])).filter((type) => !/^\s*multipart\//i.test(type));
            const accept = buildAcceptHeader(format, transport, subscription, apollos.join(',').trim() || undefined);
            init = { ...init, headers: { ...Object.fromEntries(others), accept } };
          }
          const response = await (httpOptions.fetch ?? fetch)(uri, init);
          const type = response.headers.get('content-type') ?? '';
          // Apollo's multipart subscriptions are left to Apollo: their errors are Apollo's own.
          if (!response.ok || !STREAMED.test(type) || (subscription && /multipart/i.test(type))) return response;

          operation.setContext({ response });
          const forwardAbort = () => controller.abort(init.signal?.reason);
          init.signal?.addEventListener('abort', forwardAbort, { once: true });
          void (async () => {
            for await (const result of readResults(response, { signal: controller.signal, maxPartSize, pace })) observer.next(emit(result));
            observer.complete();
          })()
            // After an unsubscribe nobody listens; an abort of the app's signal is reported.
            .catch((error: unknown) => observer.error(error))
            .finally(() => init.signal?.removeEventListener('abort', forwardAbort));
          // Apollo never sees this response: the results above are the operation's.
          return new Promise<never>(() => {});
        };

        const http = new HttpLink({ ...httpOptions, fetch: fetchOrRead });
        const request = http.request(operation, forward)?.subscribe(observer);
        // The platform's own AbortError: constructing a DOMException fails where there is none (Hermes).
        return () => {
          controller.abort();
          request?.unsubscribe();
        };
      });
    });
  }
}

type MergedResult = FetchResult<Record<string, unknown>>;

// `hasNext` and the boundary fields are not in LinkResult's default type (FormattedExecutionResult).
const asApolloResult = (value: object) => value as LinkResult;

function withoutErrors(result: MergedResult) {
  return {
    data: result.data,
    ...(result.extensions === undefined ? {} : { extensions: result.extensions }),
  };
}

/** A subscription event: a plain result, no `hasNext` (which would route it into incremental handling). */
function toSubscriptionEvent(result: MergedResult): LinkResult {
  return asApolloResult({ ...withoutErrors(result), ...(result.errors === undefined ? {} : { errors: result.errors }) });
}

/**
 * Apollo Client 3: every result replaces the previous one, so each carries the whole state,
 * errors included, and `hasNext`.
 */
function toCumulativeResult(result: MergedResult): LinkResult {
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
function createHandlerResults(): (result: MergedResult) => LinkResult {
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
    const failedErrors = new Set<GraphQLErrorJSON>();
    for (const id of announced.keys()) {
      if (stillPending.has(id)) continue;
      const errors = failures.get(id)?.errors;
      completed.push(errors === undefined ? { id } : { id, errors });
      for (const error of errors ?? []) failedErrors.add(error);
    }
    if (failedErrors.size > 0) fresh = fresh.filter((error) => !failedErrors.has(error));
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

/** Whether the document asks for incremental delivery anywhere (its fragments included). */
function defersOrStreams(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  const { kind, name } = node as { kind?: string; name?: { value?: string } };
  if (kind === 'Directive' && (name?.value === 'defer' || name?.value === 'stream')) return true;
  return Object.entries(node).some(([key, value]) => key !== 'loc' && defersOrStreams(value));
}
