import { tooLarge } from './IncrementalError.js';

const LINE_END = /[\r\n]/g;

/**
 * Splits text that arrives in pieces into lines ending in CRLF, LF or CR (the SSE rule, which also
 * reads JSON Lines). A line split across pieces is joined once, when it ends.
 *
 * @param onLine - Receives each line, without its line end.
 * @param maxLength - The longest line accepted, in characters.
 * @returns `write`, and `rest()`: the unfinished last line.
 */
export function createLineSplitter(onLine: (line: string) => void, maxLength: number): { write(text: string): void; rest(): string } {
  let pieces: string[] = [];
  let size = 0;
  // A CR ended the last piece: an LF starting the next one belongs to it.
  let afterCarriageReturn = false;

  return {
    write(text) {
      let start = afterCarriageReturn && text[0] === '\n' ? 1 : 0;
      afterCarriageReturn = false;
      LINE_END.lastIndex = start;
      for (let match = LINE_END.exec(text); match !== null; match = LINE_END.exec(text)) {
        const end = match.index;
        const line = pieces.length === 0 ? text.slice(start, end) : pieces.join('') + text.slice(start, end);
        pieces = [];
        size = 0;
        start = end + 1;
        if (text[end] === '\r') {
          if (start === text.length) afterCarriageReturn = true;
          else if (text[start] === '\n') start++;
        }
        LINE_END.lastIndex = start;
        if (line.length > maxLength) throw tooLarge(maxLength);
        onLine(line);
      }
      if (start < text.length) {
        pieces.push(text.slice(start));
        size += text.length - start;
        if (size > maxLength) throw tooLarge(maxLength);
      }
    },
    rest: () => pieces.join(''),
  };
}

