import { createDraftStore } from './createDraftStore.js';
import { ReassemblyError, type ReassemblyErrorCode } from './ReassemblyError.js';
import { readPayload } from './readPayload.js';
import { MAX_MERGE_DEPTH, MergeTooDeepError, isRecord, lookup, mergeValue, updateAt } from './resultTree.js';
import type { Announcement, NormalizedPayload, Step } from './steps.js';
import type {
  BoundaryKind,
  FailedBoundary,
  GraphQLErrorJSON,
  IncrementalResult,
  Path,
  PendingBoundary,
  WireFormat,
} from './types.js';
import type { Fail } from './wireValues.js';

/** Merges the payloads of one incremental response into one result. */
export interface Reassembler<TData = Record<string, unknown>, TExtensions = Record<string, unknown>> {
  /**
   * Applies one payload and returns the merged result so far.
   *
   * @param payload - One parsed JSON payload, exactly as the server sent it (untrusted).
   * @returns The new result; earlier results are left untouched.
   * @throws {ReassemblyError} When the payload does not fit the response so far. {@link current}
   *   then still returns the result from before this payload.
   */
  apply(payload: unknown): IncrementalResult<TData, TExtensions>;
  /**
   * Applies several payloads and publishes one result for all of them: the way to stay linear on long
   * streams, since a published list is copied when it grows again but a draft list is not. Use it for
   * the payloads that arrived together (one network chunk) or while the consumer was busy.
   *
   * @returns The result after the last payload (or {@link current} when `payloads` is empty).
   * @throws {ReassemblyError} When a payload does not fit. The payloads before it are applied and
   *   published ({@link current} returns that result); the failing one and those after it are not.
   */
  applyAll(payloads: Iterable<unknown>): IncrementalResult<TData, TExtensions> | undefined;
  /** The latest published result; `undefined` until a payload has been applied. */
  readonly current: IncrementalResult<TData, TExtensions> | undefined;
  /** The wire format recognised so far; `undefined` until a payload shows it. */
  readonly format: WireFormat | undefined;
}

interface TrackedBoundary {
  readonly id: string;
  readonly path: Path;
  readonly label: string | undefined;
  /** Unknown until the data shows whether the path holds a list (stream) or an object (defer). */
  kind: BoundaryKind | undefined;
  /** Announcement order, to keep `pending` in order even after a rollback re-inserts an entry. */
  readonly order: number;
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * Creates a reassembler for one incremental response (one operation). It accepts every wire format
 * without being told which: the current format (`pending` / `incremental` / `completed` with ids),
 * the 2022 format (`deferSpec=20220824`, entries located by `path` and `label`), the pre-2022 flat
 * patches, Strawberry's hybrid, and a plain single result.
 *
 * Results are immutable and structurally shared: each result shares (`===`) every subtree that the
 * payloads since the previous result did not change, and no result is mutated once returned. Applying
 * a payload costs time proportional to the payload and the depth of its target, plus one copy of each
 * container it changes the first time it changes it after a result was published (so batch payloads
 * with {@link Reassembler.applyAll} on long streams).
 *
 * Data from the wire is untrusted: keys and path segments named `__proto__`, `constructor` or
 * `prototype` are ordinary fields; no prototype is ever read through or written.
 *
 * @example
 * ```ts
 * const reassembler = createReassembler();
 * reassembler.apply({ data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true });
 * const result = reassembler.apply({
 *   incremental: [{ id: '0', data: { name: 'Luke' } }],
 *   completed: [{ id: '0' }],
 *   hasNext: false,
 * });
 * result.data; // { hero: { id: '1', name: 'Luke' } }
 * ```
 * @see shared/research/spec.md sections 1, 2 and 5
 */
export function createReassembler<
  TData = Record<string, unknown>,
  TExtensions = Record<string, unknown>,
>(): Reassembler<TData, TExtensions> {
  const store = createDraftStore();

  // The state after the last applied payload (drafts included); published as `current`.
  let data: unknown;
  let hasData = false;
  let errors: readonly GraphQLErrorJSON[] = EMPTY;
  let extensions: Record<string, unknown> | undefined;
  let failed: readonly FailedBoundary[] = EMPTY;
  let hasNext = true;
  let started = false;
  let format: WireFormat | undefined;
  const pendingById = new Map<string, TrackedBoundary>();
  let pendingList: readonly PendingBoundary[] = EMPTY;
  let pendingChanged = false;
  let pendingReordered = false;
  let announced = 0;
  // 2022 format: lists whose stream failed (`items: null`); later items for them are dropped.
  const deadLists = new Set<string>();

  let received = 0;
  let current: IncrementalResult<TData, TExtensions> | undefined;

  function applyOne(raw: unknown): void {
    const payloadIndex = received;
    received += 1;
    const fail: Fail = (code: ReassemblyErrorCode, detail: string, entry?: string, path?: Path) => {
      throw new ReassemblyError(code, detail, {
        payloadIndex,
        payload: raw,
        ...(entry === undefined ? {} : { entry }),
        ...(path === undefined ? {} : { path }),
      });
    };
    if (started && !hasNext) {
      fail('PAYLOAD_AFTER_END', 'the response already ended (a payload had `hasNext: false`, or the result was not incremental); nothing may follow it');
    }

    const saved = { data, hasData, errors, extensions, failed, hasNext, started, format, pendingChanged, announced };
    store.begin();
    try {
      const payload = readPayload(raw, !started, fail);
      applyPayload(payload, fail);
    } catch (error) {
      store.rollback();
      ({ data, hasData, errors, extensions, failed, hasNext, started, format, pendingChanged, announced } = saved);
      throw error;
    }
  }

  function applyPayload(payload: NormalizedPayload, fail: Fail): void {
    if (!started) {
      if (payload.hasData) {
        data = payload.data;
        hasData = true;
      }
    } else if (payload.hasData) {
      // Not allowed by the current format, but some servers re-send the initial result (Tanka).
      limitingDepth('data', fail, () => {
        data = hasData && isRecord(data) ? mergeValue(store, data, payload.data) : payload.data;
      });
      hasData = true;
    }
    started = true;
    // Once a payload shows ids the response is in the current format, whatever later entries carry.
    if (payload.format !== undefined && format !== 'current') format = payload.format;
    appendErrors(payload.errors);
    mergeExtensions(payload.extensions);

    for (const announcement of payload.pending) announce(announcement, fail);
    for (const step of payload.steps) limitingDepth(step.entry, fail, () => applyStep(step, fail));
    for (const announcement of payload.pending) {
      const tracked = pendingById.get(announcement.id);
      if (tracked !== undefined && tracked.kind === undefined) setKind(tracked, kindAt(tracked.path));
    }

    // A plain result, or the last payload: nothing else comes, so nothing is pending any more
    // (the spec draft allows a bare `{"hasNext": false}` to end announced boundaries).
    hasNext = payload.hasNext ?? (format === 'single' ? false : hasNext);
    if (!hasNext && pendingById.size > 0) {
      const removed = [...pendingById.values()];
      pendingById.clear();
      store.onRollback(() => restorePending(removed));
      pendingChanged = true;
    }
  }

  function announce(announcement: Announcement, fail: Fail): void {
    if (pendingById.has(announcement.id)) {
      fail('DUPLICATE_ID', `id "${announcement.id}" is already pending; ids must be unique within a response`, announcement.entry, announcement.path);
    }
    const tracked: TrackedBoundary = {
      id: announcement.id,
      path: announcement.path,
      label: announcement.label,
      kind: undefined,
      order: announced,
    };
    announced += 1;
    pendingById.set(tracked.id, tracked);
    store.onRollback(() => pendingById.delete(tracked.id));
    pendingChanged = true;
  }

  function pendingFor(id: string, entry: string, fail: Fail): TrackedBoundary {
    const tracked = pendingById.get(id);
    if (tracked === undefined) {
      return fail(
        'UNKNOWN_ID',
        `no pending fragment or stream has id "${id}": it was never announced in \`pending\`, or it already completed`,
        entry,
      );
    }
    return tracked;
  }

  function applyStep(step: Step, fail: Fail): void {
    switch (step.type) {
      case 'defer-by-id': {
        const tracked = pendingFor(step.id, step.entry, fail);
        setKind(tracked, 'defer');
        const target = step.subPath.length === 0 ? tracked.path : [...tracked.path, ...step.subPath];
        mergeAt(target, step.data, step.entry, fail);
        appendErrors(step.errors);
        mergeExtensions(step.extensions);
        return;
      }
      case 'stream-by-id': {
        const tracked = pendingFor(step.id, step.entry, fail);
        setKind(tracked, 'stream');
        const list = listAt(tracked.path, step.entry, fail);
        if (list !== undefined) writeItems(tracked.path, list.length, step.items);
        appendErrors(step.errors);
        mergeExtensions(step.extensions);
        return;
      }
      case 'complete': {
        const tracked = pendingFor(step.id, step.entry, fail);
        pendingById.delete(tracked.id);
        store.onRollback(() => restorePending([tracked]));
        pendingChanged = true;
        if (step.errors.length > 0) {
          recordFailure(tracked.path, tracked.label, tracked.kind ?? kindAt(tracked.path), step.errors, tracked.id);
        }
        return;
      }
      case 'defer-at-path': {
        if (step.data === null) recordFailure(step.path, step.label, 'defer', step.errors, undefined);
        else {
          mergeAt(step.path, step.data, step.entry, fail);
          appendErrors(step.errors);
        }
        mergeExtensions(step.extensions);
        return;
      }
      case 'stream-at-path': {
        if (step.items === null) {
          // Servers disagree on whether a failed stream's path ends in an index: never place by it.
          const listPath = typeof step.path[step.path.length - 1] === 'number' ? step.path.slice(0, -1) : step.path;
          markDead(listPath);
          recordFailure(listPath, step.label, 'stream', step.errors, undefined);
        } else {
          const listPath = step.path.slice(0, -1);
          const start = step.path[step.path.length - 1] as number;
          if (!deadLists.has(pathKey(listPath))) {
            const list = listAt(listPath, step.entry, fail);
            if (list !== undefined) {
              checkIndex(list, start, listPath, step.entry, fail);
              writeItems(listPath, start, step.items);
            }
          }
          appendErrors(step.errors);
        }
        mergeExtensions(step.extensions);
        return;
      }
      case 'patch-at-index': {
        const listPath = step.path.slice(0, -1);
        const index = step.path[step.path.length - 1] as number;
        const list = listAt(listPath, step.entry, fail);
        if (list === undefined || deadLists.has(pathKey(listPath))) return;
        checkIndex(list, index, listPath, step.entry, fail);
        if (index === list.length) writeItems(listPath, index, [step.value]);
        else if (step.value === null) recordFailure(step.path, step.label, 'defer', EMPTY, undefined);
        else data = updateAt(store, data, step.path, (item) => mergeValue(store, item, step.value));
        return;
      }
      case 'failure-at-path': {
        const last = step.path[step.path.length - 1];
        const isItemSlot = typeof last === 'number' && lookup(data, step.path).status === 'missing';
        if (isItemSlot) markDead(step.path.slice(0, -1));
        const path = isItemSlot ? step.path.slice(0, -1) : step.path;
        recordFailure(path, step.label, isItemSlot ? 'stream' : 'defer', step.errors, undefined);
        mergeExtensions(step.extensions);
        return;
      }
    }
  }

  /** Deep-merges deferred `incoming` data into the object at `path`. */
  function mergeAt(path: Path, incoming: Record<string, unknown>, entry: string, fail: Fail): void {
    const found = lookup(data, path);
    if (found.status === 'null' || (found.status === 'found' && found.value === null)) {
      // An error nulled this object after the fragment was announced; its data has nowhere to go
      // (servers are meant to filter these, but races happen: spec.md section 1.2 rule 7).
      return;
    }
    if (found.status !== 'found') {
      fail(
        'PATH_NOT_FOUND',
        `deferred data targets ${describeMiss(path, found.depth)}; the data received so far has nothing there`,
        entry,
        path,
      );
    }
    if (!isRecord(found.value)) {
      fail('NOT_AN_OBJECT', `deferred data must merge into an object, but the path holds ${describeValue(found.value)}`, entry, path);
    }
    data = updateAt(store, data, path, (target) => mergeValue(store, target, incoming));
  }

  /** Finds the list at `path` for stream items; `undefined` when an error nulled it or a parent. */
  function listAt(path: Path, entry: string, fail: Fail): readonly unknown[] | undefined {
    const found = lookup(data, path);
    if (found.status === 'null' || (found.status === 'found' && found.value === null)) return undefined;
    if (found.status !== 'found') {
      return fail(
        'PATH_NOT_FOUND',
        `stream items target ${describeMiss(path, found.depth)}; the data received so far has no list there`,
        entry,
        path,
      );
    }
    if (!Array.isArray(found.value)) {
      return fail('NOT_A_LIST', `stream items need a list, but the path holds ${describeValue(found.value)}`, entry, path);
    }
    return found.value;
  }

  function checkIndex(list: readonly unknown[], index: number, listPath: Path, entry: string, fail: Fail): void {
    if (index > list.length) {
      fail(
        'INDEX_OUT_OF_RANGE',
        `stream items start at index ${index}, but the list has ${list.length} items; writing there would leave a gap`,
        entry,
        [...listPath, index],
      );
    }
  }

  /** Writes `items` into the list at `path` from index `start`: merged where an item exists, appended after. */
  function writeItems(path: Path, start: number, items: readonly unknown[]): void {
    if (items.length === 0) return;
    data = updateAt(store, data, path, (value) => {
      const list = value as unknown[];
      // Appending to a published list: build the copy with the items in one pass. Copying first and
      // then pushing would copy the list twice (the push outgrows the exact-size copy).
      if (start === list.length && !store.isDraft(list)) return store.adopt(list.concat(items));
      let draft: unknown[] | undefined;
      for (let offset = 0; offset < items.length; offset += 1) {
        const index = start + offset;
        const item = index < list.length ? mergeValue(store, list[index], items[offset]) : items[offset];
        if (index < list.length && item === list[index]) continue;
        draft ??= store.writable(list);
        store.set(draft, index, item);
      }
      return draft ?? list;
    });
  }

  function markDead(listPath: Path): void {
    const key = pathKey(listPath);
    if (deadLists.has(key)) return;
    deadLists.add(key);
    store.onRollback(() => deadLists.delete(key));
  }

  function recordFailure(
    path: Path,
    label: string | undefined,
    kind: BoundaryKind,
    failureErrors: readonly GraphQLErrorJSON[],
    id: string | undefined,
  ): void {
    const boundary: FailedBoundary = {
      ...(id === undefined ? {} : { id }),
      path,
      ...(label === undefined ? {} : { label }),
      kind,
      errors: failureErrors,
    };
    const draft = store.writable(failed as FailedBoundary[]);
    store.set(draft, draft.length, boundary);
    failed = draft;
    appendErrors(failureErrors);
  }

  function appendErrors(incoming: readonly GraphQLErrorJSON[]): void {
    if (incoming.length === 0) return;
    const draft = store.writable(errors as GraphQLErrorJSON[]);
    for (const error of incoming) store.set(draft, draft.length, error);
    errors = draft;
  }

  function mergeExtensions(incoming: Record<string, unknown> | undefined): void {
    if (incoming === undefined) return;
    const keys = Object.keys(incoming);
    if (keys.length === 0) return;
    const draft = store.writable(extensions ?? store.adopt({}));
    for (const key of keys) store.set(draft, key, incoming[key]);
    extensions = draft;
  }

  function setKind(tracked: TrackedBoundary, kind: BoundaryKind): void {
    if (tracked.kind === kind) return;
    const previous = tracked.kind;
    tracked.kind = kind;
    store.onRollback(() => {
      tracked.kind = previous;
    });
    pendingChanged = true;
  }

  /** A boundary whose kind no entry showed yet: a list at its path means a stream. */
  function kindAt(path: Path): BoundaryKind {
    const found = lookup(data, path);
    return found.status === 'found' && Array.isArray(found.value) ? 'stream' : 'defer';
  }

  function restorePending(boundaries: readonly TrackedBoundary[]): void {
    for (const tracked of boundaries) pendingById.set(tracked.id, tracked);
    pendingReordered = true;
  }

  function publish(): IncrementalResult<TData, TExtensions> {
    if (pendingChanged) {
      const tracked = [...pendingById.values()];
      if (pendingReordered) tracked.sort((a, b) => a.order - b.order);
      pendingReordered = false;
      pendingList = Object.freeze(tracked.map(toPendingBoundary));
      pendingChanged = false;
    }
    store.publish();
    const result: IncrementalResult = {
      ...(hasData ? { data: data as Record<string, unknown> | null } : {}),
      ...(errors.length > 0 ? { errors } : {}),
      ...(extensions === undefined ? {} : { extensions }),
      hasNext,
      pending: pendingList,
      failed,
    };
    current = result as IncrementalResult<TData, TExtensions>;
    return current;
  }

  return {
    apply(payload) {
      applyOne(payload);
      return publish();
    },
    applyAll(payloads) {
      let applied = 0;
      try {
        for (const payload of payloads) {
          applyOne(payload);
          applied += 1;
        }
      } finally {
        if (applied > 0) publish();
      }
      return current;
    },
    get current() {
      return current;
    },
    get format() {
      return format;
    },
  };
}

/** Runs `action`, turning a merge that nests too deep (see {@link MAX_MERGE_DEPTH}) into a typed error. */
function limitingDepth(entry: string, fail: Fail, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof MergeTooDeepError)) throw error;
    fail('INVALID_PAYLOAD', `the data nests deeper than ${MAX_MERGE_DEPTH} levels where it merges into earlier data; no GraphQL response does`, entry);
  }
}

function toPendingBoundary(tracked: TrackedBoundary): PendingBoundary {
  return {
    id: tracked.id,
    path: tracked.path,
    ...(tracked.label === undefined ? {} : { label: tracked.label }),
    kind: tracked.kind ?? 'defer',
  };
}

function pathKey(path: Path): string {
  return JSON.stringify(path);
}

function describeMiss(path: Path, depth: number): string {
  const reached = path.slice(0, depth + 1);
  return `${JSON.stringify(path)}, which breaks off at ${JSON.stringify(reached)}`;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `the ${typeof value} ${JSON.stringify(value)}`;
}
