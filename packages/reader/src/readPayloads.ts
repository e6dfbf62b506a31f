import { createPayloadDecoder } from './createPayloadDecoder.js';
import { resolveMaxPartSize } from './limits.js';
import { ReaderError } from './ReaderError.js';
import type { Payload, PayloadDecoder } from './types.js';

/** Options of {@link readPayloads} and {@link readPayloadBatches}. */
export interface ReadPayloadsOptions {
  /**
   * Stops reading when aborted: the body is cancelled (which closes the connection) and iteration
   * rejects with the signal's `reason`, even while a read is pending. Pass the signal you gave `fetch`.
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Largest multipart part, SSE event or JSON body, in bytes; also caps how much of an error response's
   * body is read. Defaults to {@link DEFAULT_MAX_PART_SIZE} (16 MiB); `Infinity` disables the limit.
   */
  readonly maxPartSize?: number | undefined;
}

/**
 * Reads a GraphQL response and yields its payloads in batches: one array per network chunk, holding
 * the payloads that chunk completed (never an empty array). Batches let a consumer apply everything
 * that arrived together and publish once, which keeps long `@stream`s linear (see the reassembler's
 * `applyAll`). Otherwise identical to {@link readPayloads}.
 *
 * @param response - A fetch `Response` (Node's, a browser's, or any implementation with a WHATWG
 *   `body.getReader()`); its body must not have been read yet.
 * @param options - `signal` and `maxPartSize`.
 * @returns An async generator of payload batches.
 * @throws {ReaderError} As {@link readPayloads}.
 */
export async function* readPayloadBatches(
  response: Response,
  options: ReadPayloadsOptions = {},
): AsyncGenerator<Payload[], void, undefined> {
  const { signal } = options;
  const maxPartSize = resolveMaxPartSize(options.maxPartSize);
  const contentType = response.headers.get('content-type') ?? undefined;
  const body = response.body;
  if (signal?.aborted === true) {
    releaseBody(body, signal.reason);
    throw signal.reason;
  }
  if (!response.ok) throw await readStatusError(response, contentType, maxPartSize, signal);

  const batch: Payload[] = [];
  let decoder: PayloadDecoder;
  try {
    decoder = createPayloadDecoder({ contentType, maxPartSize, onPayload: (payload) => batch.push(payload) });
  } catch (error) {
    releaseBody(body, error);
    throw error;
  }

  if (body === null) {
    // No body at all (e.g. a 204): the same as an empty one, which every format reports.
    decoder.end();
    if (batch.length > 0) yield batch.splice(0);
    return;
  }

  const reader = getReader(body, response.status, contentType);
  const onAbort = (): void => {
    // Resolves a pending read() with `done`, so the loop below notices the abort at once.
    reader.cancel(signal?.reason).catch(ignore);
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let received = 0;
  try {
    for (;;) {
      throwIfAborted(signal);
      let result: ReadableStreamReadResult<unknown>;
      try {
        result = await reader.read();
      } catch (cause) {
        throwIfAborted(signal);
        throw new ReaderError(
          'READ_FAILED',
          `reading the response body failed after ${received} bytes: ${cause instanceof Error ? cause.message : String(cause)}`,
          { offset: received, status: response.status, contentType, cause },
        );
      }
      throwIfAborted(signal);

      let failed = false;
      let failure: unknown;
      try {
        if (result.done) {
          decoder.end();
        } else {
          const chunk = toBytes(result.value, received);
          received += chunk.length;
          decoder.write(chunk);
        }
      } catch (error) {
        failed = true;
        failure = error;
      }
      // Everything completed before a problem is handed out before the problem.
      if (batch.length > 0) yield batch.splice(0);
      if (failed) throw failure;
      if (result.done || decoder.finished) return;
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    // Releases the connection when we stop early (consumer `break`, error, abort, final payload
    // before the close delimiter); harmless after a complete read. Not awaited: a source whose cancel
    // never settles must not hang the consumer's `return()`.
    reader.cancel().catch(ignore);
  }
}

/**
 * Reads a GraphQL response into its JSON payloads, in order, as they arrive. Dispatches on the
 * response's `Content-Type`:
 *
 * - `multipart/mixed` (any boundary, quoted or not, other parameters beside it; default `-`): every
 *   framing that Apollo Server, Apollo Router, Yoga, Hot Chocolate, Strawberry, Tanka and the RFC
 *   use, including LF-only line ends, missing part headers, preamble and epilogue. A payload is yielded
 *   as soon as its part's end is known (`Content-Length`; the closing brace of a JSON part's object,
 *   without waiting for a delimiter the server sends only with the next part; or `\r\n--boundary`
 *   even before the rest of that line). Empty parts and `{}` heartbeats are skipped. Apollo multipart subscriptions
 *   (`subscriptionSpec=1.0`) are unwrapped: `{"payload": …}` yields the payload, `{"payload": null}`
 *   ends the stream, and top-level `errors` end it with a `TRANSPORT_ERROR`.
 * - `text/event-stream`: each `next` event's data is a payload; `complete` ends the stream.
 * - `application/json`, `application/graphql-response+json`: one payload.
 *
 * Reading stops after a payload with `hasNext: false` (nothing may follow it), at the multipart
 * close delimiter, or at the SSE `complete` event; the body is then cancelled, as it is when the
 * consumer stops iterating, when an error is thrown, or when `signal` aborts.
 *
 * @param response - A fetch `Response` whose body has not been read. `ReadableStream` does not need to
 *   be async-iterable: the body is read with `getReader()`.
 * @param options - `signal` and `maxPartSize`.
 * @returns An async generator of payloads (parsed JSON objects, unvalidated).
 * @throws {ReaderError} `HTTP_STATUS` for a non-2xx status (with the body text),
 *   `UNSUPPORTED_CONTENT_TYPE`, `READ_FAILED`, `TRUNCATED`, `MALFORMED_MULTIPART`, `PART_TOO_LARGE`,
 *   `UNSUPPORTED_PART_CONTENT_TYPE`, `INVALID_JSON` (with the part's index and byte offset),
 *   `INVALID_PAYLOAD` or `TRANSPORT_ERROR`, always after every payload completed before the problem.
 *   An abort rejects with `signal.reason` instead.
 * @see spec.md §3 (transport).
 * @example
 * ```ts
 * const controller = new AbortController();
 * const response = await fetch('/graphql', {
 *   method: 'POST',
 *   headers: {
 *     'content-type': 'application/json',
 *     accept: 'multipart/mixed;incrementalSpec=v0.2, text/event-stream, application/graphql-response+json, application/json;q=0.9',
 *   },
 *   body: JSON.stringify({ query: '{ hero { id ... @defer { name } } }' }),
 *   signal: controller.signal,
 * });
 * for await (const payload of readPayloads(response, { signal: controller.signal })) {
 *   console.log(payload); // { data: { hero: { id: '1' } }, pending: [...], hasNext: true }, then ...
 * }
 * ```
 */
export function readPayloads(response: Response, options: ReadPayloadsOptions = {}): AsyncGenerator<Payload, void, undefined> {
  // Hands out the payloads of readPayloadBatches one by one. Not an async generator: one with
  // `yield* batch` costs several promise hops per payload, which on small parts was a quarter of the
  // time the bytes take to decode and parse. Here a payload that is already read costs one resolved
  // promise. Requests made while one is pending (next() not awaited, return() during a read) run after
  // it, in call order, as a generator's would; readPayloads.test.ts checks that against a generator.
  const batches = readPayloadBatches(response, options);
  let batch: Payload[] = [];
  let index = 0;
  // Set once the iteration has ended (the last batch, an error, return() or throw()): from then on
  // every request answers `done`, even with payloads of the last batch still unread.
  let closed = false;
  // The last request not yet settled; the next one runs after it, so requests settle in call order.
  let pending: Promise<unknown> | undefined;

  function close(): void {
    closed = true;
    batch = [];
  }

  function take(): IteratorResult<Payload, void> | Promise<IteratorResult<Payload, void>> {
    if (closed) return ended();
    if (index < batch.length) return { value: batch[index++]!, done: false };
    return batches.next().then(
      (result) => {
        if (result.done === true) {
          close();
          return result;
        }
        batch = result.value;
        index = 0;
        return take();
      },
      (error: unknown) => {
        close();
        throw error;
      },
    );
  }

  /** Runs `request` after every earlier request has settled. */
  function enqueue<T>(request: () => T | Promise<T>): Promise<T> {
    const queued = pending === undefined ? Promise.resolve(request()) : pending.then(request, request);
    pending = queued;
    const settled = (): void => {
      if (pending === queued) pending = undefined;
    };
    queued.then(settled, settled);
    return queued;
  }

  // Typed as a generator, which it behaves as; like native async generators in Node 20, it has no
  // `Symbol.asyncDispose` (which the type declares).
  const payloads = {
    next() {
      if (pending === undefined && !closed && index < batch.length) return Promise.resolve({ value: batch[index++]!, done: false });
      return enqueue(take);
    },
    // readPayloadBatches never yields after these (it has no yield in a `finally`): they end it.
    return(value) {
      return enqueue(() => {
        close();
        return batches.return(value).then(ended);
      });
    },
    throw(error: unknown) {
      return enqueue(() => {
        close();
        return batches.throw(error).then(ended);
      });
    },
    [Symbol.asyncIterator]() {
      return payloads;
    },
  } as AsyncGenerator<Payload, void, undefined>;
  return payloads;
}

function ended(): IteratorReturnResult<void> {
  return { value: undefined, done: true };
}

function getReader(body: ReadableStream<unknown>, status: number, contentType: string | undefined): ReadableStreamDefaultReader<unknown> {
  try {
    return body.getReader();
  } catch (cause) {
    throw new ReaderError(
      'READ_FAILED',
      'the response body is locked or was already read (response.bodyUsed). Pass a fresh Response, or clone() it before reading it elsewhere.',
      { status, contentType, cause },
    );
  }
}

/** Reads (at most `maxPartSize` bytes of) an error response's body for the `HTTP_STATUS` error. */
async function readStatusError(
  response: Response,
  contentType: string | undefined,
  maxPartSize: number,
  signal: AbortSignal | undefined,
): Promise<ReaderError> {
  let text = '';
  const body = response.body;
  if (body !== null && !body.locked) {
    const reader = body.getReader();
    const onAbort = (): void => {
      reader.cancel(signal?.reason).catch(ignore);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const decoder = new TextDecoder();
    let received = 0;
    try {
      while (received < maxPartSize) {
        let result: ReadableStreamReadResult<unknown>;
        try {
          result = await reader.read();
        } catch {
          break; // The status is the news; a broken error body does not change it.
        }
        throwIfAborted(signal);
        if (result.done) break;
        const chunk = toBytes(result.value, received);
        const kept = chunk.subarray(0, Math.min(chunk.length, maxPartSize - received));
        received += kept.length;
        text += decoder.decode(kept, { stream: true });
      }
      text += decoder.decode();
    } finally {
      signal?.removeEventListener('abort', onAbort);
      reader.cancel().catch(ignore);
    }
  }
  const statusText = response.statusText === '' ? '' : ` ${response.statusText}`;
  const shown = text.length > 500 ? `${text.slice(0, 500)}…` : text;
  return new ReaderError(
    'HTTP_STATUS',
    `the server answered ${response.status}${statusText}${contentType === undefined ? '' : ` (${contentType})`}${shown === '' ? ' with an empty body' : `: ${shown}`}`,
    { status: response.status, contentType, body: text },
  );
}

/** Normalises a chunk: fetch gives `Uint8Array`s, but some polyfills give other buffer views. */
function toBytes(value: unknown, offset: number): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  throw new ReaderError('READ_FAILED', `the response body produced a ${typeof value} chunk; expected bytes (Uint8Array).`, { offset });
}

function releaseBody(body: ReadableStream<unknown> | null, reason: unknown): void {
  if (body !== null && !body.locked) body.cancel(reason).catch(ignore);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw signal.reason;
}

function ignore(): void {
  // Cancelling an already closed or errored body rejects; there is nothing left to release then.
}
