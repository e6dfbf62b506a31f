/**
 * One payload as read from the wire: a parsed JSON object, not validated any further. It is untrusted
 * server data; `@graphql-incremental/reassembler` checks its shape.
 */
export type Payload = Record<string, unknown>;

/**
 * Turns the bytes of one response body into payloads; there is one implementation per wire format
 * (multipart, SSE, JSON), chosen by {@link createPayloadDecoder} from the `Content-Type`. Pure and
 * synchronous: no I/O, so it works with any byte source (fetch, XHR, Node streams, React Native).
 */
export interface PayloadDecoder {
  /**
   * Feeds the next bytes, in any split. Payloads completed by them are passed to `onPayload` before
   * this returns or throws.
   *
   * @throws {ReaderError} For bad input; every payload before the problem has been passed on first.
   */
  write(chunk: Uint8Array): void;
  /**
   * Signals the end of the body; call it only while {@link finished} is `false`.
   *
   * @throws {ReaderError} `TRUNCATED` when the body ended early; for JSON bodies any parse error.
   */
  end(): void;
  /**
   * `true` once the body is known to be complete: multipart close delimiter, SSE `complete` event, a
   * payload with `hasNext: false`, or an Apollo subscription's `{"payload": null}`. Stop reading then;
   * later bytes are ignored.
   */
  readonly finished: boolean;
}
