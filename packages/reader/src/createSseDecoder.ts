import { createPayloadInterpreter } from './createPayloadInterpreter.js';
import { createSseParser, type SseEvent } from './createSseParser.js';
import { ReaderError } from './ReaderError.js';
import type { Payload, PayloadDecoder } from './types.js';

/** Options of {@link createSseDecoder}. */
export interface SseDecoderOptions {
  /** Receives every payload, in order. */
  readonly onPayload: (payload: Payload) => void;
  /** Largest event in bytes; see {@link SseParserOptions.maxEventSize}. */
  readonly maxPartSize?: number | undefined;
}

/**
 * The {@link PayloadDecoder} for `text/event-stream` bodies (GraphQL over SSE, "distinct connections"
 * mode): every `next` event (or event without an `event:` field) carries one payload in its `data`;
 * `complete` ends the stream, with or without a `data:` line; other event types are ignored.
 *
 * The stream also counts as complete after a payload with `hasNext: false` (Yoga and Hot Chocolate
 * still send `complete`, but need not be waited for), and when it ends between events after a payload
 * that did not promise more (`hasNext` absent, as in a plain result or a subscription whose server
 * closes the connection). Ending after a `hasNext: true` payload, inside an event, or before any
 * payload is `TRUNCATED`.
 *
 * @param options - Payload callback and size limit.
 * @returns The decoder.
 * @see spec.md §3.2 and §3.5.
 */
export function createSseDecoder(options: SseDecoderOptions): PayloadDecoder {
  const events: SseEvent[] = [];
  const parser = createSseParser({ maxEventSize: options.maxPartSize, onEvent: (event) => events.push(event) });
  const interpreter = createPayloadInterpreter(options.onPayload);
  let completed = false;

  function interpretEvents(): void {
    try {
      for (const event of events) {
        if (completed || interpreter.finished) break;
        if (event.type === 'complete') completed = true;
        else if (event.type === 'next' || event.type === 'message') {
          interpreter.accept(event.data, event.index, event.offset);
        }
      }
    } finally {
      events.length = 0;
    }
  }

  const decoder: PayloadDecoder = {
    write(chunk) {
      if (decoder.finished) return;
      let parseFailed = false;
      let parseError: unknown;
      try {
        parser.write(chunk);
      } catch (error) {
        parseFailed = true;
        parseError = error;
      }
      interpretEvents();
      if (parseFailed && !decoder.finished) throw parseError;
    },
    end() {
      if (decoder.finished) return;
      parser.end();
      if (interpreter.payloadCount === 0 || interpreter.expectingMore) {
        throw new ReaderError(
          'TRUNCATED',
          interpreter.payloadCount === 0
            ? 'the event stream ended without any payload or "complete" event.'
            : 'the event stream ended after a payload with "hasNext": true, without a "complete" event.',
        );
      }
    },
    get finished() {
      return completed || interpreter.finished;
    },
  };
  return decoder;
}
