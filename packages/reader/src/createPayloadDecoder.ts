import { createJsonDecoder } from './createJsonDecoder.js';
import { createMultipartDecoder } from './createMultipartDecoder.js';
import { createSseDecoder } from './createSseDecoder.js';
import { getBoundary, isJsonMediaType, parseContentType } from './parseContentType.js';
import { ReaderError } from './ReaderError.js';
import type { Payload, PayloadDecoder } from './types.js';

/** Options of {@link createPayloadDecoder}. */
export interface PayloadDecoderOptions {
  /** The response `Content-Type` header, as sent (`undefined` or `null` when missing). */
  readonly contentType: string | null | undefined;
  /** Receives every payload, in order. */
  readonly onPayload: (payload: Payload) => void;
  /**
   * Largest multipart part, SSE event or JSON body, in bytes; defaults to {@link DEFAULT_MAX_PART_SIZE}
   * (16 MiB).
   */
  readonly maxPartSize?: number | undefined;
}

/** The response media types a GraphQL incremental response can have. */
export const SUPPORTED_MEDIA_TYPES = [
  'multipart/mixed',
  'text/event-stream',
  'application/json',
  'application/graphql-response+json',
] as const;

/**
 * Creates the {@link PayloadDecoder} for a response's `Content-Type`: `multipart/mixed` (boundary from
 * the header, quoted or not, default `-`), `text/event-stream`, or JSON (`application/json`,
 * `application/graphql-response+json` and other `+json` types: one payload). Branch on the response,
 * not on what was requested: servers answer JSON when nothing ended up deferred (spec §3.1).
 *
 * Use it directly to read bodies that do not come as a fetch `Response` (XHR, Node streams); otherwise
 * {@link readPayloads} does everything.
 *
 * @param options - Content type, payload callback, size limit.
 * @returns The decoder for that format.
 * @throws {ReaderError} `UNSUPPORTED_CONTENT_TYPE` for any other (or a missing) content type.
 * @example
 * ```ts
 * const payloads: Payload[] = [];
 * const decoder = createPayloadDecoder({ contentType: 'multipart/mixed; boundary="-"', onPayload: (p) => payloads.push(p) });
 * for (const chunk of chunks) {
 *   decoder.write(chunk);
 *   if (decoder.finished) break;
 * }
 * if (!decoder.finished) decoder.end();
 * ```
 */
export function createPayloadDecoder(options: PayloadDecoderOptions): PayloadDecoder {
  const { contentType: header, onPayload, maxPartSize } = options;
  const contentType = header === null || header === undefined ? undefined : parseContentType(header);
  const mediaType = contentType?.mediaType;
  if (contentType !== undefined && mediaType === 'multipart/mixed') {
    return createMultipartDecoder({ boundary: getBoundary(contentType), onPayload, maxPartSize });
  }
  if (mediaType === 'text/event-stream') return createSseDecoder({ onPayload, maxPartSize });
  if (mediaType !== undefined && isJsonMediaType(mediaType)) return createJsonDecoder({ onPayload, maxPartSize });
  throw new ReaderError(
    'UNSUPPORTED_CONTENT_TYPE',
    `the response Content-Type is ${header === null || header === undefined ? 'missing' : JSON.stringify(header)}; expected one of ${SUPPORTED_MEDIA_TYPES.join(', ')}. Is the URL a GraphQL endpoint, and does the request's Accept header list these?`,
    { contentType: header ?? undefined, expected: SUPPORTED_MEDIA_TYPES },
  );
}
