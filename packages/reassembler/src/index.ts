export { createReassembler, type Reassembler } from './createReassembler.js';
export { IncrementalError, isIncrementalError, type IncrementalErrorCode } from '@graphql-incremental/reader';
export type { BoundaryKind, FailedBoundary, GraphQLErrorJSON, IncrementalResult, Path, PathSegment, PendingBoundary, WireFormat } from './types.js';
