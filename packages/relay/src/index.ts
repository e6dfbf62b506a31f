export { createFetchFunction, type FetchFunctionOptions, type IncrementalFetchFunction } from './createFetchFunction.js';
export { createPayloadTranslator, type RelayPayload } from './createPayloadTranslator.js';
export { IncrementalError, isIncrementalError, type IncrementalErrorCode } from '@graphql-incremental/reader';
