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
  readonly items?: readonly unknown[] | null;
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
 * - A deferred fragment, once it completed: `{ data: <its object>, label, path }`. A failed one gets
 *   its object as it is, without the fields that never came: relay-runtime rejects `data: null`.
 * - Each streamed item: `{ data: item, label, path: [...listPath, index] }`. A `null` item is left
 *   out: relay-runtime rejects it, and the list keeps a hole there.
 * - The payload's new errors and its `extensions` ride on the first of these; when a payload brings
 *   nothing Relay can store (a bare `{ "hasNext": false }`, a failed stream), they come as
 *   `{ data: {}, label: '', path: [] }`, which Relay accepts and sets aside. Only the last payload has
 *   `hasNext: false`.
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
    const translated: { -readonly [Key in keyof RelayPayload]: RelayPayload[Key] }[] = [];

    const defer = (label: string, path: Path) => translated.push({ data: at(data, path) ?? {}, label, path, hasNext: true });
    const items = (label: string, listPath: Path, from: number, to: number) => {
      const list = at(data, listPath) as unknown[] | undefined;
      for (let index = from; index < to; index++) {
        if (list?.[index] != null) translated.push({ data: list[index], label, path: [...listPath, index], hasNext: true });
      }
    };

    if (initial) {
      errorCount = 0;
      translated.push({ data, hasNext: true });
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
        defer(entry.label, entry.path);
      } else {
        // 2022: the path ends in the first item's index (a failed stream's may not).
        const first = entry.path[entry.path.length - 1];
        const count = 'items' in entry ? (entry.items?.length ?? 0) : 1;
        if (typeof first === 'number') items(entry.label!, entry.path.slice(0, -1), first, first + count);
      }
    }
    for (const { id } of completed ?? []) {
      const { label, path } = boundaries.get(String(id))!;
      boundaries.delete(String(id));
      if (label?.includes(DEFER)) defer(label, path);
    }

    const fresh = errors.slice(errorCount);
    errorCount = errors.length;
    if (!translated.length && (fresh.length || !hasNext)) translated.push({ data: {}, label: '', path: [], hasNext: true });
    const first = translated[0];
    if (first && fresh.length) first.errors = fresh;
    if (first && extensions) first.extensions = extensions;
    if (first) translated[translated.length - 1]!.hasNext = hasNext;
    return translated;
  };
}
