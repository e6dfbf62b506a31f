import { tooLarge } from './IncrementalError.js';

const LINE_END = /[\r\n]/g;

/**
 * Splits text that arrives in pieces into lines ending in CRLF, LF or CR (the SSE rule, which also
 * reads JSON Lines), as a {@link TextFramer} does: it yields each line without its line end, then
 * `false`, and returns the unfinished last line. A line split across pieces is joined once, when it ends.
 *
 * @param maxLength - The longest line accepted, in characters.
 * @returns The splitter.
 */
export function* createLineSplitter(maxLength: number): Generator<string | boolean, string, string | undefined> {
  let pieces: string[] = [];
  let size = 0;
  // A CR ended the last piece: an LF starting the next one belongs to it.
  let afterCarriageReturn = false;
  for (let text = yield false; text !== undefined; text = yield false) {
    let start = afterCarriageReturn && text[0] === '\n' ? 1 : 0;
    afterCarriageReturn = false;
    // The regex is shared: its position is set before each search, not kept across a `yield`.
    for (let match = exec(text, start); match !== null; match = exec(text, start)) {
      const end = match.index;
      const line = pieces.length === 0 ? text.slice(start, end) : pieces.join('') + text.slice(start, end);
      pieces = [];
      size = 0;
      start = end + 1;
      if (text[end] === '\r') {
        if (start === text.length) afterCarriageReturn = true;
        else if (text[start] === '\n') start++;
      }
      if (line.length > maxLength) throw tooLarge(maxLength);
      yield line;
    }
    if (start < text.length) {
      pieces.push(text.slice(start));
      size += text.length - start;
      if (size > maxLength) throw tooLarge(maxLength);
    }
  }
  return pieces.join('');
}

function exec(text: string, from: number): RegExpExecArray | null {
  LINE_END.lastIndex = from;
  return LINE_END.exec(text);
}
