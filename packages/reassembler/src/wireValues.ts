import type { ReassemblyErrorCode } from './ReassemblyError.js';
import { isRecord } from './resultTree.js';
import type { GraphQLErrorJSON, Path } from './types.js';

/** Throws the reassembler's error for the payload being read; `entry` names the part of the payload. */
export type Fail = (code: ReassemblyErrorCode, detail: string, entry?: string, path?: Path) => never;

/** Describes a wire value for messages: `a string`, `null`, `a list`, … */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'undefined' ? 'nothing' : `a ${typeof value}`}`;
}

/** Reads a response path: a list of field names and non-negative integer indexes. */
export function readPath(value: unknown, entry: string, fail: Fail): Path {
  if (!Array.isArray(value)) {
    return fail('INVALID_PAYLOAD', `expected a path (a list of field names and indexes), got ${describe(value)}`, entry);
  }
  for (const segment of value) {
    const valid =
      typeof segment === 'string' || (typeof segment === 'number' && Number.isSafeInteger(segment) && segment >= 0);
    if (!valid) {
      return fail(
        'INVALID_PAYLOAD',
        `path segments must be field names or non-negative integer indexes, got ${describe(segment)} ${JSON.stringify(segment) ?? ''}`,
        entry,
      );
    }
  }
  return value as Path;
}

/** Reads an optional `label`; `null` (Strawberry) counts as absent. */
export function readLabel(value: unknown, entry: string, fail: Fail): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') return fail('INVALID_PAYLOAD', `expected \`label\` to be a string, got ${describe(value)}`, entry);
  return value;
}

/** Reads an id; numbers are accepted and normalised to strings (Apollo's v0.2 document shows `"id": 0`). */
export function readId(value: unknown, entry: string, fail: Fail): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return fail('INVALID_PAYLOAD', `expected \`id\` to be a string, got ${describe(value)}`, entry);
}

/** The one empty list every part of the reassembler shares (frozen: it ends up in results). */
export const EMPTY: readonly never[] = Object.freeze([]);

/** Reads an optional `errors` list; `null` counts as absent. Every error needs a string `message`. */
export function readErrors(value: unknown, entry: string, fail: Fail): readonly GraphQLErrorJSON[] {
  if (value === undefined || value === null) return EMPTY;
  if (!Array.isArray(value)) return fail('INVALID_PAYLOAD', `expected \`errors\` to be a list, got ${describe(value)}`, entry);
  for (const error of value) {
    if (!isRecord(error) || typeof error['message'] !== 'string') {
      return fail('INVALID_PAYLOAD', 'every error in `errors` must be an object with a string `message`', entry);
    }
  }
  return value as readonly GraphQLErrorJSON[];
}

/** Reads optional `extensions`; `null` (Strawberry writes it on every payload) counts as absent. */
export function readExtensions(value: unknown, entry: string, fail: Fail): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isRecord(value)) return fail('INVALID_PAYLOAD', `expected \`extensions\` to be an object, got ${describe(value)}`, entry);
  return value;
}

/** Reads an optional list of entries (`pending`, `incremental`, `completed`); `null` counts as empty. */
export function readEntries(value: unknown, entry: string, fail: Fail): readonly Record<string, unknown>[] {
  if (value === undefined || value === null) return EMPTY;
  if (!Array.isArray(value)) return fail('INVALID_PAYLOAD', `expected a list, got ${describe(value)}`, entry);
  for (let index = 0; index < value.length; index += 1) {
    const item: unknown = value[index];
    if (!isRecord(item)) fail('INVALID_PAYLOAD', `expected an object, got ${describe(item)}`, `${entry}[${index}]`);
  }
  return value as readonly Record<string, unknown>[];
}
