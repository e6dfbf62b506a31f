export { fetchIncremental } from './fetchIncremental.js';
export { FetchIncrementalError, type FetchIncrementalErrorCode } from './FetchIncrementalError.js';
export { buildAcceptHeader } from './buildAcceptHeader.js';
export { isSubscription } from './isSubscription.js';
export type {
  DocumentTypeDecoration,
  FetchIncrementalInit,
  FetchResult,
  IncrementalRequest,
  PreferredFormat,
  PreferredTransport,
  QueryDocument,
  ResultOf,
  TypedDocumentNode,
  VariablesOf,
} from './types.js';
export { ReaderError, isReaderError, type ReaderErrorCode } from '@graphql-incremental/reader';
export {
  ReassemblyError,
  type FailedBoundary,
  type GraphQLErrorJSON,
  type IncrementalResult,
  type PendingBoundary,
  type ReassemblyErrorCode,
} from '@graphql-incremental/reassembler';
