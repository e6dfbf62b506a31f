/** A JSON object or array that the reassembler may hold in its result tree. */
export type Container = Record<string, unknown> | unknown[];

/**
 * Copy-on-write bookkeeping shared by everything the reassembler builds.
 *
 * Results that were handed out (published) are never mutated, yet building a new result must not cost
 * a copy of every list it touches per payload: that is what makes immutable mergers quadratic on long
 * streams (`shared/research/performance.md`). So a container is copied only the first time it is
 * written after a publish; the copy is a *draft*, owned by the store, and further writes before the
 * next publish go into it directly. Payloads applied in one batch therefore cost the sum of their
 * sizes plus one copy per touched container, and a publish costs nothing.
 *
 * Writes may fail halfway through a payload (an entry that does not fit). Writes into drafts created
 * by an earlier payload of the same batch are logged, so {@link DraftStore.rollback} can restore the
 * state that followed the previous payload exactly; drafts created by the failing payload are simply
 * dropped with it.
 */
export interface DraftStore {
  /** Starts a payload: later writes can be undone with {@link rollback} until the next `begin`. */
  begin(): void;
  /** Undoes every write since the last {@link begin}. */
  rollback(): void;
  /** Marks every draft as published: from now on they are copied before being written. */
  publish(): void;
  /** Returns `container` itself if it is a draft, else a new draft copy of it. */
  writable<T extends Container>(container: T): T;
  /** Registers a container the caller just built (and nobody else holds) as a draft. */
  adopt<T extends Container>(fresh: T): T;
  /** Whether `container` is a draft, i.e. may be written in place. */
  isDraft(container: Container): boolean;
  /** Sets (or appends, at `draft.length`) an element of a draft list. */
  setIndex(draft: unknown[], index: number, value: unknown): void;
  /** Sets an own property of a draft object, as a plain data property even for `__proto__`. */
  setKey(draft: Record<string, unknown>, key: string, value: unknown): void;
  /** Registers an action that undoes a change made outside the tree (a map entry, a counter). */
  onRollback(undo: () => void): void;
}

/** Marks an undo record of a key or index that did not exist before the write. */
const ABSENT: unique symbol = Symbol('absent');
/** Marks an undo record whose target is an {@link DraftStore.onRollback} action. */
const ACTION: unique symbol = Symbol('action');

/**
 * Creates a {@link DraftStore}.
 *
 * A class rather than an object of closures: every reassembler has its own store, and methods on a
 * shared prototype are one function each, so V8's call sites stay monomorphic across reassemblers
 * (closures made per store are new functions each time, and each new one deoptimised its callers).
 */
export function createDraftStore(): DraftStore {
  // One store that lives as long as the module. V8 drops an object shape (hidden class) once no
  // object has it, and with it all optimised code that depends on it: without a live store, every
  // major GC between two responses threw the draft code away and the next response ran cold.
  shapeKeeper ??= new Drafts();
  return new Drafts();
}

let shapeKeeper: DraftStore | undefined;

class Drafts implements DraftStore {
  /** Draft → number of the payload that created it. Drafts of the current payload need no undo entry. */
  readonly #drafts = new Map<Container, number>();
  #payloadNumber = 0;
  /**
   * The undo log, flat: three slots per record (target, key, previous value or ABSENT), or
   * (action, ACTION, undefined) for onRollback. Records are not objects or closures because a batched
   * stream writes into an older draft list on every payload: one record per item, on the hot path.
   */
  readonly #undoLog: unknown[] = [];
  /** Slots of `#undoLog` in use; the array itself is reused, not reallocated, per payload. */
  #undoSize = 0;

  begin(): void {
    this.#payloadNumber += 1;
    // Clear the slots used (so the log holds no old drafts alive) without `length = 0`, which is a
    // runtime call and showed up in profiles at one per payload.
    for (let i = 0; i < this.#undoSize; i += 1) this.#undoLog[i] = undefined;
    this.#undoSize = 0;
  }

  rollback(): void {
    const log = this.#undoLog;
    for (let i = this.#undoSize - 3; i >= 0; i -= 3) {
      const target = log[i];
      const key = log[i + 1];
      const previous = log[i + 2];
      if (key === ACTION) (target as () => void)();
      else if (Array.isArray(target)) {
        // An appended element is undone by truncating (writes never leave a gap); records are undone
        // newest first, so the list ends at the length it had before its first append of this payload.
        if (previous === ABSENT) target.length = key as number;
        else target[key as number] = previous;
      } else if (previous === ABSENT) Reflect.deleteProperty(target as object, key as string);
      else defineKey(target as Record<string, unknown>, key as string, previous);
    }
    for (const [draft, createdBy] of this.#drafts) {
      if (createdBy === this.#payloadNumber) this.#drafts.delete(draft);
    }
    // Clears the log (and moves on to a new payload number, which nothing depends on).
    this.begin();
  }

  publish(): void {
    this.#drafts.clear();
  }

  writable<T extends Container>(container: T): T {
    if (this.#drafts.has(container)) return container;
    // Spread defines own properties (CreateDataProperty), so a wire key named `__proto__` is copied
    // as data instead of invoking the prototype setter the way Object.assign would.
    return this.adopt((Array.isArray(container) ? copyList(container) : { ...container }) as T);
  }

  adopt<T extends Container>(fresh: T): T {
    this.#drafts.set(fresh, this.#payloadNumber);
    return fresh;
  }

  isDraft(container: Container): boolean {
    return this.#drafts.has(container);
  }

  // Lists and objects have separate setters so that each keyed store site sees one kind of receiver
  // and key (a shared one went megamorphic and appended through the runtime).
  setIndex(draft: unknown[], index: number, value: unknown): void {
    if (this.#drafts.get(draft) !== this.#payloadNumber) this.#log(draft, index, index < draft.length ? draft[index] : ABSENT);
    draft[index] = value;
  }

  setKey(draft: Record<string, unknown>, key: string, value: unknown): void {
    if (this.#drafts.get(draft) !== this.#payloadNumber) this.#log(draft, key, Object.hasOwn(draft, key) ? draft[key] : ABSENT);
    defineKey(draft, key, value);
  }

  onRollback(undo: () => void): void {
    this.#log(undo, ACTION, undefined);
  }

  #log(target: unknown, key: unknown, previous: unknown): void {
    const log = this.#undoLog;
    const at = this.#undoSize;
    log[at] = target;
    log[at + 1] = key;
    log[at + 2] = previous;
    this.#undoSize = at + 3;
  }
}
/** Sets an own data property; plain assignment except for `__proto__`, the one inherited accessor. */
function defineKey(draft: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    // Assignment would call the inherited `__proto__` setter and change the object's prototype.
    Object.defineProperty(draft, key, { value, writable: true, enumerable: true, configurable: true });
  } else {
    draft[key] = value;
  }
}

/**
 * A copy of `list`, with `extra` appended. Results are never frozen here, but applications often freeze
 * what they keep (Immer and Redux Toolkit do in development), and V8 (Node 20) slices or concatenates
 * a frozen array element by element: about 50x (`slice`) and 10x (`concat`) slower than spreading it.
 * Spreading a plain array is in turn slower than `slice`/`concat`, hence the check (O(1) for an
 * extensible array).
 */
export function copyList<T>(list: readonly T[], extra?: readonly T[]): T[] {
  if (Object.isFrozen(list)) return extra === undefined ? [...list] : [...list, ...extra];
  return extra === undefined ? list.slice() : list.concat(extra);
}
