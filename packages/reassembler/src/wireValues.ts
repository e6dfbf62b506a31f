import { IncrementalError, type IncrementalErrorCode } from '@graphql-incremental/reader';
import type { GraphQLErrorJSON, Path } from './types.js';

export const { isArray } = Array;
export const { hasOwn } = Object;

/** A wire record: a payload or one of its entries. */
export type Entry = Record<string, unknown>;

/** Throws the reassembler's error; the reassembler adds the payload's index. */
export function fail(code: IncrementalErrorCode, message: string, path?: Path): never {
  throw new IncrementalError(code, message, path && { path });
}

/** Names a JSON value's type for checks and messages: `null`, `list`, `object`, `string`, … */
export const typeOf = (value: unknown): string => (value === null ? 'null' : isArray(value) ? 'list' : typeof value);

/** `true` for a JSON object (not `null`, not a list). */
export const isRecord = (value: unknown): value is Entry => typeOf(value) === 'object';

/** Throws `INVALID_PAYLOAD`: what `field` should have been, and what it was. */
export function invalid(field: string, expected: string, value: unknown): never {
  return fail('INVALID_PAYLOAD', `${field}: expected ${expected}, got ${typeOf(value)}`);
}

/** Reads an optional field of `type`; absent and `null` (Strawberry's "absent") come back as they are. */
export function read(record: Entry, field: string, type: string): unknown {
  const value = record[field];
  return value === undefined || value === null || typeOf(value) === type ? value : invalid(field, type, value);
}

/** Reads a list whose items pass `isItem`; absent or `null` reads as empty unless `required`. */
function readList<T>(record: Entry, field: string, isItem: (item: unknown) => boolean, expected: string, required = false): readonly T[] {
  const list = (read(record, field, 'list') ?? (required ? invalid(field, 'list', record[field]) : [])) as readonly T[];
  for (const item of list) if (!isItem(item)) invalid(`${field} item`, expected, item);
  return list;
}

const isSegment = (segment: unknown) => typeof segment === 'string' || (Number.isSafeInteger(segment) && (segment as number) >= 0);
const isError = (error: unknown) => isRecord(error) && typeof error['message'] === 'string';

/** Reads a list of entries: `pending`, `incremental`, `completed`. */
export const readEntries = (record: Entry, field: string) => readList<Entry>(record, field, isRecord, 'object');

/** Reads `errors`: objects with a string `message`. */
export const readErrors = (record: Entry) => readList<GraphQLErrorJSON>(record, 'errors', isError, 'object with a message');

/** Reads a response path (field names and list indexes); only `path` is required. */
export const readPath = (record: Entry, field = 'path'): Path => readList(record, field, isSegment, 'name or index', field === 'path');

/** Reads an optional `label` as `{ label }` to spread; Strawberry's `label: null` counts as none. */
export function readLabel(entry: Entry): { label?: string } {
  const label = read(entry, 'label', 'string') as string | null | undefined;
  return label == null ? {} : { label };
}

/** Reads an id; numbers become strings (Apollo's v0.2 document shows `"id": 0`). */
export function readId(value: unknown): string {
  return typeof value === 'string' ? value : Number.isFinite(value) ? String(value) : invalid('id', 'string', value);
}
