/**
 * A resumable scanner that finds where a JSON object ends in UTF-8 bytes, without parsing it: it
 * tracks only whether it is inside a string (and after a backslash there) and how deeply `{`/`[`
 * nest. That is enough because every byte of a multi-byte UTF-8 character is >= 0x80, so none of
 * them looks like a quote, a backslash or a bracket. It does not validate: `{]` "ends" at the `]`;
 * `JSON.parse` judges the text later.
 *
 * The multipart parser uses it to hand out a JSON part as soon as its closing brace arrived, before
 * the next delimiter (spec §3.4 item 5): servers that follow the GraphQL-over-HTTP RFC literally
 * (Tanka, the RFC example) write the delimiter that ends a part only together with the next part.
 */
export interface JsonObjectScanner {
  /**
   * Scans `bytes[start..end)`, continuing from where the previous call stopped (the bytes must follow
   * on from the previous call's). Stops at the byte after the object's closing brace.
   *
   * @param bytes - The bytes, e.g. a chunk or a buffer view.
   * @param start - Index in `bytes` of the first byte not scanned yet.
   * @param end - Index in `bytes` to scan up to (exclusive).
   * @returns The index in `bytes` just after the closing brace, or -1 when the object has not ended
   *   within these bytes (or the text is not an object: see {@link rejected}).
   */
  scan(bytes: Uint8Array, start: number, end: number): number;
  /** `true` once the closing brace was found; further `scan` calls return -1. */
  readonly done: boolean;
  /**
   * `true` when the first byte other than JSON whitespace is not `{`: the text is not an object and
   * the scanner gives up (further `scan` calls return -1 at once).
   */
  readonly rejected: boolean;
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/** Scanner phases: what the next byte can be. */
const BEFORE_OBJECT = 0;
const IN_OBJECT = 1;
const IN_STRING = 2;
const AFTER_BACKSLASH = 3;
const DONE = 4;
const REJECTED = 5;
type Phase = typeof BEFORE_OBJECT | typeof IN_OBJECT | typeof IN_STRING | typeof AFTER_BACKSLASH | typeof DONE | typeof REJECTED;

/**
 * Tells whether a byte is JSON whitespace (RFC 8259: space, tab, line feed, carriage return).
 *
 * @param byte - A byte.
 * @returns `true` for the four whitespace bytes.
 */
export function isJsonWhitespace(byte: number): boolean {
  return byte === 32 || byte === 10 || byte === 13 || byte === 9;
}

/**
 * Creates a {@link JsonObjectScanner} for one JSON text.
 *
 * @returns A scanner positioned before the text.
 * @example
 * ```ts
 * const scanner = createJsonObjectScanner();
 * const bytes = new TextEncoder().encode('{"a":"}"}\r\n');
 * scanner.scan(bytes, 0, 4); // -1: not yet
 * scanner.scan(bytes, 4, bytes.length); // 9: just after the closing brace
 * ```
 */
export function createJsonObjectScanner(): JsonObjectScanner {
  let phase: Phase = BEFORE_OBJECT;
  let depth = 0;

  return {
    scan(bytes, start, end) {
      let index = start;
      if (phase === BEFORE_OBJECT) {
        while (index < end && isJsonWhitespace(bytes[index]!)) index++;
        if (index === end) return -1;
        if (bytes[index] !== OPEN_BRACE) {
          phase = REJECTED;
          return -1;
        }
        phase = IN_OBJECT;
        depth = 1;
        index++;
      }
      if (phase === DONE || phase === REJECTED) return -1;
      // One loop, the phase in a local: this runs over whole bodies, so it is kept tight.
      let inString = phase === IN_STRING || phase === AFTER_BACKSLASH;
      if (phase === AFTER_BACKSLASH && index < end) index++; // The escaped byte (a quote or anything else) is skipped.
      else if (phase === AFTER_BACKSLASH) return -1;
      while (index < end) {
        const byte = bytes[index++]!;
        if (inString) {
          if (byte === QUOTE) inString = false;
          else if (byte === BACKSLASH) {
            if (index === end) {
              phase = AFTER_BACKSLASH;
              return -1;
            }
            index++;
          }
        } else if (byte === QUOTE) {
          inString = true;
        } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
          depth++;
        } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
          if (--depth === 0) {
            phase = DONE;
            return index;
          }
        }
      }
      phase = inString ? IN_STRING : IN_OBJECT;
      return -1;
    },
    get done() {
      return phase === DONE;
    },
    get rejected() {
      return phase === REJECTED;
    },
  };
}

/**
 * Where a JSON object that starts `bytes` (after optional whitespace) ends, in one go.
 *
 * @param bytes - A complete text.
 * @returns The index just after its closing brace, or -1 when it is not an object or never closes.
 */
export function findJsonObjectEnd(bytes: Uint8Array): number {
  return createJsonObjectScanner().scan(bytes, 0, bytes.length);
}
