/**
 * Deep and wide results: 1,000 levels deep (initial data deep with a deferred fragment at the bottom;
 * deferred data that is itself 1,000 deep) and a list of 100,000 streamed items (through `applyAll`
 * and through `fetchIncremental` on an in-memory `Response`).
 *
 * "Not quadratic" is checked without timing, which would be flaky on a loaded 2-core CI machine: the
 * reassembler copies a list by spreading it (`[...list]`, which goes through `Array.prototype[Symbol.iterator]`
 * once that is replaced), so a spy on the array iterator, and on `slice` and `concat` for other code,
 * installed only around the `apply`/`applyAll` calls (and the fetch loop), counts the list elements
 * copied (every iteration over an array counts its length: the payloads' own short lists add a little).
 * The design promises one copy of a published list per batch that grows it: copies are bounded
 * by items × batches, so with a fixed number of batches they grow linearly with the items (4x items →
 * 4x copies, where a per-item copy would be 16x). For the deep cases, structural sharing is checked
 * instead: a fragment at depth 1,000 leaves every untouched sibling subtree `===` the previous one.
 */
import { fetchIncremental } from '@graphql-incremental/fetch';
import { createReassembler, IncrementalError } from '@graphql-incremental/reassembler';
import { afterEach, describe, expect, it } from 'vitest';

const DEPTH = 1_000;
const ITEMS = 100_000;

/** `{ level: { level: … { leaf } } }`, `depth` levels, built iteratively. */
function nest(depth: number, leaf: Record<string, unknown>): Record<string, unknown> {
  let value: Record<string, unknown> = leaf;
  for (let level = 0; level < depth; level++) value = { level: value, [`sibling${level % 3}`]: { at: level } };
  return value;
}

/** Walks `level` `depth` times, iteratively. */
function descend(value: unknown, depth: number): Record<string, unknown> {
  let node = value as Record<string, unknown>;
  for (let level = 0; level < depth; level++) node = node['level'] as Record<string, unknown>;
  return node;
}

const pathDown = (depth: number): string[] => Array.from({ length: depth }, () => 'level');

let restoreSlice: (() => void) | undefined;

afterEach(() => {
  restoreSlice?.();
  restoreSlice = undefined;
});

/**
 * Wraps the array iterator, `slice` and `concat` in counting functions until `stop()` (or the end of
 * the test). Replacing the iterator turns off V8's fast path for spreading arrays in this worker for
 * good: the counted code runs slower afterwards, but no less linear.
 */
function startCountingCopies(): { readonly copied: () => number; stop(): void } {
  const originalIterator = Array.prototype[Symbol.iterator];
  const originalSlice = Array.prototype.slice;
  const originalConcat = Array.prototype.concat;
  let copied = 0;
  Array.prototype[Symbol.iterator] = function countingIterator(this: unknown[]) {
    copied += this.length;
    return originalIterator.call(this);
  };
  Array.prototype.slice = function countingSlice(this: unknown[], start?: number, end?: number) {
    const copy = originalSlice.call(this, start, end);
    copied += copy.length;
    return copy;
  };
  Array.prototype.concat = function countingConcat(this: unknown[], ...items: unknown[]) {
    const copy = originalConcat.apply(this, items);
    copied += copy.length;
    return copy;
  };
  restoreSlice = () => {
    Array.prototype[Symbol.iterator] = originalIterator;
    Array.prototype.slice = originalSlice;
    Array.prototype.concat = originalConcat;
  };
  return {
    copied: () => copied,
    stop() {
      restoreSlice?.();
      restoreSlice = undefined;
    },
  };
}

/** Counts array elements copied (see {@link startCountingCopies}) while `action` runs (synchronously). */
function countCopies<T>(action: () => T): { value: T; copied: number } {
  const counter = startCountingCopies();
  try {
    const value = action();
    return { value, copied: counter.copied() };
  } finally {
    counter.stop();
  }
}

describe('1,000 levels deep', () => {
  it('initial data 1,000 deep, then a deferred fragment at depth 1,000 (current format)', () => {
    const reassembler = createReassembler();
    const initial = JSON.parse(
      JSON.stringify({ data: { root: nest(DEPTH, { id: 'bottom' }) }, pending: [{ id: '0', path: ['root', ...pathDown(DEPTH)] }], hasNext: true }),
    ) as unknown;
    const first = reassembler.apply(initial);
    const second = reassembler.apply({ incremental: [{ id: '0', data: { name: 'deep' } }], completed: [{ id: '0' }], hasNext: false });
    const bottom = descend((second.data as { root: unknown }).root, DEPTH);
    expect(bottom).toEqual({ id: 'bottom', name: 'deep' });
    expect(second.pending).toEqual([]);
    // Copied along the path only: every sibling subtree is shared with the first result.
    let before = (first.data as { root: Record<string, unknown> }).root;
    let after = (second.data as { root: Record<string, unknown> }).root;
    // (Counted, then asserted once: `expect` on 1,000-deep objects is slow.)
    let sharedSiblings = 0;
    let copiedLevels = 0;
    for (let level = 0; level < DEPTH; level++) {
      const sibling = Object.keys(after).find((key) => key.startsWith('sibling'))!;
      if (after[sibling] === before[sibling]) sharedSiblings++;
      if (after !== before) copiedLevels++;
      before = before['level'] as Record<string, unknown>;
      after = after['level'] as Record<string, unknown>;
    }
    expect({ sharedSiblings, copiedLevels }).toEqual({ sharedSiblings: DEPTH, copiedLevels: DEPTH });
    // The first result was not changed.
    expect(descend((first.data as { root: unknown }).root, DEPTH)).toEqual({ id: 'bottom' });
  });

  it('deferred data that is itself 1,000 deep, merged onto existing data 1,000 deep (2022 format re-sends)', () => {
    const reassembler = createReassembler();
    reassembler.apply(JSON.parse(JSON.stringify({ data: { root: { id: 'r' } }, pending: [{ id: '0', path: ['root'] }], hasNext: true })));
    const deep = reassembler.apply(JSON.parse(JSON.stringify({ incremental: [{ id: '0', data: { tree: nest(DEPTH, { leaf: 1 }) } }], hasNext: true })));
    expect(descend((deep.data as { root: { tree: unknown } }).root.tree, DEPTH)).toEqual({ leaf: 1 });
    // A second fragment for the same boundary with the same deep shape plus one new leaf: a deep merge.
    const merged = reassembler.apply(
      JSON.parse(JSON.stringify({ incremental: [{ id: '0', data: { tree: nest(DEPTH, { leaf: 1, extra: 2 }) } }], completed: [{ id: '0' }], hasNext: false })),
    );
    expect(descend((merged.data as { root: { tree: unknown } }).root.tree, DEPTH)).toEqual({ leaf: 1, extra: 2 });
    expect(descend((deep.data as { root: { tree: unknown } }).root.tree, DEPTH)).toEqual({ leaf: 1 });
    expect((merged.data as { root: { id: string } }).root.id).toBe('r');
  });

  it('2022 format: data at a 1,000-segment path and items into a list at depth 1,000', () => {
    const reassembler = createReassembler();
    const initial = JSON.parse(JSON.stringify({ data: { root: nest(DEPTH, { list: ['a'] }) }, hasNext: true })) as unknown;
    reassembler.apply(initial);
    const path = ['root', ...pathDown(DEPTH)];
    const result = reassembler.applyAll([
      { incremental: [{ data: { name: 'deep' }, path }], hasNext: true },
      { incremental: [{ items: ['b', 'c'], path: [...path, 'list', 1] }], hasNext: false },
    ]);
    expect(descend((result!.data as { root: unknown }).root, DEPTH)).toEqual({ list: ['a', 'b', 'c'], name: 'deep' });
  });
});

describe('far deeper than any query: 50,000 levels (JSON.parse reads it; JSON.stringify could not write it)', () => {
  const HOSTILE_DEPTH = 50_000;
  /** `{"a":{"a":…leaf…}}`, built as text: JSON.stringify itself overflows the stack at this depth. */
  const nestText = (leaf: string): string => '{"a":'.repeat(HOSTILE_DEPTH) + leaf + '}'.repeat(HOSTILE_DEPTH);

  function startedWithDeepFragment() {
    const reassembler = createReassembler();
    reassembler.apply({ data: { root: {} }, pending: [{ id: '0', path: ['root'] }], hasNext: true });
    // The first deep fragment lands where nothing was: adopted as is, no recursion.
    reassembler.apply(JSON.parse(`{"incremental":[{"id":"0","data":${nestText('1')}}],"hasNext":true}`));
    return reassembler;
  }

  const secondFragment = (): unknown => JSON.parse(`{"incremental":[{"id":"0","data":${nestText('{"b":2}')}}],"completed":[{"id":"0"}],"hasNext":false}`);

  it('a second fragment of that depth is rejected without corrupting current, and the stream goes on', () => {
    const reassembler = startedWithDeepFragment();
    const before = reassembler.current;
    expect(() => reassembler.apply(secondFragment())).toThrow();
    expect(reassembler.current).toBe(before);
    const after = reassembler.apply({ completed: [{ id: '0' }], hasNext: false });
    expect(after.hasNext).toBe(false);
    expect(after.pending).toEqual([]);
  });

  // mergeValue recurses once per level, so merging is depth-limited (MAX_MERGE_DEPTH) with a typed
  // error rather than left to exhaust the stack.
  it('the error for a merge that deep is an IncrementalError', () => {
    const reassembler = startedWithDeepFragment();
    let error: unknown;
    try {
      reassembler.apply(secondFragment());
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IncrementalError);
    expect((error as IncrementalError).code).toBe('INVALID_PAYLOAD');
    expect((error as IncrementalError).message).toBe('payload 2: expected data at most 2048 levels deep');
  });
});

/** The initial payload and `batches` payloads of `items / batches` items each (current format). */
function streamPayloads(items: number, payloadsCount: number): unknown[] {
  const payloads: unknown[] = [{ data: { list: [] }, pending: [{ id: '0', path: ['list'] }], hasNext: true }];
  const perPayload = items / payloadsCount;
  for (let payload = 0; payload < payloadsCount; payload++) {
    const start = payload * perPayload;
    const last = payload === payloadsCount - 1;
    payloads.push({
      incremental: [{ id: '0', items: Array.from({ length: perPayload }, (_, index) => start + index) }],
      ...(last ? { completed: [{ id: '0' }] } : {}),
      hasNext: !last,
    });
  }
  return payloads;
}

/** Applies `payloads` in `batches` equal applyAll batches, counting list elements copied. */
function applyInBatches(payloads: readonly unknown[], batches: number): { list: unknown[]; copied: number } {
  const reassembler = createReassembler();
  reassembler.apply(payloads[0]);
  const rest = payloads.slice(1);
  const size = Math.ceil(rest.length / batches);
  let copied = 0;
  for (let offset = 0; offset < rest.length; offset += size) {
    const batch = rest.slice(offset, offset + size);
    copied += countCopies(() => reassembler.applyAll(batch)).copied;
  }
  return { list: (reassembler.current!.data as { list: unknown[] }).list, copied };
}

describe('100,000 streamed items', () => {
  it('applyAll in 100 batches: all items, in order, and list copies bounded by items × batches', () => {
    const { list, copied } = applyInBatches(streamPayloads(ITEMS, 1_000), 100);
    expect(list).toHaveLength(ITEMS);
    expect(list[0]).toBe(0);
    expect(list[ITEMS - 1]).toBe(ITEMS - 1);
    expect(list.every((value, index) => value === index)).toBe(true);
    // At most one copy of the published list per batch.
    expect(copied).toBeLessThanOrEqual(ITEMS * 100);
  });

  it('copies grow linearly with the items for a fixed number of batches (4x items → about 4x copies, not 16x)', () => {
    const small = applyInBatches(streamPayloads(ITEMS / 4, 1_000), 50).copied;
    const large = applyInBatches(streamPayloads(ITEMS, 1_000), 50).copied;
    console.info(`list elements copied, 50 batches: ${ITEMS / 4} items → ${small}, ${ITEMS} items → ${large}`);
    expect(small).toBeGreaterThan(0);
    expect(large / small).toBeGreaterThan(3);
    expect(large / small).toBeLessThan(5);
  });

  it('the counter sees quadratic growth where it exists: one publish per payload copies the list each time', () => {
    // Not a defect: a published list must not change, so publishing after every payload copies it
    // (README: batch with applyAll). Here it shows the spies would catch a per-item copy.
    const perPayload = (items: number) => applyInBatches(streamPayloads(items, items / 10), items / 10).copied;
    const ratio = perPayload(8_000) / perPayload(2_000);
    expect(ratio).toBeGreaterThan(12);
  });

  it('one applyAll of all 1,000 payloads copies the list at most once', () => {
    const { list, copied } = applyInBatches(streamPayloads(ITEMS, 1_000), 1);
    expect(list).toHaveLength(ITEMS);
    // Each payload's own items array may be sliced once on its way in; the list itself, not per payload.
    expect(copied).toBeLessThanOrEqual(2 * ITEMS);
  });

  it('through fetchIncremental on an in-memory Response: every item, no stack overflow, bounded copies', async () => {
    const payloads = streamPayloads(ITEMS, 1_000);
    const parts = payloads.map((payload) => `\r\n---\r\ncontent-type: application/json\r\n\r\n${JSON.stringify(payload)}`);
    const encoder = new TextEncoder();
    // 50 network chunks of 20 parts each.
    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < parts.length; offset += 20) chunks.push(encoder.encode(parts.slice(offset, offset + 20).join('')));
    chunks.push(encoder.encode('\r\n-----\r\n'));
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (index < chunks.length) controller.enqueue(chunks[index++]!);
        else controller.close();
      },
    });
    const fakeFetch = (() => Promise.resolve(new Response(body, { headers: { 'content-type': 'multipart/mixed; boundary="-"' } }))) as typeof fetch;
    let results = 0;
    let last: unknown[] = [];
    let previousLength = -1;
    // Counted over the whole read: the reader works on Uint8Arrays (TypedArray slice, not counted).
    const counter = startCountingCopies();
    for await (const result of fetchIncremental<{ list: number[] }>('http://in-memory.invalid/graphql', { query: '{ list @stream }' }, { fetch: fakeFetch })) {
      results++;
      const list = result.data!.list;
      expect(list.length).toBeGreaterThan(previousLength);
      previousLength = list.length;
      last = list;
    }
    const copied = counter.copied();
    counter.stop();
    expect(last).toHaveLength(ITEMS);
    expect(last.every((value, position) => value === position)).toBe(true);
    // One result per network chunk at most (payloads that arrive together are merged).
    expect(results).toBeLessThanOrEqual(chunks.length + 1);
    expect(results).toBeGreaterThan(1);
    // At most one copy of the list per published result (plus each payload's items once).
    expect(copied).toBeLessThanOrEqual(ITEMS * (results + 2));
  });
});

describe('100,000 deferred fragments and 100,000 errors', () => {
  /** Also counts the boundaries copied when `pending` is rebuilt from its map (`Map.prototype.values`). */
  function countWithPending<T>(action: () => T): number {
    const originalValues = Map.prototype.values;
    let copied = 0;
    Map.prototype.values = function countingValues(this: Map<unknown, unknown>) {
      copied += this.size;
      return originalValues.call(this);
    };
    try {
      return countCopies(action).copied + copied;
    } finally {
      Map.prototype.values = originalValues;
    }
  }

  /** Applies `payloads` after `initial` in `batches` applyAll batches; returns the copies and the last result. */
  function applyCounting(initial: unknown, payloads: readonly unknown[], batches: number) {
    const reassembler = createReassembler();
    reassembler.apply(initial);
    const size = Math.ceil(payloads.length / batches);
    let copied = 0;
    for (let offset = 0; offset < payloads.length; offset += size) {
      copied += countWithPending(() => reassembler.applyAll(payloads.slice(offset, offset + size)));
    }
    return { copied, result: reassembler.current! };
  }

  it('announced at once and completed one per payload: pending and the list are copied per result, not per payload', () => {
    const count = ITEMS;
    const initial = {
      data: { items: Array.from({ length: count }, () => ({})) },
      pending: Array.from({ length: count }, (_, index) => ({ id: String(index), path: ['items', index] })),
      hasNext: true,
    };
    const payloads = Array.from({ length: count }, (_, index) => ({
      incremental: [{ id: String(index), data: { index } }],
      completed: [{ id: String(index) }],
      hasNext: index < count - 1,
    }));
    const batches = 100;
    const { copied, result } = applyCounting(initial, payloads, batches);
    expect(result.pending).toEqual([]);
    expect((result.data as { items: { index: number }[] }).items.every((item, index) => item.index === index)).toBe(true);
    // Pending and the list, once per result and once per restore point (at most one per 256 payloads);
    // copying per payload would be about count² / 2.
    expect(copied).toBeLessThanOrEqual(2 * count * (batches + count / 256 + 2));
  });

  it('accumulated one per payload: the errors list is copied per result, not per payload', () => {
    const count = ITEMS;
    const payloads = Array.from({ length: count }, (_, index) => ({ errors: [{ message: `e${index}` }], hasNext: index < count - 1 }));
    const batches = 100;
    const { copied, result } = applyCounting({ data: {}, hasNext: true }, payloads, batches);
    expect(result.errors).toHaveLength(count);
    expect(result.errors?.[count - 1]).toEqual({ message: `e${count - 1}` });
    // Once per result and once per restore point (at most one per 256 payloads), plus each payload's
    // own one-error list, read once; copying per payload would be about count² / 2.
    expect(copied).toBeLessThanOrEqual(count * (batches + count / 256 + 2));
  });
});
