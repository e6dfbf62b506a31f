import { ReaderError } from './ReaderError.js';
import type { Payload } from './types.js';

/** Applies the rules shared by the streaming formats to the text of each part or event. */
export interface PayloadInterpreter {
  /**
   * Parses one part's or event's text and passes on the payload it carries, if any.
   *
   * @param text - The decoded body.
   * @param partIndex - Index of the multipart part or SSE event, for errors.
   * @param offset - Byte offset of its body in the response body, for errors.
   * @throws {ReaderError} `INVALID_JSON`, `INVALID_PAYLOAD` or `TRANSPORT_ERROR`.
   */
  accept(text: string, partIndex: number, offset: number): void;
  /** `true` after a payload with `hasNext: false` or an Apollo subscription end (`{"payload": null}`). */
  readonly finished: boolean;
  /** Payloads passed on so far. */
  readonly payloadCount: number;
  /** Whether the last payload passed on had `hasNext: true`, i.e. promised more. */
  readonly expectingMore: boolean;
}

const NON_BLANK = /\S/;
const PREVIEW_LENGTH = 120;

/**
 * Tells whether a part's or event's text is empty or only whitespace (such parts are skipped:
 * Strawberry sends an empty part before its close delimiter, spec §3.6).
 *
 * @param text - A decoded body.
 * @returns `true` when there is nothing to parse.
 */
export function isBlank(text: string): boolean {
  return !NON_BLANK.test(text);
}

/**
 * Creates the interpreter that the multipart and SSE decoders share:
 * - empty bodies and `{}` are heartbeats and are skipped (spec §3.4 item 7, Router and Strawberry
 *   send `{}` every 5 s on subscriptions);
 * - an object with an own `payload` key is an Apollo multipart subscription envelope (spec §3.6, the
 *   same test Apollo Client uses): its `payload` is passed on, `{"payload": null}` ends the stream,
 *   and top-level `errors` next to it are transport errors, thrown as `TRANSPORT_ERROR` after the
 *   payload (if any) was passed on. A GraphQL response never has a top-level `payload` key.
 * - a payload with `hasNext: false` is the last one.
 *
 * @param onPayload - Receives every payload, in order.
 * @returns The interpreter.
 */
export function createPayloadInterpreter(onPayload: (payload: Payload) => void): PayloadInterpreter {
  let finished = false;
  let payloadCount = 0;
  let expectingMore = false;

  function pass(payload: Payload): void {
    payloadCount++;
    expectingMore = payload['hasNext'] === true;
    onPayload(payload);
    if (payload['hasNext'] === false) finished = true;
  }

  return {
    accept(text, partIndex, offset) {
      if (finished || isBlank(text)) return;
      const value = parseJson(text, partIndex, offset);
      if (!isJsonObject(value)) throw notAnObject(value, partIndex, offset);
      if (isEmptyObject(value)) return;
      if (!Object.hasOwn(value, 'payload')) {
        pass(value);
        return;
      }
      const payload = value['payload'];
      const errors = value['errors'];
      if (payload !== null) {
        if (!isJsonObject(payload)) throw notAnObject(payload, partIndex, offset, 'The subscription envelope\'s "payload"');
        pass(payload);
      }
      if (Array.isArray(errors) && errors.length > 0) {
        finished = true;
        throw new ReaderError(
          'TRANSPORT_ERROR',
          `the server ended the subscription with a transport error: ${describeErrors(errors)}`,
          { partIndex, offset, errors },
        );
      }
      if (payload === null) finished = true;
    },
    get finished() {
      return finished;
    },
    get payloadCount() {
      return payloadCount;
    },
    get expectingMore() {
      return expectingMore;
    },
  };
}

/**
 * Parses JSON, turning a `SyntaxError` into an `INVALID_JSON` {@link ReaderError} that names the part.
 *
 * @param text - The decoded body.
 * @param partIndex - The part's or event's index; `undefined` for a whole JSON response.
 * @param offset - Byte offset of the text; `undefined` for a whole JSON response.
 * @returns The parsed value.
 * @throws {ReaderError} `INVALID_JSON`.
 */
export function parseJson(text: string, partIndex?: number, offset?: number): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ReaderError('INVALID_JSON', `expected a JSON payload, but ${reason}. The text starts with ${preview(text)}.`, {
      partIndex,
      offset,
      cause,
    });
  }
}

/**
 * Tells whether a parsed JSON value is an object (not an array, not `null`).
 *
 * @param value - A value from `JSON.parse`.
 * @returns `true` for a JSON object.
 */
export function isJsonObject(value: unknown): value is Payload {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The error for JSON that is not an object.
 *
 * @param value - What arrived.
 * @param partIndex - Where; `undefined` for a whole JSON response.
 * @param offset - Where; `undefined` for a whole JSON response.
 * @param what - What was supposed to be an object.
 * @returns An `INVALID_PAYLOAD` error.
 */
export function notAnObject(value: unknown, partIndex?: number, offset?: number, what = 'A payload'): ReaderError {
  const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return new ReaderError('INVALID_PAYLOAD', `${what} must be a JSON object (a GraphQL response), got ${kind}.`, { partIndex, offset });
}

function isEmptyObject(value: Payload): boolean {
  for (const key in value) {
    if (Object.hasOwn(value, key)) return false;
  }
  return true;
}

function describeErrors(errors: readonly unknown[]): string {
  return errors
    .map((error) => (isJsonObject(error) && typeof error['message'] === 'string' ? error['message'] : JSON.stringify(error)))
    .join('; ');
}

function preview(text: string): string {
  return JSON.stringify(text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text);
}
