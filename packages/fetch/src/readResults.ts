import { readPayloadBatches } from '@graphql-incremental/reader';
import { mergeResults } from './mergeResults.js';
import type { FetchResult, ReadResultsInit } from './types.js';

/**
 * Reads a GraphQL response into merged results, as {@link fetchIncremental} does once it has sent the
 * request: for a request you sent yourself (a framework's `fetch`, a GET, a persisted query).
 *
 * @param response - The response, or a function that sends the request when iteration starts.
 * @param init - `signal`, `maxPartSize`, `pace` and `onResponse`, as for `fetchIncremental`.
 * @returns The results, the last one with `hasNext: false`; `break` cancels the body.
 * @throws {IncrementalError} After every result that was complete before the problem; an abort
 *   rejects with the signal's reason.
 * @example
 * ```ts
 * const response = await fetch(url, { method: 'POST', headers, body });
 * for await (const result of readResults(response)) render(result.data);
 * ```
 */
export function readResults<TResult = Record<string, unknown>, TExtensions = Record<string, unknown>>(
  response: Response | ((signal: AbortSignal) => Promise<Response>),
  init: ReadResultsInit = {},
): AsyncIterableIterator<FetchResult<TResult, TExtensions>> {
  const controller = new AbortController();
  const { signal } = init;
  let subscription = false;

  async function* batches(): AsyncGenerator<unknown[], void, undefined> {
    if (signal?.aborted) throw signal.reason;
    const forward = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', forward);
    try {
      const received = typeof response === 'function' ? await response(controller.signal) : response;
      subscription = /subscriptionSpec/i.test(received.headers.get('content-type') ?? '');
      init.onResponse?.(received);
      yield* readPayloadBatches(received, { signal: controller.signal, maxPartSize: init.maxPartSize });
    } finally {
      signal?.removeEventListener('abort', forward);
    }
  }

  return mergeResults<TResult, TExtensions>(batches(), {
    stop: (reason) => controller.abort(reason),
    signal,
    pace: init.pace,
    allowEmpty: () => subscription,
  });
}
