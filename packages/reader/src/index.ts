export { readPayloads, readPayloadBatches, type ReadPayloadsOptions } from './readPayloads.js';
export { createPayloadDecoder, DEFAULT_MAX_PART_SIZE, type PayloadDecoderOptions } from './createPayloadDecoder.js';
export { IncrementalError, isIncrementalError, type IncrementalErrorCode, type IncrementalErrorDetails } from './IncrementalError.js';
export type { Payload, PayloadDecoder } from './types.js';
