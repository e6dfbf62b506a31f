/** One step of a response path: a field's response key or a list index. */
export type PathSegment = string | number;

/** A response path, as GraphQL errors and incremental payloads carry it. */
export type Path = readonly PathSegment[];

/** A GraphQL error as it arrives (graphql-js `GraphQLFormattedError`), so that no `graphql` dependency is needed. */
export interface GraphQLErrorJSON {
  readonly message: string;
  readonly locations?: readonly { readonly line: number; readonly column: number }[];
  readonly path?: Path;
  readonly extensions?: { readonly [key: string]: unknown };
}

/** What a boundary delays: a `@defer`red fragment or a `@stream`ed list. */
export type BoundaryKind = 'defer' | 'stream';

/**
 * A deferred fragment or stream that the server announced and has not completed yet. Only the current
 * format announces boundaries (`pending`); with the others `pending` stays empty and `hasNext` is the only signal.
 */
export interface PendingBoundary {
  /** The server's id for the boundary (current format only). */
  readonly id?: string;
  /** For `defer`, the object that carries the fragment (`[]` for the root); for `stream`, the list. */
  readonly path: Path;
  /** The directive's `label` argument, when it had one. */
  readonly label?: string;
  readonly kind: BoundaryKind;
}

/**
 * A deferred fragment or stream that ended in an error: its remaining data will never arrive. The
 * data delivered before the failure stays in the result (a failure never writes `null` over data).
 */
export interface FailedBoundary extends PendingBoundary {
  /** The errors the server gave for the failure (also appended to the result's `errors`). */
  readonly errors: readonly GraphQLErrorJSON[];
}

/**
 * The wire format a response turned out to use.
 * - `current`: `pending` / `incremental` (with `id`) / `completed` (graphql-js 17, Apollo `incrementalSpec=v0.2`).
 * - `2022`: `incremental` entries located by `path` (Apollo `deferSpec=20220824`, graphql-js 17.0.0-alpha.2).
 * - `pre-2022`: one flat `{ data | items, path, label }` patch per payload.
 * - `single`: a plain result without `hasNext`: nothing was deferred.
 */
export type WireFormat = 'current' | '2022' | 'pre-2022' | 'single';

/**
 * The merged result after some payloads. Results are immutable: a result handed out never changes, and
 * each new result shares (`===`) every subtree that the payloads since the last one did not touch.
 */
export interface IncrementalResult<TData = Record<string, unknown>, TExtensions = Record<string, unknown>> {
  /** The data so far. Absent when the server sent none (a request error). */
  readonly data?: TData | null;
  /** Every error received so far, in arrival order: top-level, entry-level and boundary failures. */
  readonly errors?: readonly GraphQLErrorJSON[];
  /** Top-level and entry-level `extensions`, merged key by key (later payloads win). */
  readonly extensions?: TExtensions;
  /** `true` while the server has more payloads to send. */
  readonly hasNext: boolean;
  /** Boundaries announced and not yet completed, in announcement order (current format only). */
  readonly pending: readonly PendingBoundary[];
  /** Boundaries that failed, in the order the failures arrived. */
  readonly failed: readonly FailedBoundary[];
}
