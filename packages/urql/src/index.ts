export { incrementalExchange, type FetchOptions, type IncrementalExchangeOptions } from './incrementalExchange.js';
export { IncrementalError, isIncrementalError, type IncrementalErrorCode } from '@graphql-incremental/fetch';
