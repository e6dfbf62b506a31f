/**
 * Helpers for the reader tests: run bytes through the pure decoder or through `readPayloads` on a
 * `Response`, and collect what comes out (payloads, then the error if any) so tests can compare both
 * with what a {@link BodyCase} expects.
 */
import { createPayloadDecoder, isIncrementalError, readPayloads, type Payload, type ReadPayloadsOptions } from '@graphql-incremental/reader';

/** What reading a body gave. */
export interface ReadOutcome {
  readonly payloads: Payload[];
  /** The thrown error, if any. */
  readonly error: unknown;
  /** The `IncrementalError` code, or `undefined` when nothing (or something else) was thrown. */
  readonly errorCode: string | undefined;
}

function outcome(payloads: Payload[], error: unknown): ReadOutcome {
  return { payloads, error, errorCode: isIncrementalError(error) ? error.code : undefined };
}

/**
 * Feeds chunks to {@link createPayloadDecoder} synchronously, stopping once it is finished.
 *
 * @param contentType - The response Content-Type.
 * @param chunks - The body, split.
 * @param maxPartSize - Optional limit.
 * @returns Payloads and error.
 */
export function decodeChunks(contentType: string, chunks: readonly Uint8Array[], maxPartSize?: number): ReadOutcome {
  const payloads: Payload[] = [];
  try {
    const decoder = createPayloadDecoder({ contentType, maxPartSize, onPayload: (payload) => payloads.push(payload) });
    for (const chunk of chunks) {
      decoder.write(chunk);
      if (decoder.finished) return outcome(payloads, undefined);
    }
    decoder.end();
    return outcome(payloads, undefined);
  } catch (error) {
    return outcome(payloads, error);
  }
}

/** What a test stream observed about how it was consumed. */
export interface StreamProbe {
  /** Chunks pulled by the reader. */
  pulled: number;
  /** Whether the reader cancelled the stream, and with what reason. */
  cancelled: boolean;
  cancelReason: unknown;
}

/**
 * A `ReadableStream` that hands out the chunks one per pull (like a network delivering writes), and
 * records pulls and cancellation.
 *
 * @param chunks - The body, split.
 * @param probe - Filled in as the stream is used.
 * @param options - `hang: true` never ends the stream after the chunks (a server that stays open).
 * @returns The stream.
 */
export function chunkStream(chunks: readonly Uint8Array[], probe?: StreamProbe, options: { hang?: boolean } = {}): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (probe) probe.pulled++;
      if (index < chunks.length) {
        // A copy, so a reader that keeps a reference to a chunk cannot pass by accident.
        controller.enqueue(chunks[index++]!.slice());
      } else if (options.hang === true) {
        return new Promise<void>(() => {
          // Never resolves: the server keeps the connection open.
        });
      } else {
        controller.close();
      }
      return undefined;
    },
    cancel(reason) {
      if (probe) {
        probe.cancelled = true;
        probe.cancelReason = reason;
      }
    },
  });
}

/**
 * A fresh probe.
 *
 * @returns A probe with nothing recorded.
 */
export function createProbe(): StreamProbe {
  return { pulled: 0, cancelled: false, cancelReason: undefined };
}

/**
 * Reads a `Response` with {@link readPayloads} and collects the outcome.
 *
 * @param response - The response.
 * @param options - Options for `readPayloads`.
 * @returns Payloads and error.
 */
export async function readAll(response: Response, options?: ReadPayloadsOptions): Promise<ReadOutcome> {
  const payloads: Payload[] = [];
  try {
    for await (const payload of readPayloads(response, options)) payloads.push(payload);
    return outcome(payloads, undefined);
  } catch (error) {
    return outcome(payloads, error);
  }
}

/**
 * A `Response` whose body arrives in the given chunks.
 *
 * @param contentType - Response Content-Type.
 * @param chunks - The body, split.
 * @param init - Status etc.
 * @param probe - Records pulls and cancellation.
 * @returns The response.
 */
export function chunkedResponse(contentType: string, chunks: readonly Uint8Array[], init: ResponseInit = {}, probe?: StreamProbe): Response {
  return new Response(chunkStream(chunks, probe), { ...init, headers: { 'content-type': contentType } });
}
