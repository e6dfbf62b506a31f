import { isIncrementalError } from '@graphql-incremental/reader';
import { describe, expect, it } from 'vitest';
import { createPayloadTranslator, type RelayPayload } from './createPayloadTranslator.js';

/**
 * Wire sequences as graphql-js 17.1 sends them (`experimentalExecuteIncrementally` for the current
 * format, `legacyExecuteIncrementally` for 2022), with the labels relay-compiler gives, and what
 * relay-runtime must get for each payload.
 */
const D = 'Q$defer$F';
const S = 'Q$stream$heroes';

interface Case {
  readonly name: string;
  readonly payloads: readonly unknown[];
  readonly expected: readonly (readonly RelayPayload[])[];
}

const CASES: readonly Case[] = [
  {
    name: 'current: a deferred fragment gets its whole object once it completes',
    payloads: [
      { data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'], label: D }], hasNext: true },
      { hasNext: false, incremental: [{ id: '0', data: { name: 'Luke' } }], completed: [{ id: '0' }] },
    ],
    expected: [[{ data: { hero: { id: '1' } }, hasNext: true }], [{ data: { id: '1', name: 'Luke' }, label: D, path: ['hero'], hasNext: false }]],
  },
  {
    name: '2022: a deferred fragment, its entry errors kept',
    payloads: [
      { data: { hero: { id: '1' } }, hasNext: true },
      { hasNext: false, incremental: [{ data: { name: null }, path: ['hero'], label: D, errors: [{ message: 'no name', path: ['hero', 'name'] }] }] },
    ],
    expected: [
      [{ data: { hero: { id: '1' } }, hasNext: true }],
      [{ data: { id: '1', name: null }, label: D, path: ['hero'], hasNext: false, errors: [{ message: 'no name', path: ['name'] }] }],
    ],
  },
  {
    name: 'current: fields sent under another fragment (subPath) are in the object of each',
    payloads: [
      { data: { a: { b: { x: 'b' } } }, pending: [{ id: '0', path: ['a'], label: 'Q$defer$D1' }, { id: '1', path: ['a'], label: 'Q$defer$D2' }], hasNext: true },
      { hasNext: true, incremental: [{ id: '0', data: { c: { d: 'd' } }, subPath: ['b'] }], completed: [{ id: '0' }] },
      { hasNext: false, incremental: [{ id: '1', data: { e: 'e' }, subPath: ['b', 'c'] }], completed: [{ id: '1' }] },
    ],
    expected: [
      [{ data: { a: { b: { x: 'b' } } }, hasNext: true }],
      [{ data: { b: { x: 'b', c: { d: 'd' } } }, label: 'Q$defer$D1', path: ['a'], hasNext: true }],
      [{ data: { b: { x: 'b', c: { d: 'd', e: 'e' } } }, label: 'Q$defer$D2', path: ['a'], hasNext: false }],
    ],
  },
  {
    name: 'current: streamed items get their index, one payload each',
    payloads: [
      { data: { heroes: [{ id: '1' }] }, pending: [{ id: '0', path: ['heroes'], label: S }], hasNext: true },
      { hasNext: true, incremental: [{ id: '0', items: [{ id: '2' }, { id: '3' }] }] },
      { hasNext: true, incremental: [{ id: '0', items: [{ id: '4' }] }] },
      { hasNext: false, completed: [{ id: '0' }] },
    ],
    expected: [
      [{ data: { heroes: [{ id: '1' }] }, hasNext: true }],
      [
        { data: { id: '2' }, label: S, path: ['heroes', 1], hasNext: true },
        { data: { id: '3' }, label: S, path: ['heroes', 2], hasNext: true },
      ],
      [{ data: { id: '4' }, label: S, path: ['heroes', 3], hasNext: true }],
      [{ data: {}, label: '', path: [], hasNext: false }],
    ],
  },
  {
    name: '2022: batched items at the index their path names',
    payloads: [
      { data: { heroes: [{ id: '1' }] }, hasNext: true },
      { hasNext: false, incremental: [{ items: [{ id: '2' }, { id: '3' }], path: ['heroes', 1], label: S }] },
    ],
    expected: [
      [{ data: { heroes: [{ id: '1' }] }, hasNext: true }],
      [
        { data: { id: '2' }, label: S, path: ['heroes', 1], hasNext: true },
        { data: { id: '3' }, label: S, path: ['heroes', 2], hasNext: false },
      ],
    ],
  },
  {
    name: 'pre-2022: flat patches, a streamed item as data at its index',
    payloads: [
      { data: { hero: { id: '1' }, heroes: [] }, hasNext: true },
      { data: { name: 'Luke' }, path: ['hero'], label: D, hasNext: true },
      { data: { id: '2' }, path: ['heroes', 0], label: S, hasNext: false },
    ],
    expected: [
      [{ data: { hero: { id: '1' }, heroes: [] }, hasNext: true }],
      [{ data: { id: '1', name: 'Luke' }, label: D, path: ['hero'], hasNext: true }],
      [{ data: { id: '2' }, label: S, path: ['heroes', 0], hasNext: false }],
    ],
  },
  {
    name: 'current: a failed fragment gets its object, the field that failed null, with the errors',
    payloads: [
      { data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'], label: D }], hasNext: true },
      { hasNext: false, completed: [{ id: '0', errors: [{ message: 'nonNullName failed', path: ['hero', 'nonNullName'] }] }] },
    ],
    expected: [
      [{ data: { hero: { id: '1' } }, hasNext: true }],
      [{ data: { id: '1', nonNullName: null }, label: D, path: ['hero'], hasNext: false, errors: [{ message: 'nonNullName failed', path: ['nonNullName'] }] }],
    ],
  },
  {
    name: '2022: a failed fragment (data: null) likewise',
    payloads: [
      { data: { hero: { id: '1' } }, hasNext: true },
      { hasNext: false, incremental: [{ data: null, path: ['hero'], label: D, errors: [{ message: 'nonNullName failed', path: ['hero', 'nonNullName'] }] }] },
    ],
    expected: [
      [{ data: { hero: { id: '1' } }, hasNext: true }],
      [{ data: { id: '1', nonNullName: null }, label: D, path: ['hero'], hasNext: false, errors: [{ message: 'nonNullName failed', path: ['nonNullName'] }] }],
    ],
  },
  {
    name: 'a null item is left out; its errors come on a payload Relay sets aside',
    payloads: [
      { data: { heroes: [] }, pending: [{ id: '0', path: ['heroes'], label: S }], hasNext: true },
      { hasNext: true, incremental: [{ id: '0', items: [null], errors: [{ message: 'null hero', path: ['heroes', 0, 'nonNullName'] }] }] },
      { hasNext: false, incremental: [{ id: '0', items: [{ id: '3' }] }], completed: [{ id: '0' }] },
    ],
    expected: [
      [{ data: { heroes: [] }, hasNext: true }],
      [{ data: {}, label: '', path: [], hasNext: true, errors: [{ message: 'null hero', path: ['heroes', 0, 'nonNullName'] }] }],
      [{ data: { id: '3' }, label: S, path: ['heroes', 1], hasNext: false }],
    ],
  },
  {
    name: '2022: a failed stream (items: null) keeps its errors',
    payloads: [
      { data: { heroes: [{ id: '1' }] }, hasNext: true },
      { hasNext: false, incremental: [{ items: null, path: ['heroes'], label: S, errors: [{ message: 'iterator broke', path: ['heroes'] }] }] },
    ],
    expected: [[{ data: { heroes: [{ id: '1' }] }, hasNext: true }], [{ data: {}, label: '', path: [], hasNext: false, errors: [{ message: 'iterator broke', path: ['heroes'] }] }]],
  },
  {
    name: 'current: a stream announced with its parent fragment: Relay gets the list in the fragment, no item twice',
    payloads: [
      { data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'], label: D }], hasNext: true },
      {
        hasNext: true,
        pending: [{ id: '1', path: ['hero', 'friends'], label: 'F$stream$friends' }],
        incremental: [
          { id: '0', data: { friends: [{ id: '2' }] } },
          { id: '1', items: [{ id: '3' }] },
        ],
        completed: [{ id: '0' }],
      },
      { hasNext: false, incremental: [{ id: '1', items: [{ id: '4' }] }], completed: [{ id: '1' }] },
    ],
    expected: [
      [{ data: { hero: { id: '1' } }, hasNext: true }],
      [{ data: { id: '1', friends: [{ id: '2' }, { id: '3' }] }, label: D, path: ['hero'], hasNext: true }],
      [{ data: { id: '4' }, label: 'F$stream$friends', path: ['hero', 'friends', 2], hasNext: false }],
    ],
  },
  {
    name: 'current: a fragment announced and completed in the initial payload (a caching proxy)',
    payloads: [{ data: { hero: { id: '1', name: 'Luke' } }, pending: [{ id: '0', path: ['hero'], label: D }], completed: [{ id: '0' }], hasNext: false }],
    expected: [
      [
        { data: { hero: { id: '1', name: 'Luke' } }, hasNext: true },
        { data: { id: '1', name: 'Luke' }, label: D, path: ['hero'], hasNext: false },
      ],
    ],
  },
  {
    name: "Strawberry: entries with an id and the pending path, label null, extensions null",
    payloads: [
      { data: { heroes: [] }, hasNext: true, pending: [{ id: '0', path: ['heroes'], label: S }], extensions: null },
      { hasNext: true, extensions: null, incremental: [{ items: [{ id: '1' }], id: '0', path: ['heroes'], label: null }] },
      { hasNext: false, extensions: null, completed: [{ id: '0' }] },
    ],
    expected: [
      [{ data: { heroes: [] }, hasNext: true }],
      [{ data: { id: '1' }, label: S, path: ['heroes', 0], hasNext: true }],
      [{ data: {}, label: '', path: [], hasNext: false }],
    ],
  },
  {
    name: 'a plain result, and the events of a subscription: each on its own, with its own errors',
    payloads: [
      { data: { tick: { n: 0, failing: null } }, errors: [{ message: 'failing tick field', path: ['tick', 'failing'] }] },
      { data: { tick: { n: 1, failing: null } }, errors: [{ message: 'failing tick field', path: ['tick', 'failing'] }] },
    ],
    expected: [
      [{ data: { tick: { n: 0, failing: null } }, hasNext: false, errors: [{ message: 'failing tick field', path: ['tick', 'failing'] }] }],
      [{ data: { tick: { n: 1, failing: null } }, hasNext: false, errors: [{ message: 'failing tick field', path: ['tick', 'failing'] }] }],
    ],
  },
  {
    name: "an error goes on the payload deepest on its path, relative to it (relay-runtime reads it from that payload's data)",
    payloads: [
      {
        data: { hero: { id: '1', friends: [{ id: '2', name: 'Han' }] } },
        pending: [
          { id: '0', path: ['hero'], label: D },
          { id: '1', path: ['hero', 'friends'], label: 'Q$stream$friends' },
        ],
        hasNext: true,
      },
      {
        hasNext: false,
        incremental: [
          { id: '1', items: [{ id: '3', name: null }], errors: [{ message: 'no name', path: ['hero', 'friends', 1, 'name'] }] },
          { id: '0', data: { slowField: 'slow Luke' }, errors: [{ message: 'no homeWorld', path: ['hero', 'homeWorld'] }] },
        ],
        completed: [{ id: '1' }, { id: '0' }],
      },
    ],
    expected: [
      [{ data: { hero: { id: '1', friends: [{ id: '2', name: 'Han' }] } }, hasNext: true }],
      [
        { data: { id: '3', name: null }, label: 'Q$stream$friends', path: ['hero', 'friends', 1], hasNext: true, errors: [{ message: 'no name', path: ['name'] }] },
        {
          data: { id: '1', friends: [{ id: '2', name: 'Han' }, { id: '3', name: null }], slowField: 'slow Luke' },
          label: D,
          path: ['hero'],
          hasNext: false,
          errors: [{ message: 'no homeWorld', path: ['homeWorld'] }],
        },
      ],
    ],
  },
  {
    name: 'extensions of a payload ride on the first of its Relay payloads',
    payloads: [
      { data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'], label: D }], hasNext: true, extensions: { cost: 1 } },
      { hasNext: false, incremental: [{ id: '0', data: { name: 'Luke' } }], completed: [{ id: '0' }], extensions: { cost: 2 } },
    ],
    expected: [
      [{ data: { hero: { id: '1' } }, hasNext: true, extensions: { cost: 1 } }],
      [{ data: { id: '1', name: 'Luke' }, label: D, path: ['hero'], hasNext: false, extensions: { cost: 2 } }],
    ],
  },
];

describe('createPayloadTranslator', () => {
  it.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, { payloads, expected }) => {
    const translate = createPayloadTranslator();
    expect(payloads.map((payload) => translate(payload))).toEqual(expected);
  });

  it('never reads a path through Object.prototype', () => {
    const translate = createPayloadTranslator();
    translate(JSON.parse('{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["__proto__"],"label":"Q$defer$F"}],"hasNext":true}'));
    const [payload] = translate({ hasNext: false, completed: [{ id: '0' }] });
    expect(payload).toEqual({ data: {}, label: 'Q$defer$F', path: ['__proto__'], hasNext: false });
    expect(Object.getPrototypeOf(payload!.data)).toBe(Object.prototype);
  });

  it('throws IncrementalError for a payload that does not fit, with its index', () => {
    const translate = createPayloadTranslator();
    translate({ data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'], label: 'Q$defer$F' }], hasNext: true });
    const error = (() => {
      try {
        translate({ hasNext: false, completed: [{ id: '7' }] });
      } catch (caught) {
        return caught;
      }
    })();
    expect(isIncrementalError(error) && { code: error.code, payloadIndex: error.payloadIndex }).toEqual({ code: 'UNKNOWN_ID', payloadIndex: 1 });
  });

  it('hands out results that share nothing it would change later', () => {
    const translate = createPayloadTranslator();
    const [initial] = translate({ data: { heroes: [{ id: '1' }] }, pending: [{ id: '0', path: ['heroes'], label: S }], hasNext: true });
    const snapshot = structuredClone(initial);
    translate({ hasNext: false, incremental: [{ id: '0', items: [{ id: '2' }] }], completed: [{ id: '0' }] });
    expect(initial).toEqual(snapshot);
  });
});
