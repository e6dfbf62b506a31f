import { findObjectEnd, type ObjectScan } from './findObjectEnd.js';
import { malformed, tooLarge } from './IncrementalError.js';
import type { TextFramer } from './types.js';

const LOWER_A = 97;
const LOWER_Z = 122;

/**
 * Splits `multipart/mixed` text into part bodies, liberally: a delimiter is `--boundary` at the start
 * of a line (CRLF or bare LF), whatever follows it on that line; part headers are skipped, so a wrong
 * `Content-Length` or `Content-Type` changes nothing (every peer splits on the delimiter); a JSON part
 * with headers and body before the first delimiter is read (Strawberry's subscriptions start there).
 *
 * A part is yielded as soon as its delimiter arrives, or, for a JSON object, as soon as the object
 * closes at the end of a text: servers that follow the RFC literally write the delimiter that ends a
 * part only with the next part. Only whitespace may then follow the object; whoever parses the bodies
 * judges the others, bytes after an object included. The count of yielded bodies is the next part's index.
 *
 * @param boundary - The boundary from the Content-Type.
 * @param maxPartSize - The longest part body (and header block), in characters.
 * @returns The framer; it ends with whether the close delimiter came.
 * @throws {IncrementalError} `PART_TOO_LARGE`, or `MALFORMED_MULTIPART` for bytes after an object yielded early.
 */
export function* createMultipartSplitter(boundary: string, maxPartSize: number): TextFramer {
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
  let scan: ObjectScan | null | undefined;
  let scanned = 0;

  for (let chunk = yield false; chunk !== undefined; chunk = yield closed) {
    if (closed) continue;
    text = text.slice(position) + chunk;
    position = 0;
    for (;;) {
      if (!inBody) {
        // `--` right after a delimiter closes the body.
        if (text.startsWith('--', position)) {
          closed = true;
          break;
        }
        const start = bodyStart(text, position, maxPartSize, index);
        if (start === -1) break;
        position = start;
        inBody = true;
      }
      const at = text.indexOf(delimiter, position);
      if (at === -1) break;
      let body = text.slice(position, at);
      if (pieces.length > 0) {
        // Joined with the pieces, not appended to their join: JSON.parse would copy that cons string again.
        pieces.push(body);
        body = pieces.join('');
        pieces = [];
      }
      position = at + delimiter.length;
      inBody = false;
      if (body.length > maxPartSize) yield* overLimit(body, !preamble && !handedOut, maxPartSize, index);
      size = 0;
      scan = undefined;
      if (handedOut) {
        handedOut = false;
        if (body.trim()) throw malformed(index - 1);
      } else {
        const part = preamble ? partInPreamble(body) : body;
        preamble = false;
        if (part !== undefined) {
          index++;
          yield part;
        }
      }
    }
    if (closed || !inBody) continue;
    // Keep what could be the start of a delimiter; the rest belongs to the body.
    const keep = Math.max(position, text.length - delimiter.length + 1);
    if (keep > position) {
      pieces.push(text.slice(position, keep));
      size += keep - position;
      position = keep;
      if (size > maxPartSize) yield* overLimit(pieces.join('') + text.slice(position), !preamble && !handedOut, maxPartSize, index);
    }
    // A part left open: hand it out if it is a JSON object that has closed.
    const tail = text.slice(position);
    if (preamble || handedOut || scan === null || !endsWithBrace(pieces, tail)) continue;
    // The brace may sit in the text kept for the delimiter search; only whitespace after it must stay.
    const cut = tail.lastIndexOf('}') + 1;
    pieces.push(tail.slice(0, cut));
    size += cut;
    position += cut;
    if (!scan) {
      scan = { depth: 0, inString: false, escaped: false };
      scanned = 0;
    }
    for (; scanned < pieces.length; scanned++) {
      const end = findObjectEnd(pieces[scanned]!, scan);
      if (end === -1) continue;
      const after = pieces[scanned]!.slice(end) + pieces.slice(scanned + 1).join('') + text.slice(position);
      const object = pieces.slice(0, scanned).join('') + pieces[scanned]!.slice(0, end);
      // Bytes after the object are reported at the delimiter, the same in every chunking.
      scan = null;
      if (!after.trim()) {
        handedOut = true;
        pieces = [];
        size = 0;
        index++;
        yield object;
      }
      break;
    }
  }
  // A last part without a delimiter after it (servers that follow the RFC literally).
  const body = pieces.join('') + text.slice(position);
  if (inBody && !preamble && !handedOut && !closed && body.trim()) yield body;
  return closed;
}

/**
 * Where the body after a delimiter starts, or -1 while the head is not complete. The head is the rest
 * of the delimiter line, then header lines: header names start with a letter, a JSON body never does.
 * The body starts at the line break after them, so that an empty body ends at a delimiter on the very
 * next line.
 */
function bodyStart(text: string, position: number, maxPartSize: number, index: number): number {
  let end = text.indexOf('\n', position);
  while (end !== -1 && isLetter(text.charCodeAt(end + 1))) end = text.indexOf('\n', end + 1);
  if (end === -1) end = text.length;
  if (end - position > maxPartSize) throw tooLarge(maxPartSize, index);
  return end + 1 < text.length ? end : -1;
}

/** `| 32` lower-cases an ASCII letter and makes nothing else one (NaN, past the end, included). */
function isLetter(code: number): boolean {
  return (code | 32) >= LOWER_A && (code | 32) <= LOWER_Z;
}

/** A part over the limit: its object, if it closed before the excess, is handed out first, as in any chunking. */
function* overLimit(body: string, open: boolean, maxPartSize: number, index: number): Generator<string, never, unknown> {
  const end = open ? findObjectEnd(body) : -1;
  if (end !== -1 && end <= maxPartSize) yield body.slice(0, end);
  throw tooLarge(maxPartSize, index);
}

/** The preamble's part, if it is one in disguise: a JSON body after headers (Strawberry's subscriptions). */
function partInPreamble(preamble: string): string | undefined {
  const text = preamble.trimStart();
  const start = text.search(/\r?\n\r?\n/);
  const body = start === -1 ? '' : text.slice(start).trim();
  return body[0] === '{' ? body : undefined;
}

/** Whether the text so far, `pieces` then `tail`, ends with `}` before any trailing whitespace. */
function endsWithBrace(pieces: readonly string[], tail: string): boolean {
  for (let index = pieces.length; index >= 0; index--) {
    const text = (index === pieces.length ? tail : pieces[index]!).trimEnd();
    if (text !== '') return text.endsWith('}');
  }
  return false;
}
