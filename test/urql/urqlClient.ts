/**
 * Helpers for the urql tests: a real `Client` over our exchange (or urql's own `fetchExchange`), every
 * `OperationResult` of one operation collected until the last, and a plain view of a result for
 * assertions (`CombinedError` is a class with rehydrated `GraphQLError`s; tests compare what they say).
 */
import { Client, fetchExchange, type ClientOptions, type OperationResult, type OperationResultSource } from '@urql/core';
import { incrementalExchange, type IncrementalExchangeOptions } from '@graphql-incremental/urql';

/** A client whose only exchange is ours: no cache, no `__typename` added, every query fetched. */
export function createUrqlClient(url: string, options: IncrementalExchangeOptions = {}, clientOptions: Partial<ClientOptions> = {}): Client {
  return new Client({ url, exchanges: [incrementalExchange(options)], ...clientOptions });
}

/** The same client over urql's own `fetchExchange`. */
export function createFetchExchangeClient(url: string, clientOptions: Partial<ClientOptions> = {}): Client {
  return new Client({ url, exchanges: [fetchExchange], ...clientOptions });
}

/** What a test asserts about one result. */
export interface ResultView {
  readonly data: unknown;
  readonly hasNext: boolean;
  /** Present with GraphQL errors: message and path of each. */
  readonly graphQLErrors?: readonly { readonly message: string; readonly path?: readonly (string | number)[] }[];
  /** Present with a network error: its name, `code` (ours) and message. */
  readonly networkError?: { readonly name: string; readonly code?: string; readonly message: string };
}

/** `result` as plain data (`stale` is asserted to be false: a stale result here is a bug). */
export function view(result: OperationResult): ResultView {
  if (result.stale) throw new Error('unexpected stale result');
  const { error } = result;
  const graphQLErrors = error?.graphQLErrors.map(({ message, path }) => (path ? { message, path: [...path] } : { message }));
  const networkError = error?.networkError as (Error & { code?: string }) | undefined;
  return {
    data: result.data,
    hasNext: result.hasNext,
    ...(graphQLErrors?.length ? { graphQLErrors } : {}),
    ...(networkError ? { networkError: { name: networkError.name, ...(networkError.code === undefined ? {} : { code: networkError.code }), message: networkError.message } } : {}),
  };
}

/** Options of {@link collectResults}. */
export interface CollectOptions {
  /** Gives up (rejecting with what came so far) after this many ms. Default 10,000. */
  readonly timeoutMs?: number;
  /** Unsubscribes as soon as this returns true for the results so far. */
  readonly stopWhen?: (results: readonly OperationResult[]) => boolean;
}

/**
 * Subscribes to `source` and collects every result until the first with `hasNext: false` (or until
 * `stopWhen`), then unsubscribes (a teardown, as a component unmounting after its data arrived).
 *
 * @returns The results in order.
 */
export function collectResults(source: OperationResultSource<OperationResult>, { timeoutMs = 10_000, stopWhen }: CollectOptions = {}): Promise<OperationResult[]> {
  return new Promise((resolve, reject) => {
    const results: OperationResult[] = [];
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms; results so far:\n${results.map((result) => JSON.stringify(view(result))).join('\n')}`));
    }, timeoutMs);
    const { unsubscribe } = source.subscribe((result) => {
      if (done) return;
      results.push(result);
      if (result.hasNext && !stopWhen?.(results)) return;
      done = true;
      clearTimeout(timer);
      // The last result may arrive synchronously, before `subscribe` returned.
      queueMicrotask(() => unsubscribe());
      resolve(results);
    });
  });
}

/**
 * A `fetch` that records each request (URL, method, headers, parsed body: a POST's JSON, or a GET's
 * parameters with `variables` and `extensions` parsed) and response `Content-Type`.
 */
export interface RecordingFetch {
  readonly fetch: typeof fetch;
  readonly requests: { readonly url: string; readonly method: string; readonly headers: Headers; readonly body: Record<string, unknown> }[];
  readonly contentTypes: string[];
}

/** What a request carries: a POST's JSON body, or the GraphQL parameters of a GET's URL. */
function requestBody(url: string, init: RequestInit | undefined): Record<string, unknown> {
  if (typeof init?.body === 'string') return JSON.parse(init.body) as Record<string, unknown>;
  if (init?.body !== undefined && init.body !== null) return {};
  const parameters = Object.fromEntries(new URL(url).searchParams) as Record<string, unknown>;
  for (const name of ['variables', 'extensions']) if (typeof parameters[name] === 'string') parameters[name] = JSON.parse(parameters[name]);
  return parameters;
}

/** @param inner The `fetch` to record (default: the global one, looked up at call time). */
export function createRecordingFetch(inner: typeof fetch = (input, init) => fetch(input, init)): RecordingFetch {
  const requests: RecordingFetch['requests'] = [];
  const contentTypes: string[] = [];
  return {
    requests,
    contentTypes,
    fetch: async (input, init) => {
      requests.push({ url: String(input), method: init?.method ?? 'GET', headers: new Headers(init?.headers), body: requestBody(String(input), init) });
      const response = await inner(input, init);
      contentTypes.push(response.headers.get('content-type') ?? '');
      return response;
    },
  };
}

/** Resolves after `ms` (to let a server run on; never a timing assertion). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
