/**
 * Why a response could not be read to its end.
 * - `HTTP_STATUS`: the response status is not 2xx. {@link ReaderError.status} and {@link ReaderError.body}
 *   say what the server answered (often a JSON GraphQL error response for a 400).
 * - `UNSUPPORTED_CONTENT_TYPE`: the response `Content-Type` is none of the ones a GraphQL server streams
 *   with; {@link ReaderError.expected} lists those.
 * - `READ_FAILED`: the body could not be read (already used, or the connection failed mid-stream);
 *   the underlying error is the `cause`.
 * - `TRUNCATED`: the body ended early: before the first multipart delimiter, inside a part, without the
 *   close delimiter, or without an SSE `complete` event, and no payload with `hasNext: false` came first.
 * - `MALFORMED_MULTIPART`: bytes that cannot be multipart framing, e.g. a delimiter followed by
 *   something other than `--`, padding or a line break, or a part that does not end where its
 *   `Content-Length` says, or bytes other than whitespace between a part's JSON object and the next
 *   delimiter.
 * - `PART_TOO_LARGE`: one part, SSE event or JSON body is larger than `maxPartSize`.
 * - `UNSUPPORTED_PART_CONTENT_TYPE`: a part declares a `Content-Type` that is not JSON.
 * - `INVALID_JSON`: a part, event or body is not valid JSON; the `cause` is the `SyntaxError`.
 * - `INVALID_PAYLOAD`: valid JSON, but not a JSON object (a GraphQL response is always an object).
 * - `TRANSPORT_ERROR`: an Apollo multipart subscription reported a fatal transport-level error
 *   (`{"payload": null, "errors": [...]}`); {@link ReaderError.errors} holds the server's errors. These are
 *   not GraphQL `errors` of a result, which stay inside the payloads.
 */
export type ReaderErrorCode =
  | 'HTTP_STATUS'
  | 'UNSUPPORTED_CONTENT_TYPE'
  | 'READ_FAILED'
  | 'TRUNCATED'
  | 'MALFORMED_MULTIPART'
  | 'PART_TOO_LARGE'
  | 'UNSUPPORTED_PART_CONTENT_TYPE'
  | 'INVALID_JSON'
  | 'INVALID_PAYLOAD'
  | 'TRANSPORT_ERROR';

/** Where and in what response a problem was found, as passed to {@link ReaderError}. */
export interface ReaderErrorContext {
  /** Index of the multipart part or SSE event, counting from 0 in the order they arrived. */
  readonly partIndex?: number | undefined;
  /** Byte offset in the response body where the problem is (for a part: where its body starts). */
  readonly offset?: number | undefined;
  /** The HTTP status of the response. */
  readonly status?: number | undefined;
  /** The response `Content-Type` header, as sent. */
  readonly contentType?: string | undefined;
  /** For `HTTP_STATUS`: the response body as text (at most `maxPartSize` bytes of it). */
  readonly body?: string | undefined;
  /** For `UNSUPPORTED_CONTENT_TYPE` and `UNSUPPORTED_PART_CONTENT_TYPE`: the media types that are accepted. */
  readonly expected?: readonly string[] | undefined;
  /** For `TRANSPORT_ERROR`: the `errors` the server sent next to `"payload": null`. */
  readonly errors?: readonly unknown[] | undefined;
  /** The underlying error (a `SyntaxError` from `JSON.parse`, a network error...). */
  readonly cause?: unknown;
}

/**
 * The one error class of `@graphql-incremental/reader`. Switch on {@link ReaderError.code}; the other
 * fields say where the problem is. Every payload that was complete before the problem has already been
 * handed out when this is thrown.
 *
 * An aborted `signal` is not a `ReaderError`: reading rejects with the signal's `reason` (an
 * `AbortError` `DOMException` by default), the way `fetch` does.
 *
 * @example
 * ```ts
 * try {
 *   for await (const payload of readPayloads(response)) render(payload);
 * } catch (error) {
 *   if (isReaderError(error) && error.code === 'HTTP_STATUS') showServerError(error.status, error.body);
 *   else throw error;
 * }
 * ```
 */
export class ReaderError extends Error {
  override readonly name = 'ReaderError';
  readonly code: ReaderErrorCode;
  readonly partIndex: number | undefined;
  readonly offset: number | undefined;
  readonly status: number | undefined;
  readonly contentType: string | undefined;
  readonly body: string | undefined;
  readonly expected: readonly string[] | undefined;
  readonly errors: readonly unknown[] | undefined;

  /**
   * @param code - What went wrong, see {@link ReaderErrorCode}.
   * @param detail - What was expected, what arrived, and what to do; the location is prefixed from `context`.
   * @param context - Where the problem is.
   */
  constructor(code: ReaderErrorCode, detail: string, context: ReaderErrorContext = {}) {
    super(`${describeLocation(context)}${detail}`, context.cause === undefined ? undefined : { cause: context.cause });
    this.code = code;
    this.partIndex = context.partIndex;
    this.offset = context.offset;
    this.status = context.status;
    this.contentType = context.contentType;
    this.body = context.body;
    this.expected = context.expected;
    this.errors = context.errors;
  }
}

/**
 * Tells whether a value is a {@link ReaderError}, also across copies of this package (where
 * `instanceof` fails).
 *
 * @param value - Anything caught.
 * @returns `true` for a `ReaderError`.
 */
export function isReaderError(value: unknown): value is ReaderError {
  return (
    value instanceof ReaderError ||
    (value instanceof Error && value.name === 'ReaderError' && typeof (value as { code?: unknown }).code === 'string')
  );
}

function describeLocation(context: ReaderErrorContext): string {
  const where: string[] = [];
  if (context.partIndex !== undefined) where.push(`part ${context.partIndex}`);
  if (context.offset !== undefined) where.push(`byte ${context.offset}`);
  if (context.status !== undefined) where.push(`status ${context.status}`);
  return where.length === 0 ? '' : `${where.join(', ')}: `;
}
