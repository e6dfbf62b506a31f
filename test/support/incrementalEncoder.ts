/**
 * Test support for the property-based reassembler test (issue 2): turns a JSON result tree and a random
 * *plan* (which fields are held back into `@defer`red fragments, which lists are `@stream`ed and how
 * their items are batched) into the payload sequence a server would send, in each wire format.
 *
 * Randomness comes from a "tape" of numbers ({@link createChoices}): every decision reads the next
 * number, and a missing number means the simplest choice (keep the field, do not stream, one payload
 * per event). fast-check shrinks a tape towards shorter and smaller, so a failing case shrinks towards
 * the smallest plan and schedule that still fail.
 *
 * Model (common to every format):
 * - A *unit* is something delivered later: a deferred fragment (`defer`, announced at the path of the
 *   object carrying it) or a stream (`stream`, announced at the list's path).
 * - Every unit has a *source*: the delivery that creates the objects it hangs off (the initial
 *   payload, the parent fragment's data, or the stream batch that carries the list item). A unit's data
 *   is never sent before its source, and in the current format it is announced in the same payload as
 *   its source (graphql-js: nested defers with the parent's completion, defers/streams inside stream
 *   items with those items).
 * - Each field of each object is *owned* by exactly one unit: the unit whose data carries it. What a
 *   unit sends is the tree *projected* onto the fields it owns (plus, for streams, the items after
 *   `initialCount`).
 *
 * Objects handled here may have own keys named `__proto__`: they are always written with
 * `Object.defineProperty` and read through `Object.keys`, never assigned.
 */

/** A JSON value as the generator builds it (objects may have an own `__proto__` key). */
export type Json = null | boolean | number | string | readonly Json[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  readonly [key: string]: Json;
}
/** A response path. */
export type Path = readonly (string | number)[];
/** The wire encodings the encoder produces. */
export type Encoding = 'current' | '2022' | 'pre-2022' | 'strawberry';
/** What `reassembler.format` should report. */
export type ExpectedFormat = 'current' | '2022' | 'pre-2022' | 'single' | undefined;

// ---------------------------------------------------------------------------------------------------
// Random choices
// ---------------------------------------------------------------------------------------------------

/** Reads decisions from a tape of numbers. */
export interface Choices {
  /** A number in `[0, n)`; `0` once the tape is used up. */
  pick(n: number): number;
  /** `true` about once in `oneIn` times; `false` once the tape is used up. */
  chance(oneIn: number): boolean;
}

/** Creates a {@link Choices} reading `tape` from the start. */
export function createChoices(tape: readonly number[]): Choices {
  let position = 0;
  const pick = (n: number): number => {
    if (n <= 1) return 0;
    const value = tape[position];
    position += 1;
    return value === undefined ? 0 : value % n;
  };
  return { pick, chance: (oneIn) => pick(oneIn) === oneIn - 1 };
}

// ---------------------------------------------------------------------------------------------------
// Plan
// ---------------------------------------------------------------------------------------------------

/** The initial payload's "unit": owns every field that is not held back. */
export interface InitialUnit {
  readonly kind: 'initial';
}

/** A deferred fragment, announced at `anchor`; its fields may lie deeper (`subPath` in the current format). */
export interface DeferUnit {
  readonly kind: 'defer';
  readonly serial: number;
  readonly anchor: Path;
  readonly label: string | undefined;
  readonly source: Source;
  /** Nesting depth: 0 for a fragment whose source is the initial payload or a stream batch. */
  readonly depth: number;
  /** The objects this fragment writes into and the keys it owns there, in discovery order. */
  readonly parts: Part[];
}

/** The keys a fragment owns on one object, `target` being that object's path (the anchor or below). */
export interface Part {
  readonly target: Path;
  readonly keys: string[];
}

/** A streamed list: items `[0, initialCount)` come with the list, the rest in `batches`. */
export interface StreamUnit {
  readonly kind: 'stream';
  readonly serial: number;
  readonly listPath: Path;
  readonly label: string | undefined;
  readonly source: Source;
  readonly initialCount: number;
  /** Item index ranges `[start, end)`, in order, covering `[initialCount, list.length)`. */
  readonly batches: readonly { readonly start: number; readonly end: number }[];
}

export type Unit = InitialUnit | DeferUnit | StreamUnit;
export type LaterUnit = DeferUnit | StreamUnit;

/** The delivery that creates some objects: the initial payload, a fragment's data, or a stream batch. */
export interface Source {
  readonly unit: Unit;
  /** The batch, for a stream; 0 otherwise. */
  readonly batch: number;
}

/** A tree split into units. */
export interface Plan {
  readonly tree: JsonObject;
  readonly initial: InitialUnit;
  /** Every deferred fragment and stream, in creation order (parents before children). */
  readonly units: readonly LaterUnit[];
  /** Owner of each object field, keyed by {@link pathKey} of the field's path. */
  readonly owners: ReadonlyMap<string, Unit>;
  /** Streamed lists, keyed by {@link pathKey} of the list's path. */
  readonly streams: ReadonlyMap<string, StreamUnit>;
}

/** Limits that keep plans small enough to read when a property fails. */
const MAX_UNITS = 12;
const MAX_DEFER_DEPTH = 3;

interface PlanContext {
  readonly choices: Choices;
  readonly units: LaterUnit[];
  readonly owners: Map<string, Unit>;
  readonly streams: Map<string, StreamUnit>;
}

/**
 * Splits `tree` into deferred fragments and streams, as a server executing some operation with
 * `@defer`/`@stream` over it would.
 */
export function planResponse(tree: JsonObject, choices: Choices): Plan {
  const initial: InitialUnit = { kind: 'initial' };
  const context: PlanContext = { choices, units: [], owners: new Map(), streams: new Map() };
  planObject(context, tree, [], Object.keys(tree), { unit: initial, batch: 0 }, []);
  return { tree, initial, units: context.units, owners: context.owners, streams: context.streams };
}

/**
 * Distributes `keys` of the object at `path` (created by `source`) between `source` itself and the
 * fragments that may take them: ones anchored here (new, children of `source`) and ones anchored at an
 * ancestor (`open`), which then write here through a `subPath` (as graphql-js 17 does). A fragment
 * that takes keys may hold some back again into its own child fragments on the same object (nested
 * `@defer` on one object).
 *
 * `partOf` is the fragment these keys were handed to at this object: the keys it keeps here form one
 * of its parts. Objects below are carried inside those fields' values, so they are not parts.
 */
function planObject(
  context: PlanContext,
  object: JsonObject,
  path: Path,
  keys: readonly string[],
  source: Source,
  open: readonly DeferUnit[],
  partOf?: DeferUnit,
): void {
  const fragments = keys.length === 0 ? [...open] : [...open, ...createFragments(context, path, source)];
  const delegated = new Map<DeferUnit, string[]>();
  for (const key of keys) {
    const taker = fragments.length > 0 && context.choices.chance(2) ? fragments[context.choices.pick(fragments.length)] : undefined;
    if (taker === undefined) keepField(context, object, path, key, source, fragments, partOf);
    else delegated.set(taker, [...(delegated.get(taker) ?? []), key]);
  }
  for (const [fragment, fragmentKeys] of delegated) {
    planObject(context, object, path, fragmentKeys, { unit: fragment, batch: 0 }, [], fragment);
  }
}

/** Several fragments may sit on one object; usually there are none. */
function createFragments(context: PlanContext, path: Path, source: Source): DeferUnit[] {
  const depth = source.unit.kind === 'defer' ? source.unit.depth + 1 : 0;
  if (depth > MAX_DEFER_DEPTH || !context.choices.chance(3)) return [];
  const count = 1 + context.choices.pick(2);
  const created: DeferUnit[] = [];
  for (let index = 0; index < count && context.units.length < MAX_UNITS; index += 1) {
    const serial = context.units.length;
    const fragment: DeferUnit = {
      kind: 'defer',
      serial,
      anchor: path,
      label: context.choices.chance(2) ? `D${serial}` : undefined,
      source,
      depth,
      parts: [],
    };
    context.units.push(fragment);
    created.push(fragment);
  }
  return created;
}

/** `source` sends `key` itself; what is below it is planned with `source` as the creator. */
function keepField(
  context: PlanContext,
  object: JsonObject,
  path: Path,
  key: string,
  source: Source,
  fragments: readonly DeferUnit[],
  partOf: DeferUnit | undefined,
): void {
  const fieldPath = [...path, key];
  context.owners.set(pathKey(fieldPath), source.unit);
  if (partOf !== undefined) addToPart(partOf, path, key);
  const value = object[key]!;
  if (isList(value)) planList(context, value, fieldPath, source, true);
  // Fragments anchored here or above stay reachable through fields of the same creator, never
  // through a list (graphql-js gives each list item its own fragments).
  else if (isObject(value)) planObject(context, value, fieldPath, Object.keys(value), source, fragments);
}

function addToPart(fragment: DeferUnit, target: Path, key: string): void {
  const existing = fragment.parts.find((part) => pathKey(part.target) === pathKey(target));
  if (existing === undefined) fragment.parts.push({ target, keys: [key] });
  else existing.keys.push(key);
}

/**
 * Maybe streams the list at `path` (only a field's list: on nested lists only the outermost list
 * streams, per the incremental delivery spec draft), then plans each item with the delivery that
 * carries it.
 */
function planList(context: PlanContext, list: readonly Json[], path: Path, source: Source, streamable: boolean): void {
  const stream =
    streamable && context.units.length < MAX_UNITS && context.choices.chance(3)
      ? createStream(context, list.length, path, source)
      : undefined;
  list.forEach((item, index) => {
    const itemSource: Source =
      stream === undefined || index < stream.initialCount ? source : { unit: stream, batch: batchOf(stream, index) };
    const itemPath = [...path, index];
    if (isList(item)) planList(context, item, itemPath, itemSource, false);
    else if (isObject(item)) planObject(context, item, itemPath, Object.keys(item), itemSource, []);
  });
}

/** `initialCount` anywhere from 0 to the whole list (an async iterator may end with no more items). */
function createStream(context: PlanContext, length: number, listPath: Path, source: Source): StreamUnit {
  const serial = context.units.length;
  const initialCount = context.choices.pick(length + 1);
  const batches: { start: number; end: number }[] = [];
  // graphql-js 17.1 batches whatever is ready; alpha.2 sends one item per payload.
  for (let start = initialCount; start < length; ) {
    const end = start + 1 + context.choices.pick(length - start);
    batches.push({ start, end });
    start = end;
  }
  const stream: StreamUnit = {
    kind: 'stream',
    serial,
    listPath,
    label: context.choices.chance(2) ? `S${serial}` : undefined,
    source,
    initialCount,
    batches,
  };
  context.units.push(stream);
  context.streams.set(pathKey(listPath), stream);
  return stream;
}

function batchOf(stream: StreamUnit, index: number): number {
  return stream.batches.findIndex((batch) => index >= batch.start && index < batch.end);
}

// ---------------------------------------------------------------------------------------------------
// Projection: what one unit sends
// ---------------------------------------------------------------------------------------------------

/**
 * The part of `value` (at `path`) that `viewer` sends: the object fields it owns, and of a streamed
 * list only the items before `initialCount`.
 */
export function project(plan: Plan, value: Json, path: Path, viewer: Unit): Json {
  if (isList(value)) {
    const stream = plan.streams.get(pathKey(path));
    const count = stream === undefined ? value.length : stream.initialCount;
    return value.slice(0, count).map((item, index) => project(plan, item, [...path, index], viewer));
  }
  if (isObject(value)) {
    const projected: Record<string, Json> = {};
    for (const key of Object.keys(value)) {
      const fieldPath = [...path, key];
      if (plan.owners.get(pathKey(fieldPath)) === viewer) defineField(projected, key, project(plan, value[key]!, fieldPath, viewer));
    }
    return projected;
  }
  return value;
}

/** The fields `fragment` owns on one object. */
function partData(plan: Plan, fragment: DeferUnit, part: Part): Record<string, Json> {
  const object = valueAt(plan.tree, part.target) as JsonObject;
  const data: Record<string, Json> = {};
  for (const key of part.keys) defineField(data, key, project(plan, object[key]!, [...part.target, key], fragment));
  return data;
}

/** Stream items `[start, end)` as the stream sends them (their own deferred fields held back). */
function batchItems(plan: Plan, stream: StreamUnit, batch: number): Json[] {
  const { start, end } = stream.batches[batch]!;
  const list = valueAt(plan.tree, stream.listPath) as readonly Json[];
  const items: Json[] = [];
  for (let index = start; index < end; index += 1) items.push(project(plan, list[index]!, [...stream.listPath, index], stream));
  return items;
}

/** A field some earlier delivery already sent in full, which a branching (2022) executor may send again. */
interface Resend {
  readonly target: Path;
  readonly key: string;
}

/**
 * Fields on the objects `fragment` writes into that a unit delivered before it (one of its ancestors)
 * sent completely. The 2022 format is branching: every deferred fragment re-sends all of its own
 * fields, even ones already delivered by its parent or another fragment (graphql-js 17's
 * `legacyExecuteIncrementally`).
 */
function resendCandidates(plan: Plan, fragment: DeferUnit): Resend[] {
  const ancestors = new Set<Unit>();
  for (let unit: Unit = fragment.source.unit; ; unit = unit.source.unit) {
    ancestors.add(unit);
    if (unit.kind === 'initial') break;
  }
  const targets = [fragment.anchor, ...fragment.parts.map((part) => part.target)];
  const seen = new Set<string>();
  const candidates: Resend[] = [];
  for (const target of targets) {
    if (seen.has(pathKey(target))) continue;
    seen.add(pathKey(target));
    const object = valueAt(plan.tree, target) as JsonObject;
    for (const key of Object.keys(object)) {
      const fieldPath = [...target, key];
      const owner = plan.owners.get(pathKey(fieldPath));
      if (owner === undefined || !ancestors.has(owner)) continue;
      // Only fields that owner sent in full: nothing below them was deferred or streamed.
      if (jsonEquals(project(plan, object[key]!, fieldPath, owner), object[key]!)) candidates.push({ target, key });
    }
  }
  return candidates;
}

/**
 * A fragment's data as one object rooted at its anchor (2022 and pre-2022 entries carry the
 * fragment's `path` and nest deeper fields inside `data`), plus the chosen re-sent fields.
 */
function nestedFragmentData(plan: Plan, fragment: DeferUnit, resends: readonly Resend[]): Record<string, Json> {
  const root: Record<string, Json> = {};
  const write = (target: Path, key: string, value: Json): void => {
    let node = root;
    for (const segment of target.slice(fragment.anchor.length)) node = childObject(node, segment as string);
    defineField(node, key, value);
  };
  for (const resend of resends) {
    const object = valueAt(plan.tree, resend.target) as JsonObject;
    write(resend.target, resend.key, object[resend.key]!);
  }
  for (const part of fragment.parts) {
    const data = partData(plan, fragment, part);
    for (const key of Object.keys(data)) write(part.target, key, data[key]!);
  }
  return root;
}

// ---------------------------------------------------------------------------------------------------
// Schedule: an order a server could produce
// ---------------------------------------------------------------------------------------------------

/** One thing a server sends after the initial payload. */
export type PlanEvent =
  | { readonly type: 'defer'; readonly unit: DeferUnit }
  | { readonly type: 'batch'; readonly unit: StreamUnit; readonly batch: number }
  /** The stream's iterator reported `done`: `completed` in the current format, nothing in the others. */
  | { readonly type: 'end-stream'; readonly unit: StreamUnit };

const INITIAL_EVENT = 'initial';

/** The event that delivers `source`'s objects. */
function sourceEventKey(source: Source): string {
  switch (source.unit.kind) {
    case 'initial':
      return INITIAL_EVENT;
    case 'defer':
      return `defer ${source.unit.serial}`;
    case 'stream':
      return `batch ${source.unit.serial}.${source.batch}`;
  }
}

function eventKey(event: PlanEvent): string {
  switch (event.type) {
    case 'defer':
      return sourceEventKey({ unit: event.unit, batch: 0 });
    case 'batch':
      return sourceEventKey({ unit: event.unit, batch: event.batch });
    case 'end-stream':
      return `end ${event.unit.serial}`;
  }
}

/** The event that must come first: a unit's source, or the stream's previous batch. */
function prerequisiteKey(event: PlanEvent): string {
  if (event.type === 'defer') return sourceEventKey(event.unit.source);
  const previous = event.type === 'batch' ? event.batch - 1 : event.unit.batches.length - 1;
  return previous < 0 ? sourceEventKey(event.unit.source) : sourceEventKey({ unit: event.unit, batch: previous });
}

function eventsOf(plan: Plan): PlanEvent[] {
  const events: PlanEvent[] = [];
  for (const unit of plan.units) {
    if (unit.kind === 'defer') events.push({ type: 'defer', unit });
    else {
      unit.batches.forEach((_, batch) => events.push({ type: 'batch', unit, batch }));
      events.push({ type: 'end-stream', unit });
    }
  }
  return events;
}

/**
 * A random order in which every event follows its prerequisite (a child after its parent's data,
 * stream items in order), cut into payloads. `groups[0]` holds the events sent with the initial
 * payload (the spec draft allows `incremental`/`completed` there).
 */
export function scheduleEvents(plan: Plan, choices: Choices): PlanEvent[][] {
  const waiting = eventsOf(plan);
  const done = new Set([INITIAL_EVENT]);
  const groups: PlanEvent[][] = [[]];
  while (waiting.length > 0) {
    const ready = waiting.filter((event) => done.has(prerequisiteKey(event)));
    const event = ready[choices.pick(ready.length)]!;
    waiting.splice(waiting.indexOf(event), 1);
    done.add(eventKey(event));
    const last = groups[groups.length - 1]!;
    const joinsLast = groups.length === 1 ? choices.chance(6) : choices.chance(3);
    if (joinsLast) last.push(event);
    else groups.push([event]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------------

/** A pending boundary the reassembler should report. */
export interface ExpectedPending {
  readonly id: string;
  readonly path: Path;
  readonly label?: string;
  readonly kind: 'defer' | 'stream';
}

/** A response in one encoding, with what the reassembler should report. */
export interface EncodedResponse {
  readonly encoding: Encoding;
  /** The payloads as the server would write them (JSON text). */
  readonly payloads: readonly string[];
  readonly expectedFormat: ExpectedFormat;
  /** For each payload, `pending` after applying it. */
  readonly expectedPending: readonly (readonly ExpectedPending[])[];
  /**
   * For each payload, the paths it writes into: the objects deferred data merges into and the lists
   * stream items go to (`[]` for the initial payload). Everything elsewhere must stay shared.
   */
  readonly writtenPaths: readonly (readonly Path[])[];
}

type Payload = Record<string, unknown>;

/** A payload under construction, with the paths it writes into. */
interface Draft {
  readonly payload: Payload;
  readonly written: Path[];
}

/**
 * Encodes `plan` in `encoding`. Decisions (order, payload cuts, re-sends, subPath use, a bare final
 * `{"hasNext": false}`) come from `choices`; pass a fresh {@link Choices} on the same tape to get the
 * same schedule in every encoding.
 */
export function encodeResponse(plan: Plan, encoding: Encoding, choices: Choices): EncodedResponse {
  const groups = scheduleEvents(plan, choices);
  if (plan.units.length === 0) return encodePlainResult(plan, encoding);
  switch (encoding) {
    case 'current':
      return encodeCurrent(plan, groups, choices, false);
    case 'strawberry':
      return encodeCurrent(plan, groups, choices, true);
    case '2022':
      return encode2022(plan, groups, choices);
    case 'pre-2022':
      return encodePre2022(plan, groups, choices);
  }
}

/** Nothing deferred: servers send a plain result without `hasNext`. */
function encodePlainResult(plan: Plan, encoding: Encoding): EncodedResponse {
  const payload: Payload = { data: plan.tree };
  if (encoding === 'strawberry') payload['extensions'] = null;
  return { encoding, payloads: [JSON.stringify(payload)], expectedFormat: 'single', expectedPending: [[]], writtenPaths: [[[]]] };
}

/**
 * Sets `hasNext` (true on all but the last payload), after appending a bare `{"hasNext": false}` when
 * `bareFinal` (the spec draft's Example 1, Apollo Router, graphql-js after an async iterator ends).
 */
function finishPayloads(drafts: Draft[], bareFinal: boolean, strawberry: boolean): void {
  if (bareFinal) drafts.push({ payload: strawberry ? { hasNext: false, extensions: null } : { hasNext: false }, written: [] });
  drafts.forEach(({ payload }, index) => {
    payload['hasNext'] = index < drafts.length - 1;
  });
}

function initialDraft(plan: Plan): Draft {
  return { payload: { data: project(plan, plan.tree, [], plan.initial) }, written: [[]] };
}

function toResponse(
  encoding: Encoding,
  drafts: readonly Draft[],
  expectedFormat: ExpectedFormat,
  expectedPending: readonly (readonly ExpectedPending[])[],
): EncodedResponse {
  return {
    encoding,
    payloads: drafts.map(({ payload }) => JSON.stringify(payload)),
    expectedFormat,
    expectedPending,
    writtenPaths: drafts.map(({ written }) => written),
  };
}

/**
 * The current format (graphql-js 17's `experimentalExecuteIncrementally`): boundaries announced in
 * `pending` with an id in the payload that delivers their source; `incremental` entries by id (a
 * fragment's fields on deeper objects either nested in one entry or as separate entries with
 * `subPath`); `completed` with the fragment's data, and for a stream when its iterator ends. With
 * `strawberry`, entries also carry the pending `path`, `label: null` and `extensions: null`, and every
 * payload `extensions: null` (as Strawberry writes it).
 *
 * Sometimes the response ends with a bare `{"hasNext": false}` instead of the `completed` entries of
 * the streams still open in the last payload: the spec draft's Example 1 ends that way, and nothing is
 * pending after a payload with `hasNext: false`.
 */
function encodeCurrent(plan: Plan, groups: readonly PlanEvent[][], choices: Choices, strawberry: boolean): EncodedResponse {
  const bareFinal = choices.chance(4);
  const endsByBareFinal = bareFinal && choices.chance(2);
  const wireId = idStyle(strawberry ? 0 : choices.pick(3));
  const lastGroup = groups[groups.length - 1];
  const ids = new Map<LaterUnit, string | number>();
  const open = new Map<string, ExpectedPending>();
  const drafts: Draft[] = [];
  const expectedPending: ExpectedPending[][] = [];
  const childrenOf = unitsBySource(plan);

  groups.forEach((group, index) => {
    const events = endsByBareFinal && group === lastGroup && index > 0 ? group.filter((event) => event.type !== 'end-stream') : group;
    if (events.length === 0 && index > 0) return;
    const draft: Draft = index === 0 ? initialDraft(plan) : { payload: {}, written: [] };
    const sources = [...(index === 0 ? [INITIAL_EVENT] : []), ...events.map(eventKey)];
    const pending = sources.flatMap((key) => childrenOf.get(key) ?? []).map((unit) => {
      const id = wireId(ids.size);
      ids.set(unit, id);
      const path = unit.kind === 'defer' ? unit.anchor : unit.listPath;
      open.set(String(id), { id: String(id), path, ...labelOf(unit), kind: unit.kind });
      return { id, path, ...labelOf(unit) };
    });
    const incremental: Payload[] = [];
    const completed: Payload[] = [];
    for (const event of events) {
      const id = ids.get(event.unit)!;
      const extras = (path: Path): Payload => (strawberry ? { path, label: null, extensions: null } : {});
      if (event.type === 'defer') {
        for (const entry of currentDeferEntries(plan, event.unit, choices)) {
          incremental.push({ id, ...entry, ...extras(event.unit.anchor) });
          draft.written.push(...nodePaths([...event.unit.anchor, ...(entry.subPath ?? [])], entry.data));
        }
        completed.push({ id });
        open.delete(String(id));
      } else if (event.type === 'batch') {
        const items = batchItems(plan, event.unit, event.batch);
        incremental.push({ id, items, ...extras(event.unit.listPath) });
        draft.written.push(...itemPaths(event.unit, event.batch, items));
      } else {
        completed.push({ id });
        open.delete(String(id));
      }
    }
    if (pending.length > 0) draft.payload['pending'] = pending;
    if (incremental.length > 0) draft.payload['incremental'] = incremental;
    if (completed.length > 0) draft.payload['completed'] = completed;
    if (strawberry) draft.payload['extensions'] = null;
    drafts.push(draft);
    expectedPending.push([...open.values()]);
  });

  finishPayloads(drafts, bareFinal, strawberry);
  // The last payload ends the response: nothing is pending after it.
  if (bareFinal) expectedPending.push([]);
  expectedPending[expectedPending.length - 1] = [];
  return toResponse(strawberry ? 'strawberry' : 'current', drafts, 'current', expectedPending);
}

/**
 * How a server writes the n-th id: graphql-js counts from `"0"`, Hot Chocolate's snapshots start at
 * `"2"`, and the Apollo v0.2 document (https://specs.apollo.dev/incremental/v0.2/) shows JSON
 * numbers. The reassembler reports ids as strings.
 */
function idStyle(style: number): (n: number) => string | number {
  if (style === 1) return (n) => String(n + 2);
  if (style === 2) return (n) => n;
  return (n) => String(n);
}

/**
 * A fragment's `incremental` entries in the current format: nothing for a fragment whose fields were
 * all delivered elsewhere (graphql-js then sends only `completed`); else either one entry nesting
 * everything under the anchor, or one entry per object with a `subPath` (graphql-js releases each
 * execution group at the deepest path).
 */
function currentDeferEntries(plan: Plan, fragment: DeferUnit, choices: Choices): { data: Json; subPath?: Path }[] {
  if (fragment.parts.length === 0) return [];
  const deeper = fragment.parts.some((part) => part.target.length > fragment.anchor.length);
  if (deeper && choices.chance(2)) {
    return fragment.parts.map((part) => {
      const subPath = part.target.slice(fragment.anchor.length);
      return { data: partData(plan, fragment, part), ...(subPath.length > 0 ? { subPath } : {}) };
    });
  }
  return [{ data: nestedFragmentData(plan, fragment, []) }];
}

/**
 * The 2022 format (Apollo's incremental v0.1, `deferSpec=20220824`): entries located by `path` and
 * `label`; stream items at the list path plus the index of the first item; a stream's end is not
 * signalled. Fragments sometimes re-send fields their ancestors delivered (branching executor). A
 * payload left with no entries is not sent (except the initial one).
 */
function encode2022(plan: Plan, groups: readonly PlanEvent[][], choices: Choices): EncodedResponse {
  const bareFinal = choices.chance(4);
  const drafts: Draft[] = [];
  groups.forEach((group, index) => {
    const draft = index === 0 ? initialDraft(plan) : { payload: {}, written: [] };
    const entries: Payload[] = [];
    for (const event of group) {
      const entry = pathEntry(plan, event, choices);
      if (entry === undefined) continue;
      entries.push(entry.entry);
      draft.written.push(...entry.written);
    }
    if (entries.length > 0) draft.payload['incremental'] = entries;
    if (index === 0 || entries.length > 0) drafts.push(draft);
  });
  finishPayloads(drafts, bareFinal, false);
  return toResponse('2022', drafts, '2022', drafts.map(() => []));
}

/** The 2022 entry for one event and the path it writes into, or none (a stream's end; an empty fragment). */
function pathEntry(plan: Plan, event: PlanEvent, choices: Choices): { entry: Payload; written: Path[] } | undefined {
  switch (event.type) {
    case 'defer': {
      const data = fragmentDataWithResends(plan, event.unit, choices);
      if (data === undefined) return undefined;
      return { entry: { data, path: event.unit.anchor, ...labelOf(event.unit) }, written: nodePaths(event.unit.anchor, data) };
    }
    case 'batch': {
      const { start } = event.unit.batches[event.batch]!;
      const items = batchItems(plan, event.unit, event.batch);
      const written = itemPaths(event.unit, event.batch, items);
      return { entry: { items, path: [...event.unit.listPath, start], ...labelOf(event.unit) }, written };
    }
    case 'end-stream':
      return undefined;
  }
}

/** A fragment's nested data with some already-delivered fields re-sent; `undefined` when empty. */
function fragmentDataWithResends(plan: Plan, fragment: DeferUnit, choices: Choices): Record<string, Json> | undefined {
  const resends = resendCandidates(plan, fragment).filter(() => choices.chance(3));
  if (fragment.parts.length === 0 && resends.length === 0) return undefined;
  return nestedFragmentData(plan, fragment, resends);
}

/**
 * The pre-2022 patch format (graphql 16's `experimental-stream-defer` builds): after the initial
 * payload, one flat patch per payload, `{data, path, label, hasNext}`. A streamed item is `data` at a
 * path ending in its index; later builds sent `items` at the index of the first item like the 2022
 * format (both are produced).
 */
function encodePre2022(plan: Plan, groups: readonly PlanEvent[][], choices: Choices): EncodedResponse {
  const bareFinal = choices.chance(4);
  const drafts: Draft[] = [initialDraft(plan)];
  for (const event of groups.flat()) {
    if (event.type === 'batch' && !choices.chance(3)) {
      const { start } = event.unit.batches[event.batch]!;
      batchItems(plan, event.unit, event.batch).forEach((item, offset) => {
        const path = [...event.unit.listPath, start + offset];
        drafts.push({ payload: { data: item, path, ...labelOf(event.unit) }, written: [event.unit.listPath, ...nodePaths(path, item)] });
      });
      continue;
    }
    // A fragment's patch, or a batch as `items` (later builds): the same shape as a 2022 entry.
    const entry = pathEntry(plan, event, choices);
    if (entry !== undefined) drafts.push({ payload: entry.entry, written: entry.written });
  }
  finishPayloads(drafts, bareFinal, false);
  const showsFormat = drafts.some(({ payload }) => Object.hasOwn(payload, 'path'));
  // Until a patch shows up, the initial payload (hasNext, no pending) reads as the 2022 format.
  return toResponse('pre-2022', drafts, showsFormat ? 'pre-2022' : '2022', drafts.map(() => []));
}

/** `path` and the path of every value inside `value`: what merging `value` at `path` may change. */
function nodePaths(path: Path, value: Json): Path[] {
  if (isList(value)) return [path, ...value.flatMap((item, index) => nodePaths([...path, index], item))];
  if (isObject(value)) return [path, ...Object.keys(value).flatMap((key) => nodePaths([...path, key], value[key]!))];
  return [path];
}

/** The list a batch appends to and the paths of the batch's items. */
function itemPaths(stream: StreamUnit, batch: number, items: readonly Json[]): Path[] {
  const { start } = stream.batches[batch]!;
  return [stream.listPath, ...items.flatMap((item, offset) => nodePaths([...stream.listPath, start + offset], item))];
}

/** Units by the event that delivers their source, in creation order. */
function unitsBySource(plan: Plan): Map<string, LaterUnit[]> {
  const bySource = new Map<string, LaterUnit[]>();
  for (const unit of plan.units) {
    const key = sourceEventKey(unit.source);
    bySource.set(key, [...(bySource.get(key) ?? []), unit]);
  }
  return bySource;
}

function labelOf(unit: LaterUnit): { label?: string } {
  return unit.label === undefined ? {} : { label: unit.label };
}

// ---------------------------------------------------------------------------------------------------
// JSON helpers (safe for own `__proto__` keys)
// ---------------------------------------------------------------------------------------------------

/** A stable key for a path (Map keys, so `__proto__` segments are harmless). */
export function pathKey(path: Path): string {
  return JSON.stringify(path);
}

export function isList(value: unknown): value is readonly Json[] {
  return Array.isArray(value);
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Defines an own data property, so a key named `__proto__` is a field and not the prototype setter. */
export function defineField(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The own child object `key` of `node`, created if absent. */
function childObject(node: Record<string, Json>, key: string): Record<string, Json> {
  if (!Object.hasOwn(node, key)) defineField(node, key, {});
  return node[key] as Record<string, Json>;
}

/** The value at `path`, following own properties only. */
export function valueAt(root: Json, path: Path): Json | undefined {
  let node: Json | undefined = root;
  for (const segment of path) {
    if (isList(node) && typeof segment === 'number') node = node[segment];
    else if (isObject(node) && typeof segment === 'string' && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

function jsonEquals(a: Json, b: Json): boolean {
  if (isList(a) && isList(b)) return a.length === b.length && a.every((item, index) => jsonEquals(item, b[index]!));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEquals(a[key]!, b[key]!));
  }
  return a === b;
}
