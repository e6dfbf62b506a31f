import { buildAcceptHeader } from '@graphql-incremental/fetch';
import { IncrementalError, readPayloadBatches } from '@graphql-incremental/reader';
import { Observable, type GraphQLResponse, type RequestParameters, type Variables } from 'relay-runtime';
import { createPayloadTranslator } from './createPayloadTranslator.js';

/** Options of {@link createFetchFunction}. */
export interface FetchFunctionOptions {
  /** The GraphQL endpoint. */
  readonly url: string | URL;
  /** The `fetch` to use (SSR, proxies, tests); defaults to the global one. */
  readonly fetch?: typeof fetch;
  /** Request headers; they win over the defaults (`content-type`, `accept`). */
  readonly headers?: HeadersInit;
  readonly credentials?: RequestCredentials;
}

/**
 * A Relay network function for `@defer` and `@stream` from any server: pass it to
 * `Network.create` as the fetch function, and as the subscribe function too.
 */
export type IncrementalFetchFunction = (request: RequestParameters, variables: Variables) => Observable<GraphQLResponse>;

/**
 * Creates a Relay fetch function that reads every incremental wire format (graphql-js 17's current
 * one, 2022, pre-2022) over multipart/mixed, text/event-stream or JSON, and emits what relay-runtime
 * reads: the initial result, then a `{ data, label, path }` payload per deferred fragment and per
 * streamed item. Subscriptions use Apollo's multipart protocol.
 *
 * The request body is `{ query, operationName, variables }`, or for a persisted query (Relay's
 * `request.id`, no text) `{ documentId, operationName, variables }`.
 *
 * @param options - `url`, and optionally `fetch`, `headers`, `credentials`.
 * @returns The function; unsubscribing from its Observable aborts the request.
 * Transport problems, a truncated response and payloads that do not fit reach the Observable's
 * `error` as an {@link IncrementalError}, after everything that arrived before them.
 * @example
 * ```ts
 * const fetchFunction = createFetchFunction({ url: '/graphql' });
 * const environment = new Environment({ network: Network.create(fetchFunction, fetchFunction), store: new Store(new RecordSource()) });
 * ```
 */
export function createFetchFunction(options: FetchFunctionOptions): IncrementalFetchFunction {
  return ({ text, id, name, operationKind }, variables) =>
    Observable.create<GraphQLResponse>((sink) => {
      const controller = new AbortController();
      const { signal } = controller;
      (async () => {
        const headers = new Headers({ 'content-type': 'application/json', accept: buildAcceptHeader(undefined, undefined, operationKind === 'subscription') });
        new Headers(options.headers).forEach((value, header) => headers.set(header, value));
        const body = JSON.stringify({ ...(text == null ? { documentId: id } : { query: text }), operationName: name, variables });
        let response: Response;
        try {
          response = await (options.fetch ?? fetch)(options.url, { method: 'POST', headers, body, signal, ...(options.credentials && { credentials: options.credentials }) });
        } catch (cause) {
          throw signal.aborted ? cause : new IncrementalError('NETWORK', `the request to ${String(options.url)} failed: ${String(cause)}`, { cause });
        }
        const translate = createPayloadTranslator();
        for await (const batch of readPayloadBatches(response, { signal })) {
          for (const payload of batch) {
            const payloads = translate(payload);
            // A payload with nothing for Relay (a stream's completion) makes none.
            if (payloads.length > 0) sink.next((payloads.length === 1 ? payloads[0] : payloads) as GraphQLResponse);
          }
        }
        sink.complete();
      })().catch((error: unknown) => signal.aborted || sink.error(error as Error));
      return () => controller.abort();
    });
}
