import type { GraphQLErrorJSON, Path, WireFormat } from './types.js';

/**
 * The one internal model every wire format is read into, so that merging exists once.
 * Each format's reader (`formats/*.ts`) turns its entries into these steps; `createReassembler`
 * executes them in order.
 */
export type Step =
  /** Current format: deferred `data` for pending `id`, at its path plus `subPath`. */
  | {
      readonly type: 'defer-by-id';
      readonly id: string;
      readonly subPath: Path;
      readonly data: Record<string, unknown>;
      readonly errors: readonly GraphQLErrorJSON[];
      readonly extensions: Record<string, unknown> | undefined;
      readonly entry: string;
    }
  /** Current format: stream `items` appended to the list of pending `id`. */
  | {
      readonly type: 'stream-by-id';
      readonly id: string;
      readonly items: readonly unknown[];
      readonly errors: readonly GraphQLErrorJSON[];
      readonly extensions: Record<string, unknown> | undefined;
      readonly entry: string;
    }
  /** Current format: pending `id` is done; with errors, it failed. */
  | {
      readonly type: 'complete';
      readonly id: string;
      readonly errors: readonly GraphQLErrorJSON[];
      readonly entry: string;
    }
  /** 2022 / pre-2022: deferred `data` merged into the object at `path`; `null` means the fragment failed. */
  | {
      readonly type: 'defer-at-path';
      readonly path: Path;
      readonly label: string | undefined;
      readonly data: Record<string, unknown> | null;
      readonly errors: readonly GraphQLErrorJSON[];
      readonly extensions: Record<string, unknown> | undefined;
      readonly entry: string;
    }
  /**
   * 2022 / pre-2022: stream `items` written from the index that ends `path`; `null` means the stream
   * failed. `path` of a failure may or may not end in an index, depending on the server.
   */
  | {
      readonly type: 'stream-at-path';
      readonly path: Path;
      readonly label: string | undefined;
      readonly items: readonly unknown[] | null;
      readonly errors: readonly GraphQLErrorJSON[];
      readonly extensions: Record<string, unknown> | undefined;
      readonly entry: string;
    }
  /**
   * Pre-2022: `data` at a path that ends in a list index. At the end of the list it is a streamed item
   * (any JSON value, `null` included); inside the list it is a fragment deferred on that item.
   */
  | {
      readonly type: 'patch-at-index';
      readonly path: Path;
      readonly label: string | undefined;
      readonly value: unknown;
      readonly entry: string;
    }
  /** 2022-like (Tanka): an entry with `path` and `errors` but neither `data` nor `items`: a failure. */
  | {
      readonly type: 'failure-at-path';
      readonly path: Path;
      readonly label: string | undefined;
      readonly errors: readonly GraphQLErrorJSON[];
      readonly extensions: Record<string, unknown> | undefined;
      readonly entry: string;
    };

/** A `pending` entry of the current format. */
export interface Announcement {
  readonly id: string;
  readonly path: Path;
  readonly label: string | undefined;
  readonly entry: string;
}

/** One payload, read and checked, in the internal model. */
export interface NormalizedPayload {
  /** `undefined` when the payload has no `hasNext` (a plain result, or a lenient server). */
  readonly hasNext: boolean | undefined;
  /** Whether the payload carries top-level `data` to set (initial) or merge at the root (later). */
  readonly hasData: boolean;
  readonly data: Record<string, unknown> | null;
  readonly errors: readonly GraphQLErrorJSON[];
  readonly extensions: Record<string, unknown> | undefined;
  readonly pending: readonly Announcement[];
  readonly steps: readonly Step[];
  /** The format this payload shows, when it shows one. */
  readonly format: WireFormat | undefined;
}
