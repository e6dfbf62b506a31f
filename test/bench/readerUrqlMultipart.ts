/**
 * urql's multipart reader, for the reader benchmark: `streamBody`, `streamToBoundedChunks` and
 * `parseMultipartMixed` from `@urql/core` 6.0.3 (`dist/urql-core-chunk.mjs`, lines 468–545; MIT,
 * © Formidable and 0no.co), copied statement for statement with types added and nothing else changed.
 * urql does not export them: `makeFetchSource` runs them inside `fetchOperation`, which then merges
 * every payload into the previous result (`mergeResultPatch`), a reassembly cost measured in
 * reassembler.md, not a reading one. This file lets the benchmark time the reading alone and check the
 * payloads it yields.
 */

const BOUNDARY_PARAMETER = /boundary="?([^=";]+)"?/i;

interface Payload {
  readonly hasNext?: boolean;
}

async function* streamBody(response: Response): AsyncGenerator<Uint8Array> {
  const body = response.body! as ReadableStream<Uint8Array> & Partial<AsyncIterable<Uint8Array>>;
  if (body[Symbol.asyncIterator]) {
    for await (const chunk of body as AsyncIterable<Uint8Array>) {
      yield chunk;
    }
  } else {
    const reader = body.getReader();
    let result: ReadableStreamReadResult<Uint8Array>;
    try {
      while (!(result = await reader.read()).done) {
        yield result.value;
      }
    } finally {
      void reader.cancel();
    }
  }
}

async function* streamToBoundedChunks(chunks: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<string> {
  const decoder = typeof TextDecoder !== 'undefined' ? new TextDecoder() : null;
  let buffer = '';
  let index: number;
  for await (const chunk of chunks) {
    buffer += chunk.constructor.name === 'Buffer' ? chunk.toString() : decoder!.decode(chunk, { stream: true });
    while ((index = buffer.indexOf(boundary)) > -1) {
      yield buffer.slice(0, index);
      buffer = buffer.slice(index + boundary.length);
    }
  }
}

/**
 * urql's `parseMultipartMixed`: the payloads of a `multipart/mixed` response.
 *
 * @param contentType - The response `Content-Type`.
 * @param response - The response, its body unread.
 * @returns The payloads, as urql's `fetchOperation` receives them.
 */
export async function* parseMultipartMixed(contentType: string, response: Response): AsyncGenerator<unknown> {
  const match = contentType.match(BOUNDARY_PARAMETER);
  const boundary = '--' + (match ? match[1]! : '-');
  let isPreamble = true;
  let payload: Payload | undefined;
  for await (let chunk of streamToBoundedChunks(streamBody(response), '\r\n' + boundary)) {
    if (isPreamble) {
      isPreamble = false;
      const preambleIndex = chunk.indexOf(boundary);
      if (preambleIndex > -1) {
        chunk = chunk.slice(preambleIndex + boundary.length);
      } else {
        continue;
      }
    }
    try {
      yield (payload = JSON.parse(chunk.slice(chunk.indexOf('\r\n\r\n') + 4)) as Payload);
    } catch (error) {
      if (!payload) {
        throw error;
      }
    }
    if (payload && payload.hasNext === false) {
      break;
    }
  }
  if (payload && payload.hasNext !== false) {
    yield { hasNext: false };
  }
}
