/**
 * Whole-sequence tests against the real graphql-js executors (issue 2, "Tests that must exist"):
 * every operation of the corpus runs through graphql@17.1.0 `experimentalExecuteIncrementally`
 * (current format), graphql@17.1.0 `legacyExecuteIncrementally` and graphql@17.0.0-alpha.2 (2022
 * format); the payloads, as JSON, go into a fresh reassembler one by one and in random batches, and
 * the final result is compared with plain `execute()` of the operation without `@defer`/`@stream`.
 */
import { createReassembler, type FailedBoundary, type IncrementalResult } from '@graphql-incremental/reassembler';
import { describe, expect, it } from 'vitest';
import {
  EXECUTORS,
  executeIncrementally,
  executePlain,
  type ExecutorName,
  type Json,
  type WirePayload,
} from '../support/executeIncrementally.js';
import { OPERATIONS } from '../support/operations.js';

/**
 * Where the reassembled result legitimately differs from plain execution: an error cannot take back
 * data already delivered. Plain execution propagates a non-null error
 * to the nearest nullable parent (nulling an object or a whole list); incrementally, that parent was
 * already delivered, so the fragment's fields (or the rest of the list) are simply missing and the
 * boundary is recorded as failed.
 */
interface Deviation {
  /** Why the data differs, for whoever reads a failure. */
  readonly why: string;
  /** The exact expected final data, per executor. */
  readonly data: (executor: ExecutorName) => Json;
  /** The boundaries the reassembler must report as failed (kind and path), per executor. */
  readonly failed: (executor: ExecutorName) => readonly Pick<FailedBoundary, 'kind' | 'path'>[];
  /**
   * Plain-execution errors that are reported differently, with the error the executor sends instead
   * (same message, different path), per executor.
   */
  readonly errorPaths?: (executor: ExecutorName) => Readonly<Record<string, readonly (string | number)[]>>;
}

const isAlpha2 = (executor: ExecutorName): boolean => executor === '17.0.0-alpha.2';

const DEVIATIONS: Readonly<Record<string, Deviation>> = {
  'non-null-failure-in-defer': {
    why:
      'failingNonNull (String!) throws inside the fragment. Plain execution nulls `hero`; incrementally ' +
      '`hero { id }` was already delivered, so it stays and the fragment fails (C: completed errors, B: data null).',
    data: () => ({ hero: { id: '1' } }),
    failed: () => [{ kind: 'defer', path: ['hero'] }],
  },
  'non-null-failure-beside-good-defer': {
    why:
      'Fragment "Bad" fails as above and plain execution nulls `hero`; "Ok" (name) succeeds and ' +
      '`id` came in the initial payload, so both stay.',
    data: () => ({ hero: { id: '1', name: 'Luke' } }),
    failed: () => [{ kind: 'defer', path: ['hero'] }],
  },
  'nested-defer-child-fails': {
    why: 'Inner fragment fails (failingNonNull); plain execution nulls `hero`; id and the Outer fragment\'s name stay.',
    data: () => ({ hero: { id: '1', name: 'Luke' } }),
    failed: () => [{ kind: 'defer', path: ['hero'] }],
  },
  'non-null-item-failure-async': {
    why:
      'Item 1 of [String!] is null: plain execution nulls the whole list; incrementally "red" was ' +
      'already delivered and the stream ends there.',
    data: () => ({ asyncNonNullColors: ['red'] }),
    failed: () => [{ kind: 'stream', path: ['asyncNonNullColors'] }],
  },
  'non-null-item-failure-sync': {
    why:
      'As for the async list. alpha.2 keeps streaming after the failed item (it sends ' +
      '"blue" at index 2 after `items: null` at index 1); later items of a failed stream are ignored, ' +
      'so the list stays ["red"] for every executor.',
    data: () => ({ syncNonNullColors: ['red'] }),
    failed: () => [{ kind: 'stream', path: ['syncNonNullColors'] }],
  },
  'iterator-throws': {
    why:
      'The iterator throws after "red" and "green". Plain execution nulls the list. 17.1.0 (both ' +
      'formats) fails the stream and keeps the two items. alpha.2 instead reports the throw as a nullable ' +
      'item error: `items: [null]` at index 2 with the error at ["failingIteratorColors", 2], so the list ' +
      'gets a third, null item and no boundary fails.',
    data: (executor) => ({ failingIteratorColors: isAlpha2(executor) ? ['red', 'green', null] : ['red', 'green'] }),
    failed: (executor) => (isAlpha2(executor) ? [] : [{ kind: 'stream', path: ['failingIteratorColors'] }]),
    errorPaths: (executor) => (isAlpha2(executor) ? { 'iterator broke': ['failingIteratorColors', 2] } : {}),
  },
  'failing-defer-in-stream-items': {
    why:
      'Each streamed hero carries a fragment with failingNonNull: plain execution nulls each item ' +
      '(the list items are nullable); incrementally each item { id failingField } was delivered with the ' +
      'stream before its fragment failed, so the items stay and three defers fail.',
    data: () => ({
      asyncHeroes: [
        { id: '1', failingField: null },
        { id: '2', failingField: null },
        { id: '3', failingField: null },
      ],
    }),
    failed: () => [
      { kind: 'defer', path: ['asyncHeroes', 0] },
      { kind: 'defer', path: ['asyncHeroes', 1] },
      { kind: 'defer', path: ['asyncHeroes', 2] },
    ],
  },
  'errors-everywhere': {
    why:
      'Combines the cases above: fragment "Fails" cannot null the delivered `hero` (plain: hero null); ' +
      'the throwing iterator cannot null the delivered items (plain: null); alpha.2 reports the throw as ' +
      'a null item at index 2 (see iterator-throws).',
    data: (executor) => ({
      colorsWithRejected: ['red', null, 'blue'],
      failingIteratorColors: isAlpha2(executor) ? ['red', 'green', null] : ['red', 'green'],
      asyncColors: ['red', 'green', 'blue'],
      hero: { id: '1', name: 'Luke', bio: null },
    }),
    failed: (executor) => [
      { kind: 'defer', path: ['hero'] },
      ...(isAlpha2(executor) ? [] : [{ kind: 'stream' as const, path: ['failingIteratorColors'] }]),
    ],
    errorPaths: (executor) => (isAlpha2(executor) ? { 'iterator broke': ['failingIteratorColors', 2] } : {}),
  },
};

/** Deterministic PRNG (mulberry32), so a failing batch split can be reproduced from its seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `payloads` into consecutive non-empty batches of random sizes. */
function splitRandomly<T>(payloads: readonly T[], random: () => number): T[][] {
  const batches: T[][] = [];
  let start = 0;
  while (start < payloads.length) {
    const size = 1 + Math.floor(random() * Math.min(4, payloads.length - start));
    batches.push(payloads.slice(start, start + size));
    start += size;
  }
  return batches;
}

function applyOneByOne(payloads: readonly WirePayload[]): IncrementalResult[] {
  const reassembler = createReassembler();
  return payloads.map((payload) => reassembler.apply(payload));
}

/** The parts of a result a test compares: everything, as plain JSON. */
function snapshot(result: IncrementalResult | undefined): unknown {
  return JSON.parse(JSON.stringify(result ?? null));
}

const SEEDS = [1, 2, 3, 42, 2026];

const names = new Set(OPERATIONS.map((operation) => operation.name));
if (names.size !== OPERATIONS.length) throw new Error('operation names must be unique');
for (const name of Object.keys(DEVIATIONS)) {
  if (!names.has(name)) throw new Error(`deviation for unknown operation ${name}`);
}

describe.each(EXECUTORS)('%s', (executor) => {
  describe.each(OPERATIONS)('$name', (operation) => {
    it('reassembles to the data of plain execution', async () => {
      const [payloads, plain] = await Promise.all([executeIncrementally(executor, operation), executePlain(operation)]);
      expect(payloads.length).toBeGreaterThan(0);
      const results = applyOneByOne(payloads);
      const final = results.at(-1)!;

      expect(final.hasNext).toBe(false);
      expect(final.pending).toEqual([]);

      const deviation = DEVIATIONS[operation.name];
      const expectedData = deviation === undefined ? plain['data'] : deviation.data(executor);
      expect(final.data).toStrictEqual(expectedData);

      const failed = final.failed.map(({ kind, path }) => ({ kind, path }));
      expect(failed).toEqual(deviation?.failed(executor) ?? []);

      // Every error of plain execution arrives (message and path), unless the executor reports it
      // under another path (listed in the deviation).
      const rewrittenPaths = deviation?.errorPaths?.(executor) ?? {};
      const received = (final.errors ?? []).map((error) => ({ message: error.message, path: error.path }));
      const plainErrors = Array.isArray(plain['errors']) ? plain['errors'] : [];
      for (const error of plainErrors as { message: string; path?: (string | number)[] }[]) {
        const path = rewrittenPaths[error.message] ?? error.path;
        expect(received).toContainEqual({ message: error.message, path });
      }
      // Failure errors are part of `errors` too (types.ts: "also appended to the result's errors").
      for (const boundary of final.failed) {
        for (const error of boundary.errors) expect(final.errors).toContain(error);
      }
    });

    it('reports hasNext and the pending boundaries of every intermediate result', async () => {
      const payloads = await executeIncrementally(executor, operation);
      const results = applyOneByOne(payloads);
      // Announced and not completed, computed from the payloads independently of the reassembler.
      const open = new Map<string, { id: string; path: Json; label?: Json }>();
      payloads.forEach((payload, index) => {
        const result = results[index]!;
        expect(result.hasNext).toBe(payload['hasNext'] ?? false);
        for (const entry of (payload['pending'] ?? []) as { [key: string]: Json }[]) {
          const id = String(entry['id']);
          open.set(id, { id, path: entry['path']!, ...(entry['label'] === undefined ? {} : { label: entry['label'] }) });
        }
        for (const entry of (payload['completed'] ?? []) as { [key: string]: Json }[]) open.delete(String(entry['id']));
        if (payload['hasNext'] === false) open.clear();
        const expected = [...open.values()].map((boundary) => {
          // A stream's path is its list; a defer's is an object.
          const target = (boundary.path as (string | number)[]).reduce<unknown>(
            (node, segment) => (node as Record<string | number, unknown> | null | undefined)?.[segment],
            result.data,
          );
          return { ...boundary, kind: Array.isArray(target) ? 'stream' : 'defer' };
        });
        // Only the current format announces boundaries; in the 2022 format `pending` stays empty.
        expect(result.pending, `after payload ${index}`).toEqual(expected);
      });
    });

    it.each(SEEDS)('gives the same results when payloads are applied in random batches (seed %i)', async (seed) => {
      const payloads = await executeIncrementally(executor, operation);
      const oneByOne = applyOneByOne(payloads);
      const batches = splitRandomly(payloads, createRandom(seed));
      const reassembler = createReassembler();
      let applied = 0;
      for (const batch of batches) {
        const result = reassembler.applyAll(batch);
        applied += batch.length;
        // After a batch, the result equals the one-by-one result after the same payloads.
        expect(snapshot(result)).toStrictEqual(snapshot(oneByOne[applied - 1]));
        expect(reassembler.current).toBe(result);
      }
      expect(reassembler.current?.data).toStrictEqual(oneByOne.at(-1)?.data);
    });
  });
});

describe('the corpus', () => {
  it('has 30 or more operations and exercises every executor in more than one payload', async () => {
    expect(OPERATIONS.length).toBeGreaterThanOrEqual(30);
    for (const executor of EXECUTORS) {
      let incremental = 0;
      for (const operation of OPERATIONS) {
        if ((await executeIncrementally(executor, operation)).length > 1) incremental += 1;
      }
      expect(incremental).toBeGreaterThanOrEqual(30);
    }
  });

  it('is deterministic: running an operation twice gives the same payloads', async () => {
    for (const executor of EXECUTORS) {
      for (const operation of OPERATIONS) {
        const [first, second] = [await executeIncrementally(executor, operation), await executeIncrementally(executor, operation)];
        expect(second, `${executor} ${operation.name}`).toStrictEqual(first);
      }
    }
  });
});
