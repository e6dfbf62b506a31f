import { createObjectEndFinder } from './createObjectEndFinder.js';
import { malformed, tooLarge } from './IncrementalError.js';
import type { TextFramer } from './types.js';

/**
 * What follows a delimiter up to the part's body: the rest of the delimiter line, then header lines.
 * Header names start with a letter; a JSON body never does. The body starts at the line break after
 * them, so that an empty body ends at a delimiter on the very next line.
 */
const HEAD = /[^\n]*(?:\n[a-z][^\n]*)*/iy;
const BLANK = /^\s*$/;

/**
 * Splits `multipart/mixed` text into part bodies, liberally: a delimiter is `--boundary` at the start
 * of a line (CRLF or bare LF), whatever follows it on that line; part headers are skipped, so a wrong
 * `Content-Length` or `Content-Type` changes nothing (every peer splits on the delimiter); a JSON part
 * with headers and body before the first delimiter is read (Strawberry's subscriptions start there).
 *
 * A part is handed to `onPart` as soon as its delimiter arrives, or, for a JSON object, as soon as the
 * object closes at the end of a write: servers that follow the RFC literally write the delimiter that
 * ends a part only with the next part. Only whitespace may then follow the object; `onPart` judges
 * other bodies, bytes after an object included.
 *
 * @param boundary - The boundary from the Content-Type.
 * @param onPart - Receives each part's body and index.
 * @param maxPartSize - The longest part body (and header block), in characters.
 * @returns The framer; `end` reports whether the close delimiter came.
 */
export function createMultipartSplitter(boundary: string, onPart: (body: string, index: number) => void, maxPartSize: number): TextFramer {
  const delimiter = `\n--${boundary}`;
  // The text of this write, from `position` on not consumed yet. Searches start at `position`, so a
  // write with many parts is scanned once. A virtual line break lets a body start with `--boundary`.
  let text = '\n';
  let position = 0;
  // The current body's text from earlier writes, and its length; before the first delimiter, the preamble's.
  let pieces: string[] = [];
  let size = 0;
  let inBody = true;
  let preamble = true;
  let closed = false;
  let index = 0;
  // Early completion of the current part: whether its object was handed out; the scan for the
  // object's end (`null` once it found more than whitespace after it) and the pieces it has scanned.
  let handedOut = false;
  let findEnd: ((piece: string) => number) | null | undefined;
  let scanned = 0;

  /** A part over the limit: its object, if it closed before the excess, is handed out first, as in any chunking. */
  function overLimit(body: string): never {
    if (!preamble && !handedOut) {
      const end = createObjectEndFinder()(body);
      if (end !== -1 && end <= maxPartSize) onPart(body.slice(0, end), index);
    }
    throw tooLarge(maxPartSize, index);
  }

  function finishPart(body: string): void {
    if (body.length > maxPartSize) overLimit(body);
    if (pieces.length > 0) pieces = [];
    size = 0;
    findEnd = undefined;
    if (handedOut) {
      handedOut = false;
      if (!BLANK.test(body)) throw malformed(index - 1);
    } else if (preamble) {
      // Read it only if it is a part in disguise: a JSON body after the headers.
      preamble = false;
      body = body.trimStart();
      const start = body.search(/\r?\n\r?\n/);
      body = start === -1 ? '' : body.slice(start).trim();
      if (body[0] === '{') onPart(body, index++);
    } else onPart(body, index++);
  }

  /** After a write that left a part open: hand it out if it is a JSON object that has closed. */
  function completeEarly(): void {
    const tail = text.slice(position);
    if (preamble || handedOut || findEnd === null || !endsWithBrace(pieces, tail)) return;
    // The brace may sit in the text kept for the delimiter search; only whitespace after it must stay.
    const cut = tail.lastIndexOf('}') + 1;
    pieces.push(tail.slice(0, cut));
    size += cut;
    position += cut;
    if (!findEnd) {
      findEnd = createObjectEndFinder();
      scanned = 0;
    }
    for (; scanned < pieces.length; scanned++) {
      const end = findEnd(pieces[scanned]!);
      if (end === -1) continue;
      const after = pieces[scanned]!.slice(end) + pieces.slice(scanned + 1).join('') + text.slice(position);
      const object = pieces.slice(0, scanned).join('') + pieces[scanned]!.slice(0, end);
      // Bytes after the object are reported at the delimiter, the same in every chunking.
      findEnd = null;
      if (BLANK.test(after)) {
        onPart(object, index++);
        handedOut = true;
        pieces = [];
        size = 0;
      }
      return;
    }
  }

  return {
    write(chunk) {
      text = text.slice(position) + chunk;
      position = 0;
      while (!closed) {
        if (!inBody) {
          // `--` right after a delimiter closes the body; otherwise the head must be complete: the
          // character after its last line break tells whether another header line follows.
          if (text.startsWith('--', position)) closed = true;
          else {
            HEAD.lastIndex = position;
            HEAD.test(text);
            if (HEAD.lastIndex - position > maxPartSize) throw tooLarge(maxPartSize, index);
            if (HEAD.lastIndex + 1 < text.length) {
              position = HEAD.lastIndex;
              inBody = true;
            }
          }
          if (!inBody) return closed;
        }
        const at = text.indexOf(delimiter, position);
        if (at === -1) break;
        const body = pieces.length === 0 ? text.slice(position, at) : pieces.join('') + text.slice(position, at);
        position = at + delimiter.length;
        inBody = false;
        finishPart(body);
      }
      if (closed) return true;
      // Keep what could be the start of a delimiter; the rest belongs to the body.
      const keep = Math.max(position, text.length - delimiter.length + 1);
      if (keep > position) {
        pieces.push(text.slice(position, keep));
        size += keep - position;
        position = keep;
        if (size > maxPartSize) overLimit(pieces.join('') + text.slice(position));
      }
      completeEarly();
      return false;
    },
    end() {
      // A last part without a delimiter after it (servers that follow the RFC literally).
      const body = pieces.join('') + text.slice(position);
      if (inBody && !preamble && !handedOut && !closed && !BLANK.test(body)) onPart(body, index++);
      return closed;
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
