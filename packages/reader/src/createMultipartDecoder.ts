import { findJsonObjectEnd, isJsonWhitespace } from './createJsonObjectScanner.js';
import { bytesAfterJsonObject, createMultipartParser, mayCompleteJsonEarly, type MultipartPart } from './createMultipartParser.js';
import { createPayloadInterpreter, isBlank, type PayloadInterpreter } from './createPayloadInterpreter.js';
import { isJsonContentType } from './parseContentType.js';
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
 * The parser runs with `completeJsonEarly`, so a JSON part is passed on once its closing brace arrived,
 * even when the server sends the delimiter that ends it only with the next part (Tanka, the RFC's
 * example). For the same reason, a part whose object is followed by other bytes than whitespace is
 * reported as the payload and then `MALFORMED_MULTIPART`, whether the parser saw that early or only at
 * the delimiter: the outcome does not depend on how the body was split.
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
    completeJsonEarly: true,
    onPart: (part) => parts.push(part),
  });
  const interpreter = createPayloadInterpreter(options.onPayload);
  /** Headers already found acceptable: the parser hands out one Map for every part with the same header block. */
  let checkedHeaders: ReadonlyMap<string, string> | undefined;

  function interpretParts(): void {
    try {
      for (const part of parts) {
        if (interpreter.finished) break;
        if (isBlank(part.body)) continue;
        if (part.headers !== checkedHeaders) {
          checkPartContentType(part);
          checkedHeaders = part.headers;
        }
        try {
          interpreter.accept(part.body, part.index, part.offset);
        } catch (error) {
          if (!(error instanceof ReaderError && error.code === 'INVALID_JSON' && mayCompleteJsonEarly(part.headers))) throw error;
          acceptObjectBeforeBytesAfterIt(interpreter, part, error);
        }
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
      let endFailed = false;
      let endError: unknown;
      try {
        parser.end();
      } catch (error) {
        endFailed = true;
        endError = error;
      }
      // `end` can complete a last JSON part that had no delimiter after it (Tanka, RFC-style servers
      // cut short): when it says `hasNext: false`, the body was complete (spec §3.4 item 6).
      interpretParts();
      if (endFailed && !interpreter.finished) throw endError;
    },
    get finished() {
      return interpreter.finished || parser.closed;
    },
  };
}

function checkPartContentType(part: MultipartPart): void {
  const header = part.headers.get('content-type');
  if (header === undefined) return;
  if (isJsonContentType(header)) return;
  throw new ReaderError(
    'UNSUPPORTED_PART_CONTENT_TYPE',
    `the part's Content-Type is ${JSON.stringify(header)}; expected ${JSON_PART_TYPES.join(' or ')} (or another +json type).`,
    { partIndex: part.index, offset: part.offset, contentType: header, expected: JSON_PART_TYPES },
  );
}

/**
 * A JSON part that is not valid JSON, because bytes follow its object, ended at its delimiter: the
 * parser had no reason to look for the closing brace. Reports it as the parser does when it finds the
 * brace first (`completeJsonEarly`): the object as a payload, then `MALFORMED_MULTIPART` at the first
 * byte after it. Otherwise (the object itself is broken, or never closes) rethrows `invalidJson`.
 * Runs only on this error path, so valid parts are never scanned here.
 */
function acceptObjectBeforeBytesAfterIt(interpreter: PayloadInterpreter, part: MultipartPart, invalidJson: ReaderError): void {
  const bytes = new TextEncoder().encode(part.body);
  const objectEnd = findJsonObjectEnd(bytes);
  let next = objectEnd;
  while (next !== -1 && next < bytes.length && isJsonWhitespace(bytes[next]!)) next++;
  if (objectEnd === -1 || next === bytes.length) throw invalidJson;
  interpreter.accept(new TextDecoder().decode(bytes.subarray(0, objectEnd)), part.index, part.offset);
  // Bytes after the last payload are not our concern (nothing may follow `hasNext: false`).
  if (!interpreter.finished) throw bytesAfterJsonObject(part.index, part.offset + next);
}
