import { IncrementalError } from '@graphql-incremental/reader';
import { append, merge, setAt, walk, writable, write, type Drafts } from './resultTree.js';
import type { BoundaryKind, FailedBoundary, GraphQLErrorJSON, IncrementalResult, Path, PendingBoundary, WireFormat } from './types.js';
import { describe, fail, hasOwn, invalid, isArray, isRecord, readEntries, readErrors, readExtensions, readId, readLabel, readPath } from './wireValues.js';

/** Merges the payloads of one incremental response into one result. */
export interface Reassembler<TData = Record<string, unknown>, TExtensions = Record<string, unknown>> {
  /**
   * Applies one payload (parsed JSON, untrusted) and publishes the result.
   * @throws {IncrementalError} When the payload does not fit; {@link current} stays as it was.
   */
  apply(payload: unknown): IncrementalResult<TData, TExtensions>;
  /**
   * Applies several payloads and publishes one result for them all, so lists they grow are copied once.
   * @throws {IncrementalError} When a payload does not fit; those before it are applied and published.
   */
  applyAll(payloads: Iterable<unknown>): IncrementalResult<TData, TExtensions> | undefined;
  /**
   * Applies one payload without publishing; reading {@link current} publishes.
   * @throws {IncrementalError} When the payload does not fit; the state is as if it never came.
   */
  push(payload: unknown): void;
  /** The latest result, published now if payloads were pushed since; `undefined` before any payload. */
  readonly current: IncrementalResult<TData, TExtensions> | undefined;
  /** The wire format seen so far; `undefined` before any payload. */
  readonly format: WireFormat | undefined;
}

/** What a rejected payload must leave as it was; a copy of it is the restore point. */
interface State {
  data: unknown; // `undefined` until a payload brings data
  errors: GraphQLErrorJSON[];
  extensions: Record<string, unknown> | undefined;
  failed: FailedBoundary[];
  pending: readonly PendingBoundary[]; // as of the restore point; the live boundaries are in `open`
  hasNext: boolean;
  format: WireFormat | undefined;
  dead: ReadonlySet<string>; // 2022 format: lists whose stream failed; later items for them are dropped
}

const createState = (): State => ({ data: undefined, errors: [], extensions: undefined, failed: [], pending: [], hasNext: true, format: undefined, dead: new Set() });

/** Unpublished payloads kept for replay before a restore point is taken without publishing. */
const MAX_REPLAY = 256;

const withLabel = (label: string | undefined) => (label === undefined ? {} : { label });

/**
 * Creates a reassembler for one response. It reads every wire format without being told which: the
 * current one (`pending` / `incremental` / `completed` with ids), 2022 (entries located by `path`),
 * pre-2022 flat patches, Strawberry's hybrid, and plain results (a payload after a plain result starts
 * a new result, as subscription events and snapshot streams come).
 *
 * Results are immutable and structurally shared: a result handed out never changes, and the next one
 * shares (`===`) every subtree the payloads since did not touch. Wire keys named `__proto__`,
 * `constructor` or `prototype` are ordinary fields.
 *
 * @example
 * ```ts
 * const reassembler = createReassembler();
 * reassembler.apply({ data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true });
 * reassembler.apply({ incremental: [{ id: '0', data: { name: 'Luke' } }], completed: [{ id: '0' }], hasNext: false })
 *   .data; // { hero: { id: '1', name: 'Luke' } }
 * ```
 */
export function createReassembler<TData = Record<string, unknown>, TExtensions = Record<string, unknown>>(): Reassembler<TData, TExtensions> {
  type Result = IncrementalResult<TData, TExtensions>;
  const drafts: Drafts = { copies: new Set(), size: 0 };
  let restorePoint = createState();
  let state = { ...restorePoint };
  // Payloads applied since the restore point: a failure restores it and applies these again.
  let replay: unknown[] = [];
  let open = new Map<string, PendingBoundary>();
  let openChanged = false;
  let dirty = false;
  let received = 0;
  let result: Result | undefined;

  function push(payload: unknown): void {
    const payloadIndex = received++;
    try {
      applyPayload(payload);
    } catch (error) {
      load(restorePoint);
      for (const earlier of replay) applyPayload(earlier);
      if (!(error instanceof IncrementalError)) throw error;
      throw new IncrementalError(error.code, error.message, { payloadIndex, ...(error.path && { path: error.path }) });
    }
    dirty = true;
    // A restore point costs about what the drafts and `open` hold (copied again after it): waiting for
    // as many payloads keeps that linear, and the replay list within the size of the state.
    if (replay.push(payload) >= Math.max(MAX_REPLAY, drafts.size + open.size)) takeRestorePoint();
  }

  function load(saved: State): void {
    state = { ...saved };
    open = new Map(saved.pending.map((boundary) => [boundary.id!, boundary]));
    openChanged = false;
    clearDrafts();
  }

  function takeRestorePoint(): void {
    if (openChanged) state.pending = [...open.values()];
    openChanged = false;
    clearDrafts();
    restorePoint = { ...state };
    replay = [];
  }

  function clearDrafts(): void {
    drafts.copies.clear();
    drafts.size = 0;
  }

  function publish(): Result | undefined {
    if (!dirty) return result;
    takeRestorePoint();
    dirty = false;
    const { data, errors, extensions, hasNext, pending, failed } = state;
    result = {
      ...(data === undefined ? {} : { data: data as TData | null }),
      ...(errors.length > 0 ? { errors } : {}),
      ...(extensions === undefined ? {} : { extensions: extensions as TExtensions }),
      hasNext,
      pending,
      failed,
    };
    return result;
  }

  function applyPayload(payload: unknown): void {
    if (!isRecord(payload)) return invalid('the payload', 'an object', payload);
    // After a plain result, a payload starts a new one: subscription events and snapshot streams.
    if (state.format === 'single') load(createState());
    else if (!state.hasNext) fail('PAYLOAD_AFTER_END', 'expected no payload after hasNext: false, got one');
    const initial = state.format === undefined;
    if (initial && !hasOwn(payload, 'data') && !hasOwn(payload, 'errors')) {
      fail('INVALID_PAYLOAD', 'expected a GraphQL response (data or errors), got neither');
    }
    const { hasNext, data } = payload;
    if (hasNext !== undefined && typeof hasNext !== 'boolean') invalid('hasNext', 'a boolean', hasNext);
    if (!initial && hasOwn(payload, 'path') && !hasOwn(payload, 'incremental')) {
      // A pre-2022 patch is its own single entry, errors and extensions included.
      applyPathEntry(payload, true);
    } else {
      if (data !== undefined && data !== null && !isRecord(data)) invalid('data', 'an object', data);
      if (initial) state.data = data;
      else if (data) state.data = state.data === undefined ? data : merge(drafts, state.data, data);
      appendErrors(readErrors(payload['errors']));
      mergeExtensions(readExtensions(payload['extensions']));
      const announced = readEntries(payload['pending'], 'pending').map(announce);
      for (const entry of readEntries(payload['incremental'], 'incremental')) {
        if (hasOwn(entry, 'id')) applyIdEntry(entry);
        else applyPathEntry(entry);
      }
      for (const entry of readEntries(payload['completed'], 'completed')) complete(entry);
      // This payload's own data may have brought the list that makes a boundary a stream.
      for (const boundary of announced) if (open.get(boundary.id!) === boundary) setKind(boundary, kindAt(boundary.path));
    }
    state.format ??= hasNext === undefined ? 'single' : '2022';
    state.hasNext = hasNext ?? (state.format !== 'single' && state.hasNext);
    if (!state.hasNext && open.size > 0) {
      open.clear();
      openChanged = true;
    }
  }

  /** Records the format an entry shows; once a payload showed ids, the response is in the current format. */
  function show(format: WireFormat): void {
    if (state.format !== 'current') state.format = format;
  }

  function announce(entry: Record<string, unknown>): PendingBoundary {
    const id = readId(entry['id']);
    const path = readPath(entry['path']);
    if (open.has(id)) fail('DUPLICATE_ID', `expected a new id, got pending "${id}"`, path);
    const boundary = { id, path, ...withLabel(readLabel(entry['label'])), kind: kindAt(path) };
    open.set(id, boundary);
    openChanged = true;
    show('current');
    return boundary;
  }

  function pendingFor(entry: Record<string, unknown>): PendingBoundary {
    const id = readId(entry['id']);
    show('current');
    return open.get(id) ?? fail('UNKNOWN_ID', `expected a pending id, got "${id}"`);
  }

  /** A current-format entry: `data` for a deferred fragment, or `items` for a stream. */
  function applyIdEntry(entry: Record<string, unknown>): void {
    const boundary = pendingFor(entry);
    const { items, data } = entry;
    if (hasOwn(entry, 'items')) {
      if (!isArray(items)) invalid('items', 'a list', items);
      setKind(boundary, 'stream');
      writeItems(boundary.path, undefined, items);
    } else {
      if (!isRecord(data)) invalid('data', 'an object', data);
      mergeAt([...boundary.path, ...readPath(entry['subPath'] ?? [], 'subPath')], data);
    }
    appendErrors(readErrors(entry['errors']));
    mergeExtensions(readExtensions(entry['extensions']));
  }

  function complete(entry: Record<string, unknown>): void {
    const boundary = pendingFor(entry);
    open.delete(boundary.id!);
    openChanged = true;
    const errors = readErrors(entry['errors']);
    if (errors.length > 0) recordFailure({ ...boundary, errors });
  }

  /** A 2022 entry, located by `path`; with `patch`, a whole pre-2022 payload. */
  function applyPathEntry(entry: Record<string, unknown>, patch = false): void {
    show(patch ? 'pre-2022' : '2022');
    const path = readPath(entry['path']);
    const label = withLabel(readLabel(entry['label']));
    const errors = readErrors(entry['errors']);
    const last = path[path.length - 1];
    const index = typeof last === 'number' ? last : undefined;
    const listPath = index === undefined ? path : path.slice(0, -1);
    const { data } = entry;
    let { items } = entry;
    let isStream = hasOwn(entry, 'items');
    if (patch && !isStream && index !== undefined && hasOwn(entry, 'data')) {
      // A pre-2022 stream item is `data` at the index just past the end of its list.
      const list = walk(state.data, listPath);
      isStream = isArray(list) && index >= list.length;
      if (isStream) items = [data];
    }
    // Set when the entry reports a failure: `data: null`, `items: null`, or Tanka's `path` and `errors` only.
    let failed: BoundaryKind | undefined;
    if (isStream) {
      if (items === null) failed = 'stream';
      else if (!isArray(items)) invalid('items', 'a list', items);
      // Hot Chocolate (`incrementalSpec=v0.1`) names the list itself: the items then go at its end.
      else if (state.dead.size === 0 || !state.dead.has(JSON.stringify(listPath))) writeItems(listPath, index, items);
    } else if (hasOwn(entry, 'data') && data !== null) {
      if (!isRecord(data)) invalid('data', 'an object or null', data);
      mergeAt(path, data);
    } else {
      failed = !hasOwn(entry, 'data') && index !== undefined && walk(state.data, path) === undefined ? 'stream' : 'defer';
    }
    if (failed === 'stream') {
      // Servers disagree on whether a failed stream's path ends in an index: never place by it.
      state.dead = new Set(state.dead).add(JSON.stringify(listPath));
    }
    if (failed === undefined) appendErrors(errors);
    else recordFailure({ path: failed === 'stream' ? listPath : path, ...label, kind: failed, errors });
    mergeExtensions(readExtensions(entry['extensions']));
  }

  /** The object or list at `path`, or `null` when an error nulled it or a parent: its data is dropped. */
  function find(path: Path, list: boolean): unknown {
    const found = walk(state.data, path);
    if (found !== null && (typeof found !== 'object' || isArray(found) !== list)) {
      const code = found === undefined ? 'PATH_NOT_FOUND' : list ? 'NOT_A_LIST' : 'NOT_AN_OBJECT';
      fail(code, `expected ${list ? 'a list' : 'an object'}, got ${describe(found)}`, path);
    }
    return found;
  }

  function mergeAt(path: Path, data: Record<string, unknown>): void {
    const target = find(path, false);
    if (target !== null) state.data = setAt(drafts, state.data, path, merge(drafts, target, data));
  }

  /** Writes `items` into the list at `listPath` from `start` (default: its end), merging where items exist. */
  function writeItems(listPath: Path, start: number | undefined, items: readonly unknown[]): void {
    const list = find(listPath, true) as unknown[] | null;
    if (list === null) return;
    const from = start ?? list.length;
    if (from > list.length) fail('INDEX_OUT_OF_RANGE', `expected items from index ${list.length} at most, got index ${from}`, [...listPath, from]);
    let draft = list;
    if (from === list.length && items.length > 0) {
      draft = append(drafts, list, items);
    } else {
      // Items that overlap the list merge into it (2022 servers may send more initial items than asked).
      for (let offset = 0; offset < items.length; offset += 1) {
        const index = from + offset;
        const value = index < list.length ? merge(drafts, list[index], items[offset]) : items[offset];
        if (value !== draft[index]) draft = write(drafts, draft, index, value);
      }
    }
    if (draft !== list) state.data = setAt(drafts, state.data, listPath, draft);
  }

  function recordFailure(boundary: FailedBoundary): void {
    state.failed = writable(drafts, state.failed);
    state.failed.push(boundary);
    appendErrors(boundary.errors);
  }

  function appendErrors(errors: readonly GraphQLErrorJSON[]): void {
    if (errors.length > 0) state.errors = writable(drafts, state.errors);
    for (const error of errors) state.errors.push(error);
  }

  function mergeExtensions(extensions: Record<string, unknown> | undefined): void {
    for (const key in extensions) state.extensions = write(drafts, state.extensions ?? {}, key, extensions[key]);
  }

  function setKind(boundary: PendingBoundary, kind: BoundaryKind): void {
    if (boundary.kind === kind) return;
    open.set(boundary.id!, { ...boundary, kind });
    openChanged = true;
  }

  const kindAt = (path: Path): BoundaryKind => (isArray(walk(state.data, path)) ? 'stream' : 'defer');

  return {
    apply(payload) {
      push(payload);
      return publish()!;
    },
    applyAll(payloads) {
      try {
        for (const payload of payloads) push(payload);
      } finally {
        publish();
      }
      return result;
    },
    push,
    get current() {
      return publish();
    },
    get format() {
      return state.format;
    },
  };
}
