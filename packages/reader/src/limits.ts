import { ReaderError } from './ReaderError.js';

/**
 * Default for `maxPartSize`: 16 MiB. One part, SSE event or JSON body larger than this stops the read
 * with a `PART_TOO_LARGE` {@link ReaderError}. GraphQL payloads are rarely above a few MiB; the bound is
 * there so that a hostile or broken server cannot make the client buffer without end (a missing
 * delimiter would otherwise keep every following byte in memory).
 */
export const DEFAULT_MAX_PART_SIZE = 16 * 1024 * 1024;

/**
 * Checks a `maxPartSize` option and applies the default.
 *
 * @param maxPartSize - Bytes, a positive integer or `Infinity`; `undefined` for the default.
 * @returns The limit to use.
 * @throws {RangeError} When the value is not a positive integer or `Infinity`.
 */
export function resolveMaxPartSize(maxPartSize: number | undefined): number {
  if (maxPartSize === undefined) return DEFAULT_MAX_PART_SIZE;
  if (maxPartSize === Number.POSITIVE_INFINITY || (Number.isSafeInteger(maxPartSize) && maxPartSize > 0)) {
    return maxPartSize;
  }
  throw new RangeError(`maxPartSize must be a positive integer number of bytes or Infinity, got ${String(maxPartSize)}.`);
}

/** The error for a part, event or body larger than `maxPartSize`. */
export function partTooLarge(what: string, maxPartSize: number, partIndex: number | undefined, offset: number): ReaderError {
  return new ReaderError(
    'PART_TOO_LARGE',
    `${what} is larger than maxPartSize (${maxPartSize} bytes). Raise maxPartSize if the server legitimately sends payloads this large.`,
    { partIndex, offset },
  );
}
