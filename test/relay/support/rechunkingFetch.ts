/**
 * A `fetch` that hands the real server's response body to the client in other chunks: the whole body
 * at once (every payload in one read), byte by byte, or any split. The bytes are the server's, only
 * the chunk boundaries change.
 */
import type { Chunking } from '../../support/multipartBodies.js';

/**
 * @param chunk Splits the complete body into the chunks to deliver.
 * @returns A `fetch` for `createFetchFunction`.
 */
export function createRechunkingFetch(chunk: (body: Uint8Array) => Chunking): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const { chunks } = chunk(new Uint8Array(await response.arrayBuffer()));
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next < chunks.length) controller.enqueue(chunks[next++]!);
        else controller.close();
      },
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
}
