import type { Container, DraftStore } from './createDraftStore.js';
import type { Path } from './types.js';

/**
 * Where a path leads in the data so far.
 * - `found`: `value` is what the path points at.
 * - `null`: the walk met `null` at `depth` (an error nulled that object); nothing below it can be written.
 * - `missing`: the segment at `depth` does not exist.
 * - `mismatch`: the segment at `depth` does not fit its container (a name on a list, an index on an
 *   object, or a step into a scalar).
 */
export type Lookup =
  | { readonly status: 'found'; readonly value: unknown }
  | { readonly status: 'null' | 'missing' | 'mismatch'; readonly depth: number };

/** `true` for a JSON object (not `null`, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Follows `path` from `root`, reading own properties only: a segment named `__proto__` or
 * `constructor` finds a field of that name or nothing, never an inherited value.
 *
 * @param length - How many segments of `path` to follow (default: all), so that a 2022 stream entry's
 *   list is found from its item path without slicing the path on every payload.
 */
export function lookup(root: unknown, path: Path, length = path.length): Lookup {
  let node = root;
  for (let depth = 0; depth < length; depth += 1) {
    if (node === null) return { status: 'null', depth };
    const segment = path[depth]!;
    if (Array.isArray(node)) {
      if (typeof segment !== 'number') return { status: 'mismatch', depth };
      if (segment >= node.length) return { status: 'missing', depth };
      node = node[segment];
    } else if (isRecord(node)) {
      if (typeof segment !== 'string') return { status: 'mismatch', depth };
      if (!Object.hasOwn(node, segment)) return { status: 'missing', depth };
      node = node[segment];
    } else {
      return { status: node === undefined ? 'missing' : 'mismatch', depth };
    }
  }
  return { status: 'found', value: node };
}

/**
 * Puts `value` at `path` (which {@link lookup} found), copying the containers along the path only
 * where they are not drafts yet. Returns the new root; the old root is returned unchanged when the
 * path already holds `value` (for instance a draft that was just written in place).
 *
 * @param length - How many segments of `path` to follow (default: all).
 */
export function updateAt(store: DraftStore, root: unknown, path: Path, value: unknown, length = path.length): unknown {
  // Iterative, so deep paths cannot overflow the stack: collect the containers, then rebuild upward.
  const containers: Container[] = [];
  let node = root;
  for (let depth = 0; depth < length; depth += 1) {
    containers.push(node as Container);
    node = (node as Record<string | number, unknown>)[path[depth]!];
  }
  if (node === value) return root;
  for (let depth = length - 1; depth >= 0; depth -= 1) {
    const container = containers[depth]!;
    const segment = path[depth]!;
    if ((container as Record<string | number, unknown>)[segment] === value) return root;
    const draft = store.writable(container);
    if (Array.isArray(draft)) store.setIndex(draft, segment as number, value);
    else store.setKey(draft, segment as string, value);
    value = draft;
  }
  return value;
}

/**
 * How deep {@link mergeValue} follows objects present on both sides. Merging recurses once per level;
 * a payload nested deeper than this (no real GraphQL response is: `JSON.stringify` itself overflows
 * near 5,000 levels) would exhaust the stack, so it is rejected as {@link MergeTooDeepError} instead.
 */
export const MAX_MERGE_DEPTH = 2048;

/** Thrown by {@link mergeValue} past {@link MAX_MERGE_DEPTH}; the reassembler turns it into a `ReassemblyError`. */
export class MergeTooDeepError extends Error {
  override readonly name = 'MergeTooDeepError';
}

/**
 * Deep-merges `incoming` (wire data) into `existing` and returns the result: `existing` itself when
 * `incoming` adds nothing new, so re-sent data (2022 payloads repeat fields) does not break sharing.
 * Objects merge by key, lists by index (a re-sent list keeps items appended to it since); any other
 * value replaces what was there. Payload values are adopted as they are and never mutated.
 */
export function mergeValue(store: DraftStore, existing: unknown, incoming: unknown, depth = 0): unknown {
  if (existing === incoming) return existing;
  if (depth > MAX_MERGE_DEPTH) throw new MergeTooDeepError(`data nests deeper than ${MAX_MERGE_DEPTH} levels`);
  if (isRecord(existing) && isRecord(incoming)) {
    let merged: Record<string, unknown> = existing;
    for (const key of Object.keys(incoming)) {
      const next = incoming[key];
      let value: unknown;
      if (Object.hasOwn(existing, key)) {
        const previous = existing[key];
        value = mergeValue(store, previous, next, depth + 1);
        if (value === previous) continue;
      } else {
        value = next;
      }
      if (merged === existing) merged = store.writable(existing);
      store.setKey(merged, key, value);
    }
    return merged;
  }
  if (Array.isArray(existing) && Array.isArray(incoming)) {
    let merged: unknown[] = existing;
    for (let index = 0; index < incoming.length; index += 1) {
      const previous = existing[index];
      const value = index < existing.length ? mergeValue(store, previous, incoming[index], depth + 1) : incoming[index];
      if (index < existing.length && value === previous) continue;
      if (merged === existing) merged = store.writable(existing);
      store.setIndex(merged, index, value);
    }
    return merged;
  }
  // Anything else replaces what was there (equal scalars returned early, keeping the parent shared).
  return incoming;
}
