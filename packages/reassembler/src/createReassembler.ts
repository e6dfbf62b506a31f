import { copyList, createDraftStore } from './createDraftStore.js';
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
import { EMPTY, type Fail } from './wireValues.js';

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
  /**
   * The boundary as last published. `pending` is rebuilt whenever a boundary comes or goes; reusing
   * the objects of the others keeps that to one array of references (a page of 200 deferred items
   * otherwise built 200 objects per payload).
   */
  published?: PendingBoundary;
}

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
  // One empty reassembler that lives as long as the module. V8 drops an object shape (hidden class)
  // once no object has it, and with it all optimised code that depends on it: without a live
  // reassembler, every major GC between two responses threw the merge code away and the next
  // response ran cold (measured: about 8 µs per streamed item instead of about 1).
  shapeKeeper ??= new IncrementalReassembler();
  return new IncrementalReassembler<TData, TExtensions>();
}

let shapeKeeper: Reassembler<unknown, unknown> | undefined;

/**
 * The reassembler. A class with private fields and methods rather than closures in
 * {@link createReassembler}: with closures every reassembler had its own copy of every inner function,
 * so each new response met call sites that had seen other functions, deoptimised them and ran cold
 * for thousands of payloads. Methods on one prototype stay optimised across reassemblers. Private
 * names keep the state out of sight (and minify).
 */
class IncrementalReassembler<TData, TExtensions> implements Reassembler<TData, TExtensions> {
  readonly #store = createDraftStore();

  // The state after the last applied payload (drafts included); published as `current`.
  #data: unknown;
  #hasData = false;
  #errors: readonly GraphQLErrorJSON[] = EMPTY;
  #extensions: Record<string, unknown> | undefined;
  #failed: readonly FailedBoundary[] = EMPTY;
  #hasNext = true;
  #started = false;
  #format: WireFormat | undefined;
  readonly #pendingById = new Map<string, TrackedBoundary>();
  #pendingList: readonly PendingBoundary[] = EMPTY;
  #pendingChanged = false;
  #pendingReordered = false;
  #announced = 0;
  // 2022 format: lists whose stream failed (`items: null`); later items for them are dropped.
  readonly #deadLists = new Set<string>();

  #received = 0;
  #current: IncrementalResult<TData, TExtensions> | undefined;

  // The payload being applied, for errors. Kept here rather than captured by a closure per payload:
  // `fail` is created once per reassembler, so applying a payload allocates no function.
  #payloadIndex = 0;
  #payloadRaw: unknown;
  // The part of the payload being merged, for a merge that nests too deep (see MAX_MERGE_DEPTH).
  #activeEntry = 'data';
  readonly #fail: Fail = (code: ReassemblyErrorCode, detail: string, entry?: string, path?: Path) => {
    throw new ReassemblyError(code, detail, { payloadIndex: this.#payloadIndex, payload: this.#payloadRaw, entry, path });
  };

  #applyOne(raw: unknown): void {
    this.#payloadIndex = this.#received;
    this.#payloadRaw = raw;
    this.#received += 1;
    if (this.#started && !this.#hasNext) {
      this.#fail('PAYLOAD_AFTER_END', 'the response already ended (a payload had `hasNext: false`, or the result was not incremental); nothing may follow it');
    }

    // The state a rejected payload must leave behind.
    const saved = [this.#data, this.#hasData, this.#errors, this.#extensions, this.#failed, this.#hasNext, this.#started, this.#format, this.#pendingChanged, this.#announced] as const;
    this.#store.begin();
    try {
      this.#applyPayload(readPayload(raw, !this.#started, this.#fail));
    } catch (error) {
      this.#store.rollback();
      [this.#data, this.#hasData, this.#errors, this.#extensions, this.#failed, this.#hasNext, this.#started, this.#format, this.#pendingChanged, this.#announced] = saved;
      if (error instanceof MergeTooDeepError) {
        this.#fail('INVALID_PAYLOAD', `the data nests deeper than ${MAX_MERGE_DEPTH} levels where it merges into earlier data; no GraphQL response does`, this.#activeEntry);
      }
      throw error;
    }
  }

  #applyPayload(payload: NormalizedPayload): void {
    if (!this.#started) {
      if (payload.hasData) {
        this.#data = payload.data;
        this.#hasData = true;
      }
    } else if (payload.hasData) {
      // Not allowed by the current format, but some servers re-send the initial result (Tanka).
      this.#activeEntry = 'data';
      this.#data = this.#hasData && isRecord(this.#data) ? mergeValue(this.#store, this.#data, payload.data) : payload.data;
      this.#hasData = true;
    }
    this.#started = true;
    // Once a payload shows ids the response is in the current format, whatever later entries carry.
    if (payload.format !== undefined && this.#format !== 'current') this.#format = payload.format;
    this.#appendErrors(payload.errors);
    this.#mergeExtensions(payload.extensions);

    for (const announcement of payload.pending) this.#announce(announcement);
    for (const step of payload.steps) {
      this.#activeEntry = step.entry;
      this.#applyStep(step);
    }
    for (const announcement of payload.pending) {
      const tracked = this.#pendingById.get(announcement.id);
      if (tracked !== undefined && tracked.kind === undefined) this.#setKind(tracked, this.#kindAt(tracked.path));
    }

    // A plain result, or the last payload: nothing else comes, so nothing is pending any more
    // (the spec draft allows a bare `{"hasNext": false}` to end announced boundaries).
    this.#hasNext = payload.hasNext ?? (this.#format === 'single' ? false : this.#hasNext);
    if (!this.#hasNext && this.#pendingById.size > 0) {
      const removed = [...this.#pendingById.values()];
      this.#pendingById.clear();
      this.#store.onRollback(() => this.#restorePending(removed));
      this.#pendingChanged = true;
    }
  }

  #announce(announcement: Announcement): void {
    if (this.#pendingById.has(announcement.id)) {
      this.#fail('DUPLICATE_ID', `id "${announcement.id}" is already pending; ids must be unique within a response`, announcement.entry, announcement.path);
    }
    const tracked: TrackedBoundary = {
      id: announcement.id,
      path: announcement.path,
      label: announcement.label,
      kind: undefined,
      order: this.#announced,
    };
    this.#announced += 1;
    this.#pendingById.set(tracked.id, tracked);
    this.#store.onRollback(() => this.#pendingById.delete(tracked.id));
    this.#pendingChanged = true;
  }

  #pendingFor(id: string, entry: string): TrackedBoundary {
    const tracked = this.#pendingById.get(id);
    if (tracked === undefined) {
      return this.#fail(
        'UNKNOWN_ID',
        `no pending fragment or stream has id "${id}": it was never announced in \`pending\`, or it already completed`,
        entry,
      );
    }
    return tracked;
  }

  #applyStep(step: Step): void {
    switch (step.type) {
      case 'defer-by-id': {
        const tracked = this.#pendingFor(step.id, step.entry);
        this.#setKind(tracked, 'defer');
        const target = step.subPath.length === 0 ? tracked.path : [...tracked.path, ...step.subPath];
        this.#mergeAt(target, step.data, step.entry);
        this.#appendErrors(step.errors);
        this.#mergeExtensions(step.extensions);
        return;
      }
      case 'stream-by-id': {
        const tracked = this.#pendingFor(step.id, step.entry);
        this.#setKind(tracked, 'stream');
        const list = this.#listAt(tracked.path, tracked.path.length, step.entry);
        if (list !== undefined) this.#writeItems(tracked.path, tracked.path.length, list, list.length, step.items);
        this.#appendErrors(step.errors);
        this.#mergeExtensions(step.extensions);
        return;
      }
      case 'complete': {
        const tracked = this.#pendingFor(step.id, step.entry);
        this.#pendingById.delete(tracked.id);
        this.#store.onRollback(() => this.#restorePending([tracked]));
        this.#pendingChanged = true;
        if (step.errors.length > 0) {
          this.#recordFailure(tracked.path, tracked.label, tracked.kind ?? this.#kindAt(tracked.path), step.errors, tracked.id);
        }
        return;
      }
      case 'defer-at-path': {
        if (step.data === null) this.#recordFailure(step.path, step.label, 'defer', step.errors, undefined);
        else {
          this.#mergeAt(step.path, step.data, step.entry);
          this.#appendErrors(step.errors);
        }
        this.#mergeExtensions(step.extensions);
        return;
      }
      case 'stream-at-path': {
        if (step.items === null) {
          // Servers disagree on whether a failed stream's path ends in an index: never place by it.
          const listPath = typeof step.path[step.path.length - 1] === 'number' ? step.path.slice(0, -1) : step.path;
          this.#markDead(listPath);
          this.#recordFailure(listPath, step.label, 'stream', step.errors, undefined);
        } else {
          // The list is the path without its last segment (the start index); it is followed with a
          // length rather than sliced, since this runs once per streamed item.
          const listLength = step.path.length - 1;
          const start = step.path[listLength] as number;
          if (!this.#isDead(step.path, listLength)) {
            const list = this.#listAt(step.path, listLength, step.entry);
            if (list !== undefined) {
              this.#checkIndex(list, start, step.path, step.entry);
              this.#writeItems(step.path, listLength, list, start, step.items);
            }
          }
          this.#appendErrors(step.errors);
        }
        this.#mergeExtensions(step.extensions);
        return;
      }
      case 'patch-at-index': {
        const listLength = step.path.length - 1;
        const index = step.path[listLength] as number;
        const list = this.#listAt(step.path, listLength, step.entry);
        if (list === undefined || this.#isDead(step.path, listLength)) return;
        this.#checkIndex(list, index, step.path, step.entry);
        if (index === list.length) this.#writeItems(step.path, listLength, list, index, [step.value]);
        else if (step.value === null) this.#recordFailure(step.path, step.label, 'defer', EMPTY, undefined);
        else this.#data = updateAt(this.#store, this.#data, step.path, mergeValue(this.#store, list[index], step.value));
        return;
      }
      case 'failure-at-path': {
        const last = step.path[step.path.length - 1];
        const isItemSlot = typeof last === 'number' && lookup(this.#data, step.path).status === 'missing';
        if (isItemSlot) this.#markDead(step.path.slice(0, -1));
        const path = isItemSlot ? step.path.slice(0, -1) : step.path;
        this.#recordFailure(path, step.label, isItemSlot ? 'stream' : 'defer', step.errors, undefined);
        this.#mergeExtensions(step.extensions);
        return;
      }
    }
  }

  /** Deep-merges deferred `incoming` data into the object at `path`. */
  #mergeAt(path: Path, incoming: Record<string, unknown>, entry: string): void {
    const found = lookup(this.#data, path);
    if (found.status === 'null' || (found.status === 'found' && found.value === null)) {
      // An error nulled this object after the fragment was announced; its data has nowhere to go
      // (servers are meant to filter these, but races happen: spec.md section 1.2 rule 7).
      return;
    }
    if (found.status !== 'found') {
      this.#fail(
        'PATH_NOT_FOUND',
        `deferred data targets ${describeMiss(path, found.depth)}; the data received so far has nothing there`,
        entry,
        path,
      );
    }
    if (!isRecord(found.value)) {
      this.#fail('NOT_AN_OBJECT', `deferred data must merge into an object, but the path holds ${describeValue(found.value)}`, entry, path);
    }
    this.#data = updateAt(this.#store, this.#data, path, mergeValue(this.#store, found.value, incoming));
  }

  /**
   * Finds the list at the first `length` segments of `path` for stream items; `undefined` when an
   * error nulled it or a parent.
   */
  #listAt(path: Path, length: number, entry: string): readonly unknown[] | undefined {
    const found = lookup(this.#data, path, length);
    if (found.status === 'null' || (found.status === 'found' && found.value === null)) return undefined;
    if (found.status !== 'found') {
      const listPath = path.slice(0, length);
      return this.#fail(
        'PATH_NOT_FOUND',
        `stream items target ${describeMiss(listPath, found.depth)}; the data received so far has no list there`,
        entry,
        listPath,
      );
    }
    if (!Array.isArray(found.value)) {
      return this.#fail('NOT_A_LIST', `stream items need a list, but the path holds ${describeValue(found.value)}`, entry, path.slice(0, length));
    }
    return found.value;
  }

  /** Rejects items that would start past the end of `list`; `itemPath` is the list's path plus `index`. */
  #checkIndex(list: readonly unknown[], index: number, itemPath: Path, entry: string): void {
    if (index > list.length) {
      this.#fail(
        'INDEX_OUT_OF_RANGE',
        `stream items start at index ${index}, but the list has ${list.length} items; writing there would leave a gap`,
        entry,
        itemPath,
      );
    }
  }

  /**
   * Writes `items` into `list` (found at the first `length` segments of `path`) from index `start`:
   * merged where an item exists, appended after.
   */
  #writeItems(path: Path, length: number, list: readonly unknown[], start: number, items: readonly unknown[]): void {
    if (items.length === 0) return;
    // Inside a batch the list is usually a draft already: copied by an earlier payload of the batch
    // and in place in `data`, so the items go straight in, with no walk back up the path.
    let draft = this.#store.isDraft(list as unknown[]) ? (list as unknown[]) : undefined;
    if (draft === undefined && start === list.length) {
      // Appending to a published list: build the copy with the items in one pass. Copying first and
      // then pushing would copy the list twice (the push outgrows the exact-size copy).
      this.#data = updateAt(this.#store, this.#data, path, this.#store.adopt(copyList(list, items)), length);
      return;
    }
    for (let offset = 0; offset < items.length; offset += 1) {
      const index = start + offset;
      let item = items[offset];
      if (index < list.length) {
        const previous = list[index];
        item = mergeValue(this.#store, previous, item);
        if (item === previous) continue;
      }
      draft ??= this.#store.writable(list as unknown[]);
      this.#store.setIndex(draft, index, item);
    }
    if (draft !== undefined && draft !== list) this.#data = updateAt(this.#store, this.#data, path, draft, length);
  }

  /** Whether the stream into the list at the first `length` segments of `path` failed (2022 format). */
  #isDead(path: Path, length: number): boolean {
    // Most responses have no failed stream: skip building the key, once per streamed item.
    return this.#deadLists.size > 0 && this.#deadLists.has(pathKey(path.slice(0, length)));
  }

  #markDead(listPath: Path): void {
    const key = pathKey(listPath);
    if (this.#deadLists.has(key)) return;
    this.#deadLists.add(key);
    this.#store.onRollback(() => this.#deadLists.delete(key));
  }

  #recordFailure(
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
    const draft = this.#store.writable(this.#failed as FailedBoundary[]);
    this.#store.setIndex(draft, draft.length, boundary);
    this.#failed = draft;
    this.#appendErrors(failureErrors);
  }

  #appendErrors(incoming: readonly GraphQLErrorJSON[]): void {
    if (incoming.length === 0) return;
    const draft = this.#store.writable(this.#errors as GraphQLErrorJSON[]);
    for (const error of incoming) this.#store.setIndex(draft, draft.length, error);
    this.#errors = draft;
  }

  #mergeExtensions(incoming: Record<string, unknown> | undefined): void {
    if (incoming === undefined) return;
    const keys = Object.keys(incoming);
    if (keys.length === 0) return;
    const draft = this.#store.writable(this.#extensions ?? this.#store.adopt({}));
    for (const key of keys) this.#store.setKey(draft, key, incoming[key]);
    this.#extensions = draft;
  }

  #setKind(tracked: TrackedBoundary, kind: BoundaryKind): void {
    if (tracked.kind === kind) return;
    const previous = tracked.kind;
    tracked.kind = kind;
    this.#store.onRollback(() => {
      tracked.kind = previous;
    });
    this.#pendingChanged = true;
  }

  /** A boundary whose kind no entry showed yet: a list at its path means a stream. */
  #kindAt(path: Path): BoundaryKind {
    const found = lookup(this.#data, path);
    return found.status === 'found' && Array.isArray(found.value) ? 'stream' : 'defer';
  }

  #restorePending(boundaries: readonly TrackedBoundary[]): void {
    for (const tracked of boundaries) this.#pendingById.set(tracked.id, tracked);
    this.#pendingReordered = true;
  }

  #publish(): IncrementalResult<TData, TExtensions> {
    if (this.#pendingChanged) {
      const tracked = [...this.#pendingById.values()];
      if (this.#pendingReordered) tracked.sort((a, b) => a.order - b.order);
      this.#pendingReordered = false;
      this.#pendingList = Object.freeze(tracked.map(toPendingBoundary));
      this.#pendingChanged = false;
    }
    this.#store.publish();
    const result: IncrementalResult = {
      ...(this.#hasData ? { data: this.#data as Record<string, unknown> | null } : {}),
      ...(this.#errors.length > 0 ? { errors: this.#errors } : {}),
      ...(this.#extensions === undefined ? {} : { extensions: this.#extensions }),
      hasNext: this.#hasNext,
      pending: this.#pendingList,
      failed: this.#failed,
    };
    this.#current = result as IncrementalResult<TData, TExtensions>;
    return this.#current;
  }

  apply(payload: unknown): IncrementalResult<TData, TExtensions> {
    this.#applyOne(payload);
    return this.#publish();
  }

  applyAll(payloads: Iterable<unknown>): IncrementalResult<TData, TExtensions> | undefined {
    let applied = 0;
    try {
      for (const payload of payloads) {
        this.#applyOne(payload);
        applied += 1;
      }
    } finally {
      if (applied > 0) this.#publish();
    }
    return this.#current;
  }

  get current(): IncrementalResult<TData, TExtensions> | undefined {
    return this.#current;
  }

  get format(): WireFormat | undefined {
    return this.#format;
  }
}

function toPendingBoundary(tracked: TrackedBoundary): PendingBoundary {
  const kind = tracked.kind ?? 'defer';
  // The kind is the only field that changes (once the data shows a list or an object, or on rollback).
  if (tracked.published?.kind !== kind) {
    tracked.published = {
      id: tracked.id,
      path: tracked.path,
      ...(tracked.label === undefined ? {} : { label: tracked.label }),
      kind,
    };
  }
  return tracked.published;
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

