import type { Path } from './types.js';

/**
 * Why a payload could not be applied.
 * - `INVALID_PAYLOAD`: the payload or one of its entries does not have the shape of any known format.
 * - `UNKNOWN_ID`: an `incremental` or `completed` entry names an id that is not pending.
 * - `DUPLICATE_ID`: a `pending` entry reuses an id that is still pending.
 * - `PATH_NOT_FOUND`: the entry's path leads nowhere in the data received so far.
 * - `NOT_AN_OBJECT`: deferred `data` targets something that is not an object.
 * - `NOT_A_LIST`: stream `items` target something that is not a list.
 * - `INDEX_OUT_OF_RANGE`: stream items would start past the end of their list, leaving a gap.
 * - `PAYLOAD_AFTER_END`: a payload arrived after one with `hasNext: false` (or after a plain result).
 */
export type ReassemblyErrorCode =
  | 'INVALID_PAYLOAD'
  | 'UNKNOWN_ID'
  | 'DUPLICATE_ID'
  | 'PATH_NOT_FOUND'
  | 'NOT_AN_OBJECT'
  | 'NOT_A_LIST'
  | 'INDEX_OUT_OF_RANGE'
  | 'PAYLOAD_AFTER_END';

/** Where in a payload a problem was found, as passed to {@link ReassemblyError}. */
export interface ReassemblyErrorContext {
  /** Position of the payload in the response, counting from 0 (the initial payload). */
  readonly payloadIndex: number;
  /** The offending part of the payload, e.g. `incremental[2]` or `completed[0]`; absent for the payload itself. */
  readonly entry?: string | undefined;
  /** The response path involved, when there is one. */
  readonly path?: Path | undefined;
  /** The payload as received. */
  readonly payload: unknown;
}

/**
 * Thrown by the reassembler when a payload does not fit the response so far. The reassembler's
 * `current` result is left exactly as it was before the payload, so results already handed out stay
 * valid and the caller can report the error next to the data it already has.
 */
export class ReassemblyError extends Error {
  override readonly name = 'ReassemblyError';
  readonly code: ReassemblyErrorCode;
  readonly payloadIndex: number;
  readonly entry: string | undefined;
  readonly path: Path | undefined;
  readonly payload: unknown;

  constructor(code: ReassemblyErrorCode, detail: string, context: ReassemblyErrorContext) {
    const where = `payload ${context.payloadIndex}${context.entry === undefined ? '' : `, ${context.entry}`}`;
    const at = context.path === undefined ? '' : ` (path ${formatPath(context.path)})`;
    super(`${where}${at}: ${detail}`);
    this.code = code;
    this.payloadIndex = context.payloadIndex;
    this.entry = context.entry;
    this.path = context.path;
    this.payload = context.payload;
  }
}

/** Renders a path for messages: `["hero", "friends", 1]` → `hero.friends[1]`, `[]` → `(root)`. */
export function formatPath(path: Path): string {
  if (path.length === 0) return '(root)';
  let text = '';
  for (const segment of path) {
    text += typeof segment === 'number' ? `[${segment}]` : text === '' ? segment : `.${segment}`;
  }
  return text;
}
