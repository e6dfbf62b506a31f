import { createByteBuffer } from './createByteBuffer.js';
import { partTooLarge, resolveMaxPartSize } from './limits.js';
import { ReaderError } from './ReaderError.js';

/** One server-sent event. */
export interface SseEvent {
  /** Position among the dispatched events of the stream, counting from 0. */
  readonly index: number;
  /** The `event` field, or `message` when the event had none. */
  readonly type: string;
  /** The `data` lines joined with `\n`; `''` when there were none or they were empty. */
  readonly data: string;
  /** The event's `id` field, if it had one. */
  readonly id: string | undefined;
  /** Byte offset of the event's first line in the response body. */
  readonly offset: number;
}

/** Options of {@link createSseParser}. */
export interface SseParserOptions {
  /** Called synchronously, in order, for every event as soon as its terminating blank line arrives. */
  readonly onEvent: (event: SseEvent) => void;
  /**
   * Largest event accepted, in bytes of its lines (comments included, line ends not); defaults to
   * {@link DEFAULT_MAX_PART_SIZE} (16 MiB). A larger event fails with `PART_TOO_LARGE`.
   */
  readonly maxEventSize?: number | undefined;
}

/** A push parser for one `text/event-stream` body. Create one per response. */
export interface SseParser {
  /**
   * Feeds the next bytes of the stream, in any split. Events completed by them are passed to `onEvent`
   * before this returns.
   *
   * @throws {ReaderError} `PART_TOO_LARGE`; after that every call throws the same error.
   */
  write(chunk: Uint8Array): void;
  /**
   * Signals the end of the stream. An unfinished event is discarded, as the SSE specification says.
   *
   * @throws {ReaderError} `TRUNCATED` when an unfinished event (or line) was pending.
   */
  end(): void;
}

const CR = 13;
const LF = 10;
const COLON = 58;
const SPACE = 32;
const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf] as const;
/** `indexOf` result not computed yet. */
const UNKNOWN = -2;
const NOT_FOUND = -1;

/**
 * Creates a synchronous, byte-level parser for one `text/event-stream` body, following the HTML
 * "event stream interpretation" rules: CR, LF and CRLF line ends (also with the CRLF split across
 * chunks), comment lines (`:` pings) ignored, multi-line `data:` joined with `\n`, one optional space
 * after `field:` stripped, a leading byte order mark skipped.
 *
 * One deliberate difference: an event with an `event:` field but no `data:` line is dispatched (with
 * `data: ''`), because Hot Chocolate ends its streams with `event: complete\n\n` (spec §3.5); browsers'
 * `EventSource` would drop it.
 *
 * Each line is decoded once, from its complete bytes, so multi-byte characters split across chunks stay
 * intact; a line that spans chunks is kept as bytes and each byte is copied once, so parsing is linear.
 *
 * @param options - The event callback and the size limit.
 * @returns A parser; call `write` for every chunk and `end` when the stream ends.
 * @see spec.md §3.5 for what Yoga, Hot Chocolate and Strawberry send.
 * @example
 * ```ts
 * const parser = createSseParser({ onEvent: (event) => console.log(event.type, event.data) });
 * parser.write(new TextEncoder().encode(':\n\nevent: next\ndata: {"data":{}}\n\nevent: complete\n\n'));
 * parser.end(); // logs "next {"data":{}}", then "complete "
 * ```
 */
export function createSseParser(options: SseParserOptions): SseParser {
  const { onEvent } = options;
  const maxEventSize = resolveMaxPartSize(options.maxEventSize);
  // Keep a U+FEFF inside a value; only the stream's leading byte order mark is dropped (below).
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const pendingLine = createByteBuffer();

  let failure: unknown;
  let hasFailed = false;
  let received = 0;
  let atStreamStart = true;
  /** The previous chunk ended with CR: an LF at the start of the next one completes that CRLF. */
  let pendingCarriageReturn = false;
  /** Offset of the first byte of the line being read. */
  let lineStart = 0;

  // The event being assembled.
  let eventStart: number | undefined;
  let eventSize = 0;
  let dataLines: string[] = [];
  let eventType: string | undefined;
  let eventId: string | undefined;
  let eventCount = 0;

  function checkSize(size: number): void {
    if (size > maxEventSize) throw partTooLarge(`Event ${eventCount}`, maxEventSize, eventCount, eventStart ?? lineStart);
  }

  function readLine(line: Uint8Array): void {
    let start = 0;
    if (atStreamStart) {
      atStreamStart = false;
      if (line[0] === BYTE_ORDER_MARK[0] && line[1] === BYTE_ORDER_MARK[1] && line[2] === BYTE_ORDER_MARK[2]) start = 3;
    }
    if (line.length === start) {
      dispatch();
      return;
    }
    eventStart ??= lineStart;
    eventSize += line.length - start;
    checkSize(eventSize);
    if (line[start] === COLON) return; // A comment, e.g. Yoga's `:` and Strawberry's `: ping` keep-alives.

    const colon = line.indexOf(COLON, start);
    const field = decoder.decode(line.subarray(start, colon === NOT_FOUND ? line.length : colon));
    let valueStart = colon === NOT_FOUND ? line.length : colon + 1;
    if (line[valueStart] === SPACE) valueStart++;
    switch (field) {
      case 'data':
        dataLines.push(decoder.decode(line.subarray(valueStart)));
        break;
      case 'event':
        eventType = decoder.decode(line.subarray(valueStart));
        break;
      case 'id': {
        const id = decoder.decode(line.subarray(valueStart));
        if (!id.includes('\0')) eventId = id;
        break;
      }
      default:
        // `retry` and unknown fields do not concern a GraphQL client.
        break;
    }
  }

  function dispatch(): void {
    if (dataLines.length > 0 || eventType !== undefined) {
      onEvent({
        index: eventCount++,
        type: eventType === undefined || eventType === '' ? 'message' : eventType,
        data: dataLines.join('\n'),
        id: eventId,
        offset: eventStart ?? lineStart,
      });
    }
    eventStart = undefined;
    eventSize = 0;
    dataLines = [];
    eventType = undefined;
    eventId = undefined;
  }

  function parse(chunk: Uint8Array, chunkStart: number): void {
    let position = 0;
    if (pendingCarriageReturn) {
      pendingCarriageReturn = false;
      if (chunk[0] === LF) {
        position = 1;
        lineStart = chunkStart + 1;
      }
    }
    // The next CR and LF are searched once each and reused until passed: a chunk of many LF-only
    // lines must not be searched for CR again for every line.
    let nextCarriageReturn = UNKNOWN;
    let nextLineFeed = UNKNOWN;
    while (position < chunk.length) {
      if (nextCarriageReturn !== NOT_FOUND && nextCarriageReturn < position) nextCarriageReturn = chunk.indexOf(CR, position);
      if (nextLineFeed !== NOT_FOUND && nextLineFeed < position) nextLineFeed = chunk.indexOf(LF, position);
      const lineEnd =
        nextCarriageReturn === NOT_FOUND
          ? nextLineFeed
          : nextLineFeed === NOT_FOUND
            ? nextCarriageReturn
            : Math.min(nextCarriageReturn, nextLineFeed);
      if (lineEnd === NOT_FOUND) break;

      if (pendingLine.length === 0) {
        readLine(chunk.subarray(position, lineEnd));
      } else {
        pendingLine.append(chunk.subarray(position, lineEnd));
        readLine(pendingLine.view());
        pendingLine.discard(pendingLine.length);
      }

      let next = lineEnd + 1;
      if (chunk[lineEnd] === CR) {
        if (next === chunk.length) pendingCarriageReturn = true;
        else if (chunk[next] === LF) next++;
      }
      position = next;
      lineStart = chunkStart + next;
    }
    if (position < chunk.length) {
      pendingLine.append(chunk.subarray(position));
      // Comment lines count too: a never-ending `:` line must not grow memory without bound either.
      checkSize(eventSize + pendingLine.length);
    }
  }

  return {
    write(chunk) {
      if (hasFailed) throw failure;
      if (chunk.length === 0) return;
      const chunkStart = received;
      received += chunk.length;
      try {
        parse(chunk, chunkStart);
      } catch (error) {
        hasFailed = true;
        failure = error;
        throw error;
      }
    },

    end() {
      if (hasFailed) throw failure;
      const partialLine = pendingLine.length > 0 && pendingLine.view()[0] !== COLON;
      if (dataLines.length > 0 || eventType !== undefined || partialLine) {
        throw new ReaderError(
          'TRUNCATED',
          `the event stream ended inside event ${eventCount}, before the blank line that completes it.`,
          { partIndex: eventCount, offset: eventStart ?? lineStart },
        );
      }
    },
  };
}
