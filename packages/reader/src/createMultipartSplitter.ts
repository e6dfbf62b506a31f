import { createObjectEndFinder } from './createObjectEndFinder.js';
import { IncrementalError, tooLarge } from './IncrementalError.js';
import type { TextFramer } from './types.js';

const PREAMBLE = 0;
const BODY = 1;
const DELIMITER = 2;
const HEADERS = 3;
const CLOSED = 4;

const CR = 13;
const LF = 10;
const BLANK = /^\s*$/;

/**
 * Splits `multipart/mixed` text into part bodies, liberally: a delimiter is `--boundary` at the start
 * of a line (CRLF or bare LF), whatever follows it on that line; part headers are skipped, so a wrong
 * `Content-Length` or `Content-Type` changes nothing (every peer splits on the delimiter); a JSON part
 * with headers and body before the first delimiter is read (Strawberry's subscriptions start there).
 *
 * A part is handed to `onPart` as soon as its delimiter arrives, or, for a JSON object, as soon as the
 * object closes at the end of a write: servers that follow the RFC literally write the delimiter that
 * ends a part only with the next part. Only whitespace may then follow the object.
 *
 * @param boundary - The boundary from the Content-Type.
 * @param onPart - Receives each part's body and index.
 * @param maxPartSize - The longest part body, in characters.
 * @returns The framer; `end` reports whether the close delimiter came.
 */
export function createMultipartSplitter(boundary: string, onPart: (body: string, index: number) => void, maxPartSize: number): TextFramer {
  const delimiter = `\n--${boundary}`;
  let state = PREAMBLE;
  // The text of this write, from `position` on not consumed yet. Searches start at `position`, so a
  // write with many parts is scanned once. A virtual line break lets a body start with `--boundary`.
  let text = '\n';
  let position = 0;
  // The current part's text from earlier writes, and its length (the virtual line break counted out).
  let pieces: string[] = [];
  let size = -1;
  let index = 0;
  // Early completion of the current part: its object was handed out already.
  let handedOut = false;
  let findEnd: ((piece: string) => number) | undefined;
  let scanned = 0;

  const unconsumed = (): string => pieces.join('') + text.slice(position);

  /** A part over the limit: its object, if it closed before the excess, is handed out first, as in any chunking. */
  function overLimit(body: string): never {
    if (state === BODY && !handedOut) {
      const end = createObjectEndFinder()(body);
      if (end !== -1 && end <= maxPartSize) onPart(body.slice(0, end), index);
    }
    throw tooLarge(maxPartSize, index);
  }

  function finishPart(body: string): void {
    if (body.length > maxPartSize) overLimit(body);
    const isPreamble = state === PREAMBLE;
    state = DELIMITER;
    if (pieces.length > 0) pieces = [];
    size = 0;
    scanned = 0;
    findEnd = undefined;
    if (handedOut) {
      handedOut = false;
      if (!BLANK.test(body)) throw malformed(index - 1);
      return;
    }
    if (isPreamble) {
      // Read it only if it is a part in disguise: a JSON body after the headers.
      body = body.trimStart();
      const start = body.search(/\r?\n\r?\n/);
      body = start === -1 ? '' : body.slice(start).trim();
      if (body[0] !== '{') return;
    }
    acceptPart(body);
  }

  function acceptPart(body: string): void {
    const at = index++;
    try {
      onPart(body, at);
    } catch (error) {
      // A part with bytes after its object: hand out the object, then report the bytes.
      if (!(error instanceof IncrementalError && error.code === 'INVALID_JSON')) throw error;
      const end = createObjectEndFinder()(body);
      if (end === -1 || BLANK.test(body.slice(end))) throw error;
      onPart(body.slice(0, end), at);
      throw malformed(at);
    }
  }

  /** After a write that left a part open: hand it out if it is a JSON object that has closed. */
  function completeEarly(): void {
    const tail = text.slice(position);
    if (state !== BODY || handedOut || scanned === -1 || !endsWithBrace(pieces, tail)) return;
    // The brace may sit in the text kept for the delimiter search; only whitespace after it must stay.
    const cut = tail.lastIndexOf('}') + 1;
    pieces.push(tail.slice(0, cut));
    size += cut;
    position += cut;
    findEnd ??= createObjectEndFinder();
    for (; scanned < pieces.length; scanned++) {
      const end = findEnd(pieces[scanned]!);
      if (end === -1) continue;
      const after = pieces[scanned]!.slice(end) + pieces.slice(scanned + 1).join('') + text.slice(position);
      const object = pieces.slice(0, scanned).join('') + pieces[scanned]!.slice(0, end);
      // Bytes after the object are reported at the delimiter, the same in every chunking.
      scanned = -1;
      if (BLANK.test(after)) {
        acceptPart(object);
        handedOut = true;
        pieces = [];
        size = 0;
      }
      return;
    }
  }

  /** Reads a body up to the next delimiter; `false` when this write holds none. */
  function body(): boolean {
    const at = text.indexOf(delimiter, position);
    if (at === -1) {
      // Keep what could be the start of a delimiter; the rest belongs to the body.
      const keep = Math.max(position, text.length - delimiter.length + 1);
      if (keep > position) {
        pieces.push(text.slice(position, keep));
        size += keep - position;
        position = keep;
      }
      return false;
    }
    const part = pieces.length === 0 ? text.slice(position, at) : pieces.join('') + text.slice(position, at);
    position = at + delimiter.length;
    finishPart(part);
    return true;
  }

  /** Reads the rest of a delimiter line: `--` closes the body, anything else up to the line break is padding. */
  function delimiterLine(): boolean {
    if (text.startsWith('--', position)) {
      state = CLOSED;
      return false;
    }
    const lineEnd = text.indexOf('\n', position);
    if (lineEnd === -1) return false;
    position = lineEnd + 1;
    state = HEADERS;
    return true;
  }

  /**
   * Skips headers up to the blank line after them; a part may also have none, with or without the blank
   * line. The body starts with the line break before it, so that an empty body ends at a delimiter on
   * the very next line.
   */
  function headers(): boolean {
    const first = text.charCodeAt(position);
    if (position === text.length || (first === CR && position + 1 === text.length)) return false;
    if (first === CR) position++;
    else if (first !== LF && !isLetter(first)) {
      // A body without headers or blank line: the line break before it, from this write or virtual.
      if (position > 0) position--;
      else text = `\n${text}`;
    } else if (first !== LF) {
      for (let at = position; ; ) {
        const lineEnd = text.indexOf('\n', at);
        const next = text.charCodeAt(lineEnd + 1);
        if (lineEnd === -1 || lineEnd + 1 === text.length || (next === CR && lineEnd + 2 === text.length)) return false;
        if (isLetter(next)) {
          at = lineEnd + 1;
          continue;
        }
        position = next === CR ? lineEnd + 2 : next === LF ? lineEnd + 1 : lineEnd;
        break;
      }
    }
    state = BODY;
    return true;
  }

  const step = (): boolean => (state <= BODY ? body() : state === DELIMITER ? delimiterLine() : state === HEADERS && headers());

  return {
    write(chunk) {
      text = position < text.length ? text.slice(position) + chunk : chunk;
      position = 0;
      while (step());
      if (size + text.length - position > maxPartSize) overLimit(unconsumed());
      completeEarly();
      return state === CLOSED;
    },
    end() {
      // A last part without a delimiter after it (servers that follow the RFC literally).
      if (state === BODY && !handedOut && !BLANK.test(unconsumed())) acceptPart(unconsumed());
      return state === CLOSED;
    },
  };
}

/** Whether the text so far, `pieces` then `tail`, ends with `}` before any trailing whitespace. */
function endsWithBrace(pieces: readonly string[], tail: string): boolean {
  for (let index = pieces.length; index >= 0; index--) {
    const text = (index === pieces.length ? tail : pieces[index]!).trimEnd();
    if (text !== '') return text.endsWith('}');
  }
  return false;
}

/** Header names start with a letter; a JSON body never does. */
function isLetter(code: number): boolean {
  return (code | 32) >= 97 && (code | 32) <= 122;
}

function malformed(partIndex: number): IncrementalError {
  return new IncrementalError('MALFORMED_MULTIPART', 'expected only whitespace after the JSON object', { partIndex });
}
