/**
 * The 2022 format: Apollo `deferSpec=20220824` (incremental v0.1), graphql-js 17.0.0-alpha.2 and
 * 17.1 `legacyExecuteIncrementally`, GraphQL Yoga, Apollo Router, Tanka. Nothing is announced; every
 * `incremental` entry carries its `path` (and `label`). Deferred `data` is merged into the object at
 * `path`; stream `items` are written from the index that ends `path`. `data: null` / `items: null`
 * mean the fragment or stream failed.
 * @see shared/research/spec.md section 1
 */
import type { Step } from '../steps.js';
import { isRecord } from '../resultTree.js';
import { describe, readErrors, readExtensions, readLabel, readPath, type Fail } from '../wireValues.js';

/** Reads an `incremental` entry located by `path`. */
export function readPathEntry(entry: Record<string, unknown>, where: string, fail: Fail): Step {
  const path = readPath(entry['path'], where, fail);
  const label = readLabel(entry['label'], where, fail);
  const errors = readErrors(entry['errors'], where, fail);
  const extensions = readExtensions(entry['extensions'], where, fail);
  if (Object.hasOwn(entry, 'items')) {
    const items = entry['items'];
    if (items !== null && !Array.isArray(items)) {
      return fail('INVALID_PAYLOAD', `expected \`items\` to be a list or null, got ${describe(items)}`, where, path);
    }
    if (items !== null && typeof path[path.length - 1] !== 'number') {
      return fail('INVALID_PAYLOAD', 'stream items need a path that ends in the index of the first item', where, path);
    }
    return { type: 'stream-at-path', path, label, items, errors, extensions, entry: where };
  }
  if (Object.hasOwn(entry, 'data')) {
    const data = entry['data'];
    if (data !== null && !isRecord(data)) {
      return fail('INVALID_PAYLOAD', `expected deferred \`data\` to be an object or null, got ${describe(data)}`, where, path);
    }
    return { type: 'defer-at-path', path, label, data, errors, extensions, entry: where };
  }
  // Tanka reports a failed fragment or stream with `path` and `errors` only.
  return { type: 'failure-at-path', path, label, errors, extensions, entry: where };
}
