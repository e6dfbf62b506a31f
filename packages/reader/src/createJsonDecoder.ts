import { isBlank, isJsonObject, notAnObject, parseJson } from './createPayloadInterpreter.js';
import { partTooLarge, resolveMaxPartSize } from './limits.js';
import { ReaderError } from './ReaderError.js';
import type { Payload, PayloadDecoder } from './types.js';

/** Options of {@link createJsonDecoder}. */
export interface JsonDecoderOptions {
  /** Receives the one payload. */
  readonly onPayload: (payload: Payload) => void;
  /** Largest body accepted, in bytes; defaults to {@link DEFAULT_MAX_PART_SIZE}. */
  readonly maxPartSize?: number | undefined;
}

/**
 * The {@link PayloadDecoder} for `application/json` and `application/graphql-response+json` bodies:
 * one payload, parsed when the body ends. Servers answer this way when a result turns out not to be
 * incremental even though multipart was accepted (spec §3.1). The body is decoded as it arrives with a
 * streaming `TextDecoder` (each byte once, multi-byte characters across chunks intact).
 *
 * @param options - Payload callback and size limit.
 * @returns The decoder.
 */
export function createJsonDecoder(options: JsonDecoderOptions): PayloadDecoder {
  const maxPartSize = resolveMaxPartSize(options.maxPartSize);
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  let finished = false;

  return {
    write(chunk) {
      if (finished) return;
      size += chunk.length;
      if (size > maxPartSize) throw partTooLarge('The JSON body', maxPartSize, undefined, 0);
      text += decoder.decode(chunk, { stream: true });
    },
    end() {
      if (finished) return;
      text += decoder.decode();
      if (isBlank(text)) throw new ReaderError('INVALID_JSON', 'the JSON response body is empty.', { offset: 0 });
      const value = parseJson(text);
      if (!isJsonObject(value)) throw notAnObject(value);
      finished = true;
      options.onPayload(value);
    },
    get finished() {
      return finished;
    },
  };
}
