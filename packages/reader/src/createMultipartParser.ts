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
 * The parser behind {@link createMultipartParser}. A class with one module-lifetime instance kept
 * alive (`shapeKeeper`), rather than closures: V8 keeps a function's optimized code only while a
 * function object running it is alive, and only while the object shapes it was optimized for exist.
 * A parser's closures and its shapes died with its response, so after a major GC between two responses
 * the next one was parsed unoptimized at first: on 10,000 small parts read right after a full GC,
 * 60-70 ms with closures, 42-47 ms like this (test/bench/readerProfile.ts with `--expose-gc`). Both
 * halves are needed; the class alone measured the same as closures.
 */
class MultipartParserImpl implements MultipartParser {
  readonly #boundary: string;
  readonly #onPart: (part: MultipartPart) => void;
  readonly #dashBoundary: Uint8Array;
  readonly #maxPartSize: number;
  readonly #completeJsonEarly: boolean;
  readonly #decoder = new TextDecoder();
  readonly #held = createByteBuffer();

  #state: State = 'preamble';
  #failure: unknown;
  #hasFailed = false;

  // Every position below is an absolute byte offset in the body.
  /** Bytes written so far. */
  #received = 0;
  /** Offset of `data[0]`. */
  #dataFrom = 0;
  /** The bytes under examination: the caller's chunk, or the held bytes followed by it. */
  #data: Uint8Array = EMPTY;
  /** Next byte to examine in the `delimiter`, `headers` and `afterFixedBody` states. */
  #cursor = 0;
  /** First byte of the current part (after its delimiter line); 0 for the preamble. */
  #partStart = 0;
  #bodyStart = 0;
  /** Where the `Content-Length` says the body ends (`fixedBody`). */
  #bodyEnd = 0;
  /** Where the delimiter search resumes (`preamble`, `body`): never re-examines a byte it passed. */
  #scanFrom = 0;
  /** Whether `scanFrom` is the start of a line, i.e. still has to be compared with `--boundary`. */
  #scanAtLineStart = true;
  #headers = new Map<string, string>();
  #lastHeaderName: string | undefined;
  /**
   * The last header block read line by line (its bytes from the part's first header line through the
   * blank line), with its headers and verdicts. Servers repeat one block for every part, so a part
   * whose block is the same bytes reuses them: no decoding, trimming, lower-casing or Map per part
   * (that was most of the per-part cost on small parts), and one Map identity that the payload
   * decoder checks once.
   */
  #lastBlock = EMPTY;
  #lastBlockHeaders = this.#headers;
  #lastBlockContentLength: number | undefined;
  #lastBlockJsonCandidate = false;
  #partCount = 0;

  // `completeJsonEarly` state, for the part in the `body` state.
  /** Whether the part may end at its object's closing brace (see {@link mayCompleteJsonEarly}). */
  #jsonCandidate = false;
  /** Finds the closing brace; created on the first scan of a part, so parts that never need one cost nothing. */
  #jsonScanner: JsonObjectScanner | undefined;
  /** Where the scanner resumes: every byte before it has been scanned once. */
  #jsonScanFrom = 0;
  /** Bytes before this were already looked at for a trailing `}` at the end of an earlier `write`. */
  #jsonTailCheckedFrom = 0;
  /** In `afterJsonBody`: whether `cursor` is at the start of a line (where a delimiter may begin). */
  #afterJsonLineStart = false;

  constructor(options: MultipartParserOptions) {
    const { boundary, onPart } = options;
    if (boundary === '' || /[\r\n]/.test(boundary)) {
      throw new RangeError(`A multipart boundary must be non-empty and on one line, got ${JSON.stringify(boundary)}.`);
    }
    this.#boundary = boundary;
    this.#onPart = onPart;
    this.#dashBoundary = new TextEncoder().encode(`--${boundary}`);
    this.#maxPartSize = resolveMaxPartSize(options.maxPartSize);
    this.#completeJsonEarly = options.completeJsonEarly === true;
  }

  #byteAt(position: number): number {
    return this.#data[position - this.#dataFrom]!;
  }

  #compareDashBoundary(position: number): Comparison {
    return this.#compareBytes(position, this.#dashBoundary);
  }

  #compareBytes(position: number, expected: Uint8Array): Comparison {
    const local = position - this.#dataFrom;
    const available = Math.min(expected.length, this.#data.length - local);
    for (let index = 0; index < available; index++) {
      if (this.#data[local + index] !== expected[index]) return MISMATCH;
    }
    return available === expected.length ? MATCH : PARTIAL;
  }

  /**
   * Finds the next line that starts with `--boundary`, from `scanFrom` on.
   *
   * @returns The line's start, or -1 when the bytes so far hold none (the search resumes there later).
   */
  #findDelimiterLine(): number {
    for (;;) {
      if (this.#scanAtLineStart) {
        const comparison = this.#compareDashBoundary(this.#scanFrom);
        if (comparison === MATCH) return this.#scanFrom;
        if (comparison === PARTIAL) return -1;
        this.#scanAtLineStart = false;
      }
      const lineFeed = this.#data.indexOf(LF, this.#scanFrom - this.#dataFrom);
      if (lineFeed === -1) {
        this.#scanFrom = this.#received;
        return -1;
      }
      this.#scanFrom = this.#dataFrom + lineFeed + 1;
      this.#scanAtLineStart = true;
    }
  }

  /** The end of content that a delimiter line at `lineStart` closes: the line break before it belongs to the delimiter. */
  #contentEndBefore(lineStart: number, contentStart: number): number {
    let end = lineStart;
    if (end > contentStart && this.#byteAt(end - 1) === LF) {
      end--;
      if (end > contentStart && this.#byteAt(end - 1) === CR) end--;
    }
    return end;
  }

  /**
   * Fails early when the part being buffered is certain to exceed `maxPartSize`, so that a server that
   * never sends a delimiter cannot make us buffer without end. `contentEnd` is a lower bound of where
   * the part's content ends; the exact check happens when the part is emitted, so the outcome does
   * not depend on how the body was split into chunks.
   */
  #checkGrowth(contentEnd: number): void {
    if (contentEnd - this.#partStart > this.#maxPartSize) {
      throw partTooLarge(this.#partCount === 0 && this.#state === 'preamble' ? 'The preamble' : `Part ${this.#partCount}`, this.#maxPartSize, this.#partCount, this.#partStart);
    }
  }

  #emit(partHeaders: ReadonlyMap<string, string>, start: number, end: number): void {
    if (end - this.#partStart > this.#maxPartSize) throw partTooLarge(`Part ${this.#partCount}`, this.#maxPartSize, this.#partCount, this.#partStart);
    const body = this.#decoder.decode(this.#data.subarray(start - this.#dataFrom, end - this.#dataFrom));
    this.#onPart({ index: this.#partCount++, headers: partHeaders, body, offset: start, size: end - start });
  }

  #startBody(candidate: boolean): void {
    this.#state = 'body';
    this.#jsonCandidate = this.#completeJsonEarly && candidate;
    this.#jsonScanner = undefined;
    this.#jsonScanFrom = this.#bodyStart;
    this.#jsonTailCheckedFrom = this.#bodyStart;
  }

  /** After the blank line that ends the headers: the body starts at `start`. */
  #startBodyAfterHeaders(start: number, contentLength: number | undefined, candidate: boolean): void {
    this.#bodyStart = start;
    if (contentLength === undefined) {
      this.#startBody(candidate);
      this.#scanFrom = start;
      this.#scanAtLineStart = true;
    } else {
      this.#bodyEnd = start + contentLength;
      if (this.#bodyEnd - this.#partStart > this.#maxPartSize) throw partTooLarge(`Part ${this.#partCount}`, this.#maxPartSize, this.#partCount, this.#partStart);
      this.#state = 'fixedBody';
    }
  }

  /**
   * Scans the open JSON part up to `limit` for the end of its object (resuming where the last scan
   * stopped). When the object has closed, emits the part up to its closing brace and moves to
   * `afterJsonBody`.
   *
   * @returns `true` when the part was emitted.
   */
  #completeJsonPart(limit: number): boolean {
    if (this.#jsonScanFrom >= limit) return false;
    this.#jsonScanner ??= createJsonObjectScanner();
    const local = this.#jsonScanner.scan(this.#data, this.#jsonScanFrom - this.#dataFrom, limit - this.#dataFrom);
    this.#jsonScanFrom = limit;
    if (this.#jsonScanner.rejected) {
      // Not an object: the part ends at its delimiter, like any other.
      this.#jsonCandidate = false;
      return false;
    }
    if (local === -1) return false;
    const end = this.#dataFrom + local;
    this.#emit(this.#headers, this.#bodyStart, end);
    this.#cursor = end;
    this.#afterJsonLineStart = false;
    this.#state = 'afterJsonBody';
    return true;
  }

  /**
   * At the end of a `write`: if the open JSON part's bytes so far end, ignoring whitespace, with `}`,
   * checks whether that brace (or an earlier one) closed its object. Cheap for everything else: it
   * looks back only over this write's trailing whitespace.
   *
   * @returns `true` when the part was emitted (the caller then parses on).
   */
  #completeJsonPartAtWriteEnd(): boolean {
    if (this.#state !== 'body' || !this.#jsonCandidate) return false;
    const from = this.#jsonTailCheckedFrom;
    this.#jsonTailCheckedFrom = this.#received;
    let position = this.#received;
    while (position > from && isJsonWhitespace(this.#byteAt(position - 1))) position--;
    // All new bytes are whitespace: the last other byte was looked at before, and nothing changed.
    if (position === from || this.#byteAt(position - 1) !== CLOSE_BRACE) return false;
    return this.#completeJsonPart(this.#received);
  }

  /**
   * Where a JSON object part that ends at a delimiter line ends: before its trailing whitespace, so
   * that it is the same part as when it ends early at its closing brace. Bodies that do not start
   * with `{` keep their trailing whitespace.
   */
  #jsonContentEnd(contentEnd: number): number {
    let start = this.#bodyStart;
    while (start < contentEnd && isJsonWhitespace(this.#byteAt(start))) start++;
    if (start === contentEnd || this.#byteAt(start) !== OPEN_BRACE) return contentEnd;
    let end = contentEnd;
    while (end > start && isJsonWhitespace(this.#byteAt(end - 1))) end--;
    return end;
  }

  #startPart(): void {
    this.#partStart = this.#cursor;
    this.#state = 'headers';
  }

  #malformed(detail: string, offset: number): ReaderError {
    return new ReaderError('MALFORMED_MULTIPART', detail, { partIndex: this.#partCount, offset });
  }

  /** One message for every bad byte on a delimiter line (after `--`, after CR, or in place of either). */
  #unexpectedAfterDelimiter(position: number): ReaderError {
    return this.#malformed(
      `expected "--", a line break or padding after the delimiter "--${this.#boundary}", got byte ${this.#byteAt(position)}. Is the boundary in the Content-Type right?`,
      position,
    );
  }

  /** Advances by one state transition; `false` when more bytes are needed (or the body is closed). */
  #step(): boolean {
    switch (this.#state) {
      case 'preamble': {
        const lineStart = this.#findDelimiterLine();
        if (lineStart === -1) {
          this.#checkGrowth((this.#scanAtLineStart ? this.#scanFrom : this.#received + 1) - 2);
          return false;
        }
        const end = this.#contentEndBefore(lineStart, 0);
        if (end > this.#maxPartSize) throw partTooLarge('The preamble', this.#maxPartSize, 0, 0);
        if (end > 0) this.#emitPreambleIfPart(end);
        this.#cursor = lineStart + this.#dashBoundary.length;
        this.#state = 'delimiter';
        return true;
      }

      case 'delimiter': {
        for (;;) {
          if (this.#cursor >= this.#received) return false;
          const byte = this.#byteAt(this.#cursor);
          if (byte === SPACE || byte === TAB) {
            // RFC 2046 transport padding between the boundary and the line break.
            this.#cursor++;
          } else if (byte === HYPHEN) {
            if (this.#cursor + 1 >= this.#received) return false;
            if (this.#byteAt(this.#cursor + 1) !== HYPHEN) throw this.#unexpectedAfterDelimiter(this.#cursor + 1);
            this.#state = 'closed';
            return false;
          } else if (byte === CR) {
            if (this.#cursor + 1 >= this.#received) return false;
            if (this.#byteAt(this.#cursor + 1) !== LF) throw this.#unexpectedAfterDelimiter(this.#cursor + 1);
            this.#cursor += 2;
            this.#startPart();
            return true;
          } else if (byte === LF) {
            this.#cursor += 1;
            this.#startPart();
            return true;
          } else {
            throw this.#unexpectedAfterDelimiter(this.#cursor);
          }
        }
      }

      case 'headers':
        return this.#readHeaderLine();

      case 'body': {
        const lineStart = this.#findDelimiterLine();
        if (lineStart === -1) {
          const contentEnd = (this.#scanAtLineStart ? this.#scanFrom : this.#received + 1) - 2;
          // About to fail: a JSON object that closed in these bytes ends the part instead, as it would
          // have if a write had ended right after its brace (the outcome must not depend on the chunking).
          if (this.#jsonCandidate && contentEnd - this.#partStart > this.#maxPartSize && this.#completeJsonPart(this.#received)) return true;
          this.#checkGrowth(contentEnd);
          return false;
        }
        let contentEnd = this.#contentEndBefore(lineStart, this.#bodyStart);
        if (this.#jsonCandidate) {
          contentEnd = this.#jsonContentEnd(contentEnd);
          // Too large, unless the object closed early and bytes after it are the problem (as above).
          if (contentEnd - this.#partStart > this.#maxPartSize && this.#completeJsonPart(contentEnd)) return true;
        }
        this.#emit(this.#headers, this.#bodyStart, contentEnd);
        this.#cursor = lineStart + this.#dashBoundary.length;
        this.#state = 'delimiter';
        return true;
      }

      case 'fixedBody':
        if (this.#received < this.#bodyEnd) return false;
        this.#emit(this.#headers, this.#bodyStart, this.#bodyEnd);
        this.#cursor = this.#bodyEnd;
        this.#state = 'afterFixedBody';
        return true;

      case 'afterFixedBody': {
        let position = this.#cursor;
        if (position >= this.#received) return false;
        if (this.#byteAt(position) === CR) {
          position++;
          if (position >= this.#received) return false;
        }
        const comparison = this.#byteAt(position) === LF ? this.#compareDashBoundary(position + 1) : MISMATCH;
        if (comparison === PARTIAL) return false;
        if (comparison === MISMATCH) {
          throw this.#malformed(
            `part ${this.#partCount - 1} ended where its Content-Length said (${this.#bodyEnd - this.#bodyStart} bytes), but no delimiter "--${this.#boundary}" follows. The server's Content-Length is wrong.`,
            this.#cursor,
          );
        }
        this.#cursor = position + 1 + this.#dashBoundary.length;
        this.#state = 'delimiter';
        return true;
      }

      case 'afterJsonBody':
        for (;;) {
          if (this.#cursor >= this.#received) return false;
          if (this.#afterJsonLineStart) {
            const comparison = this.#compareDashBoundary(this.#cursor);
            if (comparison === MATCH) {
              this.#cursor += this.#dashBoundary.length;
              this.#state = 'delimiter';
              return true;
            }
            if (comparison === PARTIAL) return false;
          }
          const byte = this.#byteAt(this.#cursor);
          if (!isJsonWhitespace(byte)) throw bytesAfterJsonObject(this.#partCount - 1, this.#cursor);
          this.#afterJsonLineStart = byte === LF;
          this.#cursor++;
        }

      case 'closed':
        return false;
    }
  }

  #readHeaderLine(): boolean {
    if (this.#cursor === this.#partStart) {
      // The common case first: the same header block as the last part (see `lastBlock`). While only a
      // prefix of it has arrived, wait: until the bytes differ, every complete line so far is one of
      // its header lines, so the line-by-line path would not have done anything visible either.
      const block = this.#lastBlock.length === 0 ? MISMATCH : this.#compareBytes(this.#cursor, this.#lastBlock);
      if (block === PARTIAL) return false;
      if (block === MATCH) {
        this.#headers = this.#lastBlockHeaders;
        this.#startBodyAfterHeaders(this.#cursor + this.#lastBlock.length, this.#lastBlockContentLength, this.#lastBlockJsonCandidate);
        return true;
      }
      this.#headers = new Map();
      this.#lastHeaderName = undefined;
    }
    const comparison = this.#compareDashBoundary(this.#cursor);
    if (comparison === PARTIAL) {
      this.#checkGrowth(this.#cursor);
      return false;
    }
    if (comparison === MATCH) {
      // A delimiter where a header line should be: the part is empty. Strawberry ends a subscription
      // with `\r\n--graphql--\r\n` right after the last part's `\r\n--graphql` (spec §3.6).
      this.#emit(this.#headers, this.#cursor, this.#cursor);
      this.#cursor += this.#dashBoundary.length;
      this.#state = 'delimiter';
      return true;
    }
    const lineFeed = this.#data.indexOf(LF, this.#cursor - this.#dataFrom);
    if (lineFeed === -1) {
      this.#checkGrowth(this.#received - 1);
      return false;
    }
    const lineEnd = this.#dataFrom + lineFeed;
    const contentEnd = lineEnd > this.#cursor && this.#byteAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;

    if (contentEnd === this.#cursor) {
      // The blank line: the body follows.
      const contentLength = readContentLength(this.#headers);
      const candidate = mayCompleteJsonEarly(this.#headers);
      if (this.#partStart >= this.#dataFrom) {
        // The whole block is still here (it is not when it spanned writes): remember it for the next part.
        this.#lastBlock = this.#data.slice(this.#partStart - this.#dataFrom, lineEnd + 1 - this.#dataFrom);
        this.#lastBlockHeaders = this.#headers;
        this.#lastBlockContentLength = contentLength;
        this.#lastBlockJsonCandidate = candidate;
      }
      this.#startBodyAfterHeaders(lineEnd + 1, contentLength, candidate);
      return true;
    }

    const firstByte = this.#byteAt(this.#cursor);
    if ((firstByte === SPACE || firstByte === TAB) && this.#lastHeaderName !== undefined) {
      // Obsolete line folding (RFC 5322): the line continues the previous header's value.
      const continuation = this.#decoder.decode(this.#data.subarray(this.#cursor - this.#dataFrom, contentEnd - this.#dataFrom)).trim();
      this.#headers.set(this.#lastHeaderName, `${this.#headers.get(this.#lastHeaderName)!} ${continuation}`.trim());
    } else {
      const colon = this.#findHeaderColon(this.#cursor, contentEnd);
      if (colon === -1) {
        // Not a header line: the server sent no (more) headers and no blank line, and this is the
        // body's first line (spec §3.4 item 4: be lenient with missing headers). Checked on bytes, so
        // a body line is not decoded twice.
        this.#bodyStart = this.#cursor;
        this.#startBody(mayCompleteJsonEarly(this.#headers));
        this.#scanFrom = this.#cursor;
        this.#scanAtLineStart = false;
        return true;
      }
      const name = this.#decoder.decode(this.#data.subarray(this.#cursor - this.#dataFrom, colon - this.#dataFrom)).trimEnd().toLowerCase();
      const value = this.#decoder.decode(this.#data.subarray(colon + 1 - this.#dataFrom, contentEnd - this.#dataFrom)).trim();
      const previous = this.#headers.get(name);
      this.#headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
      this.#lastHeaderName = name;
    }
    this.#cursor = lineEnd + 1;
    return true;
  }

  /**
   * Where the colon of a header line between `start` and `end` is: a field name (an RFC 9110 token),
   * optional blanks, then `:`. Any case, with or without a space after the colon (meros requires `": "`).
   *
   * @returns The colon's offset, or -1 when the line is not a header line.
   */
  #findHeaderColon(start: number, end: number): number {
    let position = start;
    while (position < end && isTokenByte(this.#byteAt(position))) position++;
    if (position === start) return -1;
    while (position < end && (this.#byteAt(position) === SPACE || this.#byteAt(position) === TAB)) position++;
    return position < end && this.#byteAt(position) === COLON ? position : -1;
  }

  /**
   * Emits the preamble as a part when it looks like one: header lines, a blank line and a JSON
   * object. Strawberry's multipart subscriptions never write an opening delimiter, so their first
   * part (a `{}` heartbeat) sits where RFC 2046 puts the preamble; Apollo Client parses it too (spec §3.6).
   * Anything else before the first delimiter is a real preamble and is ignored.
   */
  #emitPreambleIfPart(end: number): void {
    const text = this.#decoder.decode(this.#data.subarray(0 - this.#dataFrom, end - this.#dataFrom));
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
    this.#onPart({ index: this.#partCount++, headers: preambleHeaders, body, offset: bodyOffset, size: end - bodyOffset });
  }

  /** Where the bytes still needed start; everything before can be forgotten. */
  #keepFrom(): number {
    switch (this.#state) {
      case 'preamble':
        return 0;
      case 'body':
      case 'fixedBody':
        return this.#bodyStart;
      case 'delimiter':
      case 'headers':
      case 'afterFixedBody':
      case 'afterJsonBody':
        return this.#cursor;
      case 'closed':
        return this.#received;
    }
  }

  write(chunk: Uint8Array): void {
    if (this.#hasFailed) throw this.#failure;
    if (this.#state === 'closed' || chunk.length === 0) return;
    if (this.#held.length === 0) {
      // Nothing held back: parse the chunk in place and copy only its unfinished tail.
      this.#data = chunk;
      this.#dataFrom = this.#received;
    } else {
      this.#held.append(chunk);
      this.#data = this.#held.view();
    }
    this.#received += chunk.length;
    try {
      while (this.#step()) {
        // Each step consumes bytes or changes state; it returns false when it needs more bytes.
      }
      while (this.#completeJsonPartAtWriteEnd()) {
        while (this.#step()) {
          // The bytes after the object: whitespace, the delimiter, and maybe more parts.
        }
      }
    } catch (error) {
      this.#hasFailed = true;
      this.#failure = error;
      this.#data = EMPTY;
      throw error;
    }
    const keep = Math.min(this.#keepFrom(), this.#received);
    if (this.#data === chunk) this.#held.append(chunk.subarray(keep - this.#dataFrom));
    else this.#held.discard(keep - this.#dataFrom);
    this.#dataFrom = keep;
    this.#data = EMPTY;
  }

  end(): void {
    if (this.#hasFailed) throw this.#failure;
    if (this.#state === 'closed') return;
    if (this.#state === 'body' && this.#jsonCandidate) {
      // A JSON object that closed after the last time we looked (mid-write, not at a write's end)
      // is a complete part: pass it on as a chunking that ended a write after its brace would have.
      this.#data = this.#held.view();
      try {
        if (this.#completeJsonPart(this.#received)) {
          while (this.#step()) {
            // Whitespace after the object (or a problem).
          }
        }
      } catch (error) {
        this.#hasFailed = true;
        this.#failure = error;
        throw error;
      } finally {
        this.#data = EMPTY;
      }
      // No delimiter was complete in the body, so none can follow the object either: not `closed`.
    }
    const closeDelimiter = `"--${this.#boundary}--"`;
    switch (this.#state) {
      case 'preamble':
        throw new ReaderError(
          'TRUNCATED',
          `the body ended after ${this.#received} bytes without any multipart delimiter "--${this.#boundary}". Check that the Content-Type's boundary matches the body.`,
          { offset: this.#received },
        );
      case 'headers':
        if (this.#cursor === this.#partStart && this.#received === this.#cursor) break;
        throw new ReaderError('TRUNCATED', `the body ended inside the headers of part ${this.#partCount}.`, { partIndex: this.#partCount, offset: this.#received });
      case 'body':
      case 'fixedBody':
        throw new ReaderError(
          'TRUNCATED',
          `part ${this.#partCount} was cut short: ${this.#received - this.#bodyStart} bytes of its body arrived${this.#state === 'fixedBody' ? ` (Content-Length ${this.#bodyEnd - this.#bodyStart})` : ''}, then the body ended.`,
          { partIndex: this.#partCount, offset: this.#bodyStart },
        );
      case 'delimiter':
      case 'afterFixedBody':
      case 'afterJsonBody':
        break;
    }
    const after = this.#partCount === 0 ? 'the first delimiter' : `part ${this.#partCount - 1}`;
    throw new ReaderError('TRUNCATED', `the body ended after ${after} without the close delimiter ${closeDelimiter}.`, {
      partIndex: this.#partCount === 0 ? undefined : this.#partCount - 1,
      offset: this.#received,
    });
  }

  get closed(): boolean {
    return this.#state === 'closed';
  }
}

// One parser that lives as long as the module, so the object shapes (hidden classes) that the
// methods' optimized code was built for are not collected with the last response's parser, which
// would throw that code away as well (see MultipartParserImpl).
let shapeKeeper: MultipartParser | undefined;

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
  shapeKeeper ??= new MultipartParserImpl({ boundary: '-', onPart: ignorePart });
  return new MultipartParserImpl(options);
}

function ignorePart(): void {
  // The shape keeper never parses.
}
