/**
 * One payload as read from the wire: a parsed JSON object, not validated any further. It is untrusted
 * server data; `@graphql-incremental/reassembler` checks its shape.
 */
export type Payload = Record<string, unknown>;

/**
 * Turns the bytes of one response body into payloads, for any byte source (fetch, XHR, Node streams).
 * Made by {@link createPayloadDecoder}; pure and synchronous.
 */
export interface PayloadDecoder {
  /**
   * Feeds the next chunk, split anywhere (or text, for bodies already decoded). Payloads it completes
   * are passed on before this returns or throws.
   *
   * @throws {IncrementalError} For bad input, after every payload before the problem.
   */
  write(chunk: ArrayBufferView | ArrayBuffer | string): void;
  /**
   * Signals the end of the body.
   *
   * @throws {IncrementalError} `TRUNCATED` when the response was not complete.
   */
  end(): void;
  /** `true` once the response is known to be complete; later bytes are ignored. */
  readonly finished: boolean;
}

/**
 * Splits decoded text into the bodies of parts, events or lines; one per wire format. It is a generator,
 * so that its code outlives each response: after a first `next()`, send each text with `next(text)`,
 * and nothing at the end; it yields every body that text completes, then `true` once the format's own
 * end marker arrived (close delimiter, `complete` event), else `false`.
 */
export type TextFramer = Generator<string | boolean, boolean, string | undefined>;
