const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Where {@link findObjectEnd} is in an object between pieces. */
export interface ObjectScan {
  depth: number;
  inString: boolean;
  /** The previous piece ended on an odd run of backslashes inside a string: the next character is escaped. */
  escaped: boolean;
}

/**
 * Finds where a JSON object ends in text that arrives in pieces, without parsing it: it follows only
 * strings and the nesting of brackets, so each piece is scanned once however many pieces come (strings
 * are skipped with `indexOf`). It does not validate; `JSON.parse` judges the text later. A module
 * function with its state passed in, not a closure per part, so that its optimized code outlives each response.
 *
 * @param piece - The next piece of the text.
 * @param scan - The state the previous pieces left, updated; a fresh one for text in one piece.
 * @returns The index just after the object's closing brace in this piece, or -1 while the object is still open.
 */
export function findObjectEnd(piece: string, scan: ObjectScan = { depth: 0, inString: false, escaped: false }): number {
  let index = 0;
  if (scan.escaped) {
    scan.escaped = false;
    index = 1;
  }
  while (index < piece.length) {
    if (scan.inString) {
      const quote = piece.indexOf('"', index);
      const end = quote === -1 ? piece.length : quote;
      let backslashes = 0;
      while (end - backslashes - 1 >= index && piece.charCodeAt(end - backslashes - 1) === BACKSLASH) backslashes++;
      if (quote === -1) {
        scan.escaped = backslashes % 2 === 1;
        return -1;
      }
      if (backslashes % 2 === 0) scan.inString = false;
      index = quote + 1;
      continue;
    }
    const code = piece.charCodeAt(index++);
    if (code === QUOTE) scan.inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) scan.depth++;
    else if ((code === CLOSE_BRACE || code === CLOSE_BRACKET) && --scan.depth === 0) return index;
  }
  return -1;
}
