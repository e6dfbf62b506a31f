/**
 * The current format: graphql-js 17 `experimentalExecuteIncrementally`, graphql 17.0.0-alpha.9,
 * Apollo `incrementalSpec=v0.2`, Hot Chocolate (main). Boundaries are announced in `pending` with an
 * `id`; `incremental` entries name that id (plus an optional `subPath`); `completed` ends them.
 *
 * Strawberry copies the pending `path` and a `label` (often `null`) onto every incremental entry. For a
 * stream that `path` is the list itself, without an index, so it is ignored here: the `id` decides.
 * @see shared/research/spec.md sections 2 and 5.5
 */
import type { Announcement, Step } from '../steps.js';
import { isRecord } from '../resultTree.js';
import { EMPTY, describe, readErrors, readExtensions, readId, readLabel, readPath, type Fail } from '../wireValues.js';

/** Reads a `pending` entry: `{ id, path, label? }`. */
export function readAnnouncement(entry: Record<string, unknown>, where: string, fail: Fail): Announcement {
  return {
    id: readId(entry['id'], where, fail),
    path: readPath(entry['path'], where, fail),
    label: readLabel(entry['label'], where, fail),
    entry: where,
  };
}

/** Reads an `incremental` entry that has an `id`: deferred `data` or stream `items`. */
export function readIdEntry(entry: Record<string, unknown>, where: string, fail: Fail): Step {
  const id = readId(entry['id'], where, fail);
  const errors = readErrors(entry['errors'], where, fail);
  const extensions = readExtensions(entry['extensions'], where, fail);
  if (Object.hasOwn(entry, 'items')) {
    const items = entry['items'];
    if (!Array.isArray(items)) {
      return fail('INVALID_PAYLOAD', `expected \`items\` to be a list, got ${describe(items)}`, where);
    }
    return { type: 'stream-by-id', id, items, errors, extensions, entry: where };
  }
  const data = entry['data'];
  if (!isRecord(data)) {
    return fail('INVALID_PAYLOAD', `expected \`data\` (an object) or \`items\` (a list), got data ${describe(data)}`, where);
  }
  const subPath = entry['subPath'] === undefined || entry['subPath'] === null ? EMPTY : readPath(entry['subPath'], where, fail);
  return { type: 'defer-by-id', id, subPath, data, errors, extensions, entry: where };
}

/** Reads a `completed` entry: `{ id, errors? }`; errors mean the boundary failed. */
export function readCompletion(entry: Record<string, unknown>, where: string, fail: Fail): Step {
  return {
    type: 'complete',
    id: readId(entry['id'], where, fail),
    errors: readErrors(entry['errors'], where, fail),
    entry: where,
  };
}
