/**
 * Property-based test required by issue 2: random result trees, random splits into deferred fragments
 * and streamed lists, encoded in each wire format, must reassemble to the original tree.
 *
 * The encoder (`test/support/incrementalEncoder.ts`) plays the server. For every case and encoding we
 * check, after every payload (or every `applyAll` batch):
 * - the result is deep-frozen as soon as it is returned, so any later write by the reassembler throws;
 * - `data` is a sub-tree of the original (every present leaf equals the original's) and contains the
 *   previous result's `data` (nothing delivered is lost);
 * - `pending` lists exactly the boundaries announced and not completed (current format; empty for the
 *   path formats, which announce nothing); `failed` and `errors` stay empty; `hasNext` follows the wire;
 * and at the end: `data` deep-equals the original (own keys named `__proto__`, `constructor`,
 * `prototype` included, every object a plain object), `hasNext` false, `pending` and `failed` empty,
 * `format` detected, earlier results unchanged, and no new keys on `Object.prototype`/`Array.prototype`.
 *
 * A failure message starts with the encoding and the payload sequence; fast-check adds the seed and the
 * shrunk case (tree and tapes) so it can be replayed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReassembler, type IncrementalResult, type Reassembler } from '@graphql-incremental/reassembler';
import {
  createChoices,
  defineField,
  encodeResponse,
  isList,
  isObject,
  planResponse,
  type EncodedResponse,
  type Encoding,
  type Json,
  type JsonObject,
  type Path,
  type Plan,
} from '../support/incrementalEncoder.js';

const ENCODINGS: readonly Encoding[] = ['current', '2022', 'pre-2022', 'strawberry'];
/**
 * Per property and encoding: keeps the file at a few seconds. Set `PROPERTY_RUNS` for a deeper search,
 * e.g. `PROPERTY_RUNS=20000 npx vitest run test/reassembler/property.test.ts`.
 */
const NUM_RUNS = Number(process.env['PROPERTY_RUNS'] ?? 250);
/** vitest's timeout per property, scaled for deep searches. */
const TIMEOUT_MS = Math.max(5_000, NUM_RUNS * 5);

// ---------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------

/** Keys named like prototype members appear sometimes, as own JSON keys (issue 2, security). */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

const keyArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('id', 'name', 'a', 'b', 'friends', 'items') },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
);

const scalarArb: fc.Arbitrary<Json> = fc.oneof(
  fc.integer({ min: -3, max: 99 }),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  fc.constant(null),
);

/** Builds an object with `Object.defineProperty`, so `__proto__` becomes an own field. */
function objectFromEntries(entries: readonly (readonly [string, Json])[]): JsonObject {
  const object: Record<string, Json> = {};
  for (const [key, value] of entries) defineField(object, key, value);
  return object;
}

const trees = fc.letrec<{ value: Json; object: JsonObject; list: Json[] }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    { weight: 3, arbitrary: scalarArb },
    { weight: 2, arbitrary: tie('object') },
    { weight: 2, arbitrary: tie('list') },
  ),
  object: fc
    .uniqueArray(fc.tuple(keyArb, tie('value')), { selector: ([key]) => key, maxLength: 5 })
    .map(objectFromEntries),
  list: fc.array(tie('value'), { maxLength: 4 }),
}));

/**
 * A decision tape (see `createChoices`): shrinks towards fewer, simpler decisions. `size: 'max'`
 * because fast-check's default size keeps arrays at about 5 elements, which leaves most plans with
 * no boundary at all.
 */
const tapeArb = fc.array(fc.nat({ max: 719 }), { maxLength: 120, size: 'max' });

interface Case {
  readonly tree: JsonObject;
  readonly planTape: readonly number[];
  readonly encodingTape: readonly number[];
  /** How payloads are cut into `applyAll` batches. */
  readonly batchTape: readonly number[];
}

export const caseArb: fc.Arbitrary<Case> = fc.record({
  tree: trees.object,
  planTape: tapeArb,
  encodingTape: tapeArb,
  batchTape: fc.array(fc.nat({ max: 5 }), { maxLength: 30 }),
});

export function encode(testCase: Case, encoding: Encoding): { plan: Plan; response: EncodedResponse } {
  const plan = planResponse(testCase.tree, createChoices(testCase.planTape));
  return { plan, response: encodeResponse(plan, encoding, createChoices(testCase.encodingTape)) };
}

// ---------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------

describe.each(ENCODINGS)('%s encoding: random trees and splits reassemble to the original', (encoding) => {
  it('applying the payloads one by one', () => {
    fc.assert(
      fc.property(caseArb, (testCase) => {
        const { response } = encode(testCase, encoding);
        checkResponse(testCase.tree, response, response.payloads.map((_, index) => [index]));
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT_MS);

  it('applying the payloads in random batches with applyAll', () => {
    fc.assert(
      fc.property(caseArb, (testCase) => {
        const { response } = encode(testCase, encoding);
        checkResponse(testCase.tree, response, cutIntoBatches(response.payloads.length, testCase.batchTape));
      }),
      { numRuns: NUM_RUNS },
    );
  }, TIMEOUT_MS);
});

/** The generator must actually produce the shapes the properties are about. */
it('the generator covers defers, streams, nesting, subPath, re-sends and prototype-named keys', () => {
  const seen = new Set<string>();
  for (const testCase of fc.sample(caseArb, { numRuns: 400, seed: 42 })) {
    const { plan } = encode(testCase, 'current');
    for (const unit of plan.units) {
      seen.add(unit.kind);
      if (unit.kind === 'defer') {
        if (unit.depth > 0) seen.add('nested defer');
        if (unit.parts.some((part) => part.target.length > unit.anchor.length)) seen.add('defer below its anchor');
        if (unit.anchor.some((segment) => typeof segment === 'number')) seen.add('defer under a list item');
        if (unit.source.unit.kind === 'stream') seen.add('defer inside stream items');
      } else {
        if (unit.source.unit.kind === 'defer') seen.add('stream inside deferred data');
        if (unit.batches.some((batch) => batch.end - batch.start > 1)) seen.add('batched items');
      }
    }
    const current = encode(testCase, 'current').response.payloads.join('\n');
    if (current.includes('"subPath"')) seen.add('subPath');
    const with2022 = encode(testCase, '2022').response;
    if (with2022.payloads.length > 1 && with2022.payloads.at(-1) === '{"hasNext":false}') seen.add('bare final payload');
    if (hasPrototypeKey(testCase.tree)) seen.add('prototype-named key');
    const initial = JSON.parse(encode(testCase, 'current').response.payloads[0]!) as Record<string, unknown>;
    if (Object.hasOwn(initial, 'incremental') || Object.hasOwn(initial, 'completed')) seen.add('entries on the initial payload');
    if (scalarsSent(with2022.payloads) > countScalars(testCase.tree)) seen.add('re-sent fields');
    const currentPayloads = encode(testCase, 'current').response.payloads;
    const streamIds = currentPayloads.flatMap((text) => ((JSON.parse(text) as { pending?: { id: string; path: Path }[] }).pending ?? []))
      .filter((entry) => plan.units.some((unit) => unit.kind === 'stream' && JSON.stringify(unit.listPath) === JSON.stringify(entry.path)))
      .map((entry) => entry.id);
    const completedIds = new Set(currentPayloads.flatMap((text) => ((JSON.parse(text) as { completed?: { id: string }[] }).completed ?? []).map((entry) => entry.id)));
    if (streamIds.some((id) => !completedIds.has(id))) seen.add('bare final payload ends open streams');
    const wireIds = currentPayloads.flatMap((text) => ((JSON.parse(text) as { pending?: { id: unknown }[] }).pending ?? []).map((entry) => entry.id));
    if (wireIds.some((id) => typeof id === 'number')) seen.add('numeric ids');
  }
  expect([...seen].sort()).toEqual(
    [
      'bare final payload',
      'bare final payload ends open streams',
      'batched items',
      'defer',
      'defer below its anchor',
      'defer inside stream items',
      'defer under a list item',
      'entries on the initial payload',
      'nested defer',
      'numeric ids',
      'prototype-named key',
      're-sent fields',
      'stream',
      'stream inside deferred data',
      'subPath',
    ].sort(),
  );
});

/**
 * The encoder itself: the current format delivers every field once (deduplication), so across
 * the initial `data` and every entry's `data`/`items`, each scalar of the tree is sent exactly once.
 */
it('the encoder sends every scalar exactly once in the current format', () => {
  fc.assert(
    fc.property(caseArb, (testCase) => {
      const { response } = encode(testCase, 'current');
      expect(scalarsSent(response.payloads)).toBe(countScalars(testCase.tree));
    }),
    { numRuns: NUM_RUNS },
  );
}, TIMEOUT_MS);

/** Scalars in the initial `data` and in every entry's `data`/`items` (flat patches count as entries). */
function scalarsSent(payloads: readonly string[]): number {
  let sent = 0;
  for (const text of payloads) {
    const payload = JSON.parse(text) as { data?: Json; items?: Json; incremental?: { data?: Json; items?: Json }[] };
    sent += countScalars(payload.data ?? payload.items ?? []);
    for (const entry of payload.incremental ?? []) sent += countScalars(entry.data ?? entry.items ?? []);
  }
  return sent;
}

function countScalars(value: Json): number {
  if (isList(value)) return value.reduce<number>((sum, item) => sum + countScalars(item), 0);
  if (isObject(value)) return Object.keys(value).reduce((sum, key) => sum + countScalars(value[key]!), 0);
  return 1;
}

// ---------------------------------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------------------------------

/**
 * Applies `response` in `batches` (payload indexes; a one-element batch goes through `apply`, others
 * through `applyAll`) and checks every result and the end state. Errors are rethrown with the payloads.
 */
function checkResponse(original: JsonObject, response: EncodedResponse, batches: readonly (readonly number[])[]): void {
  const prototypesBefore = prototypeKeys();
  try {
    const reassembler = createReassembler();
    const published: { result: IncrementalResult; snapshot: string }[] = [];
    let previous: IncrementalResult | undefined;
    for (const batch of batches) {
      const result = applyBatch(reassembler, response, batch);
      if (result === previous) continue; // an empty applyAll batch returns `current` unchanged
      deepFreeze(result);
      const last = batch[batch.length - 1]!;
      const written = batch.flatMap((index) => response.writtenPaths[index]!);
      checkIntermediate(original, response, last, result, previous, written);
      published.push({ result, snapshot: snapshot(result) });
      previous = result;
    }
    const final = reassembler.current;
    expect(final, 'a result after the last payload').toBeDefined();
    expect(describeDifference(final!.data, original, 'data')).toBeUndefined();
    expect(final!.hasNext).toBe(false);
    expect(final!.pending).toEqual([]);
    expect(final!.failed).toEqual([]);
    expect(final!.errors).toBeUndefined();
    expect(reassembler.format, 'detected format').toBe(response.expectedFormat);
    for (const [index, { result, snapshot: before }] of published.entries()) {
      expect(snapshot(result), `result ${index} changed after it was returned`).toBe(before);
    }
  } catch (error) {
    throw new Error(`${response.encoding} payloads:\n${response.payloads.join('\n')}\n\n${String(error)}`, { cause: error });
  } finally {
    expect(prototypeKeys(), 'Object.prototype / Array.prototype keys').toEqual(prototypesBefore);
  }
}

function applyBatch(reassembler: Reassembler, response: EncodedResponse, batch: readonly number[]): IncrementalResult {
  // Each payload is parsed from its wire text, so it shares nothing with the tree or other payloads,
  // and frozen, so the reassembler cannot write into what it adopts.
  const payloads = batch.map((index) => deepFreeze(JSON.parse(response.payloads[index]!) as unknown));
  if (payloads.length === 1) {
    const result = reassembler.apply(payloads[0]);
    expect(reassembler.current).toBe(result);
    return result;
  }
  const before = reassembler.current;
  const result = reassembler.applyAll(payloads);
  expect(reassembler.current).toBe(result);
  if (payloads.length === 0) {
    expect(result, 'applyAll([]) returns current').toBe(before);
    if (result === undefined) return before as unknown as IncrementalResult; // nothing applied yet
  }
  expect(result, 'applyAll returns a result').toBeDefined();
  return result!;
}

function checkIntermediate(
  original: JsonObject,
  response: EncodedResponse,
  lastPayload: number,
  result: IncrementalResult,
  previous: IncrementalResult | undefined,
  written: readonly Path[],
): void {
  const where = `after payload ${lastPayload}`;
  expect(describeNotSubTree(result.data, original, 'data'), `${where}: data is a sub-tree of the original`).toBeUndefined();
  if (previous !== undefined) {
    expect(describeNotSubTree(previous.data, result.data, 'data'), `${where}: nothing delivered is lost`).toBeUndefined();
    expect(describeUnshared(previous.data, result.data, [], written), `${where}: untouched subtrees are shared`).toBeUndefined();
  }
  expect(result.hasNext, `${where}: hasNext`).toBe(lastPayload < response.payloads.length - 1);
  expect(result.pending, `${where}: pending`).toEqual(response.expectedPending[lastPayload]);
  expect(result.failed, `${where}: failed`).toEqual([]);
  expect(result.errors, `${where}: errors`).toBeUndefined();
}

/**
 * The first subtree of `before` that `after` copied although no written path lies at or below it
 * (issue 2: "each new result shares every subtree the payload did not touch (`===`)"), or `undefined`.
 */
function describeUnshared(before: unknown, after: unknown, path: Path, written: readonly Path[]): string | undefined {
  const touched = written.some((target) => path.length <= target.length && path.every((segment, index) => target[index] === segment));
  if (!touched) return before === after ? undefined : `${JSON.stringify(path)} was copied but no payload wrote at or below it`;
  if (isList(before) && isList(after)) {
    for (let index = 0; index < before.length; index += 1) {
      const unshared = describeUnshared(before[index], after[index], [...path, index], written);
      if (unshared !== undefined) return unshared;
    }
  } else if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      const unshared = describeUnshared(before[key], after[key], [...path, key], written);
      if (unshared !== undefined) return unshared;
    }
  }
  return undefined;
}

/** Cuts `count` payloads into consecutive batches of 0 to 5 payloads (0 = an empty `applyAll`). */
function cutIntoBatches(count: number, tape: readonly number[]): number[][] {
  const batches: number[][] = [];
  let next = 0;
  for (let position = 0; next < count; position += 1) {
    const size = tape[position] ?? 1;
    batches.push(Array.from({ length: Math.min(size, count - next) }, (_, offset) => next + offset));
    next += size;
  }
  return batches;
}

// ---------------------------------------------------------------------------------------------------
// Tree comparison (own keys only, so `__proto__` fields are compared like any other)
// ---------------------------------------------------------------------------------------------------

/** Why `actual` is not a sub-tree of `expected` (objects may lack keys, lists may be shorter), or `undefined`. */
function describeNotSubTree(actual: unknown, expected: unknown, where: string): string | undefined {
  return compare(actual, expected, where, true);
}

/** Why `actual` does not deep-equal `expected`, or `undefined`. */
function describeDifference(actual: unknown, expected: unknown, where: string): string | undefined {
  return compare(actual, expected, where, false);
}

function compare(actual: unknown, expected: unknown, where: string, partial: boolean): string | undefined {
  if (isList(actual) && isList(expected)) {
    if (Object.getPrototypeOf(actual) !== Array.prototype) return `${where}: a list whose prototype is not Array.prototype`;
    if (partial ? actual.length > expected.length : actual.length !== expected.length) {
      return `${where}: ${actual.length} items, expected ${partial ? 'at most ' : ''}${expected.length}`;
    }
    for (let index = 0; index < actual.length; index += 1) {
      const difference = compare(actual[index], expected[index], `${where}[${index}]`, partial);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  if (isObject(actual) && isObject(expected)) {
    if (Object.getPrototypeOf(actual) !== Object.prototype) return `${where}: an object whose prototype is not Object.prototype`;
    for (const key of Object.keys(actual)) {
      if (!Object.hasOwn(expected, key)) return `${where}: unexpected key ${JSON.stringify(key)}`;
    }
    for (const key of Object.keys(expected)) {
      if (!Object.hasOwn(actual, key)) {
        if (partial) continue;
        return `${where}: missing key ${JSON.stringify(key)}`;
      }
      const difference = compare(actual[key], expected[key], `${where}.${key}`, partial);
      if (difference !== undefined) return difference;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${where}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

function hasPrototypeKey(value: Json): boolean {
  if (isList(value)) return value.some(hasPrototypeKey);
  if (isObject(value)) {
    return Object.keys(value).some((key) => (PROTOTYPE_KEYS as readonly string[]).includes(key) || hasPrototypeKey(value[key]!));
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------
// Immutability and pollution helpers
// ---------------------------------------------------------------------------------------------------

/** Freezes `value` and everything reachable from it through own properties. */
function deepFreeze<T>(value: T, seen = new WeakSet<object>()): T {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  Object.freeze(value);
  for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key], seen);
  return value;
}

/** The result as text, own `__proto__` keys included, to compare later. */
function snapshot(result: IncrementalResult): string {
  return JSON.stringify(result);
}

function prototypeKeys(): { object: string[]; array: string[] } {
  return {
    object: Reflect.ownKeys(Object.prototype).map(String).sort(),
    array: Reflect.ownKeys(Array.prototype).map(String).sort(),
  };
}
