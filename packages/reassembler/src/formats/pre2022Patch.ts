/**
 * The pre-2022 patch format: graphql 15/16 `experimental-stream-defer` builds, express-graphql, old
 * Hot Chocolate, and the graphql-over-http RFC's example. Each subsequent payload is one flat patch,
 * `{ data | items, path, label, errors, extensions, hasNext }`. A streamed item arrives as `data` with a
 * path that ends in its index; later builds sent `items` like the 2022 format.
 * @see shared/research/spec.md section 1.5
 */
import type { Step } from '../steps.js';
import { readPathEntry } from './deferSpec20220824.js';
import { readLabel, readPath, type Fail } from '../wireValues.js';

const ENTRY = 'patch';

/** `true` when a later payload is a flat patch rather than a list of `incremental` entries. */
export function isPre2022Patch(payload: Record<string, unknown>): boolean {
  return Object.hasOwn(payload, 'path') && !Object.hasOwn(payload, 'incremental');
}

/**
 * Reads a flat patch as one step. Its `errors` and `extensions` are the payload's own, which the
 * caller records once, so the step carries none.
 */
export function readPatch(payload: Record<string, unknown>, fail: Fail): Step {
  const path = readPath(payload['path'], ENTRY, fail);
  if (Object.hasOwn(payload, 'data') && typeof path[path.length - 1] === 'number') {
    return { type: 'patch-at-index', path, label: readLabel(payload['label'], ENTRY, fail), value: payload['data'], entry: ENTRY };
  }
  // Only the locating keys and the value: errors and extensions are read at the payload's top level.
  const entry: Record<string, unknown> = { path, label: payload['label'] };
  if (Object.hasOwn(payload, 'items')) entry['items'] = payload['items'];
  else if (Object.hasOwn(payload, 'data')) entry['data'] = payload['data'];
  return readPathEntry(entry, ENTRY, fail);
}
