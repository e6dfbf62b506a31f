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
 * @param maxPartSize - The longest part, in characters.
 * @returns The framer; `end` reports whether the close delimiter came.
 */
export function createMultipartSplitter(boundary: string, onPart: (body: string, index: number) => void, maxPartSize: number): TextFramer {
  const delimiter = `\n--${boundary}`;
  let state = PREAMBLE;
  // Text not consumed yet: the start of a delimiter line or a header line, or the tail of a body that
  // may begin a delimiter. A virtual line break lets a body start with `--boundary` (Strawberry).
  let rest = '\n';
  let pieces: string[] = [];
  // Counts the virtual line break out.
  let size = -1;
  let index = 0;
  // Early completion of the current part: its object was handed out already.
  let handedOut = false;
  let findEnd: ((piece: string) => number) | undefined;
  let scanned = 0;

  /** A part over the limit: its object, if it closed before the excess, is handed out first, as in any chunking. */
  function overLimit(text: string): never {
    if (state === BODY && !handedOut) {
      const end = createObjectEndFinder()(text);
      if (end !== -1 && end <= maxPartSize) onPart(text.slice(0, end), index);
    }
    throw tooLarge(maxPartSize, index);
  }

  function finishPart(body: string): void {
    if (body.length > maxPartSize) overLimit(body);
    const isPreamble = state === PREAMBLE;
    state = DELIMITER;
    if (size > 0) pieces = [];
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
    if (state !== BODY || handedOut || scanned === -1 || !endsWithBrace(pieces, rest)) return;
    // The brace may sit in the text kept for the delimiter search; only whitespace after it must stay.
    const cut = rest.lastIndexOf('}') + 1;
    pieces.push(rest.slice(0, cut));
    size += cut;
    rest = rest.slice(cut);
    findEnd ??= createObjectEndFinder();
    for (; scanned < pieces.length; scanned++) {
      const end = findEnd(pieces[scanned]!);
      if (end === -1) continue;
      const tail = pieces[scanned]!.slice(end) + pieces.slice(scanned + 1).join('') + rest;
      const object = pieces.slice(0, scanned).join('') + pieces[scanned]!.slice(0, end);
      // Bytes after the object are reported at the delimiter, the same in every chunking.
      scanned = -1;
      if (BLANK.test(tail)) {
        acceptPart(object);
        handedOut = true;
        pieces = [];
        size = 0;
      }
      return;
    }
  }

  function step(): boolean {
    if (state === PREAMBLE || state === BODY) {
      const at = rest.indexOf(delimiter);
      if (at === -1) {
        // Keep what could be the start of a delimiter; the rest belongs to the body.
        const keep = Math.min(rest.length, delimiter.length - 1);
        if (rest.length > keep) {
          pieces.push(rest.slice(0, rest.length - keep));
          size += rest.length - keep;
          rest = rest.slice(rest.length - keep);
        }
        return false;
      }
      const body = pieces.length === 0 ? rest.slice(0, at) : pieces.join('') + rest.slice(0, at);
      rest = rest.slice(at + delimiter.length);
      finishPart(body);
      return true;
    }
    if (state === DELIMITER) {
      if (rest.startsWith('--')) {
        state = CLOSED;
        return false;
      }
      const lineEnd = rest.indexOf('\n');
      if (lineEnd === -1) return false;
      rest = rest.slice(lineEnd + 1);
      state = HEADERS;
      return true;
    }
    if (state === HEADERS) {
      // Headers are skipped up to the blank line after them. A part may also have none, with or without
      // the blank line. A line break is kept before the body: an empty body then ends at a delimiter on
      // the very next line.
      const first = rest.charCodeAt(0);
      if (rest === '' || (first === CR && rest.length < 2)) return false;
      if (first === CR || first === LF) rest = rest.slice(first === CR ? 1 : 0);
      else if (!isLetter(first)) rest = `\n${rest}`;
      else {
        // Header lines up to a blank line (or a line that is no header), searched line by line.
        for (let at = 0; ; ) {
          const lineEnd = rest.indexOf('\n', at);
          const next = rest.charCodeAt(lineEnd + 1);
          if (lineEnd === -1 || lineEnd + 1 === rest.length || (next === CR && lineEnd + 2 === rest.length)) return false;
          if (isLetter(next)) {
            at = lineEnd + 1;
            continue;
          }
          rest = rest.slice(next === CR ? lineEnd + 2 : next === LF ? lineEnd + 1 : lineEnd);
          break;
        }
      }
      state = BODY;
      return true;
    }
    return false;
  }

  return {
    write(text) {
      rest += text;
      while (step());
      if (size + rest.length > maxPartSize) overLimit(pieces.join('') + rest);
      completeEarly();
      return state === CLOSED;
    },
    end() {
      // A last part without a delimiter after it (servers that follow the RFC literally).
      if (state === BODY && !handedOut && !BLANK.test(pieces.join('') + rest)) acceptPart(pieces.join('') + rest);
      return state === CLOSED;
    },
  };
}

/** Whether the text so far, `pieces` then `rest`, ends with `}` before any trailing whitespace. */
function endsWithBrace(pieces: readonly string[], rest: string): boolean {
  for (let index = pieces.length; index >= 0; index--) {
    const text = (index === pieces.length ? rest : pieces[index]!).trimEnd();
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
