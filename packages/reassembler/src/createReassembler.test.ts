import { describe, expect, it } from 'vitest';
import { createReassembler } from './createReassembler.js';
import { IncrementalError } from './index.js';
import type { IncrementalResult } from './types.js';

/**
 * Whole sequences as graphql-js sent them (recorded from graphql@17.1.0 `experimentalExecuteIncrementally`
 * and `legacyExecuteIncrementally`), plus other producers' variants (Strawberry, Hot Chocolate, Apollo
 * Router, Tanka, pre-2022 patches). Each row: the payloads, the final data, and what else the
 * final result must show.
 */
interface Sequence {
  readonly name: string;
  readonly payloads: readonly string[];
  readonly data: unknown;
  readonly format: string;
  readonly errorPaths?: readonly (readonly (string | number)[])[];
  readonly failed?: readonly { path: readonly (string | number)[]; kind: string; label?: string }[];
}

const current: readonly Sequence[] = [
  {
    name: 'simple defer',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"],"label":"HeroName"}],"hasNext":true}',
      '{"hasNext":false,"incremental":[{"id":"0","data":{"name":"Luke"}}],"completed":[{"id":"0"}]}',
    ],
    data: { hero: { id: '1', name: 'Luke' } },
    format: 'current',
  },
  {
    name: 'root-level defer (path [])',
    payloads: [
      '{"data":{"colors":["red","green","blue"]},"pending":[{"id":"0","path":[],"label":"R"}],"hasNext":true}',
      '{"hasNext":false,"incremental":[{"id":"0","data":{"hero":{"id":"1"}}}],"completed":[{"id":"0"}]}',
    ],
    data: { colors: ['red', 'green', 'blue'], hero: { id: '1' } },
    format: 'current',
  },
  {
    name: 'stream with initialCount 0',
    payloads: [
      '{"data":{"colors":[]},"pending":[{"id":"0","path":["colors"]}],"hasNext":true}',
      '{"hasNext":false,"incremental":[{"id":"0","items":["red","green","blue"]}],"completed":[{"id":"0"}]}',
    ],
    data: { colors: ['red', 'green', 'blue'] },
    format: 'current',
  },
  {
    name: 'async stream ending with a separate completed',
    payloads: [
      '{"data":{"asyncColors":["red"]},"pending":[{"id":"0","path":["asyncColors"]}],"hasNext":true}',
      '{"hasNext":true,"incremental":[{"id":"0","items":["green"]}]}',
      '{"hasNext":true,"incremental":[{"id":"0","items":["blue"]}]}',
      '{"hasNext":false,"completed":[{"id":"0"}]}',
    ],
    data: { asyncColors: ['red', 'green', 'blue'] },
    format: 'current',
  },
  {
    name: 'nested defer announced with the parent completion',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"],"label":"Outer"}],"hasNext":true}',
      '{"hasNext":true,"pending":[{"id":"1","path":["hero"],"label":"Inner"}],"incremental":[{"id":"0","data":{"name":"Luke"}}],"completed":[{"id":"0"}]}',
      '{"hasNext":false,"incremental":[{"id":"1","data":{"slowField":"slow Luke"}}],"completed":[{"id":"1"}]}',
    ],
    data: { hero: { id: '1', name: 'Luke', slowField: 'slow Luke' } },
    format: 'current',
  },
  {
    name: 'defer under a list: one pending per item',
    payloads: [
      '{"data":{"heroes":[{"id":"1"},{"id":"2"},{"id":"3"}]},"pending":[{"id":"0","path":["heroes",0],"label":"HN"},{"id":"1","path":["heroes",1],"label":"HN"},{"id":"2","path":["heroes",2],"label":"HN"}],"hasNext":true}',
      '{"hasNext":true,"incremental":[{"id":"0","data":{"name":"Luke"}}],"completed":[{"id":"0"}]}',
      '{"hasNext":true,"incremental":[{"id":"1","data":{"name":"Han"}}],"completed":[{"id":"1"}]}',
      '{"hasNext":false,"incremental":[{"id":"2","data":{"name":"Leia"}}],"completed":[{"id":"2"}]}',
    ],
    data: { heroes: [{ id: '1', name: 'Luke' }, { id: '2', name: 'Han' }, { id: '3', name: 'Leia' }] },
    format: 'current',
  },
  {
    name: 'stream inside defer (17.1: two payloads)',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"],"label":"D"}],"hasNext":true}',
      '{"hasNext":true,"pending":[{"id":"1","path":["hero","friends"],"label":"S"}],"incremental":[{"id":"0","data":{"friends":[{"id":"1-f1"}]}}],"completed":[{"id":"0"}]}',
      '{"hasNext":false,"incremental":[{"id":"1","items":[{"id":"1-f2"}]}],"completed":[{"id":"1"}]}',
    ],
    data: { hero: { id: '1', friends: [{ id: '1-f1' }, { id: '1-f2' }] } },
    format: 'current',
  },
  {
    name: 'stream inside defer (alpha.9: one payload)',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"],"label":"D"}],"hasNext":true}',
      '{"hasNext":false,"pending":[{"id":"1","path":["hero","friends"],"label":"S"}],"incremental":[{"data":{"friends":[{"id":"1-f1"}]},"id":"0"},{"items":[{"id":"1-f2"}],"id":"1"}],"completed":[{"id":"0"},{"id":"1"}]}',
    ],
    data: { hero: { id: '1', friends: [{ id: '1-f1' }, { id: '1-f2' }] } },
    format: 'current',
  },
  {
    name: 'defer inside streamed items',
    payloads: [
      '{"data":{"heroes":[{"id":"1"}]},"pending":[{"id":"0","path":["heroes",0],"label":"D"},{"id":"1","path":["heroes"],"label":"S"}],"hasNext":true}',
      '{"hasNext":true,"pending":[{"id":"2","path":["heroes",1],"label":"D"},{"id":"3","path":["heroes",2],"label":"D"}],"incremental":[{"id":"1","items":[{"id":"2"},{"id":"3"}]}],"completed":[{"id":"1"}]}',
      '{"hasNext":true,"incremental":[{"id":"0","data":{"name":"Luke"}}],"completed":[{"id":"0"}]}',
      '{"hasNext":true,"incremental":[{"id":"2","data":{"name":"Han"}}],"completed":[{"id":"2"}]}',
      '{"hasNext":false,"incremental":[{"id":"3","data":{"name":"Leia"}}],"completed":[{"id":"3"}]}',
    ],
    data: { heroes: [{ id: '1', name: 'Luke' }, { id: '2', name: 'Han' }, { id: '3', name: 'Leia' }] },
    format: 'current',
  },
  {
    name: 'nullable field error inside defer',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"],"label":"D"}],"hasNext":true}',
      '{"hasNext":false,"incremental":[{"id":"0","data":{"name":"Luke","bio2":null},"errors":[{"message":"slowField failed","locations":[{"line":1,"column":43}],"path":["hero","bio2"]}]}],"completed":[{"id":"0"}]}',
    ],
    data: { hero: { id: '1', name: 'Luke', bio2: null } },
    format: 'current',
    errorPaths: [['hero', 'bio2']],
  },
  {
    name: 'non-null error fails the fragment: data stays, boundary failed',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"],"label":"D"}],"hasNext":true}',
      '{"hasNext":false,"completed":[{"id":"0","errors":[{"message":"nonNullName failed","locations":[{"line":1,"column":38}],"path":["hero","nonNullName"]}]}]}',
    ],
    data: { hero: { id: '1' } },
    format: 'current',
    errorPaths: [['hero', 'nonNullName']],
    failed: [{ path: ['hero'], kind: 'defer', label: 'D' }],
  },
  {
    name: 'nullable stream item rejects',
    payloads: [
      '{"data":{"colors":["red"]},"pending":[{"id":"0","path":["colors"]}],"hasNext":true}',
      '{"hasNext":false,"incremental":[{"id":"0","items":[null,"blue"],"errors":[{"message":"bad item","locations":[{"line":1,"column":3}],"path":["colors",1]}]}],"completed":[{"id":"0"}]}',
    ],
    data: { colors: ['red', null, 'blue'] },
    format: 'current',
    errorPaths: [['colors', 1]],
  },
  {
    name: 'non-null stream item fails the stream',
    payloads: [
      '{"data":{"asyncNonNullColors":["red"]},"pending":[{"id":"0","path":["asyncNonNullColors"]}],"hasNext":true}',
      '{"hasNext":false,"completed":[{"id":"0","errors":[{"message":"Cannot return null for non-nullable field Query.asyncNonNullColors.","locations":[{"line":1,"column":3}],"path":["asyncNonNullColors",1]}]}]}',
    ],
    data: { asyncNonNullColors: ['red'] },
    format: 'current',
    errorPaths: [['asyncNonNullColors', 1]],
    failed: [{ path: ['asyncNonNullColors'], kind: 'stream' }],
  },
  {
    name: 'overlapping defers delivered with subPath',
    payloads: [
      '{"data":{"a":{"b":{"someField":"b"}}},"pending":[{"id":"0","path":["a"],"label":"D1"},{"id":"1","path":["a"],"label":"D2"}],"hasNext":true}',
      '{"hasNext":true,"incremental":[{"id":"0","data":{"c":{"d":"d"}},"subPath":["b"]}],"completed":[{"id":"0"}]}',
      '{"hasNext":false,"incremental":[{"id":"1","data":{"e":"e"},"subPath":["b","c"]}],"completed":[{"id":"1"}]}',
    ],
    data: { a: { b: { someField: 'b', c: { d: 'd', e: 'e' } } } },
    format: 'current',
  },
  {
    name: 'shared execution group released under the deeper id',
    payloads: [
      '{"data":{"a":{}},"pending":[{"id":"0","path":["a"],"label":"D1"},{"id":"1","path":[],"label":"D0"}],"hasNext":true}',
      '{"hasNext":true,"incremental":[{"id":"0","data":{"b":{"c":{}}}},{"id":"0","data":{"d":"d"},"subPath":["b","c"]}],"completed":[{"id":"0"}]}',
      '{"hasNext":false,"incremental":[{"id":"1","data":{"e":"e"},"subPath":["a","b","c"]}],"completed":[{"id":"1"}]}',
    ],
    data: { a: { b: { c: { d: 'd', e: 'e' } } } },
    format: 'current',
  },
  {
    name: 'dedup: a fragment completes with no data of its own',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"],"label":"A"},{"id":"1","path":["hero"],"label":"B"}],"hasNext":true}',
      '{"hasNext":true,"incremental":[{"id":"0","data":{"name":"Luke"}}],"completed":[{"id":"0"}]}',
      '{"hasNext":false,"incremental":[{"id":"1","data":{"slowField":"slow Luke"}}],"completed":[{"id":"1"}]}',
    ],
    data: { hero: { id: '1', name: 'Luke', slowField: 'slow Luke' } },
    format: 'current',
  },
  {
    name: 'nulled stream item: its nested defer is never announced',
    payloads: [
      '{"data":{"heroes":[]},"pending":[{"id":"0","path":["heroes"]}],"hasNext":true}',
      '{"hasNext":true,"pending":[{"id":"1","path":["heroes",0],"label":"D"}],"incremental":[{"id":"0","items":[{"nonNullName":"Luke"},null],"errors":[{"message":"Cannot return null for non-nullable field Hero.nonNullName.","path":["heroes",1,"nonNullName"]}]}]}',
      '{"hasNext":true,"pending":[{"id":"2","path":["heroes",2],"label":"D"}],"incremental":[{"id":"0","items":[{"nonNullName":"Leia"}]}],"completed":[{"id":"0"}]}',
      '{"hasNext":true,"incremental":[{"id":"1","data":{"slowField":"slow Luke"}}],"completed":[{"id":"1"}]}',
      '{"hasNext":false,"incremental":[{"id":"2","data":{"slowField":"slow Leia"}}],"completed":[{"id":"2"}]}',
    ],
    data: { heroes: [{ nonNullName: 'Luke', slowField: 'slow Luke' }, null, { nonNullName: 'Leia', slowField: 'slow Leia' }] },
    format: 'current',
    errorPaths: [['heroes', 1, 'nonNullName']],
  },
  {
    name: 'spec draft: a bare {"hasNext": false} ends announced boundaries',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"]}],"hasNext":true}',
      '{"hasNext":true,"incremental":[{"id":"0","data":{"name":"Luke"}}]}',
      '{"hasNext":false}',
    ],
    data: { hero: { id: '1', name: 'Luke' } },
    format: 'current',
  },
  {
    name: 'spec draft: one payload carrying everything',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"]}],"incremental":[{"id":"0","data":{"name":"Luke"}}],"completed":[{"id":"0"}],"hasNext":false}',
    ],
    data: { hero: { id: '1', name: 'Luke' } },
    format: 'current',
  },
  {
    name: 'Strawberry hybrid: path and label: null on entries, extensions: null everywhere',
    payloads: [
      '{"data":{"streamableField":[]},"hasNext":true,"pending":[{"id":"0","path":["streamableField"]}],"extensions":null}',
      '{"hasNext":true,"extensions":null,"incremental":[{"items":["Hello 0"],"id":"0","path":["streamableField"],"label":null}]}',
      '{"hasNext":true,"extensions":null,"incremental":[{"items":["Hello 1"],"id":"0","path":["streamableField"],"label":null,"extensions":null}]}',
      '{"hasNext":false,"extensions":null,"completed":[{"id":"0"}]}',
    ],
    data: { streamableField: ['Hello 0', 'Hello 1'] },
    format: 'current',
  },
  {
    name: 'numeric ids (Apollo v0.2 document example)',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"pending":[{"id":0,"path":["hero"]}],"hasNext":true}',
      '{"hasNext":false,"incremental":[{"id":0,"data":{"name":"Luke"}}],"completed":[{"id":"0"}]}',
    ],
    data: { hero: { id: '1', name: 'Luke' } },
    format: 'current',
  },
];

const format2022: readonly Sequence[] = [
  {
    name: 'simple defer',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"hasNext":true}',
      '{"hasNext":false,"incremental":[{"data":{"name":"Luke"},"path":["hero"],"label":"HeroName"}]}',
    ],
    data: { hero: { id: '1', name: 'Luke' } },
    format: '2022',
  },
  {
    name: 'sync stream, items batched',
    payloads: [
      '{"data":{"colors":["red"]},"hasNext":true}',
      '{"hasNext":false,"incremental":[{"items":["green","blue"],"path":["colors",1],"label":"C"}]}',
    ],
    data: { colors: ['red', 'green', 'blue'] },
    format: '2022',
  },
  {
    name: 'async stream, one item per payload, bare final payload',
    payloads: [
      '{"data":{"asyncColors":["red"]},"hasNext":true}',
      '{"hasNext":true,"incremental":[{"items":["green"],"path":["asyncColors",1]}]}',
      '{"hasNext":true,"incremental":[{"items":["blue"],"path":["asyncColors",2]}]}',
      '{"hasNext":false}',
    ],
    data: { asyncColors: ['red', 'green', 'blue'] },
    format: '2022',
  },
  {
    name: 'non-null error: data: null fails the fragment, never nulls the parent',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"hasNext":true}',
      '{"hasNext":false,"incremental":[{"data":null,"path":["hero"],"errors":[{"message":"nonNullName failed","locations":[{"line":1,"column":38}],"path":["hero","nonNullName"]}],"label":"D"}]}',
    ],
    data: { hero: { id: '1' } },
    format: '2022',
    errorPaths: [['hero', 'nonNullName']],
    failed: [{ path: ['hero'], kind: 'defer', label: 'D' }],
  },
  {
    name: 'nullable item error',
    payloads: [
      '{"data":{"colors":["red"]},"hasNext":true}',
      '{"hasNext":false,"incremental":[{"items":[null,"blue"],"path":["colors",1],"errors":[{"message":"bad item","locations":[{"line":1,"column":3}],"path":["colors",1]}]}]}',
    ],
    data: { colors: ['red', null, 'blue'] },
    format: '2022',
    errorPaths: [['colors', 1]],
  },
  {
    name: 'stream failure, 17.1 legacy path without index',
    payloads: [
      '{"data":{"asyncNonNullColors":["red"]},"hasNext":true}',
      '{"hasNext":false,"incremental":[{"items":null,"path":["asyncNonNullColors"],"errors":[{"message":"Cannot return null for non-nullable field Query.asyncNonNullColors.","path":["asyncNonNullColors",1]}]}]}',
    ],
    data: { asyncNonNullColors: ['red'] },
    format: '2022',
    errorPaths: [['asyncNonNullColors', 1]],
    failed: [{ path: ['asyncNonNullColors'], kind: 'stream' }],
  },
  {
    name: 'stream failure, alpha.2 path with index, later items of the dead stream dropped',
    payloads: [
      '{"data":{"colors":["red"]},"hasNext":true}',
      '{"hasNext":true,"incremental":[{"items":null,"path":["colors",1],"errors":[{"message":"Cannot return null for non-nullable field Query.colors.","path":["colors",1]}]}]}',
      '{"hasNext":false,"incremental":[{"items":["blue"],"path":["colors",2]}]}',
    ],
    data: { colors: ['red'] },
    format: '2022',
    errorPaths: [['colors', 1]],
    failed: [{ path: ['colors'], kind: 'stream' }],
  },
  {
    name: 'branching: the second fragment re-sends a field',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"hasNext":true}',
      '{"hasNext":true,"incremental":[{"data":{"name":"Luke"},"path":["hero"],"label":"A"}]}',
      '{"hasNext":false,"incremental":[{"data":{"name":"Luke","slowField":"slow Luke"},"path":["hero"],"label":"B"}]}',
    ],
    data: { hero: { id: '1', name: 'Luke', slowField: 'slow Luke' } },
    format: '2022',
  },
  {
    name: 'Hot Chocolate: parent and child in one payload, parent first',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"hasNext":true}',
      '{"hasNext":false,"incremental":[{"data":{"friend":{"id":"2"}},"path":["hero"]},{"data":{"name":"Han"},"path":["hero","friend"]}]}',
    ],
    data: { hero: { id: '1', friend: { id: '2', name: 'Han' } } },
    format: '2022',
  },
  {
    name: 'Apollo Router: entry extensions, bare final payload',
    payloads: [
      '{"data":{"me":{"id":"1"}},"hasNext":true}',
      '{"hasNext":true,"incremental":[{"data":{"name":"Ada"},"path":["me"],"extensions":{"valueCompletion":[{"message":"Null value found","path":["me","x"]}]}}]}',
      '{"hasNext":false}',
    ],
    data: { me: { id: '1', name: 'Ada' } },
    format: '2022',
  },
  {
    name: 'server sent more initial items than initialCount',
    payloads: [
      '{"data":{"colors":["red","green"]},"hasNext":true}',
      '{"hasNext":false,"incremental":[{"items":["green","blue"],"path":["colors",1]}]}',
    ],
    data: { colors: ['red', 'green', 'blue'] },
    format: '2022',
  },
  {
    name: 'Hot Chocolate incrementalSpec=v0.1: stream items at the path of the list itself',
    payloads: [
      '{"data":{"hero":{"friends":[{"id":"1"}]}},"hasNext":true}',
      '{"hasNext":true,"incremental":[{"items":[{"id":"2"}],"path":["hero","friends"]}]}',
      '{"hasNext":false,"incremental":[{"items":[{"id":"3"},{"id":"4"}],"path":["hero","friends"]}]}',
    ],
    data: { hero: { friends: [{ id: '1' }, { id: '2' }, { id: '3' }, { id: '4' }] } },
    format: '2022',
  },
  {
    name: 'Tanka: a failure with path and errors only',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"hasNext":true}',
      '{"hasNext":false,"incremental":[{"path":["hero"],"label":"D","errors":[{"message":"boom","path":["hero","name"]}]}]}',
    ],
    data: { hero: { id: '1' } },
    format: '2022',
    errorPaths: [['hero', 'name']],
    failed: [{ path: ['hero'], kind: 'defer', label: 'D' }],
  },
  {
    // Tanka catches an item's error, sends `path` and `errors` alone for it, and goes on streaming.
    name: 'Tanka: a failed stream item (path and errors only) is null, and the stream goes on',
    payloads: [
      '{"data":{"colors":["red"]},"hasNext":true}',
      '{"incremental":[{"items":["green"],"path":["colors",1],"label":"S"}],"hasNext":true}',
      '{"incremental":[{"path":["colors",2],"label":"S","errors":[{"message":"boom","path":["colors",2]}]}],"hasNext":true}',
      '{"incremental":[{"items":["blue"],"path":["colors",3],"label":"S"}],"hasNext":false}',
    ],
    data: { colors: ['red', 'green', null, 'blue'] },
    format: '2022',
    errorPaths: [['colors', 2]],
    failed: [],
  },
  {
    // Tanka drops an empty `data` map when it writes a result, and writes its first result twice.
    name: 'Tanka: every root field deferred, the first payload without data, sent twice',
    payloads: [
      '{"hasNext":true}',
      '{"hasNext":true}',
      '{"incremental":[{"path":[],"label":"D","data":{"hero":{"id":"1"}}}],"hasNext":false}',
    ],
    data: { hero: { id: '1' } },
    format: '2022',
  },
  {
    name: 'a fragment nested in a deferred list, before its parent, in the same payload',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"hasNext":true}',
      '{"incremental":[{"data":{"name":"Han"},"path":["hero","friends",0]},{"data":{"friends":[{"id":"2"}]},"path":["hero"]}],"hasNext":false}',
    ],
    data: { hero: { id: '1', friends: [{ id: '2', name: 'Han' }] } },
    format: '2022',
  },
];

const pre2022: readonly Sequence[] = [
  {
    name: 'RFC example: root patch',
    payloads: ['{"data":{"a":1},"hasNext":true}', '{"data":{"test":"Hello World"},"path":[],"hasNext":false}'],
    data: { a: 1, test: 'Hello World' },
    format: 'pre-2022',
  },
  {
    name: 'defer and stream items as data at an index',
    payloads: [
      '{"data":{"hero":{"id":"1","friends":[{"id":"2"}]}},"hasNext":true}',
      '{"data":{"name":"Luke"},"path":["hero"],"label":"D","hasNext":true}',
      '{"data":{"id":"3"},"path":["hero","friends",1],"label":"S","hasNext":true}',
      '{"data":{"name":"Han"},"path":["hero","friends",0],"hasNext":true}',
      '{"items":[{"id":"4"}],"path":["hero","friends",2],"hasNext":false}',
    ],
    data: { hero: { id: '1', name: 'Luke', friends: [{ id: '2', name: 'Han' }, { id: '3' }, { id: '4' }] } },
    format: 'pre-2022',
  },
  {
    name: 'a nullable streamed item arrives as data: null, with its error at top level',
    payloads: [
      '{"data":{"colors":["red"]},"hasNext":true}',
      '{"data":null,"path":["colors",1],"errors":[{"message":"bad item","path":["colors",1]}],"hasNext":false}',
    ],
    data: { colors: ['red', null] },
    format: 'pre-2022',
    errorPaths: [['colors', 1]],
  },  {
    // express-graphql (graphql 15.4 experimental): the fragments deferred in each friend arrive before
    // the deferred fragment that brings the friends; they wait for it.
    name: 'fragments nested in a deferred list arrive before their parent',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"hasNext":true}',
      '{"data":{"name":"Han"},"path":["hero","friends",0],"label":"Inner","hasNext":true}',
      '{"data":{"name":"Leia"},"path":["hero","friends",1],"label":"Inner","hasNext":true}',
      '{"data":{"slowField":"slow Luke","friends":[{"id":"2"},{"id":"3"}]},"path":["hero"],"label":"Outer","hasNext":false}',
    ],
    data: { hero: { id: '1', slowField: 'slow Luke', friends: [{ id: '2', name: 'Han' }, { id: '3', name: 'Leia' }] } },
    format: 'pre-2022',
  },
  {
    name: 'a streamed item and a nested fragment wait for each other, then for their list',
    payloads: [
      '{"data":{"hero":{"id":"1"}},"hasNext":true}',
      '{"data":{"name":"Leia"},"path":["hero","friends",1],"hasNext":true}',
      '{"data":{"id":"3"},"path":["hero","friends",1],"label":"S","hasNext":true}',
      '{"data":{"friends":[{"id":"2"}]},"path":["hero"],"hasNext":false}',
    ],
    data: { hero: { id: '1', friends: [{ id: '2' }, { id: '3', name: 'Leia' }] } },
    format: 'pre-2022',
  },
];

function run(payloads: readonly string[]) {
  const reassembler = createReassembler();
  const results: IncrementalResult[] = [];
  for (const text of payloads) results.push(reassembler.apply(JSON.parse(text)));
  return { reassembler, results, last: results[results.length - 1]! };
}

describe.each([
  ['current format', current],
  ['2022 format', format2022],
  ['pre-2022 patches', pre2022],
])('%s', (_name, sequences) => {
  it.each(sequences)('$name', (sequence) => {
    const { reassembler, results, last } = run(sequence.payloads);
    expect(last.data).toEqual(sequence.data);
    expect(last.hasNext).toBe(false);
    expect(last.pending).toEqual([]);
    expect(reassembler.format).toBe(sequence.format);
    expect((last.errors ?? []).map((error) => error.path)).toEqual(sequence.errorPaths ?? []);
    expect(last.failed.map(({ path, kind, label }) => ({ path, kind, ...(label === undefined ? {} : { label }) }))).toEqual(
      sequence.failed ?? [],
    );
    for (const result of results.slice(0, -1)) expect(result.hasNext).toBe(true);
  });
});

describe('a plain single result', () => {
  it('is final without hasNext', () => {
    const reassembler = createReassembler();
    const result = reassembler.apply({ data: { hero: null }, errors: [{ message: 'nonNullName failed', path: ['hero', 'nonNullName'] }] });
    expect(result).toEqual({
      data: { hero: null },
      errors: [{ message: 'nonNullName failed', path: ['hero', 'nonNullName'] }],
      hasNext: false,
      pending: [],
      failed: [],
    });
    expect(reassembler.format).toBe('single');
  });

  it('keeps data absent for a request error', () => {
    const result = createReassembler().apply({ errors: [{ message: 'Syntax Error' }] });
    expect('data' in result).toBe(false);
    expect(result.errors).toEqual([{ message: 'Syntax Error' }]);
  });
});

describe('pending boundaries', () => {
  it('lists announced boundaries with kind and label until they complete', () => {
    const reassembler = createReassembler();
    const first = reassembler.apply({
      data: { hero: { id: '1', friends: [] } },
      pending: [
        { id: '0', path: ['hero'], label: 'D' },
        { id: '1', path: ['hero', 'friends'] },
      ],
      hasNext: true,
    });
    expect(first.pending).toEqual([
      { id: '0', path: ['hero'], label: 'D', kind: 'defer' },
      { id: '1', path: ['hero', 'friends'], kind: 'stream' },
    ]);
    const second = reassembler.apply({ incremental: [{ id: '0', data: { name: 'Luke' } }], completed: [{ id: '0' }], hasNext: true });
    expect(second.pending).toEqual([{ id: '1', path: ['hero', 'friends'], kind: 'stream' }]);
    const third = reassembler.apply({ incremental: [{ id: '1', items: [{ id: '2' }] }], hasNext: true });
    expect(third.pending).toBe(second.pending);
  });

  it('learns that a boundary announced before its list exists is a stream', () => {
    const reassembler = createReassembler();
    reassembler.apply({ data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true });
    const result = reassembler.apply({
      pending: [{ id: '1', path: ['hero', 'friends'] }],
      incremental: [{ id: '0', data: { friends: [] } }],
      completed: [{ id: '0' }],
      hasNext: true,
    });
    expect(result.pending).toEqual([{ id: '1', path: ['hero', 'friends'], kind: 'stream' }]);
  });
});

describe('errors and extensions', () => {
  it('accumulates errors in arrival order without touching earlier arrays', () => {
    const reassembler = createReassembler();
    const first = reassembler.apply({ data: { a: null, b: {} }, errors: [{ message: 'one' }], pending: [{ id: '0', path: ['b'] }], hasNext: true });
    const second = reassembler.apply({
      incremental: [{ id: '0', data: { c: null }, errors: [{ message: 'two' }] }],
      errors: [{ message: 'three' }],
      hasNext: true,
    });
    const third = reassembler.apply({ completed: [{ id: '0', errors: [{ message: 'four' }] }], hasNext: false });
    expect(first.errors?.map((e) => e.message)).toEqual(['one']);
    // Within a payload: top-level errors first, then entries in order, then completions.
    expect(second.errors?.map((e) => e.message)).toEqual(['one', 'three', 'two']);
    expect(third.errors?.map((e) => e.message)).toEqual(['one', 'three', 'two', 'four']);
  });

  it('merges top-level and entry extensions key by key, later wins', () => {
    const reassembler = createReassembler();
    const first = reassembler.apply({ data: { a: {} }, extensions: { trace: 1, cost: 5 }, pending: [{ id: '0', path: ['a'] }], hasNext: true });
    const second = reassembler.apply({
      incremental: [{ id: '0', data: { b: 1 }, extensions: { entry: true } }],
      extensions: { trace: 2 },
      completed: [{ id: '0' }],
      hasNext: false,
    });
    expect(first.extensions).toEqual({ trace: 1, cost: 5 });
    expect(second.extensions).toEqual({ trace: 2, cost: 5, entry: true });
  });
});

describe('applyAll', () => {
  it('publishes one result for a batch, equal to applying one by one', () => {
    const payloads = [
      { data: { list: [] }, pending: [{ id: '0', path: ['list'] }], hasNext: true },
      ...Array.from({ length: 50 }, (_, index) => ({ incremental: [{ id: '0', items: [{ index }] }], hasNext: true })),
      { completed: [{ id: '0' }], hasNext: false },
    ];
    const batched = createReassembler();
    batched.apply(payloads[0]);
    const middle = batched.applyAll(payloads.slice(1, 30));
    const last = batched.applyAll(payloads.slice(30));
    const single = createReassembler();
    for (const payload of payloads) single.apply(payload);
    expect(last).toEqual(single.current);
    expect(middle?.data).toEqual({ list: Array.from({ length: 29 }, (_, index) => ({ index })) });
    expect(middle?.data).not.toBe(last?.data);
  });

  it('returns current for an empty batch', () => {
    const reassembler = createReassembler();
    expect(reassembler.applyAll([])).toBeUndefined();
    const first = reassembler.apply({ data: {}, hasNext: true });
    expect(reassembler.applyAll([])).toBe(first);
  });
});

describe('push and current', () => {
  const stream = (items: readonly unknown[]) => ({ incremental: [{ id: '0', items }], hasNext: true });
  const initial = { data: { list: [] }, pending: [{ id: '0', path: ['list'] }], hasNext: true };

  it('publishes lazily: the same result until something is pushed, then one result for everything pushed', () => {
    const reassembler = createReassembler();
    reassembler.push(initial);
    const first = reassembler.current;
    expect(first?.data).toEqual({ list: [] });
    expect(reassembler.current).toBe(first);
    reassembler.push(stream([1]));
    reassembler.push(stream([2]));
    const second = reassembler.current;
    expect(second).not.toBe(first);
    expect(second?.data).toEqual({ list: [1, 2] });
    expect(first?.data).toEqual({ list: [] });
    expect(reassembler.current).toBe(second);
    expect(reassembler.applyAll([])).toBe(second);
    // apply and applyAll publish what was pushed before them too.
    reassembler.push(stream([3]));
    expect(reassembler.apply(stream([4])).data).toEqual({ list: [1, 2, 3, 4] });
  });

  it('a rejected push keeps the payloads pushed before it and leaves no trace of its own', () => {
    const reassembler = createReassembler();
    const first = reassembler.apply(initial);
    reassembler.push({ ...stream([1]), errors: [{ message: 'one' }] });
    reassembler.push(stream([2]));
    expect(() =>
      reassembler.push({ incremental: [{ id: '0', items: [3] }, { id: '9', data: {} }], errors: [{ message: 'bad' }], hasNext: true }),
    ).toThrow(IncrementalError);
    // Nothing was published by the failure.
    expect(first.data).toEqual({ list: [] });
    const next = reassembler.apply(stream([3]));
    expect(next.data).toEqual({ list: [1, 2, 3] });
    expect(next.errors).toEqual([{ message: 'one' }]);
  });

  it('stays correct past the replay bound: hundreds of pushes without a read, then a rejected one', () => {
    const reassembler = createReassembler();
    const published = reassembler.apply(initial);
    Object.freeze((published.data as { list: unknown[] }).list);
    const count = 1_000;
    for (let item = 0; item < count; item += 1) reassembler.push({ ...stream([item]), ...(item % 100 === 0 ? { errors: [{ message: `e${item}` }] } : {}) });
    expect(() => reassembler.push({ incremental: [{ id: '0', items: ['x'] }, { id: '0', subPath: ['nope'], data: {} }], hasNext: true })).toThrow(IncrementalError);
    const result = reassembler.current!;
    expect(result.data).toEqual({ list: Array.from({ length: count }, (_, item) => item) });
    expect(result.errors?.map((error) => error.message)).toEqual(Array.from({ length: count / 100 }, (_, index) => `e${index * 100}`));
    expect(result.pending).toEqual([{ id: '0', path: ['list'], kind: 'stream' }]);
    expect(published.data).toEqual({ list: [] });
    expect(reassembler.apply({ completed: [{ id: '0' }], hasNext: false }).pending).toEqual([]);
  });
});

describe('a sequence of plain results (subscription events, snapshot streams)', () => {
  it('starts a new result with each plain result after a plain result', () => {
    const reassembler = createReassembler();
    const first = reassembler.apply({ data: { tick: 1 } });
    const second = reassembler.apply({ data: { tick: 2 }, extensions: { at: 2 } });
    const third = reassembler.apply({ data: null, errors: [{ message: 'boom' }] });
    expect(first).toEqual({ data: { tick: 1 }, hasNext: false, pending: [], failed: [] });
    expect(second).toEqual({ data: { tick: 2 }, extensions: { at: 2 }, hasNext: false, pending: [], failed: [] });
    expect(third).toEqual({ data: null, errors: [{ message: 'boom' }], hasNext: false, pending: [], failed: [] });
    expect(reassembler.format).toBe('single');
  });

  it('takes Hive Gateway snapshots (each the whole result so far, without hasNext) as whole results', () => {
    const snapshots = [{ data: { hero: { id: '1' } } }, { data: { hero: { id: '1', name: 'Luke' } } }, { data: { hero: { id: '1', name: 'Luke', friends: [] } } }];
    const reassembler = createReassembler();
    for (const snapshot of snapshots) reassembler.push(snapshot);
    expect(reassembler.current?.data).toEqual(snapshots[2]!.data);
    expect(reassembler.applyAll(snapshots)?.data).toEqual(snapshots[2]!.data);
  });

  it('lets an incremental response follow a plain result', () => {
    const reassembler = createReassembler();
    reassembler.apply({ data: { a: 1 } });
    reassembler.apply({ data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true });
    const result = reassembler.apply({ incremental: [{ id: '0', data: { name: 'Luke' } }], completed: [{ id: '0' }], hasNext: false });
    expect(result.data).toEqual({ hero: { id: '1', name: 'Luke' } });
    expect(reassembler.format).toBe('current');
  });
});

describe('pending and errors stay linear', () => {
  it('keeps each boundary\'s published object while it stays pending, and rebuilds pending once per result', () => {
    const count = 1_000;
    const reassembler = createReassembler();
    const pending = Array.from({ length: count }, (_, index) => ({ id: String(index), path: ['items', index] }));
    const first = reassembler.apply({ data: { items: Array.from({ length: count }, () => ({})) }, pending, hasNext: true });
    expect(first.pending).toHaveLength(count);
    const done = (index: number) => ({ incremental: [{ id: String(index), data: { done: true } }], completed: [{ id: String(index) }], hasNext: true });
    const second = reassembler.applyAll(Array.from({ length: 10 }, (_, index) => done(index)))!;
    expect(second.pending).toHaveLength(count - 10);
    second.pending.forEach((boundary, index) => expect(boundary).toBe(first.pending[index + 10]));
    const third = reassembler.apply(done(10));
    third.pending.forEach((boundary, index) => expect(boundary).toBe(first.pending[index + 11]));
    expect(third.errors).toBeUndefined();
  });
});

describe('a null in the result is final', () => {
  it('2022: data re-sent below a field an error nulled does not bring it back', () => {
    const reassembler = createReassembler();
    reassembler.apply({ data: { hero: null, heroes: [{ id: '1' }, null] }, errors: [{ message: 'failed', path: ['hero', 'x'] }], hasNext: true });
    const result = reassembler.apply({
      incremental: [{ data: { hero: { name: 'Luke' }, heroes: [{ name: 'Luke' }, { name: 'Han' }] }, path: [] }],
      hasNext: false,
    });
    expect(result.data).toEqual({ hero: null, heroes: [{ id: '1', name: 'Luke' }, null] });
  });

  it('current format: deferred data with a subPath into the null is dropped, other fields merge', () => {
    const reassembler = createReassembler();
    reassembler.apply({ data: { hero: null }, pending: [{ id: '0', path: [] }], hasNext: true });
    const result = reassembler.apply({
      incremental: [{ id: '0', data: { hero: { name: 'Luke' }, a: 1 } }, { id: '0', subPath: ['hero'], data: { id: '1' } }],
      completed: [{ id: '0' }],
      hasNext: false,
    });
    expect(result.data).toEqual({ hero: null, a: 1 });
  });
});
