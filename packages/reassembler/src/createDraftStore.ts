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
  /** Sets an own property of a draft, as a plain data property even for `__proto__`. */
  set(draft: Container, key: string | number, value: unknown): void;
  /** Registers an action that undoes a change made outside the tree (a map entry, a counter). */
  onRollback(undo: () => void): void;
}

/** Creates a {@link DraftStore}. */
export function createDraftStore(): DraftStore {
  // Draft → number of the payload that created it. Drafts of the current payload need no undo entry.
  const drafts = new Map<Container, number>();
  let payloadNumber = 0;
  let undoLog: (() => void)[] = [];

  function adopt<T extends Container>(draft: T): T {
    drafts.set(draft, payloadNumber);
    return draft;
  }

  return {
    begin() {
      payloadNumber += 1;
      undoLog = [];
    },
    rollback() {
      for (let i = undoLog.length - 1; i >= 0; i -= 1) undoLog[i]!();
      undoLog = [];
      for (const [draft, createdBy] of drafts) {
        if (createdBy === payloadNumber) drafts.delete(draft);
      }
    },
    publish() {
      drafts.clear();
    },
    writable(container) {
      if (drafts.has(container)) return container;
      // Spread defines own properties (CreateDataProperty), so a wire key named `__proto__` is copied
      // as data instead of invoking the prototype setter the way Object.assign would.
      return adopt((Array.isArray(container) ? container.slice() : { ...container }) as typeof container);
    },
    adopt,
    isDraft(container) {
      return drafts.has(container);
    },
    set(draft, key, value) {
      const createdBy = drafts.get(draft);
      if (createdBy !== payloadNumber) undoLog.push(undoSet(draft, key));
      if (key === '__proto__') {
        // Assignment would call the inherited `__proto__` setter and change the object's prototype.
        Object.defineProperty(draft, key, { value, writable: true, enumerable: true, configurable: true });
      } else {
        (draft as Record<string | number, unknown>)[key] = value;
      }
    },
    onRollback(undo) {
      undoLog.push(undo);
    },
  };
}

function undoSet(draft: Container, key: string | number): () => void {
  if (Array.isArray(draft)) {
    const length = draft.length;
    const index = key as number;
    const previous = draft[index];
    return () => {
      if (index >= length) draft.length = length;
      else draft[index] = previous;
    };
  }
  if (Object.hasOwn(draft, key)) {
    const previous = draft[key];
    return () => {
      Object.defineProperty(draft, key, { value: previous, writable: true, enumerable: true, configurable: true });
    };
  }
  return () => {
    Reflect.deleteProperty(draft, key);
  };
}
