import type { DocumentNode } from 'graphql';
import { buildAcceptHeader } from './buildAcceptHeader.js';
import { isSubscription } from './isSubscription.js';
import { readResults } from './readResults.js';
import { sendRequest } from './sendRequest.js';
import type { DocumentText, FetchIncrementalInit, FetchResult, IncrementalRequest } from './types.js';

/**
 * Sends a GraphQL request and yields the merged result after the payloads the server streams back
 * (`@defer`, `@stream`, or Apollo multipart subscription events), the last one with `hasNext: false`.
 *
 * - Reads `multipart/mixed` in every wire format and server framing, `text/event-stream`, JSON Lines
 *   and JSON (a server that deferred nothing answers with one result, yielded once).
 * - Results are immutable and structurally shared. Payloads are merged as they arrive; whatever came
 *   while your loop was busy is handed out as one result, the latest state. Results that cost a lot
 *   (merging, plus your loop's time) are paced: see `pace`.
 * - The request starts when iteration starts; `break` (or `return()`) and `signal` abort it.
 * - Node's global `fetch`, browsers, React Native; pass `fetch` to use another (node-fetch included).
 *
 * @param url - The GraphQL endpoint.
 * @param request - `query` (a string, or a `DocumentNode` with its source text or `init.print`),
 *   `variables`, `operationName`, `extensions`.
 * @param init - Headers (yours win, `accept` included), `signal`, `fetch`, `credentials`, the
 *   preferred `format` and `transport`, `maxPartSize`, `pace`, `print`, `fetchOptions`, `onResponse`.
 * @returns The results: `data`, `errors`, `extensions`, `hasNext`, `pending`, `failed`.
 * @throws {IncrementalError} After every result that was complete before the problem; an abort
 *   rejects with the signal's reason.
 * @example
 * ```ts
 * for await (const result of fetchIncremental('https://example.com/graphql', {
 *   query: '{ hero { id ... @defer { name } friends @stream { id } } }',
 * })) {
 *   render(result.data, { loading: result.hasNext });
 * }
 * ```
 */
export function fetchIncremental<TResult = Record<string, unknown>, TVariables = Record<string, unknown>, TExtensions = Record<string, unknown>>(
  url: string | URL,
  request: IncrementalRequest<TResult, TVariables>,
  init: FetchIncrementalInit = {},
): AsyncIterableIterator<FetchResult<TResult, TExtensions>> {
  return readResults<TResult, TExtensions>((signal) => send(url, request, init, signal), init);
}

async function send<TResult, TVariables>(
  url: string | URL,
  { query, variables, operationName, extensions }: IncrementalRequest<TResult, TVariables>,
  init: FetchIncrementalInit,
  signal: AbortSignal,
): Promise<Response> {
  const document = query as DocumentText | DocumentNode;
  const headers = new Headers({
    'content-type': 'application/json',
    accept: buildAcceptHeader(init.format, init.transport, isSubscription(document, operationName)),
  });
  // Yours win, `accept` included; `headers` over `fetchOptions.headers`.
  for (const source of [init.fetchOptions?.headers, init.headers]) new Headers(source).forEach((value, name) => headers.set(name, value));
  const body = JSON.stringify({ query: queryText(document, init.print), variables, operationName, extensions });
  return sendRequest(init.fetch ?? fetch, url, { ...init.fetchOptions, method: 'POST', headers, body, signal, ...(init.credentials && { credentials: init.credentials }) });
}

/** The text to send: no `graphql` import, so a script sending strings ships none of it. */
function queryText(document: DocumentText | DocumentNode, print: ((document: DocumentNode) => string) | undefined): string {
  if (typeof document === 'string' || document instanceof String) return document.toString();
  const text = print?.(document) ?? document.loc?.source.body;
  if (text === undefined) throw new TypeError('This DocumentNode carries no source text: pass `print` from "graphql" in the options, or send the query as a string.');
  return text;
}
