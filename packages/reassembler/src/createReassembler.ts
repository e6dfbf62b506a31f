import { IncrementalError } from '@graphql-incremental/reader';
import { createDrafts, walk } from './resultTree.js';
import type { BoundaryKind, FailedBoundary, GraphQLErrorJSON, IncrementalResult, Path, PendingBoundary, WireFormat } from './types.js';
import { fail, hasOwn, invalid, isArray, isRecord, read, readEntries, readErrors, readId, readLabel, readPath, typeOf, type Entry } from './wireValues.js';

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

/**
 * The result being built (fields `undefined` until they have something) and what else a rejected payload must
 * not change, as of the last result. The live state is in variables: an object whose fields come and go changes
 * shape, and the code that reads it is deoptimised again and again.
 */
type State = readonly [
  data: unknown,
  errors: GraphQLErrorJSON[] | undefined,
  extensions: Record<string, unknown> | undefined,
  hasNext: boolean,
  pending: readonly PendingBoundary[],
  failed: FailedBoundary[],
  format: WireFormat | undefined,
  dead: ReadonlySet<string> | undefined,
  parked: readonly (() => void)[],
];

/** Payloads pushed without reading `current` before they are published all the same (see `push`). */
const MAX_REPLAY = 256;

/** Entries that may wait for their object at once: each payload tries them all again. */
const MAX_PARKED = 1000;

/**
 * Creates a reassembler for one response. It reads every wire format without being told which: the
 * current one (`pending` / `incremental` / `completed` with ids), 2022 (entries located by `path`),
 * pre-2022 flat patches, Strawberry's hybrid, and plain results (a payload after a plain result starts
 * a new result, as subscription events and snapshot streams come). Results are immutable and share
 * (`===`) every subtree the payloads since did not touch. Wire keys such as `__proto__` are ordinary fields.
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
  const { write, append, setAt, merge, ...drafts } = createDrafts();
  let data: unknown;
  let errors: GraphQLErrorJSON[] | undefined;
  let extensions: Record<string, unknown> | undefined;
  let hasNext = true;
  let pending: readonly PendingBoundary[] = []; // as last published; the live boundaries are in `open`
  let failed: FailedBoundary[] = [];
  let format: WireFormat | undefined;
  let dead: ReadonlySet<string> | undefined; // 2022 format: lists whose stream failed (later items for them are dropped); none: no key to make
  // Entries located by path whose object has not arrived yet, each waiting for a later payload to bring it.
  let parked: State[8] = [];
  const initial: State = [data, errors, extensions, hasNext, pending, failed, format, dead, parked];
  let restorePoint = initial;
  const restore = (point: State) => ([data, errors, extensions, hasNext, pending, failed, format, dead, parked] = point);
  // Payloads applied since the last result: a rejected payload restores that and applies these again.
  let replay: unknown[] = [];
  let open = new Map<string, PendingBoundary>();
  let openChanged = false;
  let received = 0;
  let result: Result | undefined;

  function push(payload: unknown): void {
    const payloadIndex = received++;
    try {
      applyPayload(payload);
    } catch (error) {
      restore(restorePoint);
      open = new Map(pending.map((boundary) => [boundary.id!, boundary]));
      openChanged = false;
      drafts.clear();
      for (const earlier of replay) applyPayload(earlier);
      throw error instanceof IncrementalError ? new IncrementalError(error.code, error.message, { ...error, payloadIndex }) : error;
    }
    // Publishing costs about what the drafts and `open` hold (copied again after it): waiting for as
    // many payloads keeps that linear, and the replay list within the size of the state.
    if (replay.push(payload) >= Math.max(MAX_REPLAY, drafts.size() + open.size)) publish();
  }

  /** Makes the state a result, and the restore point: the drafts become published parts. */
  function publish(): Result | undefined {
    if (replay.length === 0) return result;
    if (openChanged) pending = [...open.values()];
    openChanged = false;
    drafts.clear();
    restorePoint = [data, errors, extensions, hasNext, pending, failed, format, dead, parked];
    replay = [];
    const published: Partial<Record<keyof Result, unknown>> = { hasNext, pending, failed };
    // Absent, not `undefined`: `'data' in result` says whether the server sent data.
    if (data !== undefined) published.data = data;
    if (errors) published.errors = errors;
    if (extensions) published.extensions = extensions;
    return (result = published as Result);
  }

  function applyPayload(payload: unknown): void {
    if (!isRecord(payload)) return fail('INVALID_PAYLOAD', `expected object, got ${typeOf(payload)}`);
    // After a plain result, a payload starts a new one: subscription events and snapshot streams.
    if (format === 'single') restore(initial);
    else if (!hasNext) fail('PAYLOAD_AFTER_END', 'expected nothing after hasNext: false');
    const first = format === undefined;
    const next = payload['hasNext'];
    // Tanka leaves out an empty `data`, as when every root field is deferred.
    if (first && !hasOwn(payload, 'data') && !hasOwn(payload, 'errors')) data = next === true ? {} : fail('INVALID_PAYLOAD', 'expected data or errors');
    if (next !== undefined && typeof next !== 'boolean') invalid('hasNext', 'boolean', next);
    if (!first && hasOwn(payload, 'path') && !hasOwn(payload, 'incremental')) {
      // A pre-2022 patch is its own single entry, errors and extensions included.
      applyEntry(payload, true);
    } else {
      const incoming = read(payload, 'data', 'object');
      // A later payload's `data: null` means nothing (the spec allows `data` on the first one only).
      if (incoming !== undefined && (first || incoming !== null)) data = merge(data, incoming);
      appendErrors(readErrors(payload));
      mergeExtensions(payload);
      const announced = readEntries(payload, 'pending').map(announce);
      for (const entry of readEntries(payload, 'incremental')) applyEntry(entry);
      for (const entry of readEntries(payload, 'completed')) {
        const boundary = boundaryOf(entry);
        open.delete(boundary.id!);
        openChanged = true;
        const entryErrors = readErrors(entry);
        if (entryErrors.length > 0) recordFailure({ ...boundary, errors: entryErrors });
      }
      // This payload's own data may have brought the list that makes a boundary a stream.
      for (const boundary of announced) if (open.get(boundary.id!) === boundary) setKind(boundary, isArray(walk(data, boundary.path)) ? 'stream' : 'defer');
    }
    format ??= next === undefined ? 'single' : '2022';
    hasNext = next ?? (format !== 'single' && hasNext);
    // Waiting entries whose object has come; once the response ended, one still without it fails.
    for (let before = 0; parked.length !== before; ) {
      before = parked.length;
      const waiting = parked;
      parked = [];
      for (const apply of waiting) apply();
    }
    if (!hasNext && open.size > 0) {
      open.clear();
      openChanged = true;
    }
  }

  /** A `pending` entry; its kind is settled at the end of the payload, which may bring its list. */
  function announce(entry: Entry): PendingBoundary {
    const id = readId(entry['id']);
    const path = readPath(entry);
    if (open.has(id)) fail('DUPLICATE_ID', `expected a new id, got "${id}"`, path);
    const boundary: PendingBoundary = { id, path, ...readLabel(entry), kind: 'defer' };
    open.set(id, boundary);
    openChanged = true;
    format = 'current';
    return boundary;
  }

  /** The pending boundary that a current-format entry names by its id. */
  function boundaryOf(entry: Entry): PendingBoundary {
    const id = readId(entry['id']);
    format = 'current';
    return open.get(id) ?? fail('UNKNOWN_ID', `expected a pending id, got "${id}"`);
  }

  /**
   * An `incremental` entry, or with `patch` a whole pre-2022 payload. Every format comes down to a
   * path: a current-format id names a pending path (plus `subPath`), where `items` append; a 2022 path
   * ends in the index of the first item when the entry carries `items`.
   */
  function applyEntry(entry: Entry, patch = false): void {
    const boundary = hasOwn(entry, 'id') ? boundaryOf(entry) : undefined;
    // Once a payload showed ids, the response is in the current format.
    if (format !== 'current') format = patch ? 'pre-2022' : '2022';
    const path = boundary ? [...boundary.path, ...readPath(entry, 'subPath')] : readPath(entry);
    const last = boundary ? undefined : path.at(-1);
    const index = typeof last === 'number' ? last : undefined;
    const listPath = index === undefined ? path : path.slice(0, -1);
    const label = readLabel(entry);
    const entryData = entry['data'];
    let { items } = entry;
    let isStream = hasOwn(entry, 'items');
    if (patch && !isStream && index !== undefined && hasOwn(entry, 'data')) {
      // A pre-2022 stream item is `data` at the index just past the end of its list.
      const list = walk(data, listPath);
      isStream = isArray(list) && index >= list.length;
      if (isStream) items = [entryData];
    }
    // Servers before graphql-js 17 may send a fragment deferred inside another before the data that
    // brings its object: it waits, and is applied again after each payload.
    if (!boundary && hasNext && parked.length < MAX_PARKED && (isStream ? items : entryData) != null && walk(data, isStream ? listPath : path) === undefined) {
      parked = [...parked, () => applyEntry(entry, patch)];
      return;
    }
    // A 2022 entry reports a failure with `items: null`, `data: null`, or (Tanka) `path` and `errors` only.
    let failure: BoundaryKind | undefined;
    if (isStream && (items !== null || boundary)) {
      if (!isArray(items)) invalid('items', 'list', items);
      // Hot Chocolate (`incrementalSpec=v0.1`) names the list itself: the items then go at its end.
      if (!dead?.has(JSON.stringify(listPath))) writeItems(listPath, index, items);
      if (boundary) setKind(boundary, 'stream');
    } else if (isStream) {
      failure = 'stream';
    } else if (boundary || (hasOwn(entry, 'data') && entryData !== null)) {
      if (!isRecord(entryData)) invalid('data', 'object', entryData);
      update(path, 'object', (target) => merge(target, entryData));
    } else if (!hasOwn(entry, 'data') && index !== undefined && walk(data, path) === undefined) {
      // Tanka reports a failed item by its `path` and `errors` alone, and streams on: the item is null.
      const list = walk(data, listPath);
      if (isArray(list) && index === list.length) writeItems(listPath, index, [null]);
      else failure = 'stream';
    } else {
      failure = 'defer';
    }
    const entryErrors = readErrors(entry);
    if (failure === undefined) appendErrors(entryErrors);
    else recordFailure({ path: failure === 'stream' ? listPath : path, ...label, kind: failure, errors: entryErrors });
    // Servers disagree on whether a failed stream's path ends in an index: never place by it.
    if (failure === 'stream') dead = new Set(dead).add(JSON.stringify(listPath));
    mergeExtensions(entry);
  }

  /**
   * Replaces the object or list at `path` with `change(it)`, copying along the path. Nothing happens
   * when an error nulled it or a parent: data aimed there is dropped.
   */
  function update<T>(path: Path, type: 'object' | 'list', change: (target: T) => unknown): void {
    const parents: unknown[] = [];
    const found = walk(data, path, parents);
    if (found === null) return;
    if (typeOf(found) !== type) {
      const code = found === undefined ? 'PATH_NOT_FOUND' : type === 'list' ? 'NOT_A_LIST' : 'NOT_AN_OBJECT';
      fail(code, `expected ${type}, got ${typeOf(found)}`, path);
    }
    data = setAt(parents, path, change(found as T));
  }

  /** Writes `items` into the list at `listPath` from `start` (default: its end), merging where items exist. */
  function writeItems(listPath: Path, start: number | undefined, items: readonly unknown[]): void {
    update<unknown[]>(listPath, 'list', (list) => {
      const from = start ?? list.length;
      if (from > list.length) fail('INDEX_OUT_OF_RANGE', `expected index ${list.length} at most, got ${from}`, [...listPath, from]);
      if (from === list.length) return items.length > 0 ? append(list, items) : list;
      let draft = list;
      items.forEach((item, offset) => {
        const index = from + offset;
        // Items that overlap the list merge into it (2022 servers may send more initial items than asked).
        const value = index < list.length ? merge(list[index], item) : item;
        if (value !== draft[index]) draft = write(draft, index, value);
      });
      return draft;
    });
  }

  function recordFailure(boundary: FailedBoundary): void {
    failed = append(failed, [boundary]) as FailedBoundary[];
    appendErrors(boundary.errors);
  }

  function appendErrors(more: readonly GraphQLErrorJSON[]): void {
    if (more.length > 0) errors = append(errors ?? [], more) as GraphQLErrorJSON[];
  }

  /** Merges an entry's or payload's `extensions` into the result's, key by key. */
  function mergeExtensions(entry: Entry): void {
    const more = read(entry, 'extensions', 'object') as Entry | null | undefined;
    for (const key in more) extensions = write(extensions ?? {}, key, more[key]);
  }

  /** Records a boundary's kind in a new object: the old one may be published. */
  function setKind(boundary: PendingBoundary, kind: BoundaryKind): void {
    if (boundary.kind === kind) return;
    open.set(boundary.id!, { ...boundary, kind });
    openChanged = true;
  }

  function applyAll(payloads: Iterable<unknown>): Result | undefined {
    try {
      for (const payload of payloads) push(payload);
    } finally {
      publish();
    }
    return result;
  }

  return {
    apply: (payload) => applyAll([payload])!,
    applyAll,
    push,
    get current() {
      return publish();
    },
    get format() {
      return format;
    },
  };
}
