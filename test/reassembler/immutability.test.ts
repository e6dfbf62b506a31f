/**
 * Immutability and structural sharing over real graphql-js payload sequences (issue 2: "Every
 * intermediate result checked for sharing and for not mutating earlier ones").
 *
 * For every executor × operation, payloads are applied one by one. Each result is deep-frozen as soon
 * as it is returned (so a later write into it throws inside `apply`) and cloned; at the end every
 * result must still equal its clone. Between consecutive results, every part of `data` that the
 * payload did not target must be the same object (`===`): only the containers on the way to a target
 * may be new, and only the target's own subtree may change.
 */
import { createReassembler, type IncrementalResult, type Path } from '@graphql-incremental/reassembler';
import { describe, expect, it } from 'vitest';
import { EXECUTORS, executeIncrementally, type Json, type WirePayload } from '../support/executeIncrementally.js';
import { OPERATIONS } from '../support/operations.js';

function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key], seen);
  return Object.freeze(value);
}

function isObject(value: unknown): value is Record<string | number, unknown> {
  return typeof value === 'object' && value !== null;
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const segment of path) {
    if (!isObject(node)) return undefined;
    node = node[segment];
  }
  return node;
}

function asEntries(value: Json | undefined): readonly { readonly [key: string]: Json }[] {
  return Array.isArray(value) ? (value as { [key: string]: Json }[]) : [];
}

function asPath(value: Json | undefined): Path {
  return Array.isArray(value) ? (value as (string | number)[]) : [];
}

/**
 * The paths a payload writes to, each of which may change entirely: a deferred fragment's target
 * object, or one list slot per streamed item. Everything else in `data` must be shared.
 *
 * @param payload - A subsequent payload.
 * @param pendingPaths - id → path of every `pending` entry seen so far (current format), this payload's included.
 * @param previousData - The data before the payload, to find where appended items land.
 * @param granularity - `target`: a fragment's whole target object may change (what issue 2 requires);
 *   `leaf`: only the leaves its data carries may (what a deep merge that keeps equal values achieves).
 */
function targetsOf(
  payload: WirePayload,
  pendingPaths: ReadonlyMap<string, Path>,
  previousData: unknown,
  granularity: 'target' | 'leaf',
): Path[] {
  const place = (data: Json | undefined, path: Path): Path[] =>
    granularity === 'leaf' && data !== undefined ? leafPaths(data, path) : [path];
  const targets: Path[] = [];
  // Items appended by this payload so far, per list (several entries may extend the same list).
  const appended = new Map<string, number>();
  for (const entry of asEntries(payload['incremental'])) {
    const id = entry['id'];
    if (id !== undefined) {
      // Current format: the pending path (+ subPath) for data; append after the list for items.
      const path = pendingPaths.get(String(id)) ?? [];
      if ('items' in entry) {
        const list = valueAt(previousData, path);
        if (!Array.isArray(list)) {
          targets.push(path); // The list itself arrived in this payload (inside deferred data).
          continue;
        }
        const key = JSON.stringify(path);
        const start = list.length + (appended.get(key) ?? 0);
        const items = asEntries(entry['items']);
        items.forEach((_item, offset) => targets.push([...path, start + offset]));
        appended.set(key, (appended.get(key) ?? 0) + items.length);
      } else {
        targets.push(...place(entry['data'], [...path, ...asPath(entry['subPath'])]));
      }
    } else {
      // 2022 format: `path` is the fragment's object, or the list plus the index of the first item.
      const path = asPath(entry['path']);
      if ('items' in entry) {
        if (entry['items'] === null) continue; // A failed stream writes nothing.
        const listPath = path.slice(0, -1);
        const start = path.at(-1) as number;
        asEntries(entry['items']).forEach((_item, offset) => targets.push([...listPath, start + offset]));
      } else if (entry['data'] !== null) {
        targets.push(...place(entry['data'], path));
      }
    }
  }
  return targets;
}

/**
 * The paths of the leaves of deferred `data` placed at `base`: what a deep merge may actually change.
 * Used for the finer check that, inside a fragment's target object, fields the payload does not carry
 * (and equal values it re-sends, as 2022 payloads do) stay shared too.
 */
function leafPaths(data: Json, base: Path): Path[] {
  if (!isObject(data)) return [base];
  const keys = Object.keys(data);
  if (keys.length === 0) return [base];
  return keys.flatMap((key) => {
    const segment = Array.isArray(data) ? Number(key) : key;
    return leafPaths((data as Record<string | number, Json>)[segment]!, [...base, segment]);
  });
}

function isPrefix(prefix: Path, path: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => segment === path[index]);
}

/**
 * Walks `before` and `after` together and returns the paths of subtrees that should have been shared
 * (not a prefix of a target, not under one) but are different objects.
 */
function unsharedSubtrees(before: unknown, after: unknown, targets: readonly Path[], path: Path = []): string[] {
  if (targets.some((target) => isPrefix(target, path))) return []; // Under a target: may change.
  const onTheWay = targets.some((target) => isPrefix(path, target));
  if (!onTheWay) return before === after ? [] : [JSON.stringify(path)];
  // On the way to a target: this container may be a copy, but its other children must be shared.
  if (!isObject(before) || !isObject(after)) return [];
  const problems: string[] = [];
  for (const key of Object.keys(before)) {
    const segment = Array.isArray(before) ? Number(key) : key;
    problems.push(...unsharedSubtrees(before[segment], after[segment], targets, [...path, segment]));
  }
  return problems;
}

function hasErrors(payload: WirePayload): boolean {
  const withErrors = (entries: Json | undefined) => asEntries(entries).some((entry) => entry['errors'] !== undefined);
  return payload['errors'] !== undefined || withErrors(payload['incremental']) || withErrors(payload['completed']);
}

describe.each(EXECUTORS)('%s', (executor) => {
  it.each(OPERATIONS)('$name: results are never mutated and share every untouched subtree', async (operation) => {
    const payloads = await executeIncrementally(executor, operation);
    const payloadClones = payloads.map((payload) => structuredClone(payload));
    const reassembler = createReassembler();
    const results: IncrementalResult[] = [];
    const clones: unknown[] = [];
    const pendingPaths = new Map<string, Path>();

    payloads.forEach((payload, index) => {
      const previous = results.at(-1);
      // Freezing means a write into an earlier result throws right here, inside apply().
      const result = deepFreeze(reassembler.apply(payload));
      results.push(result);
      clones.push(structuredClone(result));
      expect(reassembler.current).toBe(result);

      for (const entry of asEntries(payload['pending'])) pendingPaths.set(String(entry['id']), asPath(entry['path']));
      if (previous === undefined) return;
      const targets = targetsOf(payload, pendingPaths, previous.data, 'target');
      const where = `payload ${index} ${JSON.stringify(payload)} with targets ${JSON.stringify(targets)}`;
      expect(unsharedSubtrees(previous.data, result.data, targets), where).toEqual([]);
      const leaves = targetsOf(payload, pendingPaths, previous.data, 'leaf');
      expect(unsharedSubtrees(previous.data, result.data, leaves), `leaves ${JSON.stringify(leaves)}, ${where}`).toEqual([]);
      if (!hasErrors(payload)) {
        expect(result.errors, `errors, ${where}`).toBe(previous.errors);
        expect(result.failed, `failed, ${where}`).toBe(previous.failed);
      }
      const touchesPending = payload['pending'] !== undefined || payload['completed'] !== undefined || payload['hasNext'] === false;
      if (!touchesPending) expect(result.pending, `pending, ${where}`).toBe(previous.pending);
    });

    // No result was changed after it was handed out, and no payload was changed by being applied.
    results.forEach((result, index) => expect(result, `result ${index}`).toStrictEqual(clones[index]));
    payloads.forEach((payload, index) => expect(payload, `payload ${index}`).toStrictEqual(payloadClones[index]));
  });
});
