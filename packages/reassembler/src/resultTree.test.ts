import { describe, expect, it } from 'vitest';
import { createDraftStore } from './createDraftStore.js';
import { lookup, mergeValue, updateAt } from './resultTree.js';

describe('lookup', () => {
  const root = { a: { list: [{ b: 1 }, null] }, n: null, s: 'x' };

  it.each([
    [['a', 'list', 0, 'b'], { status: 'found', value: 1 }],
    [[], { status: 'found', value: root }],
    [['a', 'list', 1, 'b'], { status: 'null', depth: 3 }],
    [['n', 'x'], { status: 'null', depth: 1 }],
    [['a', 'missing'], { status: 'missing', depth: 1 }],
    [['a', 'list', 2], { status: 'missing', depth: 2 }],
    [['a', 'list', 'length'], { status: 'mismatch', depth: 2 }],
    [['a', 0], { status: 'mismatch', depth: 1 }],
    [['s', 'length'], { status: 'mismatch', depth: 1 }],
    [['__proto__'], { status: 'missing', depth: 0 }],
    [['a', 'constructor'], { status: 'missing', depth: 1 }],
  ] as const)('%j → %j', (path, expected) => {
    expect(lookup(root, path)).toEqual(expected);
  });
});

describe('mergeValue', () => {
  it('returns the existing value when the incoming one adds nothing', () => {
    const store = createDraftStore();
    const existing = Object.freeze({ a: Object.freeze({ b: 1, c: Object.freeze([1, 2]) }), d: 'x' });
    expect(mergeValue(store, existing, JSON.parse('{"a":{"b":1,"c":[1,2]},"d":"x"}'))).toBe(existing);
  });

  it('copies only the changed branch and shares the rest', () => {
    const store = createDraftStore();
    const untouched = Object.freeze({ deep: Object.freeze({ x: 1 }) });
    const existing = Object.freeze({ a: Object.freeze({ b: 1 }), untouched });
    const merged = mergeValue(store, existing, { a: { c: 2 } }) as Record<string, unknown>;
    expect(merged).toEqual({ a: { b: 1, c: 2 }, untouched: { deep: { x: 1 } } });
    expect(merged).not.toBe(existing);
    expect(merged['untouched']).toBe(untouched);
  });

  it('merges lists by index and keeps items appended since a list was first sent', () => {
    const store = createDraftStore();
    const existing = Object.freeze([Object.freeze({ id: 1, name: 'a' }), Object.freeze({ id: 2 }), 'streamed']);
    const merged = mergeValue(store, existing, [{ id: 1 }, { id: 2, name: 'b' }]) as unknown[];
    expect(merged).toEqual([{ id: 1, name: 'a' }, { id: 2, name: 'b' }, 'streamed']);
    expect(merged[0]).toBe(existing[0]);
  });

  it('lets a scalar, null or a different shape replace what was there', () => {
    const store = createDraftStore();
    expect(mergeValue(store, { a: 1 }, null)).toBeNull();
    expect(mergeValue(store, [1], { a: 1 })).toEqual({ a: 1 });
    expect(mergeValue(store, 'x', 'y')).toBe('y');
  });
});

describe('updateAt', () => {
  it('copies the containers along the path once per publish and shares siblings', () => {
    const store = createDraftStore();
    const sibling = Object.freeze({ s: 1 });
    const root = Object.freeze({ a: Object.freeze({ list: Object.freeze([1]) }), sibling });
    store.begin();
    const append = (root: unknown): unknown => {
      const found = lookup(root, ['a', 'list']);
      const list = store.writable((found as { value: unknown[] }).value);
      store.setIndex(list, list.length, list.length + 1);
      return updateAt(store, root, ['a', 'list'], list);
    };
    const first = append(root) as { a: { list: number[] }; sibling: unknown };
    const second = append(first) as typeof first;
    // Within one batch the drafts are reused: no copy per write.
    expect(second).toBe(first);
    expect(second.a.list).toEqual([1, 2, 3]);
    expect(second.sibling).toBe(sibling);
    expect(root.a.list).toEqual([1]);
    store.publish();
    const third = append(second) as typeof first;
    // After a publish, the published containers are copied, never written.
    expect(third).not.toBe(second);
    expect(second.a.list).toEqual([1, 2, 3]);
    expect(third.a.list).toEqual([1, 2, 3, 4]);
  });

  it('returns the same root when the update changes nothing', () => {
    const store = createDraftStore();
    const root = { a: { b: 1 } };
    expect(updateAt(store, root, ['a', 'b'], 1)).toBe(root);
  });

  it('follows only the first `length` segments', () => {
    const store = createDraftStore();
    const root = Object.freeze({ a: Object.freeze({ list: Object.freeze([1]) }) });
    const updated = updateAt(store, root, ['a', 'list', 7], [1, 2], 2) as { a: { list: number[] } };
    expect(updated).toEqual({ a: { list: [1, 2] } });
    expect(root.a.list).toEqual([1]);
  });
});
