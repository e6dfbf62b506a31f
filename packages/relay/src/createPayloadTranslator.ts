import { createReassembler, type GraphQLErrorJSON, type Path } from '@graphql-incremental/reassembler';

/**
 * One payload as relay-runtime reads it: the initial result, or a deferred fragment's object or one
 * streamed item, located by `label` and `path` (a streamed item's path ends in its index).
 */
export interface RelayPayload {
  readonly data: unknown;
  readonly errors?: readonly GraphQLErrorJSON[];
  readonly extensions?: Record<string, unknown>;
  readonly label?: string;
  readonly path?: Path;
  readonly hasNext: boolean;
}

/** The parts of a wire payload or entry read here; the reassembler has checked them already. */
interface Entry {
  readonly id?: string | number;
  readonly path: Path;
  readonly label?: string | null;
  readonly data?: unknown;
  readonly items?: readonly unknown[] | null;
  readonly errors?: readonly unknown[] | null;
  readonly pending?: readonly Entry[] | null;
  readonly incremental?: readonly Entry[] | null;
  readonly completed?: readonly Entry[] | null;
  readonly extensions?: Record<string, unknown> | null;
}

/** A current-format boundary, and how many of its list's items Relay has (streams). */
interface Boundary {
  readonly path: Path;
  readonly label: string;
  seen?: number;
}

/** A payload being made. */
type Translated = { -readonly [Key in keyof RelayPayload]?: RelayPayload[Key] } & { errors?: GraphQLErrorJSON[] };

/** Relay tells a deferred fragment from a stream by its compiler-made label. */
const DEFER = '$defer$';

/** Reads own properties only: a `__proto__` segment never reaches `Object.prototype`. */
const at = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>((parent, key) => (parent != null && Object.hasOwn(parent, key) ? (parent as Record<string, unknown>)[key] : undefined), value);

/**
 * Creates the translator for one response (or one subscription): each wire payload, in any format,
 * becomes the payloads relay-runtime reads. Data always comes from the merged result, so a deferred
 * fragment gets its whole object, whichever payload and id brought its fields (the current format
 * sends each field once, under one of the fragments that select it).
 *
 * - The initial payload: `{ data, errors?, extensions?, hasNext }`.
 * - A deferred fragment, once it completed: `{ data: <its object>, label, path }`. relay-runtime
 *   rejects the `data: null` of a failed one: it gets its object as it is, the field each error names
 *   `null` (how relay-runtime keeps a field error), the fields that never came absent.
 * - Each streamed item: `{ data: item, label, path: [...listPath, index] }`. A `null` item is left
 *   out: relay-runtime rejects it, and the list keeps a hole there.
 * - Each error goes on the payload deepest on its path, its path relative to that payload's, which is
 *   how relay-runtime reads them; errors with none to go on (a failed stream), and a last payload with
 *   nothing else (a bare `{ "hasNext": false }`), come as `{ data: {}, label: '', path: [] }`, which
 *   Relay accepts and sets aside. The wire payload's `extensions` go on the first payload made from
 *   it, and only the last one has `hasNext: false`.
 *
 * @returns The translation of one payload.
 * @throws {IncrementalError} When the payload does not fit the response (the reassembler's codes).
 */
export function createPayloadTranslator(): (payload: unknown) => RelayPayload[] {
  const reassembler = createReassembler();
  const boundaries = new Map<string, Boundary>();
  let errorCount = 0;

  return (payload) => {
    const initial = reassembler.format === undefined || reassembler.format === 'single';
    reassembler.push(payload);
    const { data, errors = [], hasNext } = reassembler.current!;
    const { pending, incremental, completed, extensions, path } = payload as Entry;
    const translated: Translated[] = [];

    // Deferred fragments that failed: the field each error names is written as null, with the error.
    const failed = new Set<Translated>();
    const defer = (label: string, path: Path, failure?: unknown) => {
      const fragment: Translated = { data: at(data, path) ?? {}, label, path };
      translated.push(fragment);
      if (failure) failed.add(fragment);
    };
    const items = (label: string, listPath: Path, from: number, to: number) => {
      const list = at(data, listPath) as unknown[] | undefined;
      for (let index = from; index < to; index++) {
        if (list?.[index] != null) translated.push({ data: list[index], label, path: [...listPath, index] });
      }
    };

    if (initial) {
      errorCount = 0;
      translated.push({ data });
    }
    for (const { id, path, label } of pending ?? []) {
      const list = at(data, path);
      // Relay sees the list in what this payload brings (the initial data, a fragment, an item).
      boundaries.set(String(id), { path, label: label!, ...(Array.isArray(list) && { seen: list.length }) });
    }
    // A pre-2022 payload is its own single entry.
    for (const entry of incremental ?? (!initial && path ? [payload as Entry] : [])) {
      if (entry.id != null) {
        const boundary = boundaries.get(String(entry.id))!;
        if (entry.items) {
          // Items append: Relay gets what its list lacks, whichever entry of this payload brought it.
          const length = (at(data, boundary.path) as unknown[] | undefined)?.length ?? 0;
          items(boundary.label, boundary.path, boundary.seen ?? 0, length);
          boundary.seen = length;
        }
      } else if (entry.label?.includes(DEFER)) {
        defer(entry.label, entry.path, entry.data == null);
      } else {
        // 2022: the path ends in the first item's index (a failed stream's may not).
        const first = entry.path[entry.path.length - 1];
        const count = 'items' in entry ? (entry.items?.length ?? 0) : 1;
        if (typeof first === 'number') items(entry.label!, entry.path.slice(0, -1), first, first + count);
      }
    }
    for (const { id, errors } of completed ?? []) {
      const key = String(id);
      const { label, path } = boundaries.get(key)!;
      boundaries.delete(key);
      if (label?.includes(DEFER)) defer(label, path, errors?.length);
    }

    for (const error of errors.slice(errorCount)) {
      // relay-runtime reads a payload's errors from its own data: each goes on the payload deepest on
      // its path, the path made relative to that payload's.
      const errorPath = error.path ?? [];
      let target: Translated | undefined;
      for (const each of translated) {
        const path = each.path ?? [];
        if (path.length >= (target?.path?.length ?? 0) && path.every((key, index) => errorPath[index] === key)) target = each;
      }
      target ??= translated[translated.push({ data: {}, label: '', path: [] }) - 1]!;
      const relative = errorPath.slice(target.path?.length);
      (target.errors ??= []).push(target.path?.length ? { ...error, path: relative } : error);
      // A non-null field failed: relay-runtime keeps the error on the field only where the data has it null.
      const [field] = relative;
      if (failed.has(target) && field !== undefined && !Object.hasOwn(target.data as object, field)) target.data = { ...(target.data as object), [field]: null };
    }
    errorCount = errors.length;
    if (!hasNext && !translated.length) translated.push({ data: {}, label: '', path: [] });
    if (extensions && translated[0]) translated[0].extensions = extensions;
    translated.forEach((each, index) => (each.hasNext = hasNext || index < translated.length - 1));
    return translated as RelayPayload[];
  };
}
