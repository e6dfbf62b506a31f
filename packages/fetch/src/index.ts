export { fetchIncremental } from './fetchIncremental.js';
export { readResults } from './readResults.js';
export { sendRequest } from './sendRequest.js';
export { buildAcceptHeader } from './buildAcceptHeader.js';
export { isSubscription } from './isSubscription.js';
export { PACE_MIN_MS, PACE_RATIO } from './mergeResults.js';
export type {
  DocumentTypeDecoration,
  FetchIncrementalInit,
  FetchResult,
  IncrementalRequest,
  PreferredFormat,
  PreferredTransport,
  ReadResultsInit,
  QueryDocument,
  ResultOf,
  TypedDocumentNode,
  VariablesOf,
} from './types.js';
export { IncrementalError, isIncrementalError, type IncrementalErrorCode } from '@graphql-incremental/reader';
export type { FailedBoundary, GraphQLErrorJSON, IncrementalResult, PendingBoundary } from '@graphql-incremental/reassembler';
