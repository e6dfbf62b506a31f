/**
 * What went wrong, for every package of graphql-incremental.
 *
 * Reading (`readPayloads`):
 * - `HTTP_STATUS`: a non-2xx response that is not a GraphQL response; `status` and `body` say what came.
 * - `READ_FAILED`: the body could not be read (already used, or the connection broke); see `cause`.
 * - `TRUNCATED`: the body ended before the response did (inside a part, after `hasNext: true`, or in a
 *   multipart subscription before its close delimiter).
 * - `MALFORMED_MULTIPART`: something other than whitespace follows a part's JSON object.
 * - `PART_TOO_LARGE`: a part, event, line or JSON body is longer than `maxPartSize`.
 * - `INVALID_JSON`: a part, event or body is not JSON; `partIndex` says which.
 * - `INVALID_PAYLOAD`: JSON that is not a GraphQL payload (not an object, a field of the wrong type).
 * - `TRANSPORT_ERROR`: an Apollo multipart subscription ended with `{"payload": null, "errors": [...]}`;
 *   `errors` holds them.
 *
 * Merging (`createReassembler`), with `payloadIndex` and, where one is involved, `path`:
 * `UNKNOWN_ID`, `DUPLICATE_ID`, `PATH_NOT_FOUND`, `NOT_AN_OBJECT`, `NOT_A_LIST`, `INDEX_OUT_OF_RANGE`,
 * `PAYLOAD_AFTER_END`, and `INVALID_PAYLOAD`.
 *
 * Fetching (`fetchIncremental`): `NETWORK` (fetch itself failed; see `cause`), `EMPTY_RESPONSE`,
 * `INCOMPLETE_RESPONSE` (the response ended while its last payload promised more).
 */
export type IncrementalErrorCode =
  | 'HTTP_STATUS'
  | 'READ_FAILED'
  | 'TRUNCATED'
  | 'MALFORMED_MULTIPART'
  | 'PART_TOO_LARGE'
  | 'INVALID_JSON'
  | 'INVALID_PAYLOAD'
  | 'TRANSPORT_ERROR'
  | 'UNKNOWN_ID'
  | 'DUPLICATE_ID'
  | 'PATH_NOT_FOUND'
  | 'NOT_AN_OBJECT'
  | 'NOT_A_LIST'
  | 'INDEX_OUT_OF_RANGE'
  | 'PAYLOAD_AFTER_END'
  | 'NETWORK'
  | 'EMPTY_RESPONSE'
  | 'INCOMPLETE_RESPONSE';

/** Where a problem is: the fields an {@link IncrementalError} carries besides its `code`. */
export interface IncrementalErrorDetails {
  /** Index of the multipart part, SSE event or JSON line, from 0. */
  readonly partIndex?: number;
  /** Index of the payload in the response, from 0 (the initial payload). */
  readonly payloadIndex?: number;
  /** The response path involved. */
  readonly path?: readonly (string | number)[];
  /** The HTTP status. */
  readonly status?: number;
  /** For `HTTP_STATUS`: the start of the response body, as text. */
  readonly body?: string;
  /** For `TRANSPORT_ERROR`: the errors the server sent. */
  readonly errors?: readonly unknown[];
  readonly cause?: unknown;
}

/**
 * The one error class of graphql-incremental: switch on {@link IncrementalError.code}. Everything
 * delivered before it was thrown stays valid. GraphQL `errors` are never thrown (they are in the
 * results), and an abort rejects with the signal's reason instead.
 *
 * @example
 * ```ts
 * try {
 *   for await (const result of fetchIncremental(url, { query })) render(result);
 * } catch (error) {
 *   if (isIncrementalError(error) && error.code === 'HTTP_STATUS') showStatus(error.status);
 *   else throw error;
 * }
 * ```
 */
export class IncrementalError extends Error implements IncrementalErrorDetails {
  declare readonly code: IncrementalErrorCode;
  declare readonly partIndex?: number;
  declare readonly payloadIndex?: number;
  declare readonly path?: readonly (string | number)[];
  declare readonly status?: number;
  declare readonly body?: string;
  declare readonly errors?: readonly unknown[];

  /**
   * @param code - What went wrong.
   * @param message - What was expected and what arrived.
   * @param details - Where; the message starts with `part 2: ` or `payload 3 (hero.friends): `.
   */
  constructor(code: IncrementalErrorCode, message: string, details: IncrementalErrorDetails = {}) {
    const { partIndex, payloadIndex, path } = details;
    super(
      (partIndex === undefined ? '' : `part ${partIndex}: `) +
        (payloadIndex === undefined ? '' : `payload ${payloadIndex}${path ? ` (${path.join('.')})` : ''}: `) +
        message,
      details,
    );
    // eslint-disable-next-line no-restricted-syntax -- our own fields, never wire keys
    Object.assign(this, { name: 'IncrementalError', code }, details);
  }
}

/**
 * Tells whether a value is an {@link IncrementalError}, also one from another copy of the package.
 *
 * @param value - Anything caught.
 * @returns `true` for an `IncrementalError`.
 */
export function isIncrementalError(value: unknown): value is IncrementalError {
  return value instanceof IncrementalError || (value instanceof Error && value.name === 'IncrementalError');
}

/** The error for a part, event, line or body longer than `maxPartSize`. */
export function tooLarge(maxPartSize: number, partIndex?: number): IncrementalError {
  return new IncrementalError('PART_TOO_LARGE', `longer than maxPartSize (${maxPartSize})`, partIndex === undefined ? {} : { partIndex });
}

/** The error for a multipart part with more than whitespace after its JSON object. */
export function malformed(partIndex: number): IncrementalError {
  return new IncrementalError('MALFORMED_MULTIPART', 'expected only whitespace after the JSON object', { partIndex });
}
