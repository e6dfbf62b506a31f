import { describe, expect, it } from 'vitest';
import { copyList, createDraftStore } from './createDraftStore.js';

describe('createDraftStore', () => {
  it('copies a published container on first write and reuses the draft after', () => {
    const store = createDraftStore();
    const published = Object.freeze({ a: 1 });
    const draft = store.writable(published);
    expect(draft).not.toBe(published);
    expect(store.writable(draft)).toBe(draft);
    store.publish();
    expect(store.writable(draft)).not.toBe(draft);
  });

  it('defines __proto__ as a plain own property', () => {
    const store = createDraftStore();
    const draft = store.adopt({} as Record<string, unknown>);
    store.setKey(draft, '__proto__', { polluted: true });
    expect(Object.getPrototypeOf(draft)).toBe(Object.prototype);
    expect(Object.keys(draft)).toEqual(['__proto__']);
    expect(store.writable(Object.freeze(JSON.parse('{"__proto__":{"x":1}}')))).toEqual(JSON.parse('{"__proto__":{"x":1}}'));
  });

  it('rolls back writes into drafts of earlier payloads of the batch, in reverse order', () => {
    const store = createDraftStore();
    store.begin();
    const object = store.adopt({ keep: 1, change: 1 } as Record<string, unknown>);
    const list = store.adopt([1, 2] as unknown[]);
    store.begin();
    store.setKey(object, 'change', 2);
    store.setKey(object, 'added', 3);
    store.setKey(object, '__proto__', 4);
    store.setIndex(list, 0, 9);
    store.setIndex(list, 2, 3);
    store.setIndex(list, 3, 4);
    let outside = 'changed';
    store.onRollback(() => {
      outside = 'restored';
    });
    const fresh = store.adopt({});
    store.rollback();
    expect(object).toEqual({ keep: 1, change: 1 });
    expect(Object.hasOwn(object, '__proto__')).toBe(false);
    expect(list).toEqual([1, 2]);
    expect(outside).toBe('restored');
    // Drafts created by the rolled-back payload are forgotten; older drafts stay writable in place.
    expect(store.writable(fresh)).not.toBe(fresh);
    expect(store.writable(object)).toBe(object);
  });
});

describe('copyList', () => {
  // Frozen lists take another path (spread) than plain ones (slice/concat); both must give a fresh,
  // writable, equal copy, with the extra items appended.
  it.each([
    ['a plain list', (list: number[]) => list],
    ['a frozen list', (list: number[]) => Object.freeze(list)],
  ])('copies %s, with or without items appended', (_name, prepare) => {
    const list = prepare([1, 2, 3]);
    const copy = copyList(list);
    expect(copy).toEqual([1, 2, 3]);
    expect(copy).not.toBe(list);
    expect(Object.isFrozen(copy)).toBe(false);
    const grown = copyList(list, [4, 5]);
    expect(grown).toEqual([1, 2, 3, 4, 5]);
    expect(Object.isFrozen(grown)).toBe(false);
    expect(list).toEqual([1, 2, 3]);
  });
});
