/**
 * Why {@link fetchIncremental} could not deliver a complete response, beyond what the reader
 * (`ReaderError`) and the reassembler (`ReassemblyError`) report:
 * - `NETWORK`: `fetch` itself failed (no connection, DNS, CORS); the `cause` is fetch's error.
 * - `EMPTY_RESPONSE`: the response carried no payload at all.
 * - `INCOMPLETE_RESPONSE`: the response ended while its last payload promised more (`hasNext: true`).
 */
export type FetchIncrementalErrorCode = 'NETWORK' | 'EMPTY_RESPONSE' | 'INCOMPLETE_RESPONSE';

/**
 * A transport-level failure of {@link fetchIncremental}. GraphQL errors are never thrown: they arrive
 * in the results' `errors`. Results yielded before the failure stay valid.
 */
export class FetchIncrementalError extends Error {
  override readonly name = 'FetchIncrementalError';
  readonly code: FetchIncrementalErrorCode;
  /** The URL requested, when known. */
  readonly url: string | undefined;

  constructor(code: FetchIncrementalErrorCode, message: string, options: { readonly cause?: unknown; readonly url?: string } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.url = options.url;
  }
}
