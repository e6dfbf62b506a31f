export { readPayloads, readPayloadBatches, type ReadPayloadsOptions } from './readPayloads.js';
export { createPayloadDecoder, SUPPORTED_MEDIA_TYPES, type PayloadDecoderOptions } from './createPayloadDecoder.js';
export {
  createMultipartParser,
  type MultipartParser,
  type MultipartParserOptions,
  type MultipartPart,
} from './createMultipartParser.js';
export { createSseParser, type SseEvent, type SseParser, type SseParserOptions } from './createSseParser.js';
export { parseContentType, getBoundary, isJsonMediaType, DEFAULT_BOUNDARY, type ContentType } from './parseContentType.js';
export { ReaderError, isReaderError, type ReaderErrorCode, type ReaderErrorContext } from './ReaderError.js';
export { DEFAULT_MAX_PART_SIZE } from './limits.js';
export type { Payload, PayloadDecoder } from './types.js';
export { IncrementalError, isIncrementalError, type IncrementalErrorCode, type IncrementalErrorDetails } from './IncrementalError.js';
