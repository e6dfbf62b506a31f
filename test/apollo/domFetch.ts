/**
 * The `fetch` the React tests give both links (ours and Apollo's HttpLink): happy-dom's own, with one
 * happy-dom bug worked around, and a record of each response's `Content-Type` (to prove which format or
 * transport a server used).
 *
 * The bug (happy-dom 21.0.4, `FetchBodyUtility.nodeToWebStream`): a response body has no `cancel`
 * handler, so when a consumer cancels it while the socket still delivers bytes, happy-dom calls
 * `enqueue`/`close` on the closed controller and throws an uncaught "Invalid state: Controller is
 * already closed". Both links cancel early by design: our reader after the final payload (Yoga's SSE
 * `complete` event then still arrives), Apollo's after an error. Here a cancel is not passed on; the
 * body is drained in the background instead. Aborting (the links' `signal`) still closes the connection,
 * which the unmount tests check on the server.
 */

export interface DomFetch {
  readonly fetch: typeof fetch;
  /** The `Content-Type` of every response, in order. */
  readonly contentTypes: string[];
}

/**
 * @param rewrite Changes the request init before sending (e.g. to force an `Accept` header).
 */
export function createDomFetch(rewrite: (init: RequestInit) => RequestInit = (init) => init): DomFetch {
  const contentTypes: string[] = [];
  return {
    contentTypes,
    fetch: async (input, init) => {
      const response = await globalThis.fetch(input, rewrite(init ?? {}));
      contentTypes.push(response.headers.get('content-type') ?? '');
      if (response.body === null) return response;
      return new Response(tolerateCancel(response.body), { status: response.status, statusText: response.statusText, headers: response.headers });
    },
  };
}

/** `body`, read on demand; cancelling it drains `body` instead of cancelling it (see above). */
function tolerateCancel(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel() {
      void (async () => {
        try {
          while (!(await reader.read()).done);
        } catch {
          // The connection was aborted or broke: nothing left to drain.
        }
      })();
    },
  });
}
