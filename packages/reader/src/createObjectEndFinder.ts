const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * Finds where a JSON object ends in text that arrives in pieces, without parsing it: it follows only
 * strings and the nesting of brackets, so each piece is scanned once however many pieces come (strings
 * are skipped with `indexOf`). It does not validate; `JSON.parse` judges the text later.
 *
 * @returns A function that scans the next piece and returns the index just after the object's closing
 *   brace in that piece, or -1 while the object is still open.
 */
export function createObjectEndFinder(): (piece: string) => number {
  let depth = 0;
  let inString = false;
  // The previous piece ended on an odd run of backslashes inside a string: the next character is escaped.
  let escaped = false;

  return (piece) => {
    let index = 0;
    if (escaped) {
      escaped = false;
      index = 1;
    }
    while (index < piece.length) {
      if (inString) {
        const quote = piece.indexOf('"', index);
        const end = quote === -1 ? piece.length : quote;
        let backslashes = 0;
        while (end - backslashes - 1 >= index && piece.charCodeAt(end - backslashes - 1) === BACKSLASH) backslashes++;
        if (quote === -1) {
          escaped = backslashes % 2 === 1;
          return -1;
        }
        if (backslashes % 2 === 0) inString = false;
        index = quote + 1;
        continue;
      }
      const code = piece.charCodeAt(index++);
      if (code === QUOTE) inString = true;
      else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
      else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --depth === 0) return index;
    }
    return -1;
  };
}
