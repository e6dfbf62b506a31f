import { readAnnouncement, readCompletion, readIdEntry } from './formats/current.js';
import { readPathEntry } from './formats/deferSpec20220824.js';
import { isPre2022Patch, readPatch } from './formats/pre2022Patch.js';
import { isRecord } from './resultTree.js';
import type { Announcement, NormalizedPayload, Step } from './steps.js';
import type { WireFormat } from './types.js';
import { EMPTY, describe, readEntries, readErrors, readExtensions, type Fail } from './wireValues.js';

/**
 * Checks one payload and reads it into the internal model, recognising its format without being told:
 * entries with an `id` are the current format (even when they also carry a `path`, as Strawberry's
 * do), entries with only a `path` are the 2022 format, and a later payload with a top-level `path` and
 * no `incremental` is a pre-2022 patch.
 *
 * @param raw - The parsed JSON payload, untrusted.
 * @param initial - Whether this is the first payload of the response.
 * @param fail - Throws the reassembler's error for this payload.
 * @returns The payload's top-level fields and its steps in the order they apply: `incremental`
 *   entries in array order, then `completed` (its `pending` are registered before either).
 * @throws {ReassemblyError} `INVALID_PAYLOAD` when a field has the wrong type.
 * @see shared/research/spec.md section 5.6
 */
export function readPayload(raw: unknown, initial: boolean, fail: Fail): NormalizedPayload {
  if (!isRecord(raw)) return fail('INVALID_PAYLOAD', `expected a payload object, got ${describe(raw)}`);
  const hasNext = raw['hasNext'];
  if (hasNext !== undefined && typeof hasNext !== 'boolean') {
    return fail('INVALID_PAYLOAD', `expected \`hasNext\` to be a boolean, got ${describe(hasNext)}`, 'hasNext');
  }
  const errors = readErrors(raw['errors'], 'errors', fail);
  const extensions = readExtensions(raw['extensions'], 'extensions', fail);

  if (!initial && isPre2022Patch(raw)) {
    const steps = [readPatch(raw, fail)];
    return { hasNext, hasData: false, data: null, errors, extensions, pending: EMPTY, steps, format: 'pre-2022' };
  }

  const data = raw['data'];
  if (data !== undefined && data !== null && !isRecord(data)) {
    return fail('INVALID_PAYLOAD', `expected \`data\` to be an object or null, got ${describe(data)}`, 'data');
  }
  // A later payload's `data: null` cannot take back what was delivered; only objects are merged.
  const hasData = initial ? data !== undefined : isRecord(data);

  // Plain loops, not map/forEach: no callback is allocated per payload.
  const pendingEntries = readEntries(raw['pending'], 'pending', fail);
  const pending: Announcement[] = [];
  for (let index = 0; index < pendingEntries.length; index += 1) {
    pending.push(readAnnouncement(pendingEntries[index]!, `pending[${index}]`, fail));
  }
  let format: WireFormat | undefined = pending.length > 0 ? 'current' : undefined;
  const steps: Step[] = [];
  const incremental = readEntries(raw['incremental'], 'incremental', fail);
  for (let index = 0; index < incremental.length; index += 1) {
    const entry = incremental[index]!;
    const where = `incremental[${index}]`;
    if (Object.hasOwn(entry, 'id')) {
      steps.push(readIdEntry(entry, where, fail));
      format = 'current';
    } else {
      steps.push(readPathEntry(entry, where, fail));
      format ??= '2022';
    }
  }
  const completed = readEntries(raw['completed'], 'completed', fail);
  for (let index = 0; index < completed.length; index += 1) {
    steps.push(readCompletion(completed[index]!, `completed[${index}]`, fail));
    format = 'current';
  }
  if (initial && format === undefined) {
    // spec.md 5.6 rule 2: an incremental initial payload of the current format always has `pending`;
    // without it, `hasNext` means the 2022 format (a pre-2022 patch may still show up and say otherwise).
    format = hasNext === undefined ? 'single' : '2022';
  }

  return { hasNext, hasData, data: (data ?? null) as Record<string, unknown> | null, errors, extensions, pending, steps, format };
}
