/**
 * A `fetch` that answers every request with a recorded body, delivered like a network delivers it:
 * in chunks, each one in its own event-loop turn (a `setImmediate` hop), pushed whether or not the
 * client is reading, as a socket does. Fixed-size and per-part chunks come one per turn however long
 * the client's turns take (the network is exactly as fast as the client); paced chunks arrive by the
 * clock, so a busy client finds more in its next read, as it would on a real socket.
 */

/** How the recorded body is cut into network chunks. */
export type Chunking =
  /** Fixed-size chunks of `size` bytes, cut anywhere (inside JSON, inside a delimiter). */
  | { readonly kind: 'fixed'; readonly size: number }
  /** One multipart part per chunk, then the close delimiter: the most chunks a server can cause. */
  | { readonly kind: 'per-part' }
  /**
   * Wall-clock pacing, as a socket delivers: the server sends `partsPerMs` parts per millisecond, and
   * each event-loop turn reads everything that has arrived since the last read (at most
   * {@link SOCKET_READ_SIZE} bytes). A client busy for 20 ms finds 20 ms worth of parts in its next read.
   */
  | { readonly kind: 'paced'; readonly partsPerMs: number };

/** The most a paced read returns, as Node's socket reads (64 KB). */
export const SOCKET_READ_SIZE = 64 * 1024;

/** What the replay serves. */
export interface Replay {
  readonly contentType: string;
  readonly body: Uint8Array;
  /** The body's parts as framed on the wire (for {@link Chunking} `per-part`). */
  readonly parts: readonly Uint8Array[];
  readonly closeDelimiter: Uint8Array;
}

/** Options of {@link createReplayFetch}. */
export interface ReplayFetchOptions {
  /** Checks each request (its parsed JSON body) before answering, e.g. that the variables match the recording. */
  readonly checkRequest?: (body: unknown) => void;
}

/**
 * Cuts a recorded body into network chunks.
 *
 * @param replay - The recording.
 * @param chunking - Fixed-size or one part per chunk.
 * @returns The chunks, in order; they concatenate to `replay.body`.
 */
export function cutChunks(replay: Replay, chunking: Chunking): Uint8Array[] {
  if (chunking.kind !== 'fixed') return [...replay.parts, replay.closeDelimiter];
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < replay.body.length; offset += chunking.size) {
    chunks.push(replay.body.subarray(offset, offset + chunking.size));
  }
  return chunks;
}

/** Describes a chunking for tables: `16 KB chunks`, `1 part per chunk`. */
export function describeChunking(chunking: Chunking): string {
  switch (chunking.kind) {
    case 'fixed':
      return `${chunking.size / 1024} KB chunks`;
    case 'per-part':
      return '1 part per chunk';
    case 'paced':
      return `${chunking.partsPerMs} parts/ms, socket reads`;
  }
}

/**
 * Creates a `fetch` that replays `replay` for every request.
 *
 * @param replay - The recording to serve.
 * @param chunking - How to cut the body into network chunks.
 * @param options - An optional request check.
 * @returns A `fetch` implementation; its responses honour the request's `AbortSignal`.
 */
export function createReplayFetch(replay: Replay, chunking: Chunking, options: ReplayFetchOptions = {}): typeof fetch {
  const chunks = cutChunks(replay, chunking);
  return async (_input, init) => {
    if (typeof init?.body !== 'string') throw new TypeError('the replay expects a JSON request body');
    options.checkRequest?.(JSON.parse(init.body));
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const nextRead = chunking.kind === 'paced' ? createPacedReads(chunks, chunking.partsPerMs) : createFixedReads(chunks);
        const deliverNext = (): void => {
          if (cancelled) return;
          if (signal?.aborted === true) {
            controller.error(signal.reason);
            return;
          }
          const read = nextRead();
          if (read === 'end') {
            controller.close();
            return;
          }
          if (read !== undefined) controller.enqueue(read);
          setImmediate(deliverNext);
        };
        setImmediate(deliverNext);
      },
      cancel() {
        cancelled = true;
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': replay.contentType } });
  };
}

/** What one event-loop turn of the network delivers: bytes, nothing yet, or the end. */
type NextRead = () => Uint8Array | undefined | 'end';

function createFixedReads(chunks: readonly Uint8Array[]): NextRead {
  let index = 0;
  return () => {
    const chunk = chunks[index];
    index += 1;
    // A fresh copy per chunk: a client may keep or transfer what it reads.
    return chunk === undefined ? 'end' : chunk.slice();
  };
}

function createPacedReads(chunks: readonly Uint8Array[], partsPerMs: number): NextRead {
  const started = performance.now();
  let sent = 0;
  let pending: Uint8Array | undefined;
  return () => {
    if (pending === undefined) {
      const arrived = Math.min(chunks.length, Math.floor((performance.now() - started) * partsPerMs) + 1);
      if (sent === chunks.length) return 'end';
      if (arrived === sent) return undefined;
      const bytes = chunks.slice(sent, arrived);
      sent = arrived;
      pending = new Uint8Array(bytes.reduce((length, chunk) => length + chunk.length, 0));
      let offset = 0;
      for (const chunk of bytes) {
        pending.set(chunk, offset);
        offset += chunk.length;
      }
    }
    const read = pending.slice(0, SOCKET_READ_SIZE);
    pending = pending.length > SOCKET_READ_SIZE ? pending.subarray(SOCKET_READ_SIZE) : undefined;
    return read;
  };
}
