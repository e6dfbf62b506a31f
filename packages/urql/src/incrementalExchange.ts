import {
  CombinedError,
  composeExchanges,
  makeOperation,
  mapExchange,
  stringifyDocument,
  subscriptionExchange,
  type Exchange,
  type ExecutionResult,
  type Operation,
  type OperationResult,
} from '@urql/core';
import { makeFetchOptions, makeFetchURL, type FetchBody } from '@urql/core/internal';
import { buildAcceptHeader, isIncrementalError, readResults, sendRequest, type FetchIncrementalInit, type FetchResult } from '@graphql-incremental/fetch';

/** `fetch` options, or a function returning them per request (as urql's client option `fetchOptions`). */
export type FetchOptions = RequestInit | (() => RequestInit);

/** Options of {@link incrementalExchange}. */
export interface IncrementalExchangeOptions extends Pick<FetchIncrementalInit, 'fetch' | 'headers' | 'format' | 'transport' | 'maxPartSize' | 'pace'> {
  /** `fetch` options for every request. The operation's `context.fetchOptions` (the client's) win over them. */
  readonly fetchOptions?: FetchOptions;
}

/**
 * An urql exchange that sends operations over HTTP and reads `@defer` / `@stream` responses from any
 * server: use it instead of `fetchExchange`. Every result carries the whole data merged so far, with
 * `hasNext` until the last. A response that breaks off ends in a `CombinedError` whose `networkError`
 * is an `IncrementalError` with a `code`, and whose result keeps the data received before it.
 *
 * Queries and mutations always; subscriptions when the client (or the operation's context) sets
 * `fetchSubscriptions: true`, as with `fetchExchange`. A torn-down operation aborts its request.
 *
 * @param options - `fetch`, `headers`, `fetchOptions`, and the incremental `format`, `transport`,
 *   `maxPartSize` and `pace` of `fetchIncremental`.
 * @returns The exchange, last in the client's `exchanges`.
 * @example
 * ```ts
 * import { Client, cacheExchange } from '@urql/core';
 * import { incrementalExchange } from '@graphql-incremental/urql';
 *
 * const client = new Client({ url: '/graphql', exchanges: [cacheExchange, incrementalExchange()] });
 * ```
 */
export function incrementalExchange({ fetchOptions, headers, fetch: exchangeFetch, format, transport, ...read }: IncrementalExchangeOptions = {}): Exchange {
  // The last result before each failure: urql's error result carries no data, ours keeps it.
  const before = new WeakMap<object, FetchResult<unknown>>();
  // Each operation's response, for `CombinedError.response` as fetchExchange sets it (a 401 check, say).
  const responses = new WeakMap<Operation, Response>();

  /**
   * The request `fetchExchange` sends (GET for a query within urql's URL limit, files as a multipart
   * upload, persisted queries and documents as urql writes them) over the exchange's `fetchOptions` and
   * `headers`; `Accept` asks for incremental delivery unless one of them, or the context, sets it.
   */
  function buildRequest(operation: Operation, body: FetchBody): { url: string; init: RequestInit } {
    const { context } = operation;
    const theirs = resolve(context.fetchOptions);
    // Not every server streams the answer to a GET (gqlgen streams only to a POST): an operation with
    // `@defer` or `@stream` is POSTed, unless the app forces GET.
    const post = context.preferGetMethod !== 'force' && INCREMENTAL.test(stringifyDocument(operation.query));
    const request = makeOperation(operation.kind, operation, { ...context, fetchOptions: theirs, ...(post && { preferGetMethod: false }) });
    // First, as in fetchExchange: a query too long for a URL turns `preferGetMethod` off here.
    const url = makeFetchURL(request, body);
    const { headers: urqlHeaders, ...urqls } = makeFetchOptions(request, body);
    const { headers: ourHeaders, ...ours } = resolve(fetchOptions);
    const merged = new Headers(ourHeaders);
    for (const source of [headers, urqlHeaders]) new Headers(source).forEach((value, name) => merged.set(name, value));
    const asked = [ourHeaders, headers, theirs.headers].some((source) => new Headers(source).has('accept'));
    if (!asked) merged.set('accept', buildAcceptHeader(format, transport, operation.kind === 'subscription'));
    return { url, init: { ...ours, ...urqls, headers: merged } };
  }

  return composeExchanges([
    mapExchange({
      onResult(result) {
        const { error, operation } = result;
        const last = error?.networkError && before.get(error.networkError);
        const response = responses.get(operation);
        if (!error || (!last && !response)) return;
        const graphQLErrors = (last ? (last.errors ?? []) : error.graphQLErrors) as CombinedError['graphQLErrors'];
        const data = last ? { data: last.data, extensions: last.extensions } : {};
        const { networkError } = error;
        return { ...result, ...data, error: new CombinedError({ ...(networkError && { networkError }), graphQLErrors, response }) } as OperationResult;
      },
    }),
    // urql's own plumbing for transports: teardown (which unsubscribes), forwarding, the end of
    // subscriptions. It turns our first result into an OperationResult with `makeResult`, and each
    // later one with `mergeResultPatch`, which takes `data` and `errors` of a result without
    // `incremental` as they are: the data is always our merged data.
    subscriptionExchange({
      isSubscriptionOperation: (operation) => operation.kind !== 'subscription' || !!operation.context.fetchSubscriptions,
      forwardSubscription: (body, operation) => ({
        subscribe(sink) {
          const controller = new AbortController();
          const subscription = operation.kind === 'subscription';
          const fetcher = operation.context.fetch ?? exchangeFetch ?? fetch;
          let last: FetchResult<unknown> | undefined;

          const send = async (signal: AbortSignal): Promise<Response> => {
            const { url, init } = buildRequest(operation, body);
            const response = await sendRequest(fetcher, url, { ...init, signal });
            responses.set(operation, response);
            return response;
          };

          (async () => {
            for await (const result of readResults(send, { ...read, signal: controller.signal })) {
              // Subscription events stand alone. urql ends a subscription at the first result without
              // `hasNext` (and itself when the response ends), and keeps the previous result's errors when
              // the next one has none.
              last = subscription ? ({ ...result, errors: result.errors ?? (last && []), hasNext: true } as FetchResult<unknown>) : result;
              sink.next(last as ExecutionResult);
            }
            sink.complete();
          })().catch((error: unknown) => {
            // After a teardown nobody listens.
            if (controller.signal.aborted) return;
            const response = last ? undefined : graphQLResponseOf(error);
            if (response) {
              sink.next(response);
              sink.complete();
              return;
            }
            if (last) before.set(error as object, last);
            sink.error(error);
          });
          return { unsubscribe: () => controller.abort() };
        },
      }),
    }),
  ]);
}

const resolve = (options: FetchOptions | undefined): RequestInit => (typeof options === 'function' ? options() : options) ?? {};

const INCREMENTAL = /@(defer|stream)\b/;

/**
 * A non-2xx answer whose body is a GraphQL response, as fetchExchange reads one: its errors are
 * `graphQLErrors` (an `UNAUTHENTICATED` for authExchange, say), not a network error.
 */
function graphQLResponseOf(error: unknown): ExecutionResult | undefined {
  if (!isIncrementalError(error) || error.code !== 'HTTP_STATUS') return undefined;
  try {
    const value: unknown = JSON.parse(error.body ?? '');
    if (typeof value === 'object' && value !== null && ('data' in value || Array.isArray((value as ExecutionResult).errors))) return value as ExecutionResult;
  } catch {
    // Not JSON: the status error stands.
  }
  return undefined;
}
