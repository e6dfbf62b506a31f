export { createFetchFunction, type FetchFunctionOptions } from './createFetchFunction.js';
export { createPayloadTranslator, type RelayPayload } from './createPayloadTranslator.js';
export { IncrementalError, isIncrementalError, type IncrementalErrorCode } from '@graphql-incremental/reader';
