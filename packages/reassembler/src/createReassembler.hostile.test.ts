import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createReassembler } from './createReassembler.js';
import { IncrementalError, isIncrementalError, type IncrementalErrorCode } from './index.js';

/** Payloads as they come off the wire: keys such as `__proto__` are own properties after JSON.parse. */
const wire = (text: string): unknown => JSON.parse(text);

const prototypeKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const cleanPrototypeKeys = prototypeKeys();

afterEach(() => {
  // Every test here: nothing may have reached Object.prototype.
  expect(prototypeKeys()).toEqual(cleanPrototypeKeys);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

function started(initial: string) {
  const reassembler = createReassembler();
  reassembler.apply(wire(initial));
  return reassembler;
}

function rejection(action: () => unknown): IncrementalError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(IncrementalError);
    return error as IncrementalError;
  }
  throw new Error('expected an IncrementalError, but nothing was thrown');
}

describe('prototype keys are plain fields', () => {
  it('keeps a __proto__ key inside deferred data as an own field without changing any prototype', () => {
    const reassembler = started('{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"]}],"hasNext":true}');
    const result = reassembler.apply(
      wire('{"incremental":[{"id":"0","data":{"__proto__":{"polluted":true},"name":"Luke"}}],"completed":[{"id":"0"}],"hasNext":false}'),
    );
    const hero = (result.data as { hero: Record<string, unknown> }).hero;
    expect(Object.getPrototypeOf(hero)).toBe(Object.prototype);
    expect(Object.hasOwn(hero, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(hero, '__proto__')?.value).toEqual({ polluted: true });
    expect(hero['polluted']).toBeUndefined();
    expect(hero['name']).toBe('Luke');
  });

  it('merges into a real field named __proto__ (an alias) and never into Object.prototype', () => {
    const reassembler = started('{"data":{"__proto__":{"id":"1"}},"pending":[{"id":"0","path":["__proto__"]}],"hasNext":true}');
    const result = reassembler.apply(wire('{"incremental":[{"id":"0","data":{"polluted":true}}],"completed":[{"id":"0"}],"hasNext":false}'));
    const field = Object.getOwnPropertyDescriptor(result.data, '__proto__')?.value as Record<string, unknown>;
    expect(field).toEqual({ id: '1', polluted: true });
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
  });

  it.each(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'])(
    'rejects a path through a missing field named %s instead of reading an inherited value',
    (key) => {
      const reassembler = started(`{"data":{"hero":{}},"pending":[{"id":"0","path":["hero","${key}"]}],"hasNext":true}`);
      const before = reassembler.current;
      const error = rejection(() => reassembler.apply(wire('{"incremental":[{"id":"0","data":{"polluted":true}}],"hasNext":true}')));
      expect(error.code).toBe('PATH_NOT_FOUND');
      expect(error.path).toEqual(['hero', key]);
      expect(reassembler.current).toBe(before);
    },
  );

  it('rejects 2022 stream items aimed at Object.prototype through __proto__ once the response ends', () => {
    const reassembler = started('{"data":{"list":[]},"hasNext":true}');
    // An entry whose list is not there yet waits for a later payload to bring it.
    const waiting = reassembler.apply(wire('{"incremental":[{"items":[1],"path":["__proto__","polluted",0]}],"hasNext":true}'));
    expect(waiting.data).toEqual({ list: [] });
    const error = rejection(() => reassembler.apply(wire('{"hasNext":false}')));
    expect(error.code).toBe('PATH_NOT_FOUND');
    expect(error.path).toEqual(['__proto__', 'polluted']);
    expect(reassembler.current).toBe(waiting);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(['constructor', 'prototype'])('keeps data of real fields named %s (graphql-tools drops it)', (key) => {
    const reassembler = started(`{"data":{"${key}":{"id":"1"}},"hasNext":true}`);
    const result = reassembler.apply(wire(`{"incremental":[{"data":{"name":"x"},"path":["${key}"]}],"hasNext":false}`));
    expect(result.data).toEqual({ [key]: { id: '1', name: 'x' } });
  });
});

describe('payloads that do not fit raise typed errors and leave current unchanged', () => {
  const initialCurrent = '{"data":{"hero":{"id":"1","name":"Luke"},"list":["a"]},"pending":[{"id":"0","path":["hero"]},{"id":"1","path":["list"]}],"hasNext":true}';
  const initial2022 = '{"data":{"hero":{"id":"1","name":"Luke"},"list":["a"]},"hasNext":true}';

  const cases: readonly { name: string; initial: string; payload: string; code: IncrementalErrorCode; path?: readonly (string | number)[]; message: RegExp }[] = [
    { name: 'unknown id in incremental', initial: initialCurrent, payload: '{"incremental":[{"id":"9","data":{}}],"hasNext":true}', code: 'UNKNOWN_ID', message: /^payload 1: expected a pending id, got "9"$/ },
    { name: 'unknown id in completed', initial: initialCurrent, payload: '{"completed":[{"id":"0"},{"id":"0"}],"hasNext":true}', code: 'UNKNOWN_ID', message: /^payload 1: expected a pending id, got "0"$/ },
    { name: 'duplicate pending id', initial: initialCurrent, payload: '{"pending":[{"id":"0","path":["hero"]}],"hasNext":true}', code: 'DUPLICATE_ID', path: ['hero'], message: /^payload 1 \(hero\): expected a new id, got "0"$/ },
    { name: 'subPath that does not exist', initial: initialCurrent, payload: '{"incremental":[{"id":"0","subPath":["friend"],"data":{"a":1}}],"hasNext":true}', code: 'PATH_NOT_FOUND', path: ['hero', 'friend'], message: /^payload 1 \(hero\.friend\): expected object, got undefined$/ },
    { name: 'deferred data onto a scalar', initial: initialCurrent, payload: '{"incremental":[{"id":"0","subPath":["name"],"data":{"a":1}}],"hasNext":true}', code: 'NOT_AN_OBJECT', path: ['hero', 'name'], message: /^payload 1 \(hero\.name\): expected object, got string$/ },
    { name: 'items for a defer boundary', initial: initialCurrent, payload: '{"incremental":[{"id":"0","items":[1]}],"hasNext":true}', code: 'NOT_A_LIST', path: ['hero'], message: /expected list, got object/ },
    { name: '2022 items on a non-list', initial: initial2022, payload: '{"incremental":[{"items":[1],"path":["hero",0]}],"hasNext":true}', code: 'NOT_A_LIST', path: ['hero'], message: /expected list, got object/ },
    { name: '2022 items on a scalar, by the list path itself', initial: initial2022, payload: '{"incremental":[{"items":[1],"path":["hero","name"]}],"hasNext":true}', code: 'NOT_A_LIST', path: ['hero', 'name'], message: /got string/ },
    { name: '2022 data at a path that does not exist', initial: initial2022, payload: '{"incremental":[{"data":{"a":1},"path":["villain"]}],"hasNext":false}', code: 'PATH_NOT_FOUND', path: ['villain'], message: /\(villain\)/ },
    { name: '2022 index segment on an object', initial: initial2022, payload: '{"incremental":[{"data":{"a":1},"path":["hero",0]}],"hasNext":false}', code: 'PATH_NOT_FOUND', path: ['hero', 0], message: /expected object, got undefined/ },
    { name: '2022 items leaving a gap', initial: initial2022, payload: '{"incremental":[{"items":["c"],"path":["list",5]}],"hasNext":true}', code: 'INDEX_OUT_OF_RANGE', path: ['list', 5], message: /^payload 1 \(list\.5\): expected index 1 at most, got 5$/ },
    { name: 'payload is not an object', initial: initialCurrent, payload: '[1,2]', code: 'INVALID_PAYLOAD', message: /^payload 1: expected object, got list$/ },
    { name: 'payload is null', initial: initialCurrent, payload: 'null', code: 'INVALID_PAYLOAD', message: /got null/ },
    { name: 'hasNext is a string', initial: initialCurrent, payload: '{"hasNext":"yes"}', code: 'INVALID_PAYLOAD', message: /hasNext: expected boolean, got string/ },
    { name: 'errors is not a list', initial: initialCurrent, payload: '{"errors":{"message":"x"},"hasNext":true}', code: 'INVALID_PAYLOAD', message: /errors: expected list, got object/ },
    { name: 'error without a message', initial: initialCurrent, payload: '{"errors":[{"path":["x"]}],"hasNext":true}', code: 'INVALID_PAYLOAD', message: /message/ },
    { name: 'incremental is an object', initial: initialCurrent, payload: '{"incremental":{"id":"0"},"hasNext":true}', code: 'INVALID_PAYLOAD', message: /incremental: expected list/ },
    { name: 'incremental entry is a string', initial: initialCurrent, payload: '{"incremental":["x"],"hasNext":true}', code: 'INVALID_PAYLOAD', message: /incremental item: expected object, got string/ },
    { name: 'negative index in a path', initial: initial2022, payload: '{"incremental":[{"items":["c"],"path":["list",-1]}],"hasNext":true}', code: 'INVALID_PAYLOAD', message: /path item: expected name or index, got number/ },
    { name: 'object as a path segment', initial: initial2022, payload: '{"incremental":[{"data":{},"path":[{"a":1}]}],"hasNext":true}', code: 'INVALID_PAYLOAD', message: /path item: expected name or index, got object/ },
    { name: 'fractional index', initial: initial2022, payload: '{"incremental":[{"items":["c"],"path":["list",1.5]}],"hasNext":true}', code: 'INVALID_PAYLOAD', message: /path item: expected name or index, got number/ },
    { name: 'label is a number', initial: initial2022, payload: '{"incremental":[{"data":{},"path":["hero"],"label":3}],"hasNext":true}', code: 'INVALID_PAYLOAD', message: /label/ },
    { name: 'id is an object', initial: initialCurrent, payload: '{"incremental":[{"id":{"x":1},"data":{}}],"hasNext":true}', code: 'INVALID_PAYLOAD', message: /id/ },
    { name: 'items is a string', initial: initialCurrent, payload: '{"incremental":[{"id":"1","items":"abc"}],"hasNext":true}', code: 'INVALID_PAYLOAD', message: /items/ },
    { name: 'deferred data is a list', initial: initial2022, payload: '{"incremental":[{"data":[1],"path":["hero"]}],"hasNext":true}', code: 'INVALID_PAYLOAD', message: /data/ },
    { name: 'extensions is a string', initial: initialCurrent, payload: '{"extensions":"x","hasNext":true}', code: 'INVALID_PAYLOAD', message: /extensions/ },
  ];

  it.each(cases)('$name → $code', ({ initial, payload, code, path, message }) => {
    const reassembler = started(initial);
    const before = reassembler.current;
    const snapshot = structuredClone(before);
    const error = rejection(() => reassembler.apply(wire(payload)));
    expect(error.code).toBe(code);
    expect(error.name).toBe('IncrementalError');
    expect(isIncrementalError(error)).toBe(true);
    expect(error.payloadIndex).toBe(1);
    expect(error.message).toMatch(/^payload 1/);
    expect(error.message).toMatch(message);
    expect(error.path).toEqual(path);
    expect(reassembler.current).toBe(before);
    expect(reassembler.current).toEqual(snapshot);
  });

  it('rolls back the entries of a payload that applied before the one that failed', () => {
    const reassembler = started(initialCurrent);
    const before = reassembler.current!;
    rejection(() =>
      reassembler.apply(
        wire(
          '{"pending":[{"id":"2","path":["hero","friend"]}],"incremental":[{"id":"0","data":{"friend":{"id":"2"}}},{"id":"1","items":["b"]},{"id":"7","data":{}}],"errors":[{"message":"e"}],"extensions":{"x":1},"completed":[{"id":"0"}],"hasNext":true}',
        ),
      ),
    );
    expect(reassembler.current).toBe(before);
    // The state is as if the failed payload never came: a good payload applies cleanly on top.
    const after = reassembler.apply(wire('{"incremental":[{"id":"1","items":["b"]}],"completed":[{"id":"0"},{"id":"1"}],"hasNext":false}'));
    expect(after).toEqual({
      data: { hero: { id: '1', name: 'Luke' }, list: ['a', 'b'] },
      hasNext: false,
      pending: [],
      failed: [],
    });
  });

  it('in a batch, publishes the payloads before the failing one and undoes only the failing one', () => {
    const reassembler = started(initialCurrent);
    const error = rejection(() =>
      reassembler.applyAll([
        wire('{"incremental":[{"id":"1","items":["b"]}],"hasNext":true}'),
        wire('{"incremental":[{"id":"1","items":["c"]}],"errors":[{"message":"e"}],"hasNext":true}'),
        wire('{"incremental":[{"id":"1","items":["d"]},{"id":"0","subPath":["nope"],"data":{}}],"hasNext":true}'),
        wire('{"incremental":[{"id":"1","items":["never"]}],"hasNext":true}'),
      ]),
    );
    expect(error.payloadIndex).toBe(3);
    expect(reassembler.current?.data).toEqual({ hero: { id: '1', name: 'Luke' }, list: ['a', 'b', 'c'] });
    expect(reassembler.current?.errors).toEqual([{ message: 'e' }]);
    const next = reassembler.apply(wire('{"incremental":[{"id":"1","items":["d"]}],"hasNext":true}'));
    expect(next.data).toEqual({ hero: { id: '1', name: 'Luke' }, list: ['a', 'b', 'c', 'd'] });
  });

  it('after a long batch, undoes everything the failing payload did: its items, errors, extensions and failed stream', () => {
    const reassembler = started('{"data":{"a":[],"b":[]},"hasNext":true}');
    const first = reassembler.current!;
    const items = Array.from({ length: 300 }, (_, index) => ({ incremental: [{ items: [index], path: ['a', index] }], extensions: { at: index }, hasNext: true }));
    const error = rejection(() =>
      reassembler.applyAll([
        ...items,
        // Fails `b` (its later items would be dropped), then aims at a list that never comes.
        wire('{"incremental":[{"items":[300],"path":["a",300]},{"items":null,"path":["b",0],"errors":[{"message":"b"}]},{"items":[0],"path":["c",0]}],"extensions":{"bad":true},"hasNext":false}'),
      ]),
    );
    expect(error.payloadIndex).toBe(301);
    const a = items.map((_, index) => index);
    expect(reassembler.current).toEqual({ data: { a, b: [] }, extensions: { at: 299 }, hasNext: true, pending: [], failed: [] });
    expect(reassembler.format).toBe('2022');
    expect(first.data).toEqual({ a: [], b: [] });
    // `b` is alive: its items still land.
    expect(reassembler.apply(wire('{"incremental":[{"items":["x"],"path":["b",0]}],"hasNext":false}')).data).toEqual({ a, b: ['x'] });
  });

  it('rejects anything after hasNext: false', () => {
    const reassembler = started('{"data":{"a":1},"hasNext":true}');
    const end = reassembler.apply(wire('{"hasNext":false}'));
    for (const payload of ['{"hasNext":false}', '{"data":{"a":2}}']) {
      const error = rejection(() => reassembler.apply(wire(payload)));
      expect(error.code).toBe('PAYLOAD_AFTER_END');
      expect(error.message).toBe(`payload ${error.payloadIndex}: expected nothing after hasNext: false`);
      expect(reassembler.current).toBe(end);
    }
  });

  it.each(['{}', '{"hasNext":false}', '{"extensions":{"a":1},"hasNext":false}'])('rejects %s as a first payload: not a GraphQL response', (payload) => {
    const reassembler = createReassembler();
    const error = rejection(() => reassembler.apply(wire(payload)));
    expect(error.code).toBe('INVALID_PAYLOAD');
    expect(error.message).toBe('payload 0: expected data or errors');
    expect(reassembler.current).toBeUndefined();
    // After a plain result, the next payload is a first payload too.
    const plain = reassembler.apply(wire('{"data":{"a":1}}'));
    expect(rejection(() => reassembler.apply(wire(payload))).code).toBe('INVALID_PAYLOAD');
    expect(reassembler.current).toBe(plain);
    expect(reassembler.format).toBe('single');
  });

  it('drops data aimed below an object an error nulled (spec rule 7) but keeps its errors', () => {
    const reassembler = started('{"data":{"hero":null},"hasNext":true}');
    const result = reassembler.apply(wire('{"incremental":[{"data":{"name":"x"},"path":["hero"],"errors":[{"message":"late"}]}],"hasNext":false}'));
    expect(result.data).toEqual({ hero: null });
    expect(result.errors).toEqual([{ message: 'late' }]);
  });

  it('holds at most 1,000 entries waiting for an object that has not come; the next one is PATH_NOT_FOUND', () => {
    const reassembler = started('{"data":{"hero":{"id":"1"}},"hasNext":true}');
    const waiting = Array.from({ length: 1000 }, (_, index) => ({ incremental: [{ data: { name: 'x' }, path: ['villain', index] }], hasNext: true }));
    const held = reassembler.applyAll(waiting);
    expect(held?.data).toEqual({ hero: { id: '1' } });
    const error = rejection(() => reassembler.apply(wire('{"incremental":[{"data":{"name":"x"},"path":["villain",1000]}],"hasNext":true}')));
    expect(error.code).toBe('PATH_NOT_FOUND');
    expect(error.path).toEqual(['villain', 1000]);
    expect(error.payloadIndex).toBe(1001);
    // The object arrives: everything that waited lands.
    const villain = Array.from({ length: 1000 }, () => ({}));
    const result = reassembler.apply({ incremental: [{ data: { villain }, path: [] }], hasNext: false });
    expect((result.data as { villain: unknown[] }).villain).toEqual(Array.from({ length: 1000 }, () => ({ name: 'x' })));
  });

  it('handles a path 10,000 segments deep without overflowing', () => {
    const reassembler = started('{"data":{"a":{}},"hasNext":true}');
    const path = JSON.stringify(['a', ...Array.from({ length: 10_000 }, () => 'b')]);
    const error = rejection(() => reassembler.apply(wire(`{"incremental":[{"data":{},"path":${path}}],"hasNext":false}`)));
    expect(error.code).toBe('PATH_NOT_FOUND');
  });

  it('accepts a huge id and reports it when unknown', () => {
    const id = 'x'.repeat(100_000);
    const reassembler = started(`{"data":{"a":{}},"pending":[{"id":"${id}","path":["a"]}],"hasNext":true}`);
    const unknown = rejection(() => reassembler.apply(wire(`{"completed":[{"id":"${id}y"}],"hasNext":true}`)));
    expect(unknown.code).toBe('UNKNOWN_ID');
    expect(unknown.message).toContain(`"${id}y"`);
    const result = reassembler.apply(wire(`{"incremental":[{"id":"${id}","data":{"b":1}}],"completed":[{"id":"${id}"}],"hasNext":false}`));
    expect(result.data).toEqual({ a: { b: 1 } });
  });
});

describe('random input', () => {
  // Arbitrary JSON with the payload keys made likely, so that the readers' checks are exercised deeply.
  const key = fc.constantFrom('data', 'items', 'path', 'subPath', 'id', 'label', 'hasNext', 'pending', 'incremental', 'completed', 'errors', 'extensions', '__proto__', 'constructor', 'message', 'a', '0');
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(null, true, false, 0, 1, -1, 2.5, '', 'a', '0', '__proto__', 'constructor'),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(key, tie('value'), { maxKeys: 5 }),
    ),
  })).value;

  it('throws nothing but IncrementalError and never corrupts current', () => {
    fc.assert(
      fc.property(fc.array(json, { minLength: 1, maxLength: 8 }), (payloads) => {
        const reassembler = createReassembler();
        for (const payload of payloads) {
          const before = reassembler.current;
          const snapshot = structuredClone(before);
          try {
            reassembler.apply(JSON.parse(JSON.stringify(payload)));
          } catch (error) {
            if (!(error instanceof IncrementalError)) throw error;
            expect(reassembler.current).toBe(before);
            expect(reassembler.current).toEqual(snapshot);
          }
          expect(prototypeKeys()).toEqual(cleanPrototypeKeys);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
