import { createByteBuffer } from './createByteBuffer.js';
import { createJsonObjectScanner, isJsonWhitespace, type JsonObjectScanner } from './createJsonObjectScanner.js';
import { partTooLarge, resolveMaxPartSize } from './limits.js';
import { isJsonContentType } from './parseContentType.js';
import { ReaderError } from './ReaderError.js';

/** One part of a `multipart/mixed` body. */
export interface MultipartPart {
  /** Position among the parts of the body, counting from 0. */
  readonly index: number;
  /**
   * The part's headers by lower-cased name (`content-type`, `content-length`...), values trimmed;
   * repeated headers are joined with `", "`. Empty when the server sent none.
   */
  readonly headers: ReadonlyMap<string, string>;
  /**
   * The body, decoded from UTF-8 once, after all of its bytes arrived. With
   * {@link MultipartParserOptions.completeJsonEarly}, the body of a JSON object part ends at its
   * closing brace: whitespace between it and the delimiter is not part of it.
   */
  readonly body: string;
  /** Byte offset of the body's first byte in the response body. */
  readonly offset: number;
  /** Length of the body in bytes. */
  readonly size: number;
}

/** Options of {@link createMultipartParser}. */
export interface MultipartParserOptions {
  /** The boundary from the response `Content-Type`, without the leading `--` (e.g. `-` or `graphql`). */
  readonly boundary: string;
  /**
   * Called synchronously, in order, for every part as soon as its end is known. A part that is complete
   * is always passed on before `write` throws for a problem found after it.
   */
  readonly onPart: (part: MultipartPart) => void;
  /**
   * Largest part accepted, in bytes, counting its header lines and body; defaults to
   * {@link DEFAULT_MAX_PART_SIZE} (16 MiB). Larger parts (and larger preambles) fail with
   * `PART_TOO_LARGE`, at the latest once that many bytes of them are buffered.
   */
  readonly maxPartSize?: number | undefined;
  /**
   * Also end a JSON object part at its closing brace, without waiting for the next delimiter; default
   * `false`. Servers that follow the GraphQL-over-HTTP RFC literally (Tanka, the RFC's example) write
   * the delimiter that ends a part only together with the next part, so a delimiter-driven parser holds
   * every payload back until the server writes again (spec §3.3, §3.4 item 5). {@link createPayloadDecoder}
   * and `readPayloads` turn this on.
   *
   * It applies to parts without a numeric `Content-Length` (those end at their length anyway) whose
   * `Content-Type` is missing or JSON and whose body starts, after optional whitespace, with `{`.
   * When a `write` ends with such a part still open and its bytes so far end (ignoring whitespace) with
   * `}`, the part is scanned for the end of its top-level object — resuming where the last scan
   * stopped, so each byte is scanned at most once, and only for parts that straddle the end of a
   * `write`. Once the object has closed, only whitespace may come before the delimiter: anything else is
   * `MALFORMED_MULTIPART` (the part before it is passed on first). When the delimiter arrives first,
   * the part ends there as usual, without its trailing whitespace, so the part is the same in every
   * chunking. The size limit counts the body up to its last non-whitespace byte.
   *
   * The parser does not parse JSON: bytes after the object that arrive in the same `write` as its
   * delimiter stay in the body and make it invalid JSON; {@link createPayloadDecoder} reports those
   * exactly as if the part had ended early (the payload, then `MALFORMED_MULTIPART`).
   */
  readonly completeJsonEarly?: boolean | undefined;
}

/** A push parser for one `multipart/mixed` body. Create one per response. */
export interface MultipartParser {
  /**
   * Feeds the next bytes of the body, in any split. Parts completed by them are passed to `onPart`
   * before this returns. Bytes after the close delimiter (the epilogue) are ignored.
   *
   * @throws {ReaderError} `MALFORMED_MULTIPART` or `PART_TOO_LARGE`; after that every call throws the same error.
   */
  write(chunk: Uint8Array): void;
  /**
   * Signals the end of the body.
   *
   * @throws {ReaderError} `TRUNCATED` when the close delimiter has not arrived, saying where the body stopped.
   */
  end(): void;
  /** `true` once the close delimiter (`--boundary--`) has been read: nothing more will be parsed. */
  readonly closed: boolean;
}

const CR = 13;
const LF = 10;
const SPACE = 32;
const TAB = 9;
const HYPHEN = 45;
const COLON = 58;

/** Result of comparing the bytes at a position with `--boundary`. */
const MATCH = 0;
const MISMATCH = 1;
/** The bytes so far agree, but not all of `--boundary` has arrived yet. */
const PARTIAL = 2;
type Comparison = typeof MATCH | typeof MISMATCH | typeof PARTIAL;

/**
 * Parser states. Each names what the bytes at `cursor` (or from the part's start) are expected to be.
 * - `preamble`: before the first delimiter; may hold a part in disguise (Strawberry, spec §3.6).
 * - `delimiter`: right after `--boundary`: `--` (close), transport padding, or the line break.
 * - `headers`: at the start of a header line (or of a delimiter line, for an empty part).
 * - `body`: inside a body, searching for the next delimiter line.
 * - `fixedBody`: inside a body whose `Content-Length` is known.
 * - `afterFixedBody`: expecting the line break and `--boundary` after a `Content-Length` body.
 * - `afterJsonBody`: after a JSON object part that ended at its closing brace (`completeJsonEarly`):
 *   only whitespace, then a line starting with `--boundary`.
 * - `closed`: after the close delimiter; the epilogue is ignored.
 */
type State = 'preamble' | 'delimiter' | 'headers' | 'body' | 'fixedBody' | 'afterFixedBody' | 'afterJsonBody' | 'closed';

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)[ \t]*:(.*)$/s;
const CONTENT_LENGTH = /^\d{1,15}$/;
const EMPTY = new Uint8Array(0);

/** RFC 9110 `tchar`s, the bytes a header field name is made of. */
const TOKEN_BYTES = new Uint8Array(128);
for (const character of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TOKEN_BYTES[character.charCodeAt(0)] = 1;
}

function isTokenByte(byte: number): boolean {
  return byte < 128 && TOKEN_BYTES[byte] === 1;
}

/**
 * The part's `Content-Length`, when it is one plain decimal number; anything else (absent, repeated
 * with different values, garbage) is ignored and the part ends at the next delimiter instead.
 */
function readContentLength(headers: ReadonlyMap<string, string>): number | undefined {
  const value = headers.get('content-length');
  return value !== undefined && CONTENT_LENGTH.test(value) ? Number(value) : undefined;
}

/**
 * Whether a part with these headers may end at the closing brace of its JSON object
 * (`completeJsonEarly`): no usable `Content-Length`, and a `Content-Type` that is missing or JSON.
 * Whether its body is an object is decided on the bytes.
 *
 * @param headers - The part's headers, by lower-cased name.
 * @returns `true` when the part qualifies.
 */
export function mayCompleteJsonEarly(headers: ReadonlyMap<string, string>): boolean {
  if (readContentLength(headers) !== undefined) return false;
  const header = headers.get('content-type');
  if (header === undefined) return true;
  return isJsonContentType(header);
}

/**
 * The error for bytes after a JSON object part's closing brace, other than whitespace and the
 * delimiter (`completeJsonEarly`). Shared with the payload decoder, which reports the same problem when
 * the part ended at its delimiter instead.
 *
 * @param partIndex - The index of the part the object was.
 * @param offset - Byte offset of the first unexpected byte.
 * @returns A `MALFORMED_MULTIPART` error, with the index of the next part as `partIndex` (as for other
 *   problems found after a part).
 */
export function bytesAfterJsonObject(partIndex: number, offset: number): ReaderError {
  return new ReaderError(
    'MALFORMED_MULTIPART',
    `part ${partIndex} is a JSON object that ended before byte ${offset}, but more than whitespace follows it: a part holds one payload.`,
    { partIndex: partIndex + 1, offset },
  );
}

/**
 * Creates a synchronous, byte-level parser for one `multipart/mixed` body (RFC 2046 and the GraphQL
 * incremental delivery RFC), tolerant of what real servers send:
 *
 * - the first delimiter at the very start (Strawberry) or after a line break (everyone else), after any
 *   preamble; a preamble that is itself a part (headers, blank line, JSON object) is emitted as one;
 * - a part is emitted as soon as `\r\n--boundary` is seen, before the rest of that line: Apollo Router
 *   and Yoga hold the delimiter line's end back until the next part (spec §3.3), so waiting for it would
 *   delay every payload by one server write;
 * - a part with `Content-Length` (Yoga, Strawberry) is emitted as soon as that many body bytes arrived;
 * - with `completeJsonEarly`, a JSON object part is emitted once its closing brace arrived, even if its
 *   delimiter comes only with the next part (Tanka, the RFC's example framing);
 * - LF-only line ends, header names in any case, with or without a space after the colon, parts
 *   without headers (with or without the blank line), transport padding after a delimiter, empty parts.
 *
 * It keeps bytes, resumes the delimiter search where the previous `write` stopped, and decodes each
 * body once from its complete bytes, so it is linear in the body and multi-byte characters split across
 * chunks stay intact. It does no I/O and does not parse JSON (`completeJsonEarly` only tracks strings
 * and nesting to find the closing brace).
 *
 * @param options - The boundary, the part callback and the size limit.
 * @returns A parser; call `write` for every chunk and `end` when the body ends.
 * @throws {RangeError} When the boundary is empty or contains a line break.
 * @see spec.md §3.2–3.4 for the framings and the reader requirements.
 * @example
 * ```ts
 * const parser = createMultipartParser({ boundary: '-', onPart: (part) => console.log(JSON.parse(part.body)) });
 * parser.write(new TextEncoder().encode('\r\n---\r\nContent-Type: application/json\r\n\r\n{"data":{}}\r\n-----\r\n'));
 * parser.end(); // logs { data: {} }
 * ```
 */
export function createMultipartParser(options: MultipartParserOptions): MultipartParser {
  const { boundary, onPart } = options;
  if (boundary === '' || /[\r\n]/.test(boundary)) {
    throw new RangeError(`A multipart boundary must be non-empty and on one line, got ${JSON.stringify(boundary)}.`);
  }
  const dashBoundary = new TextEncoder().encode(`--${boundary}`);
  const maxPartSize = resolveMaxPartSize(options.maxPartSize);
  const completeJsonEarly = options.completeJsonEarly === true;
  const decoder = new TextDecoder();
  const held = createByteBuffer();

  let state: State = 'preamble';
  let failure: unknown;
  let hasFailed = false;

  // Every position below is an absolute byte offset in the body.
  /** Bytes written so far. */
  let received = 0;
  /** Offset of `data[0]`. */
  let dataFrom = 0;
  /** The bytes under examination: the caller's chunk, or the held bytes followed by it. */
  let data: Uint8Array = EMPTY;
  /** Next byte to examine in the `delimiter`, `headers` and `afterFixedBody` states. */
  let cursor = 0;
  /** First byte of the current part (after its delimiter line); 0 for the preamble. */
  let partStart = 0;
  let bodyStart = 0;
  /** Where the `Content-Length` says the body ends (`fixedBody`). */
  let bodyEnd = 0;
  /** Where the delimiter search resumes (`preamble`, `body`): never re-examines a byte it passed. */
  let scanFrom = 0;
  /** Whether `scanFrom` is the start of a line, i.e. still has to be compared with `--boundary`. */
  let scanAtLineStart = true;
  let headers = new Map<string, string>();
  let lastHeaderName: string | undefined;
  /**
   * The last header block read line by line (its bytes from the part's first header line through the
   * blank line), with its headers and verdicts. Servers repeat one block for every part, so a part
   * whose block is the same bytes reuses them: no decoding, trimming, lower-casing or Map per part
   * (that was most of the per-part cost on small parts), and one Map identity that the payload
   * decoder checks once.
   */
  let lastBlock = EMPTY;
  let lastBlockHeaders = headers;
  let lastBlockContentLength: number | undefined;
  let lastBlockJsonCandidate = false;
  let partCount = 0;

  // `completeJsonEarly` state, for the part in the `body` state.
  /** Whether the part may end at its object's closing brace (see {@link mayCompleteJsonEarly}). */
  let jsonCandidate = false;
  /** Finds the closing brace; created on the first scan of a part, so parts that never need one cost nothing. */
  let jsonScanner: JsonObjectScanner | undefined;
  /** Where the scanner resumes: every byte before it has been scanned once. */
  let jsonScanFrom = 0;
  /** Bytes before this were already looked at for a trailing `}` at the end of an earlier `write`. */
  let jsonTailCheckedFrom = 0;
  /** In `afterJsonBody`: whether `cursor` is at the start of a line (where a delimiter may begin). */
  let afterJsonLineStart = false;

  function byteAt(position: number): number {
    return data[position - dataFrom]!;
  }

  function compareDashBoundary(position: number): Comparison {
    return compareBytes(position, dashBoundary);
  }

  function compareBytes(position: number, expected: Uint8Array): Comparison {
    const local = position - dataFrom;
    const available = Math.min(expected.length, data.length - local);
    for (let index = 0; index < available; index++) {
      if (data[local + index] !== expected[index]) return MISMATCH;
    }
    return available === expected.length ? MATCH : PARTIAL;
  }

  /**
   * Finds the next line that starts with `--boundary`, from `scanFrom` on.
   *
   * @returns The line's start, or -1 when the bytes so far hold none (the search resumes there later).
   */
  function findDelimiterLine(): number {
    for (;;) {
      if (scanAtLineStart) {
        const comparison = compareDashBoundary(scanFrom);
        if (comparison === MATCH) return scanFrom;
        if (comparison === PARTIAL) return -1;
        scanAtLineStart = false;
      }
      const lineFeed = data.indexOf(LF, scanFrom - dataFrom);
      if (lineFeed === -1) {
        scanFrom = received;
        return -1;
      }
      scanFrom = dataFrom + lineFeed + 1;
      scanAtLineStart = true;
    }
  }

  /** The end of content that a delimiter line at `lineStart` closes: the line break before it belongs to the delimiter. */
  function contentEndBefore(lineStart: number, contentStart: number): number {
    let end = lineStart;
    if (end > contentStart && byteAt(end - 1) === LF) {
      end--;
      if (end > contentStart && byteAt(end - 1) === CR) end--;
    }
    return end;
  }

  /**
   * Fails early when the part being buffered is certain to exceed `maxPartSize`, so that a server that
   * never sends a delimiter cannot make us buffer without end. `contentEnd` is a lower bound of where
   * the part's content ends; the exact check happens when the part is emitted, so the outcome does
   * not depend on how the body was split into chunks.
   */
  function checkGrowth(contentEnd: number): void {
    if (contentEnd - partStart > maxPartSize) {
      throw partTooLarge(partCount === 0 && state === 'preamble' ? 'The preamble' : `Part ${partCount}`, maxPartSize, partCount, partStart);
    }
  }

  function emit(partHeaders: ReadonlyMap<string, string>, start: number, end: number): void {
    if (end - partStart > maxPartSize) throw partTooLarge(`Part ${partCount}`, maxPartSize, partCount, partStart);
    const body = decoder.decode(data.subarray(start - dataFrom, end - dataFrom));
    onPart({ index: partCount++, headers: partHeaders, body, offset: start, size: end - start });
  }

  function startBody(candidate: boolean): void {
    state = 'body';
    jsonCandidate = completeJsonEarly && candidate;
    jsonScanner = undefined;
    jsonScanFrom = bodyStart;
    jsonTailCheckedFrom = bodyStart;
  }

  /** After the blank line that ends the headers: the body starts at `start`. */
  function startBodyAfterHeaders(start: number, contentLength: number | undefined, candidate: boolean): void {
    bodyStart = start;
    if (contentLength === undefined) {
      startBody(candidate);
      scanFrom = start;
      scanAtLineStart = true;
    } else {
      bodyEnd = start + contentLength;
      if (bodyEnd - partStart > maxPartSize) throw partTooLarge(`Part ${partCount}`, maxPartSize, partCount, partStart);
      state = 'fixedBody';
    }
  }

  /**
   * Scans the open JSON part up to `limit` for the end of its object (resuming where the last scan
   * stopped). When the object has closed, emits the part up to its closing brace and moves to
   * `afterJsonBody`.
   *
   * @returns `true` when the part was emitted.
   */
  function completeJsonPart(limit: number): boolean {
    if (jsonScanFrom >= limit) return false;
    jsonScanner ??= createJsonObjectScanner();
    const local = jsonScanner.scan(data, jsonScanFrom - dataFrom, limit - dataFrom);
    jsonScanFrom = limit;
    if (jsonScanner.rejected) {
      // Not an object: the part ends at its delimiter, like any other.
      jsonCandidate = false;
      return false;
    }
    if (local === -1) return false;
    const end = dataFrom + local;
    emit(headers, bodyStart, end);
    cursor = end;
    afterJsonLineStart = false;
    state = 'afterJsonBody';
    return true;
  }

  /**
   * At the end of a `write`: if the open JSON part's bytes so far end, ignoring whitespace, with `}`,
   * checks whether that brace (or an earlier one) closed its object. Cheap for everything else: it
   * looks back only over this write's trailing whitespace.
   *
   * @returns `true` when the part was emitted (the caller then parses on).
   */
  function completeJsonPartAtWriteEnd(): boolean {
    if (state !== 'body' || !jsonCandidate) return false;
    const from = jsonTailCheckedFrom;
    jsonTailCheckedFrom = received;
    let position = received;
    while (position > from && isJsonWhitespace(byteAt(position - 1))) position--;
    // All new bytes are whitespace: the last other byte was looked at before, and nothing changed.
    if (position === from || byteAt(position - 1) !== CLOSE_BRACE) return false;
    return completeJsonPart(received);
  }

  /**
   * Where a JSON object part that ends at a delimiter line ends: before its trailing whitespace, so
   * that it is the same part as when it ends early at its closing brace. Bodies that do not start
   * with `{` keep their trailing whitespace.
   */
  function jsonContentEnd(contentEnd: number): number {
    let start = bodyStart;
    while (start < contentEnd && isJsonWhitespace(byteAt(start))) start++;
    if (start === contentEnd || byteAt(start) !== OPEN_BRACE) return contentEnd;
    let end = contentEnd;
    while (end > start && isJsonWhitespace(byteAt(end - 1))) end--;
    return end;
  }

  function startPart(): void {
    partStart = cursor;
    state = 'headers';
  }

  function malformed(detail: string, offset: number): ReaderError {
    return new ReaderError('MALFORMED_MULTIPART', detail, { partIndex: partCount, offset });
  }

  /** One message for every bad byte on a delimiter line (after `--`, after CR, or in place of either). */
  function unexpectedAfterDelimiter(position: number): ReaderError {
    return malformed(
      `expected "--", a line break or padding after the delimiter "--${boundary}", got byte ${byteAt(position)}. Is the boundary in the Content-Type right?`,
      position,
    );
  }

  /** Advances by one state transition; `false` when more bytes are needed (or the body is closed). */
  function step(): boolean {
    switch (state) {
      case 'preamble': {
        const lineStart = findDelimiterLine();
        if (lineStart === -1) {
          checkGrowth((scanAtLineStart ? scanFrom : received + 1) - 2);
          return false;
        }
        const end = contentEndBefore(lineStart, 0);
        if (end > maxPartSize) throw partTooLarge('The preamble', maxPartSize, 0, 0);
        if (end > 0) emitPreambleIfPart(end);
        cursor = lineStart + dashBoundary.length;
        state = 'delimiter';
        return true;
      }

      case 'delimiter': {
        for (;;) {
          if (cursor >= received) return false;
          const byte = byteAt(cursor);
          if (byte === SPACE || byte === TAB) {
            // RFC 2046 transport padding between the boundary and the line break.
            cursor++;
          } else if (byte === HYPHEN) {
            if (cursor + 1 >= received) return false;
            if (byteAt(cursor + 1) !== HYPHEN) throw unexpectedAfterDelimiter(cursor + 1);
            state = 'closed';
            return false;
          } else if (byte === CR) {
            if (cursor + 1 >= received) return false;
            if (byteAt(cursor + 1) !== LF) throw unexpectedAfterDelimiter(cursor + 1);
            cursor += 2;
            startPart();
            return true;
          } else if (byte === LF) {
            cursor += 1;
            startPart();
            return true;
          } else {
            throw unexpectedAfterDelimiter(cursor);
          }
        }
      }

      case 'headers':
        return readHeaderLine();

      case 'body': {
        const lineStart = findDelimiterLine();
        if (lineStart === -1) {
          const contentEnd = (scanAtLineStart ? scanFrom : received + 1) - 2;
          // About to fail: a JSON object that closed in these bytes ends the part instead, as it would
          // have if a write had ended right after its brace (the outcome must not depend on the chunking).
          if (jsonCandidate && contentEnd - partStart > maxPartSize && completeJsonPart(received)) return true;
          checkGrowth(contentEnd);
          return false;
        }
        let contentEnd = contentEndBefore(lineStart, bodyStart);
        if (jsonCandidate) {
          contentEnd = jsonContentEnd(contentEnd);
          // Too large, unless the object closed early and bytes after it are the problem (as above).
          if (contentEnd - partStart > maxPartSize && completeJsonPart(contentEnd)) return true;
        }
        emit(headers, bodyStart, contentEnd);
        cursor = lineStart + dashBoundary.length;
        state = 'delimiter';
        return true;
      }

      case 'fixedBody':
        if (received < bodyEnd) return false;
        emit(headers, bodyStart, bodyEnd);
        cursor = bodyEnd;
        state = 'afterFixedBody';
        return true;

      case 'afterFixedBody': {
        let position = cursor;
        if (position >= received) return false;
        if (byteAt(position) === CR) {
          position++;
          if (position >= received) return false;
        }
        const comparison = byteAt(position) === LF ? compareDashBoundary(position + 1) : MISMATCH;
        if (comparison === PARTIAL) return false;
        if (comparison === MISMATCH) {
          throw malformed(
            `part ${partCount - 1} ended where its Content-Length said (${bodyEnd - bodyStart} bytes), but no delimiter "--${boundary}" follows. The server's Content-Length is wrong.`,
            cursor,
          );
        }
        cursor = position + 1 + dashBoundary.length;
        state = 'delimiter';
        return true;
      }

      case 'afterJsonBody':
        for (;;) {
          if (cursor >= received) return false;
          if (afterJsonLineStart) {
            const comparison = compareDashBoundary(cursor);
            if (comparison === MATCH) {
              cursor += dashBoundary.length;
              state = 'delimiter';
              return true;
            }
            if (comparison === PARTIAL) return false;
          }
          const byte = byteAt(cursor);
          if (!isJsonWhitespace(byte)) throw bytesAfterJsonObject(partCount - 1, cursor);
          afterJsonLineStart = byte === LF;
          cursor++;
        }

      case 'closed':
        return false;
    }
  }

  function readHeaderLine(): boolean {
    if (cursor === partStart) {
      // The common case first: the same header block as the last part (see `lastBlock`). While only a
      // prefix of it has arrived, wait: until the bytes differ, every complete line so far is one of
      // its header lines, so the line-by-line path would not have done anything visible either.
      const block = lastBlock.length === 0 ? MISMATCH : compareBytes(cursor, lastBlock);
      if (block === PARTIAL) return false;
      if (block === MATCH) {
        headers = lastBlockHeaders;
        startBodyAfterHeaders(cursor + lastBlock.length, lastBlockContentLength, lastBlockJsonCandidate);
        return true;
      }
      headers = new Map();
      lastHeaderName = undefined;
    }
    const comparison = compareDashBoundary(cursor);
    if (comparison === PARTIAL) {
      checkGrowth(cursor);
      return false;
    }
    if (comparison === MATCH) {
      // A delimiter where a header line should be: the part is empty. Strawberry ends a subscription
      // with `\r\n--graphql--\r\n` right after the last part's `\r\n--graphql` (spec §3.6).
      emit(headers, cursor, cursor);
      cursor += dashBoundary.length;
      state = 'delimiter';
      return true;
    }
    const lineFeed = data.indexOf(LF, cursor - dataFrom);
    if (lineFeed === -1) {
      checkGrowth(received - 1);
      return false;
    }
    const lineEnd = dataFrom + lineFeed;
    const contentEnd = lineEnd > cursor && byteAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;

    if (contentEnd === cursor) {
      // The blank line: the body follows.
      const contentLength = readContentLength(headers);
      const candidate = mayCompleteJsonEarly(headers);
      if (partStart >= dataFrom) {
        // The whole block is still here (it is not when it spanned writes): remember it for the next part.
        lastBlock = data.slice(partStart - dataFrom, lineEnd + 1 - dataFrom);
        lastBlockHeaders = headers;
        lastBlockContentLength = contentLength;
        lastBlockJsonCandidate = candidate;
      }
      startBodyAfterHeaders(lineEnd + 1, contentLength, candidate);
      return true;
    }

    const firstByte = byteAt(cursor);
    if ((firstByte === SPACE || firstByte === TAB) && lastHeaderName !== undefined) {
      // Obsolete line folding (RFC 5322): the line continues the previous header's value.
      const continuation = decoder.decode(data.subarray(cursor - dataFrom, contentEnd - dataFrom)).trim();
      headers.set(lastHeaderName, `${headers.get(lastHeaderName)!} ${continuation}`.trim());
    } else {
      const colon = findHeaderColon(cursor, contentEnd);
      if (colon === -1) {
        // Not a header line: the server sent no (more) headers and no blank line, and this is the
        // body's first line (spec §3.4 item 4: be lenient with missing headers). Checked on bytes, so
        // a body line is not decoded twice.
        bodyStart = cursor;
        startBody(mayCompleteJsonEarly(headers));
        scanFrom = cursor;
        scanAtLineStart = false;
        return true;
      }
      const name = decoder.decode(data.subarray(cursor - dataFrom, colon - dataFrom)).trimEnd().toLowerCase();
      const value = decoder.decode(data.subarray(colon + 1 - dataFrom, contentEnd - dataFrom)).trim();
      const previous = headers.get(name);
      headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
      lastHeaderName = name;
    }
    cursor = lineEnd + 1;
    return true;
  }

  /**
   * Where the colon of a header line between `start` and `end` is: a field name (an RFC 9110 token),
   * optional blanks, then `:`. Any case, with or without a space after the colon (meros requires `": "`).
   *
   * @returns The colon's offset, or -1 when the line is not a header line.
   */
  function findHeaderColon(start: number, end: number): number {
    let position = start;
    while (position < end && isTokenByte(byteAt(position))) position++;
    if (position === start) return -1;
    while (position < end && (byteAt(position) === SPACE || byteAt(position) === TAB)) position++;
    return position < end && byteAt(position) === COLON ? position : -1;
  }

  /**
   * Emits the preamble as a part when it looks like one: header lines, a blank line and a JSON
   * object. Strawberry's multipart subscriptions never write an opening delimiter, so their first
   * part (a `{}` heartbeat) sits where RFC 2046 puts the preamble; Apollo Client parses it too (spec §3.6).
   * Anything else before the first delimiter is a real preamble and is ignored.
   */
  function emitPreambleIfPart(end: number): void {
    const text = decoder.decode(data.subarray(0 - dataFrom, end - dataFrom));
    const lines = text.replace(/^(?:\r?\n)+/, '');
    const blank = /\r?\n\r?\n/.exec(lines);
    if (blank === null) return;
    const headerLines = lines.slice(0, blank.index).split(/\r?\n/);
    const body = lines.slice(blank.index + blank[0].length);
    if (!body.trimStart().startsWith('{')) return;
    const preambleHeaders = new Map<string, string>();
    for (const line of headerLines) {
      const match = HEADER_LINE.exec(line);
      if (match === null) return;
      const name = match[1]!.toLowerCase();
      if (!preambleHeaders.has(name)) preambleHeaders.set(name, match[2]!.trim());
    }
    const bodyOffset = new TextEncoder().encode(text.slice(0, text.length - body.length)).length;
    onPart({ index: partCount++, headers: preambleHeaders, body, offset: bodyOffset, size: end - bodyOffset });
  }

  /** Where the bytes still needed start; everything before can be forgotten. */
  function keepFrom(): number {
    switch (state) {
      case 'preamble':
        return 0;
      case 'body':
      case 'fixedBody':
        return bodyStart;
      case 'delimiter':
      case 'headers':
      case 'afterFixedBody':
      case 'afterJsonBody':
        return cursor;
      case 'closed':
        return received;
    }
  }

  return {
    write(chunk) {
      if (hasFailed) throw failure;
      if (state === 'closed' || chunk.length === 0) return;
      if (held.length === 0) {
        // Nothing held back: parse the chunk in place and copy only its unfinished tail.
        data = chunk;
        dataFrom = received;
      } else {
        held.append(chunk);
        data = held.view();
      }
      received += chunk.length;
      try {
        while (step()) {
          // Each step consumes bytes or changes state; it returns false when it needs more bytes.
        }
        while (completeJsonPartAtWriteEnd()) {
          while (step()) {
            // The bytes after the object: whitespace, the delimiter, and maybe more parts.
          }
        }
      } catch (error) {
        hasFailed = true;
        failure = error;
        data = EMPTY;
        throw error;
      }
      const keep = Math.min(keepFrom(), received);
      if (data === chunk) held.append(chunk.subarray(keep - dataFrom));
      else held.discard(keep - dataFrom);
      dataFrom = keep;
      data = EMPTY;
    },

    end() {
      if (hasFailed) throw failure;
      if (state === 'closed') return;
      if (state === 'body' && jsonCandidate) {
        // A JSON object that closed after the last time we looked (mid-write, not at a write's end)
        // is a complete part: pass it on as a chunking that ended a write after its brace would have.
        data = held.view();
        try {
          if (completeJsonPart(received)) {
            while (step()) {
              // Whitespace after the object (or a problem).
            }
          }
        } catch (error) {
          hasFailed = true;
          failure = error;
          throw error;
        } finally {
          data = EMPTY;
        }
        // No delimiter was complete in the body, so none can follow the object either: not `closed`.
      }
      const closeDelimiter = `"--${boundary}--"`;
      switch (state) {
        case 'preamble':
          throw new ReaderError(
            'TRUNCATED',
            `the body ended after ${received} bytes without any multipart delimiter "--${boundary}". Check that the Content-Type's boundary matches the body.`,
            { offset: received },
          );
        case 'headers':
          if (cursor === partStart && received === cursor) break;
          throw new ReaderError('TRUNCATED', `the body ended inside the headers of part ${partCount}.`, { partIndex: partCount, offset: received });
        case 'body':
        case 'fixedBody':
          throw new ReaderError(
            'TRUNCATED',
            `part ${partCount} was cut short: ${received - bodyStart} bytes of its body arrived${state === 'fixedBody' ? ` (Content-Length ${bodyEnd - bodyStart})` : ''}, then the body ended.`,
            { partIndex: partCount, offset: bodyStart },
          );
        case 'delimiter':
        case 'afterFixedBody':
        case 'afterJsonBody':
          break;
      }
      const after = partCount === 0 ? 'the first delimiter' : `part ${partCount - 1}`;
      throw new ReaderError('TRUNCATED', `the body ended after ${after} without the close delimiter ${closeDelimiter}.`, {
        partIndex: partCount === 0 ? undefined : partCount - 1,
        offset: received,
      });
    },

    get closed() {
      return state === 'closed';
    },
  };
}
