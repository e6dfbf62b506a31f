import { IncrementalError } from '@graphql-incremental/reader';

/**
 * Sends a request with `fetcher`; a failure of `fetch` itself becomes `NETWORK`, or, once `init.signal`
 * aborted it, the signal's reason. Shared by `fetchIncremental` and the client integrations.
 *
 * @param fetcher - The `fetch` to call.
 * @param url - Where to.
 * @param init - The request, with the `signal` that aborts it.
 * @returns The response.
 * @throws {IncrementalError} `NETWORK`, naming the URL, with the failure as `cause`.
 */
export async function sendRequest(fetcher: typeof fetch, url: string | URL, init: RequestInit & { readonly signal: AbortSignal }): Promise<Response> {
  try {
    return await fetcher(url, init);
  } catch (cause) {
    if (init.signal.aborted) throw init.signal.reason;
    throw new IncrementalError('NETWORK', `the request to ${String(url)} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}
