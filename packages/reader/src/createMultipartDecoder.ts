import { createMultipartParser, type MultipartPart } from './createMultipartParser.js';
import { createPayloadInterpreter, isBlank } from './createPayloadInterpreter.js';
import { isJsonMediaType, parseContentType } from './parseContentType.js';
import { ReaderError } from './ReaderError.js';
import type { Payload, PayloadDecoder } from './types.js';

/** Options of {@link createMultipartDecoder}. */
export interface MultipartDecoderOptions {
  /** The boundary, from the response `Content-Type`. */
  readonly boundary: string;
  /** Receives every payload, in order. */
  readonly onPayload: (payload: Payload) => void;
  /** See {@link MultipartParserOptions.maxPartSize}. */
  readonly maxPartSize?: number | undefined;
}

const JSON_PART_TYPES = ['application/json', 'application/graphql-response+json'] as const;

/**
 * The {@link PayloadDecoder} for `multipart/mixed` bodies: {@link createMultipartParser} for the framing,
 * then per part: skip empty parts, check the part's `Content-Type` (missing means JSON, spec §3.4 item 4),
 * parse JSON and apply the shared payload rules (heartbeats, Apollo subscription envelopes,
 * `hasNext: false`).
 *
 * @param options - Boundary, payload callback, size limit.
 * @returns The decoder.
 * @see spec.md §3.3–3.4 and §3.6.
 */
export function createMultipartDecoder(options: MultipartDecoderOptions): PayloadDecoder {
  const parts: MultipartPart[] = [];
  const parser = createMultipartParser({
    boundary: options.boundary,
    maxPartSize: options.maxPartSize,
    onPart: (part) => parts.push(part),
  });
  const interpreter = createPayloadInterpreter(options.onPayload);

  function interpretParts(): void {
    try {
      for (const part of parts) {
        if (interpreter.finished) break;
        if (isBlank(part.body)) continue;
        checkPartContentType(part);
        interpreter.accept(part.body, { partIndex: part.index, offset: part.offset });
      }
    } finally {
      parts.length = 0;
    }
  }

  return {
    write(chunk) {
      if (interpreter.finished || parser.closed) return;
      let parseFailed = false;
      let parseError: unknown;
      try {
        parser.write(chunk);
      } catch (error) {
        parseFailed = true;
        parseError = error;
      }
      // The parts completed before a framing problem come first, and a problem in one of them (bad
      // JSON, say) is the earlier problem.
      interpretParts();
      // Bytes after the last payload are not our concern (nothing may follow `hasNext: false`).
      if (parseFailed && !interpreter.finished) throw parseError;
    },
    end() {
      if (interpreter.finished || parser.closed) return;
      parser.end();
    },
    get finished() {
      return interpreter.finished || parser.closed;
    },
  };
}

function checkPartContentType(part: MultipartPart): void {
  const header = part.headers.get('content-type');
  if (header === undefined) return;
  const contentType = parseContentType(header);
  if (contentType !== undefined && isJsonMediaType(contentType.mediaType)) return;
  throw new ReaderError(
    'UNSUPPORTED_PART_CONTENT_TYPE',
    `the part's Content-Type is ${JSON.stringify(header)}; expected ${JSON_PART_TYPES.join(' or ')} (or another +json type).`,
    { partIndex: part.index, offset: part.offset, contentType: header, expected: JSON_PART_TYPES },
  );
}
