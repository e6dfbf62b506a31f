import { IncrementalError, type IncrementalErrorCode } from '@graphql-incremental/reader';
import type { GraphQLErrorJSON, Path } from './types.js';

export const { isArray } = Array;
export const { hasOwn } = Object;

/** Throws the reassembler's error; the reassembler adds the payload's index. */
export function fail(code: IncrementalErrorCode, message: string, path?: Path): never {
  throw new IncrementalError(code, message, path && { path });
}

/** Names what arrived, for messages: `null`, `nothing`, `a list`, `an object`, `a string`, … */
export function describe(value: unknown): string {
  if (value === null || value === undefined) return value === null ? 'null' : 'nothing';
  return isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Throws `INVALID_PAYLOAD`: what `field` should have been, and what it was. */
export function invalid(field: string, expected: string, value: unknown): never {
  return fail('INVALID_PAYLOAD', `expected ${field} to be ${expected}, got ${describe(value)}`);
}

/** `true` for a JSON object (not `null`, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !isArray(value);
}

const isSegment = (segment: unknown) => typeof segment === 'string' || (Number.isSafeInteger(segment) && (segment as number) >= 0);
const isError = (error: unknown) => isRecord(error) && typeof error['message'] === 'string';

/** Reads a list whose items all pass `valid`; `null` or absent reads as empty. */
function readList<T>(value: unknown, field: string, expected: string, valid: (item: unknown) => boolean): readonly T[] {
  if (value === undefined || value === null) return [];
  if (!isArray(value)) return invalid(field, 'a list', value);
  for (const item of value) if (!valid(item)) invalid(`${field} items`, expected, item);
  return value as readonly T[];
}

/** Reads a list of entries: `pending`, `incremental`, `completed`. */
export const readEntries = (value: unknown, field: string) => readList<Record<string, unknown>>(value, field, 'objects', isRecord);

/** Reads `errors`: objects with a string `message`. */
export const readErrors = (value: unknown) => readList<GraphQLErrorJSON>(value, 'errors', 'objects with a message', isError);

/** Reads a response path: field names and non-negative integer indexes. */
export function readPath(value: unknown, field = 'path'): Path {
  return isArray(value) ? readList(value, field, 'names or non-negative integer indexes', isSegment) : invalid(field, 'a list', value);
}

/** Reads an optional `label`; Strawberry's `null` counts as absent. */
export function readLabel(value: unknown): string | undefined {
  return value === undefined || value === null || typeof value === 'string' ? (value ?? undefined) : invalid('label', 'a string', value);
}

/** Reads an id; numbers become strings (Apollo's v0.2 document shows `"id": 0`). */
export function readId(value: unknown): string {
  return typeof value === 'string' ? value : Number.isFinite(value) ? String(value) : invalid('id', 'a string', value);
}

/** Reads optional `extensions`; Strawberry's `null` counts as absent. */
export function readExtensions(value: unknown): Record<string, unknown> | undefined {
  return value === undefined || value === null ? undefined : isRecord(value) ? value : invalid('extensions', 'an object', value);
}
