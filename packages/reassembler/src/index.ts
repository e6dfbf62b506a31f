export { createReassembler, type Reassembler } from './createReassembler.js';
export { ReassemblyError, formatPath, type ReassemblyErrorCode, type ReassemblyErrorContext } from './ReassemblyError.js';
export type {
  BoundaryKind,
  FailedBoundary,
  GraphQLErrorJSON,
  IncrementalResult,
  Path,
  PathSegment,
  PendingBoundary,
  WireFormat,
} from './types.js';
