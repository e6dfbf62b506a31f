import { createPayloadDecoder, DEFAULT_MAX_PART_SIZE } from './createPayloadDecoder.js';
import { IncrementalError } from './IncrementalError.js';
import type { Payload } from './types.js';

/** Options of {@link readPayloads} and {@link readPayloadBatches}. */
export interface ReadPayloadsOptions {
  /** Aborting cancels the body, even during a pending read, and rejects with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /**
   * The longest part, SSE event, JSON line or JSON body, in characters of text (bytes for ASCII), and
   * how much of an error response's body is read. Default {@link DEFAULT_MAX_PART_SIZE} (16 Mi).
   */
  readonly maxPartSize?: number | undefined;
}

/** How long an error response's body may pause before its status is reported with what arrived. */
const ERROR_BODY_PATIENCE_MS = 1000;

/**
 * Reads a GraphQL response into its payloads, in order, as they arrive: `multipart/mixed` in every
 * server's framing, `text/event-stream`, JSON Lines or JSON (see {@link createPayloadDecoder}). A
 * `Response` without a `body` (React Native) is read whole; node-fetch's Node stream body is read too.
 *
 * Reading stops once the response is complete; the body is cancelled then, and when you stop
 * iterating (even during a pending read), on an error, or when `signal` aborts.
 *
 * A non-2xx response whose body is a GraphQL response (`application/graphql-response+json` with
 * `errors`) yields it like any payload; any other non-2xx response throws `HTTP_STATUS`.
 *
 * @param response - A fetch `Response` whose body has not been read.
 * @param options - `signal` and `maxPartSize`.
 * @returns The payloads: parsed JSON objects, not validated further.
 * @throws {IncrementalError} After every payload completed before the problem; see its codes.
 * @example
 * ```ts
 * const response = await fetch('/graphql', { method: 'POST', headers, body });
 * for await (const payload of readPayloads(response)) console.log(payload);
 * ```
 */
export function readPayloads(response: Response, options: ReadPayloadsOptions = {}): AsyncGenerator<Payload, void, undefined> {
  // Hands out the batches' payloads with one resolved promise each, where an async generator's `yield`
  // costs several promise turns per payload. Calls settle in call order, as a generator's do.
  const batches = readPayloadBatches(response, options);
  let batch: Payload[] = [];
  let index = 0;
  let done = false;
  // The last call that has not settled: later calls wait for it.
  let last: Promise<unknown> | undefined;

  const take = (): IteratorResult<Payload, void> | Promise<IteratorResult<Payload, void>> =>
    done
      ? { value: undefined, done: true }
      : index < batch.length
        ? { value: batch[index++]!, done: false }
        : batches.next().then(
            (result) => (result.done ? end() : ((batch = result.value), (index = 0), take())),
            (error: unknown) => {
              end();
              throw error;
            },
          );
  const end = (): IteratorResult<Payload, void> => {
    done = true;
    batch = [];
    return { value: undefined, done: true };
  };
  const inOrder = <T>(call: () => T | PromiseLike<T>): Promise<T> => {
    const run = last ? last.then(call, call) : Promise.resolve(call());
    const settled = (): void => {
      if (last === run) last = undefined;
    };
    run.then(settled, settled);
    return (last = run);
  };
  // The batches end at once (cancelOnReturn cancels a stalled read); this iteration in call order.
  const close = (ending: Promise<unknown>) => inOrder(() => ending.finally(end).then(end));

  const payloads = {
    next: () => (!last && index < batch.length ? Promise.resolve({ value: batch[index++]!, done: false }) : inOrder(take)),
    return: (value: undefined) => close(batches.return(value)),
    throw: (error: unknown) => close(batches.throw(error)),
    [Symbol.asyncIterator]: () => payloads,
  } as AsyncGenerator<Payload, void, undefined>;
  return payloads;
}

/**
 * {@link readPayloads}, one array per network chunk with the payloads it completed (never empty):
 * what arrived together can be merged together (the reassembler's `applyAll`).
 *
 * @param response - A fetch `Response` whose body has not been read.
 * @param options - `signal` and `maxPartSize`.
 * @returns The batches.
 * @throws {IncrementalError} As {@link readPayloads}.
 */
export function readPayloadBatches(response: Response, options: ReadPayloadsOptions = {}): AsyncGenerator<Payload[], void, undefined> {
  return cancelOnReturn((stop) => readBatches(response, options, stop));
}

/** How `return()` and `throw()` end a stalled read: `stopped` is set, then `cancel` (the reader's) runs. */
interface Stop {
  stopped: boolean;
  cancel(): void;
}

/**
 * Makes `return()` and `throw()` end a stalled read: an async generator queues them behind a pending
 * `next()`, which on a server that sends nothing more never settles. A read that completes in this
 * turn still delivers.
 */
function cancelOnReturn<T>(start: (stop: Stop) => AsyncGenerator<T, void, undefined>): AsyncGenerator<T, void, undefined> {
  const stop: Stop = { stopped: false, cancel: ignore };
  const generator = start(stop);
  const { return: close, throw: fail } = generator;
  const stopping = <R>(call: () => Promise<R>): Promise<R> => {
    const timer = setTimeout(() => {
      stop.stopped = true;
      stop.cancel();
    });
    return call().finally(() => clearTimeout(timer));
  };
  generator.return = (value) => stopping(() => close.call(generator, value));
  generator.throw = (error) => stopping(() => fail.call(generator, error));
  return generator;
}

type Chunk = ArrayBufferView | ArrayBuffer | string;

/** What `response.body` is with node-fetch: a Node `Readable`. */
interface NodeStream extends AsyncIterable<Chunk> {
  destroy?(): void;
}

/** What is read of a body: a stream's reader, or for a `Response` without `body`, its text. */
interface BodyReader {
  read(): Promise<ReadableStreamReadResult<Chunk>>;
  cancel(reason?: unknown): Promise<void>;
}

async function* readBatches(
  response: Response,
  { signal, maxPartSize = DEFAULT_MAX_PART_SIZE }: ReadPayloadsOptions,
  stop: Stop,
): AsyncGenerator<Payload[], void, undefined> {
  const contentType = response.headers.get('content-type') ?? '';
  const batch: Payload[] = [];
  let reader: BodyReader | undefined;
  // Cancelling the body ends a pending read: `signal` then rejects with its reason, `stop` ends quietly.
  const cancel = (): void => void reader?.cancel(signal?.reason).catch(ignore);
  signal?.addEventListener('abort', cancel);
  stop.cancel = cancel;
  try {
    reader = openBody(response);
    throwIfAborted(signal);
    if (!response.ok) {
      let body = '';
      try {
        body = await readErrorBody(reader, maxPartSize);
      } catch {
        // The status is the news; a broken error body does not change it.
      }
      throwIfAborted(signal);
      const payload = contentType.includes('graphql-response+json') ? parseGraphQLResponse(body) : undefined;
      if (!payload) throw new IncrementalError('HTTP_STATUS', `the server answered ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`, { status: response.status, body });
      yield [payload];
      return;
    }
    const decoder = createPayloadDecoder({ contentType, maxPartSize, onPayload: (payload) => batch.push(payload) });
    for (;;) {
      let result: ReadableStreamReadResult<Chunk>;
      try {
        result = await reader.read();
      } catch (cause) {
        throwIfAborted(signal);
        if (stop.stopped) return;
        throw readFailed(cause);
      }
      throwIfAborted(signal);
      if (stop.stopped) return;
      let failure: { readonly error: unknown } | undefined;
      try {
        if (result.done) decoder.end();
        else decoder.write(result.value);
      } catch (error) {
        failure = { error };
      }
      // Every payload completed before a problem is handed out before it.
      if (batch.length > 0) yield batch.splice(0);
      if (failure) throw failure.error;
      if (result.done || decoder.finished) return;
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    // Releases the body, read or not; a finished one rejects, which is fine.
    reader?.cancel(signal?.reason).catch(ignore);
  }
}

/**
 * The body's reader: a web stream's own, or the iterator of a Node stream (node-fetch, cross-fetch);
 * a `Response` without `body` (React Native's fetch) is read whole.
 */
function openBody(response: Response): BodyReader {
  const body = response.body as ReadableStream<Chunk> | NodeStream | null;
  if (!body) {
    let text: Promise<string> | undefined;
    return {
      read: () => (text ? Promise.resolve({ done: true, value: undefined }) : (text = response.text()).then((value) => ({ done: false, value }))),
      cancel: () => Promise.resolve(),
    };
  }
  try {
    if ('getReader' in body) return body.getReader() as BodyReader;
    const chunks = body[Symbol.asyncIterator]();
    // Destroying the stream ends a pending read; the iterator's `return()` would wait for it.
    return { read: () => chunks.next() as Promise<ReadableStreamReadResult<Chunk>>, cancel: async () => void body.destroy?.() };
  } catch (cause) {
    throw readFailed(cause);
  }
}

/** At most `limit` characters of an error response's body, and no more once it pauses for a while. */
async function readErrorBody(reader: BodyReader, limit: number): Promise<string> {
  let decoder: TextDecoder | undefined;
  let text = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    while (text.length < limit) {
      timer = setTimeout(() => void reader.cancel().catch(ignore), ERROR_BODY_PATIENCE_MS);
      const { done, value } = await reader.read();
      clearTimeout(timer);
      if (done) break;
      text += typeof value === 'string' ? value : (decoder ??= new TextDecoder()).decode(value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
  }
  return text.slice(0, limit);
}

function parseGraphQLResponse(body: string): Payload | undefined {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value === 'object' && value !== null && Array.isArray((value as Payload)['errors'])) return value as Payload;
  } catch {
    // Not a GraphQL response: the status error carries the text.
  }
  return undefined;
}

function readFailed(cause: unknown): IncrementalError {
  return new IncrementalError('READ_FAILED', `reading the body failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  if (signal.reason !== undefined) throw signal.reason;
  // React Native's AbortController sets no reason: an AbortError stands in for it.
  const error = new Error('This operation was aborted');
  error.name = 'AbortError';
  throw error;
}

function ignore(): void {
  // Cancelling a body that is already closed rejects; nothing is left to release.
}
