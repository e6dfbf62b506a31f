import type { Path, PathSegment } from './types.js';
import { fail, hasOwn, isArray } from './wireValues.js';

type Container = Record<PathSegment, unknown>;

/** Deeper merges would risk the stack; no GraphQL response nests this deep. */
const MAX_MERGE_DEPTH = 2048;

/**
 * Follows `path` through own properties only (`__proto__` finds a field or nothing), pushing the
 * containers it passes onto `parents`. Returns what is there, `null` when the walk meets `null` (an
 * error nulled that part), `undefined` when nothing is.
 */
export function walk(root: unknown, path: Path, parents: unknown[] = []): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null) return null;
    if (typeof node !== 'object' || isArray(node) !== (typeof segment === 'number') || !hasOwn(node, segment)) return undefined;
    parents.push(node);
    node = (node as Container)[segment];
  }
  return node;
}

/**
 * Copy-on-write for a tree whose published parts must never change. A container is copied the first
 * time it is written after `clear()`; the copy (a draft) then takes every write until the next
 * `clear()`, so a batch of payloads costs one copy per container it touches.
 */
export function createDrafts() {
  const copies = new Set<object>();
  // What the copies took (lists count their length): about what copying them again after `clear()` costs.
  let size = 0;

  function adopt<T extends object>(copy: T): T {
    copies.add(copy);
    // Objects are as wide as the query; lists grow with the data.
    size += isArray(copy) ? copy.length : 1;
    return copy;
  }

  /** `list` with `items` appended: in place in a draft, else in one copy (not a copy that then grows). */
  function append(list: unknown[], items: readonly unknown[]): unknown[] {
    if (copies.has(list)) {
      for (const item of items) list.push(item);
      return list;
    }
    // `concat` is the fast way, except on a frozen list (results an app freezes), where spreading is.
    return adopt(Object.isFrozen(list) ? [...list, ...items] : list.concat(items));
  }

  /** Writes `value` at `key` of `container` if it is a draft, else of a new draft copy; returns the draft. */
  function write<T extends object>(container: T, key: PathSegment, value: unknown): T {
    // Spread copies fast even when the application froze the container, unlike `slice`.
    const draft = copies.has(container) ? container : adopt((isArray(container) ? [...container] : { ...container }) as T);
    // Assignment would call the inherited `__proto__` setter and change the prototype.
    if (key === '__proto__') Object.defineProperty(draft, key, { value, writable: true, enumerable: true, configurable: true });
    else (draft as Container)[key] = value;
    return draft;
  }

  /**
   * Puts `value` at the end of `path`, whose containers `walk` found, copying along the path where
   * something changes; returns the new root.
   */
  function setAt(parents: readonly unknown[], path: Path, value: unknown): unknown {
    // Iterative, so that deep paths cannot overflow the stack.
    for (let depth = path.length - 1; depth >= 0; depth -= 1) {
      const parent = parents[depth] as Container;
      const draft = parent[path[depth]!] === value ? parent : write(parent, path[depth]!, value);
      // Unchanged, or a draft already in a draft parent: nothing above it changes.
      if (draft === parent) return parents[0];
      value = draft;
    }
    return value;
  }

  /** Deep-merges wire data into `existing` (objects by key, lists by index); `existing` if nothing changed. */
  function merge(existing: unknown, incoming: unknown, depth = 0): unknown {
    // A null is final: an error nulled it, and branching 2022 payloads may re-send data below it.
    if (existing === null || existing === incoming) return existing;
    const containers = typeof existing === 'object' && typeof incoming === 'object' && incoming !== null;
    if (!containers || isArray(existing) !== isArray(incoming)) return incoming;
    if (depth > MAX_MERGE_DEPTH) fail('INVALID_PAYLOAD', `expected data at most ${MAX_MERGE_DEPTH} levels deep`);
    let merged = existing as Container;
    for (const key of Object.keys(incoming)) {
      // Own keys only: an inherited `__proto__` or `constructor` is no field to merge into.
      const previous = hasOwn(existing, key) ? (existing as Container)[key] : undefined;
      const value = merge(previous, (incoming as Container)[key], depth + 1);
      if (value !== previous) merged = write(merged, key, value);
    }
    return merged;
  }

  /** Publishes the drafts: the next write to any of them copies it again. */
  function clear(): void {
    copies.clear();
    size = 0;
  }

  return { write, append, setAt, merge, clear, size: () => size };
}
