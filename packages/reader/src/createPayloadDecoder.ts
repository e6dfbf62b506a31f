import { createEventStreamSplitter } from './createEventStreamSplitter.js';
import { createLineSplitter } from './createLineSplitter.js';
import { createMultipartSplitter } from './createMultipartSplitter.js';
import { findObjectEnd } from './findObjectEnd.js';
import { IncrementalError, malformed, tooLarge } from './IncrementalError.js';
import type { Payload, PayloadDecoder, TextFramer } from './types.js';

/** Default `maxPartSize`: a bound on what a hostile or broken server can make the client buffer. */
export const DEFAULT_MAX_PART_SIZE = 16 * 1024 * 1024;

/** An empty part or `{}`: a heartbeat. */
const HEARTBEAT = /^\s*(?:\{\s*\})?\s*$/;
// RFC 2046 boundaries hold no `"` or `\`, and `'` is an ordinary character in them.
const BOUNDARY = /boundary\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i;

/** Options of {@link createPayloadDecoder}. */
export interface PayloadDecoderOptions {
  /** The response `Content-Type` header, as sent. */
  readonly contentType: string | null | undefined;
  /** Receives every payload, in order. */
  readonly onPayload: (payload: Payload) => void;
  /** The longest part, event, line or JSON body, in characters; default {@link DEFAULT_MAX_PART_SIZE}. */
  readonly maxPartSize?: number | undefined;
}

/**
 * Creates the decoder for one response body, by its `Content-Type` (not by what was asked for:
 * servers answer JSON when nothing ended up deferred):
 * - `multipart/mixed` (any boundary, default `-`): a payload per part, every server's framing;
 * - `text/event-stream`: a payload per `next` event;
 * - `application/jsonl`, `application/graphql-response+jsonl` (Hot Chocolate), NDJSON: a payload per line;
 * - anything else, or none: one JSON payload, as Apollo's HttpLink reads it.
 *
 * Bytes are decoded once, with a streaming `TextDecoder`, so multi-byte characters split across chunks
 * stay whole. Empty parts and `{}` heartbeats are skipped; Apollo multipart subscriptions are unwrapped
 * (`{"payload": …}`; `{"payload": null}` ends them, transport `errors` are thrown). The response is
 * complete after a payload with `hasNext: false`, the multipart close delimiter or the SSE `complete`.
 *
 * @param options - Content type, payload callback, size limit.
 * @returns The decoder.
 * @throws {RangeError} For a `maxPartSize` that is not a positive number.
 * @example
 * ```ts
 * const decoder = createPayloadDecoder({ contentType: xhr.getResponseHeader('content-type'), onPayload: render });
 * decoder.write(bytes); // as they arrive
 * if (!decoder.finished) decoder.end();
 * ```
 */
export function createPayloadDecoder({ contentType, onPayload, maxPartSize = DEFAULT_MAX_PART_SIZE }: PayloadDecoderOptions): PayloadDecoder {
  if (!(maxPartSize > 0)) throw new RangeError(`maxPartSize must be positive, got ${maxPartSize}`);
  const type = (contentType ?? '').toLowerCase();
  const multipart = type.startsWith('multipart/');
  // A JSON body is never a heartbeat or an envelope.
  const whole = !/multipart\/|event-stream|jsonl|ndjson/.test(type);
  const framer: TextFramer = multipart
    ? createMultipartSplitter(boundaryOf(contentType!), maxPartSize)
    : type.includes('event-stream')
      ? createEventStreamSplitter(maxPartSize)
      : whole
        ? readJsonBody(maxPartSize)
        : splitJsonLines(maxPartSize);
  framer.next();
  // Made at the first bytes: React Native's fetch hands out text, and Hermes may have no TextDecoder.
  let text: TextDecoder | undefined;
  let index = 0;
  let finished = false;
  const receiver: Receiver = { onPayload, owed: undefined };

  /** Sends text to the framer (nothing at the end) and parses every body it completes, until the response is complete. */
  const send = (chunk?: string): void => {
    let step = framer.next(chunk);
    for (; typeof step.value === 'string'; step = framer.next()) if ((finished = accept(step.value, index++, whole, multipart, receiver))) return;
    finished = step.value === true;
  };

  return {
    write(chunk) {
      if (!finished) send(typeof chunk === 'string' ? chunk : (text ??= new TextDecoder()).decode(chunk, { stream: true }));
    },
    end() {
      if (finished) return;
      try {
        send(text?.decode() ?? '');
        if (!finished) send();
      } catch (error) {
        // What cannot be parsed at the end of a stream was cut short.
        throw !whole && error instanceof IncrementalError && error.code === 'INVALID_JSON' ? new IncrementalError('TRUNCATED', 'the body ended inside a part', { partIndex: error.partIndex! }) : error;
      }
      if (!finished && receiver.owed !== '') throw new IncrementalError('TRUNCATED', `the body ended ${receiver.owed ?? 'before any payload'}`);
    },
    get finished() {
      return finished;
    },
  };
}

/** Where {@link accept} hands payloads: the callback, and what the response still owes after the last one ('' nothing, `undefined` before the first). */
interface Receiver {
  readonly onPayload: (payload: Payload) => void;
  owed: string | undefined;
}

/**
 * Parses one part, event or line and hands its payload on. Module functions, not closures per response,
 * so that their optimized code outlives each response.
 *
 * @returns `true` once the response is complete; a problem after that is not the client's concern.
 */
function accept(body: string, partIndex: number, whole: boolean, multipart: boolean, receiver: Receiver): boolean {
  if (!whole && body.length < 16 && HEARTBEAT.test(body)) return false;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (cause) {
    // Rare enough to look at only now: a byte order mark, nothing at all, or bytes after a part's object.
    const json = body.trim();
    if (json !== body) return accept(json, partIndex, whole, multipart, receiver);
    if (json === '' && !whole) return false;
    const end = multipart ? findObjectEnd(json) : -1;
    if (end === -1 || end === json.length) throw new IncrementalError('INVALID_JSON', `expected JSON, got ${preview(json)}`, { partIndex, cause });
    if (accept(json.slice(0, end), partIndex, whole, multipart, receiver)) return true;
    throw malformed(partIndex);
  }
  const payload = asObject(value, partIndex);
  if (whole || !Object.hasOwn(payload, 'payload')) return emit(payload, receiver);
  // An Apollo multipart subscription envelope; a GraphQL response never has a `payload` key.
  const inner = payload['payload'];
  if (inner !== null && emit(asObject(inner, partIndex), receiver)) return true;
  const errors = payload['errors'];
  if (Array.isArray(errors) && errors.length > 0) {
    const messages = errors.map((error: { message?: unknown }) => error?.message ?? JSON.stringify(error)).join('; ');
    throw new IncrementalError('TRANSPORT_ERROR', `the server ended the subscription: ${messages}`, { partIndex, errors });
  }
  // A subscription goes on until the close delimiter or `{"payload": null}`: a body cut before either is truncated.
  receiver.owed = 'after a subscription event, without the close delimiter';
  return inner === null;
}

/** @returns `true` once the response is complete. */
function emit(payload: Payload, receiver: Receiver): boolean {
  const hasNext = payload['hasNext'];
  receiver.owed = hasNext === true ? 'after a payload with "hasNext": true' : '';
  receiver.onPayload(payload);
  return hasNext === false;
}

/** One JSON body: all of the text. */
function* readJsonBody(maxPartSize: number): TextFramer {
  let body = '';
  for (let text = yield false; text !== undefined; text = yield false) if ((body += text).length > maxPartSize) throw tooLarge(maxPartSize);
  yield body;
  return false;
}

/** JSON Lines: a body per line, the unfinished last one included. */
function* splitJsonLines(maxPartSize: number): TextFramer {
  yield yield* createLineSplitter(maxPartSize);
  return false;
}

/** The boundary parameter, quoted or bare; `-` when missing. */
function boundaryOf(contentType: string): string {
  const match = BOUNDARY.exec(contentType);
  return (match?.[1] ?? match?.[2]) || '-';
}

function asObject(value: unknown, partIndex: number): Payload {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Payload;
  throw new IncrementalError('INVALID_PAYLOAD', `expected an object, got ${preview(JSON.stringify(value))}`, { partIndex });
}

function preview(text: string): string {
  return JSON.stringify(text.slice(0, 80));
}
