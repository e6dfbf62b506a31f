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

/** Splits decoded text into the bodies of parts, events or lines; one per wire format. */
export interface TextFramer {
  /** @returns `true` once the format's own end marker arrived (close delimiter, `complete` event). */
  write(text: string): boolean;
  /** @returns `true` when the format's own end marker had arrived. */
  end(): boolean;
}
