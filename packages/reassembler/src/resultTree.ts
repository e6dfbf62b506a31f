import type { Path, PathSegment } from './types.js';
import { fail, hasOwn, isArray } from './wireValues.js';

/**
 * Copy-on-write for a tree whose published parts must never change. A container is copied the first
 * time it is written after a restore point; the copy (a draft) then takes every write until the next
 * one, so a batch of payloads costs one copy per container it touches.
 */
export interface Drafts {
  readonly copies: Set<object>;
  /** What the copies took (lists count their length): about what the next restore point costs. */
  size: number;
}

type Container = Record<PathSegment, unknown>;

/** Deeper merges would risk the stack; no GraphQL response nests this deep. */
const MAX_MERGE_DEPTH = 2048;

/**
 * Follows `path` through own properties only (`__proto__` finds a field or nothing). Returns what is
 * there, `null` when the walk meets `null` (an error nulled that part), `undefined` when nothing is.
 */
export function walk(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (node === null) return null;
    if (typeof node !== 'object' || isArray(node) !== (typeof segment === 'number') || !hasOwn(node, segment)) return undefined;
    node = (node as Container)[segment];
  }
  return node;
}

function adopt<T extends object>(drafts: Drafts, copy: T): T {
  drafts.copies.add(copy);
  // Objects are as wide as the query; lists grow with the data.
  drafts.size += isArray(copy) ? copy.length : 1;
  return copy;
}

/** `container` itself if it is a draft, else a new draft copy of it. */
export function writable<T extends object>(drafts: Drafts, container: T): T {
  if (drafts.copies.has(container)) return container;
  // Spread copies fast even when the application froze the container, unlike `slice`.
  return adopt(drafts, (isArray(container) ? [...container] : { ...container }) as T);
}

/** `list` with `items` appended: in place in a draft, else in one copy (not a copy that then grows). */
export function append(drafts: Drafts, list: unknown[], items: readonly unknown[]): unknown[] {
  if (!drafts.copies.has(list)) {
    // `concat` is the fast way, except on a frozen list, where spreading is.
    return adopt(drafts, Object.isFrozen(list) ? [...list, ...items] : list.concat(items));
  }
  for (const item of items) list.push(item);
  return list;
}

/** Writes `value` at `key` of a draft of `container` and returns that draft. */
export function write<T extends object>(drafts: Drafts, container: T, key: PathSegment, value: unknown): T {
  const draft = writable(drafts, container);
  // Assignment would call the inherited `__proto__` setter and change the prototype.
  if (key === '__proto__') Object.defineProperty(draft, key, { value, writable: true, enumerable: true, configurable: true });
  else (draft as Container)[key] = value;
  return draft;
}

/** Puts `value` at `path` (which exists) in `root`, copying along the path; returns the new root. */
export function setAt(drafts: Drafts, root: unknown, path: Path, value: unknown): unknown {
  // Iterative, so that deep paths cannot overflow the stack.
  const parents: Container[] = [];
  for (let depth = 0, node = root; depth < path.length; depth += 1) {
    parents.push(node as Container);
    node = (node as Container)[path[depth]!];
  }
  for (let depth = path.length - 1; depth >= 0; depth -= 1) {
    const parent = parents[depth]!;
    if (parent[path[depth]!] === value) return root;
    const draft = write(drafts, parent, path[depth]!, value);
    // A draft already sits in a draft parent: nothing above it changes.
    if (draft === parent) return root;
    value = draft;
  }
  return value;
}

/** Deep-merges wire data into `existing` (objects by key, lists by index); `existing` if nothing changed. */
export function merge(drafts: Drafts, existing: unknown, incoming: unknown, depth = 0): unknown {
  // A null is final: an error nulled it, and branching 2022 payloads may re-send data below it.
  if (existing === null || existing === incoming) return existing;
  const containers = typeof existing === 'object' && typeof incoming === 'object' && incoming !== null;
  if (!containers || isArray(existing) !== isArray(incoming)) return incoming;
  if (depth > MAX_MERGE_DEPTH) fail('INVALID_PAYLOAD', `expected data at most ${MAX_MERGE_DEPTH} levels deep where it merges, got deeper`);
  let merged = existing as Container;
  for (const key of Object.keys(incoming)) {
    const previous = hasOwn(existing, key) ? (existing as Container)[key] : undefined;
    const value = previous === undefined ? (incoming as Container)[key] : merge(drafts, previous, (incoming as Container)[key], depth + 1);
    if (value !== previous) merged = write(drafts, merged, key, value);
  }
  return merged;
}
