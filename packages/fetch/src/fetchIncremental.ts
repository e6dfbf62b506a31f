import { readPayloadBatches } from '@graphql-incremental/reader';
import type { DocumentNode } from 'graphql';
import { buildAcceptHeader } from './buildAcceptHeader.js';
import { coalesceResults } from './coalesceResults.js';
import { FetchIncrementalError } from './FetchIncrementalError.js';
import { isSubscription } from './isSubscription.js';
import { printQuery } from './printQuery.js';
import type { DocumentText, FetchIncrementalInit, FetchResult, IncrementalRequest } from './types.js';

/**
 * Sends a GraphQL request and yields the merged result after every payload the server streams back
 * (`@defer`, `@stream`, or Apollo multipart subscription events), the last one with `hasNext: false`.
 *
 * - Reads `multipart/mixed` in both incremental formats and every server's framing, `text/event-stream`,
 *   and plain JSON (a server that deferred nothing answers with one result, yielded once).
 * - Results are immutable and structurally shared. When several payloads arrive while the consumer is
 *   busy, they are merged into one result (the latest state); no result is skipped that the consumer
 *   could still have seen.
 * - The request starts when iteration starts. Breaking out of the loop aborts it, and so does `signal`.
 * - Works with Node's global `fetch` and in browsers; pass `fetch` to use another.
 *
 * @param url - The GraphQL endpoint.
 * @param request - `query` (string, `DocumentNode` or typed document), `variables`, `operationName`, `extensions`.
 * @param init - Headers (yours win, `accept` included), `signal`, `fetch`, `credentials`, the preferred
 *   `format` (`current` or `2022`) and `transport` (`multipart` or `event-stream`), and `maxPartSize`.
 * @returns An async iterable of results: `data`, `errors`, `extensions`, `hasNext`, `pending`, `failed`.
 * @throws {FetchIncrementalError} `NETWORK`, `EMPTY_RESPONSE`, `INCOMPLETE_RESPONSE`.
 * @throws {ReaderError} From `@graphql-incremental/reader`: a non-2xx status (with the body), an
 *   unexpected content type, a truncated or malformed body, a part over `maxPartSize`.
 * @throws {ReassemblyError} From `@graphql-incremental/reassembler`: a payload that does not fit.
 *   Every error is thrown after all the results that were complete before it; an abort rejects with
 *   the signal's reason (an `AbortError`).
 * @example
 * ```ts
 * for await (const result of fetchIncremental('https://example.com/graphql', {
 *   query: '{ hero { id ... @defer { name } friends @stream { id } } }',
 * })) {
 *   render(result.data, { loading: result.hasNext });
 * }
 * ```
 */
export function fetchIncremental<
  TResult = Record<string, unknown>,
  TVariables = Record<string, unknown>,
  TExtensions = Record<string, unknown>,
>(
  url: string | URL,
  request: IncrementalRequest<TResult, TVariables>,
  init: FetchIncrementalInit = {},
): AsyncIterableIterator<FetchResult<TResult, TExtensions>> {
  const controller = new AbortController();
  const external = init.signal;
  const forwardAbort = (): void => controller.abort(external?.reason);
  let subscriptionResponse = false;

  async function* batches(): AsyncGenerator<readonly unknown[], void, undefined> {
    if (external?.aborted === true) throw external.reason;
    external?.addEventListener('abort', forwardAbort, { once: true });
    try {
      const response = await send(url, request, init, controller.signal);
      subscriptionResponse = /subscriptionSpec/i.test(response.headers.get('content-type') ?? '');
      init.onResponse?.(response);
      yield* readPayloadBatches(response, { signal: controller.signal, maxPartSize: init.maxPartSize });
    } finally {
      external?.removeEventListener('abort', forwardAbort);
    }
  }

  return coalesceResults<TResult, TExtensions>(batches(), (reason) => controller.abort(reason), {
    get allowEmpty() {
      return subscriptionResponse;
    },
  });
}

async function send<TResult, TVariables>(
  url: string | URL,
  request: IncrementalRequest<TResult, TVariables>,
  init: FetchIncrementalInit,
  signal: AbortSignal,
): Promise<Response> {
  const fetchImpl = init.fetch ?? globalThis.fetch;
  const document = request.query as DocumentText | DocumentNode;
  const query = printQuery(document);
  const headers = new Headers({
    'content-type': 'application/json',
    accept: buildAcceptHeader(init.format, init.transport, isSubscription(document, request.operationName)),
  });
  // The caller's headers win, `accept` included; `headers` over `fetchOptions.headers`.
  new Headers(init.fetchOptions?.headers).forEach((value, name) => headers.set(name, value));
  new Headers(init.headers).forEach((value, name) => headers.set(name, value));
  const body = JSON.stringify({
    query,
    variables: request.variables,
    operationName: request.operationName,
    extensions: request.extensions,
  });
  try {
    return await fetchImpl(url, {
      ...init.fetchOptions,
      method: 'POST',
      headers,
      body,
      signal,
      ...(init.credentials === undefined ? {} : { credentials: init.credentials }),
    });
  } catch (cause) {
    if (signal.aborted) throw signal.reason;
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new FetchIncrementalError('NETWORK', `the request to ${String(url)} failed before any response: ${detail}`, {
      cause,
      url: String(url),
    });
  }
}
