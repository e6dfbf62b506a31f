/**
 * Payload sequences that the peers' own test suites feed their incremental mergers, with the final
 * data and errors those tests expect. Our test code; only the payloads and expected results are
 * taken, each row naming the repository, file and test it comes from.
 *
 * - A peer test that starts from a merged result rather than a wire payload (urql's `prevResult`,
 *   graphql-tools' `executionResult`) becomes an initial payload with `hasNext: true`; its patch ends
 *   with `hasNext: false` where the test gave no `hasNext`.
 * - Apollo Client's cache writes and urql's `payload` wrapper (the reader unwraps it) are left out:
 *   they are no part of what a server sends.
 * - graphql-js rows expect what their query gives without `@defer`/`@stream`, except where a
 *   boundary fails: there the delivered data stays and the boundary is reported failed (see `failed`),
 *   as in oracle.test.ts.
 */
import { createReassembler, type IncrementalResult, type Path } from '@graphql-incremental/reassembler';
import { describe, expect, it } from 'vitest';

type Peer = 'Apollo Client' | 'urql' | 'graphql-tools' | 'graphql-js';

interface PeerSequence {
  readonly peer: Peer;
  /** Repository, file and test name the payloads come from. */
  readonly source: string;
  readonly payloads: readonly object[];
  /** The final data the peer's test expects (or plain execution, for graphql-js). */
  readonly data: unknown;
  /** The errors the test checks, by message and path; none when absent. */
  readonly errors?: readonly { readonly message: string; readonly path?: Path }[];
  readonly extensions?: Record<string, unknown>;
  /** Paths of the boundaries that must be reported failed; none when absent. */
  readonly failed?: readonly Path[];
}

const AC4_DEFER_2022 = 'apollographql/apollo-client src/incremental/handlers/__tests__/defer20220824/defer.test.ts';
const AC4_STREAM_2022 = 'apollographql/apollo-client src/incremental/handlers/__tests__/defer20220824/stream.test.ts';
const AC4_DEFER_ALPHA9 = 'apollographql/apollo-client src/incremental/handlers/__tests__/graphql17Alpha9/defer.test.ts';
const AC4_USE_QUERY_ALPHA9 = 'apollographql/apollo-client src/react/hooks/__tests__/useQuery/deferGraphQL17Alpha9.test.tsx';
const AC3_USE_QUERY = 'apollographql/apollo-client@version-3.x src/react/hooks/__tests__/useQuery.test.tsx';
const URQL = 'urql-graphql/urql packages/core/src/utils/result.test.ts';
const TOOLS = 'ardatan/graphql-tools packages/utils/tests/mergeIncrementalResult.spec.ts';
const GRAPHQL_DEFER = 'graphql/graphql-js@next src/execution/__tests__/defer-test.ts';
const GRAPHQL_STREAM = 'graphql/graphql-js@next src/execution/__tests__/stream-test.ts';

const nonNullNameError = (path: Path) => ({ message: 'Cannot return null for non-nullable field Hero.nonNullName.', path });
const nonNullErrorFieldError = (path: Path) => ({ message: 'Cannot return null for non-nullable field c.nonNullErrorField.', path });
const productErrors = [1, 2, 3].map(() => ({ message: 'Cannot return null for non-nullable field Product.nonNullErrorField.' }));

// Scenarios that Apollo Client's tests run in both formats (4: by id; 3: by path), with the same data.
const greetingsBefore = {
  greetings: [
    { message: 'Hello world', __typename: 'Greeting' },
    { message: 'Hello again', __typename: 'Greeting' },
  ],
};
const greetingsAfter = {
  greetings: [
    { message: 'Hello world', __typename: 'Greeting', recipient: { name: 'Alice', __typename: 'Person' } },
    { message: 'Hello again', __typename: 'Greeting', recipient: { name: 'Bob', __typename: 'Person' } },
  ],
};
const delivery = { __typename: 'DeliveryEstimates', estimatedDelivery: '6/25/2021', fastestDelivery: '6/24/2021' };
const productsBefore = {
  allProducts: [
    { __typename: 'Product', delivery: { __typename: 'DeliveryEstimates' }, id: 'apollo-federation', sku: 'federation' },
    { __typename: 'Product', delivery: { __typename: 'DeliveryEstimates' }, id: 'apollo-studio', sku: 'studio' },
  ],
};
const productsAfter = {
  allProducts: [
    { __typename: 'Product', delivery, id: 'apollo-federation', sku: 'federation' },
    { __typename: 'Product', delivery, id: 'apollo-studio', sku: 'studio' },
  ],
};
const heroFriendsBefore = {
  hero: {
    name: 'R2-D2',
    heroFriends: [
      { id: '1000', name: 'Luke Skywalker' },
      { id: '1003', name: 'Leia Organa' },
    ],
  },
};
const heroFriendsAfter = {
  hero: {
    name: 'R2-D2',
    heroFriends: [
      { id: '1000', name: 'Luke Skywalker', homeWorld: null },
      { id: '1003', name: 'Leia Organa', homeWorld: 'Alderaan' },
    ],
  },
};
const homeWorldError = { message: 'homeWorld for character with ID 1000 could not be fetched.', path: ['hero', 'heroFriends', 0, 'homeWorld'] };
const things = { thing1: 'foo', thing2: 'bar' };

const APOLLO: readonly PeerSequence[] = [
  {
    peer: 'Apollo Client',
    // Apollo's test expects `job: "Jedi"` from a cache write made meanwhile; the wire data says Farmer.
    source: `${AC4_DEFER_2022} > merges cache updates that happen concurrently`,
    payloads: [
      { data: { hero: { __typename: 'Hero', id: '1', job: 'Farmer' } }, hasNext: true },
      { incremental: [{ data: { name: 'Luke' }, path: ['hero'] }], hasNext: false },
    ],
    data: { hero: { __typename: 'Hero', id: '1', job: 'Farmer', name: 'Luke' } },
  },
  {
    peer: 'Apollo Client',
    source: `${AC4_DEFER_2022} > handles final chunk of { hasNext: false } correctly in usage with Apollo Client`,
    payloads: [{ data: { allProducts: [null, null, null] }, errors: productErrors, hasNext: true }, { hasNext: false }],
    data: { allProducts: [null, null, null] },
    errors: productErrors,
  },
  {
    peer: 'Apollo Client',
    source: `${AC4_DEFER_2022} > ignores \`data\` property added to subsequent chunks by misbehaving servers`,
    payloads: [
      { data: { hero: { __typename: 'Hero', id: '1' } }, hasNext: true },
      { data: null, incremental: [{ data: { name: 'Luke' }, path: ['hero'] }], hasNext: false },
    ],
    data: { hero: { __typename: 'Hero', id: '1', name: 'Luke' } },
  },
  {
    peer: 'Apollo Client',
    source: `${AC4_STREAM_2022} > handles streams with more than one item in a chunk`,
    payloads: [
      { data: { friendList: [{ name: 'Luke', id: '1' }] }, hasNext: true },
      {
        incremental: [
          {
            items: [
              { name: 'Han', id: '2' },
              { name: 'Leia', id: '3' },
            ],
            path: ['friendList', 1],
          },
        ],
        hasNext: false,
      },
    ],
    data: {
      friendList: [
        { name: 'Luke', id: '1' },
        { name: 'Han', id: '2' },
        { name: 'Leia', id: '3' },
      ],
    },
  },
  {
    peer: 'Apollo Client',
    // As above: Apollo's expected `job: "Jedi"` comes from the cache, not the wire.
    source: `${AC4_DEFER_ALPHA9} > merges cache updates that happen concurrently`,
    payloads: [
      { data: { hero: { __typename: 'Hero', id: '1', job: 'Farmer' } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true },
      { incremental: [{ data: { name: 'Luke' }, id: '0' }], completed: [{ id: '0' }], hasNext: false },
    ],
    data: { hero: { __typename: 'Hero', id: '1', job: 'Farmer', name: 'Luke' } },
  },
  {
    peer: 'Apollo Client',
    source: `${AC4_DEFER_ALPHA9} > handles final chunk of { hasNext: false } correctly in usage with Apollo Client`,
    payloads: [{ data: { allProducts: [null, null, null] }, pending: [], errors: productErrors, hasNext: true }, { hasNext: false }],
    data: { allProducts: [null, null, null] },
    errors: productErrors,
  },
  {
    peer: 'Apollo Client',
    source: `${AC4_DEFER_ALPHA9} > ignores \`data\` property added to subsequent chunks by misbehaving servers`,
    payloads: [
      { data: { hero: { __typename: 'Hero', id: '1' } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true },
      { data: null, incremental: [{ data: { name: 'Luke' }, id: '0' }], completed: [{ id: '0' }], hasNext: false },
    ],
    data: { hero: { __typename: 'Hero', id: '1', name: 'Luke' } },
  },
  {
    peer: 'Apollo Client',
    source: `${AC4_USE_QUERY_ALPHA9} > should handle deferred queries in lists`,
    payloads: [
      {
        data: greetingsBefore,
        pending: [
          { id: '0', path: ['greetings', 0] },
          { id: '1', path: ['greetings', 1] },
        ],
        hasNext: true,
      },
      {
        incremental: [{ data: { recipient: { name: 'Alice', __typename: 'Person' }, __typename: 'Greeting' }, id: '0' }],
        completed: [{ id: '0' }],
        hasNext: true,
      },
      {
        incremental: [{ data: { recipient: { name: 'Bob', __typename: 'Person' }, __typename: 'Greeting' }, id: '1' }],
        completed: [{ id: '1' }],
        hasNext: false,
      },
    ],
    data: greetingsAfter,
  },
  {
    peer: 'Apollo Client',
    source: `${AC4_USE_QUERY_ALPHA9} > should handle deferred queries in lists, merging arrays`,
    payloads: [
      {
        data: productsBefore,
        pending: [
          { id: '0', path: ['allProducts', 0, 'delivery'] },
          { id: '1', path: ['allProducts', 1, 'delivery'] },
        ],
        hasNext: true,
      },
      {
        hasNext: false,
        incremental: ['0', '1'].map((id) => ({
          data: delivery,
          id,
        })),
        completed: [{ id: '0' }, { id: '1' }],
      },
    ],
    data: productsAfter,
  },
  {
    peer: 'Apollo Client',
    source: `${AC4_USE_QUERY_ALPHA9} > should handle deferred queries with errors returned on the incremental batched result and errorPolicy "all"`,
    payloads: [
      {
        data: heroFriendsBefore,
        pending: [
          { id: '0', path: ['hero', 'heroFriends', 0] },
          { id: '1', path: ['hero', 'heroFriends', 1] },
        ],
        hasNext: true,
      },
      {
        incremental: [
          {
            errors: [homeWorldError],
            data: { homeWorld: null },
            id: '0',
            extensions: things,
          },
          { data: { homeWorld: 'Alderaan' }, id: '1', extensions: things },
        ],
        completed: [{ id: '0' }, { id: '1' }],
        hasNext: false,
      },
    ],
    data: heroFriendsAfter,
    errors: [homeWorldError],
    extensions: things,
  },
  {
    peer: 'Apollo Client',
    source: `${AC3_USE_QUERY} > should handle deferred queries in lists`,
    payloads: [
      {
        data: greetingsBefore,
        hasNext: true,
      },
      {
        incremental: [{ data: { recipient: { name: 'Alice', __typename: 'Person' }, __typename: 'Greeting' }, path: ['greetings', 0] }],
        hasNext: true,
      },
      {
        incremental: [{ data: { recipient: { name: 'Bob', __typename: 'Person' }, __typename: 'Greeting' }, path: ['greetings', 1] }],
        hasNext: false,
      },
    ],
    data: greetingsAfter,
  },
  {
    peer: 'Apollo Client',
    source: `${AC3_USE_QUERY} > should handle deferred queries in lists, merging arrays`,
    payloads: [
      {
        data: productsBefore,
        hasNext: true,
      },
      {
        hasNext: true,
        incremental: [0, 1].map((index) => ({
          data: delivery,
          path: ['allProducts', index, 'delivery'],
        })),
      },
    ],
    data: productsAfter,
  },
  {
    peer: 'Apollo Client',
    source: `${AC3_USE_QUERY} > should handle deferred queries with fetch policy no-cache`,
    payloads: [
      { data: { greeting: { message: 'Hello world', __typename: 'Greeting' } }, hasNext: true },
      {
        incremental: [{ data: { recipient: { name: 'Alice', __typename: 'Person' }, __typename: 'Greeting' }, path: ['greeting'] }],
        hasNext: false,
      },
    ],
    data: { greeting: { message: 'Hello world', __typename: 'Greeting', recipient: { name: 'Alice', __typename: 'Person' } } },
  },
  {
    peer: 'Apollo Client',
    source: `${AC3_USE_QUERY} > should handle deferred queries with errors returned on the incremental batched result and errorPolicy "all"`,
    payloads: [
      {
        data: heroFriendsBefore,
        hasNext: true,
      },
      {
        incremental: [
          {
            path: ['hero', 'heroFriends', 0],
            errors: [homeWorldError],
            data: { homeWorld: null },
            extensions: things,
          },
          { path: ['hero', 'heroFriends', 1], data: { homeWorld: 'Alderaan' }, extensions: things },
        ],
        hasNext: false,
      },
    ],
    data: heroFriendsAfter,
    errors: [homeWorldError],
    extensions: things,
  },
];

const URQL_SEQUENCES: readonly PeerSequence[] = [
  {
    peer: 'urql',
    source: `${URQL} > mergeResultPatch (defer/stream latest > should read pending and append the result`,
    payloads: [
      { data: { f2: { a: 'a', b: 'b', c: { d: 'd', e: 'e', f: { h: 'h', i: 'i' } } } }, pending: [{ id: '0', path: [] }], hasNext: true },
      {
        incremental: [
          { id: '0', data: { MyFragment: 'Query' } },
          { id: '0', subPath: ['f2', 'c', 'f'], data: { j: 'j' } },
        ],
        hasNext: false,
      },
    ],
    data: { MyFragment: 'Query', f2: { a: 'a', b: 'b', c: { d: 'd', e: 'e', f: { h: 'h', i: 'i', j: 'j' } } } },
  },
  {
    peer: 'urql',
    // urql passes both ids in up front; on the wire the second is announced by the payload before its data.
    source: `${URQL} > mergeResultPatch (defer/stream latest > should read pending and append the result w/ overlapping fields`,
    payloads: [
      {
        data: { f2: { a: 'A', b: 'B', c: { d: 'D', e: 'E', f: { h: 'H', i: 'I' } } } },
        pending: [{ id: '0', path: [], label: 'D1' }],
        hasNext: true,
      },
      {
        incremental: [{ id: '0', subPath: ['f2', 'c', 'f'], data: { j: 'J', k: 'K' } }],
        pending: [{ id: '1', path: ['f2', 'c', 'f'], label: 'D2' }],
        hasNext: true,
      },
      { incremental: [{ id: '1', data: { l: 'L', m: 'M' } }], hasNext: false },
    ],
    data: { f2: { a: 'A', b: 'B', c: { d: 'D', e: 'E', f: { h: 'H', i: 'I', j: 'J', k: 'K', l: 'L', m: 'M' } } } },
  },
  {
    peer: 'urql',
    source: `${URQL} > should apply incremental stream patches`,
    payloads: [
      { data: { __typename: 'Query', items: [{ __typename: 'Item' }] }, hasNext: true },
      { incremental: [{ items: [{ __typename: 'Item' }], path: ['items', 1] }], hasNext: false },
    ],
    data: { __typename: 'Query', items: [{ __typename: 'Item' }, { __typename: 'Item' }] },
  },
  {
    peer: 'urql',
    // Items at an index the list already has merge into it (2022 servers may send more initial items than asked).
    source: `${URQL} > should apply incremental stream patches deeply`,
    payloads: [
      { data: { __typename: 'Query', test: [{ __typename: 'Test' }] }, hasNext: true },
      { incremental: [{ items: [{ name: 'Test' }], path: ['test', 0] }], hasNext: false },
    ],
    data: { __typename: 'Query', test: [{ __typename: 'Test', name: 'Test' }] },
  },
  {
    peer: 'urql',
    source: `${URQL} > should handle null incremental stream patches`,
    payloads: [
      { data: { __typename: 'Query', items: [{ __typename: 'Item' }] }, hasNext: true },
      { incremental: [{ items: null, path: ['items', 1] }], hasNext: false },
    ],
    data: { __typename: 'Query', items: [{ __typename: 'Item' }] },
    failed: [['items']],
  },
  {
    peer: 'urql',
    source: `${URQL} > should handle root incremental stream patches`,
    payloads: [
      { data: { __typename: 'Query', item: { test: true } }, hasNext: true },
      { incremental: [{ data: { item: { test2: false } }, path: [] }], hasNext: false },
    ],
    data: { __typename: 'Query', item: { test: true, test2: false } },
  },
  {
    peer: 'urql',
    source: `${URQL} > should merge extensions from each patch`,
    payloads: [
      { data: { __typename: 'Query' }, extensions: { base: true }, hasNext: true },
      { incremental: [{ data: null, path: ['item'], extensions: { patch: true } }], hasNext: false },
    ],
    data: { __typename: 'Query' },
    extensions: { base: true, patch: true },
    failed: [['item']],
  },
  {
    peer: 'urql',
    source: `${URQL} > should preserve all data for noop patches`,
    payloads: [{ data: { __typename: 'Query' }, extensions: { base: true }, hasNext: true }, { hasNext: false }],
    data: { __typename: 'Query' },
    extensions: { base: true },
  },
];

const GRAPHQL_TOOLS: readonly PeerSequence[] = [
  {
    peer: 'graphql-tools',
    source: `${TOOLS} > should deep merge data with basic path`,
    payloads: [{ data: { user: { name: 'John' } }, hasNext: true }, { incremental: [{ path: [], data: { user: { age: 42 } } }], hasNext: false }],
    data: { user: { age: 42, name: 'John' } },
  },
  {
    peer: 'graphql-tools',
    source: `${TOOLS} > should merge data at path`,
    payloads: [{ data: { user: { name: 'John' } }, hasNext: true }, { incremental: [{ path: ['user'], data: { age: 42 } }], hasNext: false }],
    data: { user: { age: 42, name: 'John' } },
  },
  {
    peer: 'graphql-tools',
    source: `${TOOLS} > should push items at path`,
    payloads: [
      { data: { user: { name: 'John', comments: ['comment 1', 'comment 2'] } }, hasNext: true },
      { incremental: [{ path: ['user', 'comments', 2], items: ['comment 3', 'comment 4'] }], hasNext: false },
    ],
    data: { user: { name: 'John', comments: ['comment 1', 'comment 2', 'comment 3', 'comment 4'] } },
  },
  {
    peer: 'graphql-tools',
    source: `${TOOLS} > should merge items at path`,
    payloads: [
      { data: { user: { name: 'John', comments: [{ id: 1 }, { id: 2 }] } }, hasNext: true },
      { incremental: [{ path: ['user', 'comments', 0], items: [{ text: 'comment 1' }, { text: 'comment 2' }] }], hasNext: false },
    ],
    data: {
      user: {
        name: 'John',
        comments: [
          { id: 1, text: 'comment 1' },
          { id: 2, text: 'comment 2' },
        ],
      },
    },
  },
  {
    peer: 'graphql-tools',
    source: `${TOOLS} > should add errors`,
    payloads: [{ data: { user: { name: 'John' } }, hasNext: true }, { errors: [{ message: 'error 1' }, { message: 'error 2' }], hasNext: false }],
    data: { user: { name: 'John' } },
    errors: [{ message: 'error 1' }, { message: 'error 2' }],
  },
  {
    peer: 'graphql-tools',
    source: `${TOOLS} > should keep extensions`,
    payloads: [
      { data: { user: { name: 'John' } }, extensions: { foo: 'bar' }, hasNext: true },
      { incremental: [{ data: { user: { age: 42 } }, path: [] }], hasNext: false },
    ],
    data: { user: { age: 42, name: 'John' } },
    extensions: { foo: 'bar' },
  },
  {
    peer: 'graphql-tools',
    source: `${TOOLS} > should add extensions`,
    payloads: [
      { data: { user: { name: 'John' } }, hasNext: true },
      { incremental: [{ data: { user: { age: 42 } }, path: [], extensions: { ext1: 'ext1' } }], hasNext: false },
    ],
    data: { user: { age: 42, name: 'John' } },
    extensions: { ext1: 'ext1' },
  },
];

const GRAPHQL_JS: readonly PeerSequence[] = [
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_DEFER} > Can defer fragments containing scalar types`,
    payloads: [
      { data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true },
      { incremental: [{ data: { name: 'Luke' }, id: '0' }], completed: [{ id: '0' }], hasNext: false },
    ],
    data: { hero: { id: '1', name: 'Luke' } },
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_DEFER} > Can defer fragments with errors on the top level Query field`,
    payloads: [
      { data: {}, pending: [{ id: '0', path: [], label: 'DeferQuery' }], hasNext: true },
      {
        incremental: [
          {
            data: { hero: { name: null } },
            errors: [{ message: 'bad', locations: [{ line: 7, column: 11 }], path: ['hero', 'name'] }],
            id: '0',
          },
        ],
        completed: [{ id: '0' }],
        hasNext: false,
      },
    ],
    data: { hero: { name: null } },
    errors: [{ message: 'bad', path: ['hero', 'name'] }],
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_DEFER} > Can defer a fragment within an already deferred fragment`,
    payloads: [
      { data: { hero: {} }, pending: [{ id: '0', path: ['hero'], label: 'DeferTop' }], hasNext: true },
      {
        pending: [{ id: '1', path: ['hero'], label: 'DeferNested' }],
        incremental: [
          { data: { id: '1' }, id: '0' },
          { data: { friends: [{ name: 'Han' }, { name: 'Leia' }, { name: 'C-3PO' }] }, id: '1' },
        ],
        completed: [{ id: '0' }, { id: '1' }],
        hasNext: false,
      },
    ],
    data: { hero: { id: '1', friends: [{ name: 'Han' }, { name: 'Leia' }, { name: 'C-3PO' }] } },
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_DEFER} > Separately emits nested defer fragments with varying subfields of same priorities but different level of defers`,
    payloads: [
      { data: {}, pending: [{ id: '0', path: [], label: 'DeferName' }], hasNext: true },
      {
        pending: [{ id: '1', path: ['hero'], label: 'DeferID' }],
        incremental: [
          { data: { hero: { name: 'Luke' } }, id: '0' },
          { data: { id: '1' }, id: '1' },
        ],
        completed: [{ id: '0' }, { id: '1' }],
        hasNext: false,
      },
    ],
    data: { hero: { name: 'Luke', id: '1' } },
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_DEFER} > Deduplicates fields with deferred fragments at multiple levels`,
    payloads: [
      { data: { hero: { nestedObject: { deeperObject: { foo: 'foo' } } } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true },
      {
        pending: [
          { id: '1', path: ['hero', 'nestedObject'] },
          { id: '2', path: ['hero', 'nestedObject', 'deeperObject'] },
        ],
        incremental: [
          { data: { bar: 'bar' }, id: '0', subPath: ['nestedObject', 'deeperObject'] },
          { data: { baz: 'baz' }, id: '1', subPath: ['deeperObject'] },
          { data: { bak: 'bak' }, id: '2' },
        ],
        completed: [{ id: '0' }, { id: '1' }, { id: '2' }],
        hasNext: false,
      },
    ],
    data: { hero: { nestedObject: { deeperObject: { foo: 'foo', bar: 'bar', baz: 'baz', bak: 'bak' } } } },
  },
  {
    peer: 'graphql-js',
    // Plain execution nulls `a.b.c` and has `a.someField`; the failed fragment (id 0) withholds both instead.
    source: `${GRAPHQL_DEFER} > Nulls cross defer boundaries, null first`,
    payloads: [
      {
        data: { a: {} },
        pending: [
          { id: '0', path: [] },
          { id: '1', path: ['a'] },
        ],
        hasNext: true,
      },
      {
        incremental: [
          { data: { b: { c: {} } }, id: '1' },
          { data: { d: 'd' }, id: '1', subPath: ['b', 'c'] },
        ],
        completed: [
          {
            id: '0',
            errors: [
              {
                message: 'Cannot return null for non-nullable field c.nonNullErrorField.',
                locations: [{ line: 8, column: 17 }],
                path: ['a', 'b', 'c', 'nonNullErrorField'],
              },
            ],
          },
          { id: '1' },
        ],
        hasNext: false,
      },
    ],
    data: { a: { b: { c: { d: 'd' } } } },
    errors: [nonNullErrorFieldError(['a', 'b', 'c', 'nonNullErrorField'])],
    failed: [[]],
  },
  {
    peer: 'graphql-js',
    // As above, with the failing fragment on `a` (id 1).
    source: `${GRAPHQL_DEFER} > Nulls cross defer boundaries, value first`,
    payloads: [
      {
        data: { a: {} },
        pending: [
          { id: '0', path: [] },
          { id: '1', path: ['a'] },
        ],
        hasNext: true,
      },
      {
        incremental: [
          { data: { b: { c: {} } }, id: '1' },
          { data: { d: 'd' }, id: '0', subPath: ['a', 'b', 'c'] },
        ],
        completed: [
          { id: '0' },
          {
            id: '1',
            errors: [
              {
                message: 'Cannot return null for non-nullable field c.nonNullErrorField.',
                locations: [{ line: 17, column: 17 }],
                path: ['a', 'b', 'c', 'nonNullErrorField'],
              },
            ],
          },
        ],
        hasNext: false,
      },
    ],
    data: { a: { b: { c: { d: 'd' } } } },
    errors: [nonNullErrorFieldError(['a', 'b', 'c', 'nonNullErrorField'])],
    failed: [['a']],
  },
  {
    peer: 'graphql-js',
    // Plain execution nulls `someC`; the failed fragment (id 1) withholds its fields instead.
    source: `${GRAPHQL_DEFER} > Handles multiple erroring deferred grouped field sets for the same fragment`,
    payloads: [
      {
        data: {},
        pending: [
          { id: '0', path: [] },
          { id: '1', path: [] },
        ],
        hasNext: true,
      },
      {
        incremental: [
          { data: { a: { b: { someC: {}, anotherC: {} } } }, id: '0' },
          { data: { d: 'd' }, id: '0', subPath: ['a', 'b', 'someC'] },
          { data: { d: 'd' }, id: '0', subPath: ['a', 'b', 'anotherC'] },
        ],
        completed: [
          {
            id: '1',
            errors: [
              {
                message: 'Cannot return null for non-nullable field c.nonNullErrorField.',
                locations: [{ line: 19, column: 17 }],
                path: ['a', 'b', 'someC', 'someError'],
              },
            ],
          },
          { id: '0' },
        ],
        hasNext: false,
      },
    ],
    data: { a: { b: { someC: { d: 'd' }, anotherC: { d: 'd' } } } },
    errors: [nonNullErrorFieldError(['a', 'b', 'someC', 'someError'])],
    failed: [[]],
  },
  {
    peer: 'graphql-js',
    // Early execution: the fragment on `a` completes a payload before the failing root fragment.
    source: `${GRAPHQL_DEFER} > filters a payload with a null that cannot be merged`,
    payloads: [
      {
        data: { a: {} },
        pending: [
          { id: '0', path: [] },
          { id: '1', path: ['a'] },
        ],
        hasNext: true,
      },
      {
        incremental: [
          { data: { b: { c: {} } }, id: '1' },
          { data: { d: 'd' }, id: '1', subPath: ['b', 'c'] },
        ],
        completed: [{ id: '1' }],
        hasNext: true,
      },
      {
        completed: [
          {
            id: '0',
            errors: [
              {
                message: 'Cannot return null for non-nullable field c.nonNullErrorField.',
                locations: [{ line: 8, column: 17 }],
                path: ['a', 'b', 'c', 'nonNullErrorField'],
              },
            ],
          },
        ],
        hasNext: false,
      },
    ],
    data: { a: { b: { c: { d: 'd' } } } },
    errors: [nonNullErrorFieldError(['a', 'b', 'c', 'nonNullErrorField'])],
    failed: [[]],
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_DEFER} > Cancels deferred fields when deferred result exhibits null bubbling`,
    payloads: [
      { data: {}, pending: [{ id: '0', path: [] }], hasNext: true },
      {
        incremental: [
          {
            data: { hero: null },
            errors: [
              {
                message: 'Cannot return null for non-nullable field Hero.nonNullName.',
                locations: [{ line: 5, column: 13 }],
                path: ['hero', 'nonNullName'],
              },
            ],
            id: '0',
          },
        ],
        completed: [{ id: '0' }],
        hasNext: false,
      },
    ],
    data: { hero: null },
    errors: [nonNullNameError(['hero', 'nonNullName'])],
  },
  {
    peer: 'graphql-js',
    // Plain execution nulls `hero`; the failed fragment leaves the delivered `hero.id` in place.
    source: `${GRAPHQL_DEFER} > Handles non-nullable errors thrown in deferred fragments`,
    payloads: [
      { data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true },
      {
        completed: [
          {
            id: '0',
            errors: [
              {
                message: 'Cannot return null for non-nullable field Hero.nonNullName.',
                locations: [{ line: 9, column: 9 }],
                path: ['hero', 'nonNullName'],
              },
            ],
          },
        ],
        hasNext: false,
      },
    ],
    data: { hero: { id: '1' } },
    errors: [nonNullNameError(['hero', 'nonNullName'])],
    failed: [['hero']],
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_STREAM} > Can stream a list field`,
    payloads: [
      { data: { scalarList: ['apple'] }, pending: [{ id: '0', path: ['scalarList'] }], hasNext: true },
      { incremental: [{ items: ['banana', 'coconut'], id: '0' }], completed: [{ id: '0' }], hasNext: false },
    ],
    data: { scalarList: ['apple', 'banana', 'coconut'] },
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_STREAM} > Can use default value of initialCount`,
    payloads: [
      { data: { scalarList: [] }, pending: [{ id: '0', path: ['scalarList'] }], hasNext: true },
      { incremental: [{ items: ['apple', 'banana', 'coconut'], id: '0' }], completed: [{ id: '0' }], hasNext: false },
    ],
    data: { scalarList: ['apple', 'banana', 'coconut'] },
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_STREAM} > Can stream multi-dimensional lists`,
    payloads: [
      { data: { scalarListList: [['apple', 'apple', 'apple']] }, pending: [{ id: '0', path: ['scalarListList'] }], hasNext: true },
      {
        incremental: [
          {
            items: [
              ['banana', 'banana', 'banana'],
              ['coconut', 'coconut', 'coconut'],
            ],
            id: '0',
          },
        ],
        completed: [{ id: '0' }],
        hasNext: false,
      },
    ],
    data: {
      scalarListList: [
        ['apple', 'apple', 'apple'],
        ['banana', 'banana', 'banana'],
        ['coconut', 'coconut', 'coconut'],
      ],
    },
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_STREAM} > Handles rejections in a field that returns a list of promises after initialCount is reached`,
    payloads: [
      { data: { friendList: [{ name: 'Luke', id: '1' }] }, pending: [{ id: '0', path: ['friendList'] }], hasNext: true },
      {
        incremental: [{ items: [null], id: '0', errors: [{ message: 'bad', locations: [{ line: 3, column: 9 }], path: ['friendList', 1] }] }],
        hasNext: true,
      },
      { incremental: [{ items: [{ name: 'Leia', id: '3' }], id: '0' }], completed: [{ id: '0' }], hasNext: false },
    ],
    data: { friendList: [{ name: 'Luke', id: '1' }, null, { name: 'Leia', id: '3' }] },
    errors: [{ message: 'bad', path: ['friendList', 1] }],
  },
  {
    peer: 'graphql-js',
    // Plain execution nulls the whole (nullable) list; the failed stream keeps the item it delivered.
    source: `${GRAPHQL_STREAM} > Handles error thrown in async iterable after initialCount is reached`,
    payloads: [
      { data: { friendList: [{ name: 'Luke', id: '1' }] }, pending: [{ id: '0', path: ['friendList'] }], hasNext: true },
      {
        completed: [{ id: '0', errors: [{ message: 'bad', locations: [{ line: 3, column: 9 }], path: ['friendList'] }] }],
        hasNext: false,
      },
    ],
    data: { friendList: [{ name: 'Luke', id: '1' }] },
    errors: [{ message: 'bad', path: ['friendList'] }],
    failed: [['friendList']],
  },
  {
    peer: 'graphql-js',
    // As above: plain execution gives `nonNullFriendList: null`.
    source: `${GRAPHQL_STREAM} > Handles null returned in non-null list items after initialCount is reached`,
    payloads: [
      { data: { nonNullFriendList: [{ name: 'Luke' }] }, pending: [{ id: '0', path: ['nonNullFriendList'] }], hasNext: true },
      {
        completed: [
          {
            id: '0',
            errors: [
              {
                message: 'Cannot return null for non-nullable field Query.nonNullFriendList.',
                locations: [{ line: 3, column: 9 }],
                path: ['nonNullFriendList', 1],
              },
            ],
          },
        ],
        hasNext: false,
      },
    ],
    data: { nonNullFriendList: [{ name: 'Luke' }] },
    errors: [{ message: 'Cannot return null for non-nullable field Query.nonNullFriendList.', path: ['nonNullFriendList', 1] }],
    failed: [['nonNullFriendList']],
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_STREAM} > Handles errors thrown by completeValue after initialCount is reached`,
    payloads: [
      { data: { scalarList: ['Luke'] }, pending: [{ id: '0', path: ['scalarList'] }], hasNext: true },
      {
        incremental: [
          {
            items: [null],
            id: '0',
            errors: [{ message: 'String cannot represent value: {}', locations: [{ line: 3, column: 9 }], path: ['scalarList', 1] }],
          },
        ],
        completed: [{ id: '0' }],
        hasNext: false,
      },
    ],
    data: { scalarList: ['Luke', null] },
    errors: [{ message: 'String cannot represent value: {}', path: ['scalarList', 1] }],
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_STREAM} > Does not filter payloads when null error is in a different path`,
    payloads: [
      {
        data: { otherNestedObject: {}, nestedObject: { nestedFriendList: [] } },
        pending: [
          { id: '0', path: ['otherNestedObject'] },
          { id: '1', path: ['nestedObject', 'nestedFriendList'] },
        ],
        hasNext: true,
      },
      {
        incremental: [
          { items: [{ name: 'Luke' }], id: '1' },
          {
            data: { scalarField: null },
            id: '0',
            errors: [{ message: 'Oops', locations: [{ line: 5, column: 13 }], path: ['otherNestedObject', 'scalarField'] }],
          },
        ],
        completed: [{ id: '0' }],
        hasNext: true,
      },
      { completed: [{ id: '1' }], hasNext: false },
    ],
    data: { otherNestedObject: { scalarField: null }, nestedObject: { nestedFriendList: [{ name: 'Luke' }] } },
    errors: [{ message: 'Oops', path: ['otherNestedObject', 'scalarField'] }],
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_STREAM} > Filters stream payloads that are nulled in a deferred payload`,
    payloads: [
      { data: { nestedObject: {} }, pending: [{ id: '0', path: ['nestedObject'] }], hasNext: true },
      {
        incremental: [
          {
            data: { deeperNestedObject: null },
            id: '0',
            errors: [
              {
                message: 'Cannot return null for non-nullable field DeeperNestedObject.nonNullScalarField.',
                locations: [{ line: 6, column: 15 }],
                path: ['nestedObject', 'deeperNestedObject', 'nonNullScalarField'],
              },
            ],
          },
        ],
        completed: [{ id: '0' }],
        hasNext: false,
      },
    ],
    data: { nestedObject: { deeperNestedObject: null } },
    errors: [
      {
        message: 'Cannot return null for non-nullable field DeeperNestedObject.nonNullScalarField.',
        path: ['nestedObject', 'deeperNestedObject', 'nonNullScalarField'],
      },
    ],
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_STREAM} > Filters defer payloads that are nulled in a stream response`,
    payloads: [
      { data: { friendList: [] }, pending: [{ id: '0', path: ['friendList'] }], hasNext: true },
      {
        incremental: [
          {
            items: [null],
            id: '0',
            errors: [
              {
                message: 'Cannot return null for non-nullable field Friend.nonNullName.',
                locations: [{ line: 4, column: 9 }],
                path: ['friendList', 0, 'nonNullName'],
              },
            ],
          },
        ],
        hasNext: true,
      },
      { completed: [{ id: '0' }], hasNext: false },
    ],
    data: { friendList: [null] },
    errors: [{ message: 'Cannot return null for non-nullable field Friend.nonNullName.', path: ['friendList', 0, 'nonNullName'] }],
  },
  {
    peer: 'graphql-js',
    source: `${GRAPHQL_STREAM} > Handles overlapping deferred and non-deferred streams`,
    payloads: [
      { data: { nestedObject: { nestedFriendList: [] } }, pending: [{ id: '0', path: ['nestedObject', 'nestedFriendList'] }], hasNext: true },
      { incremental: [{ items: [{ id: '1', name: 'Luke' }], id: '0' }], hasNext: true },
      { incremental: [{ items: [{ id: '2', name: 'Han' }], id: '0' }], hasNext: true },
      { completed: [{ id: '0' }], hasNext: false },
    ],
    data: {
      nestedObject: {
        nestedFriendList: [
          { id: '1', name: 'Luke' },
          { id: '2', name: 'Han' },
        ],
      },
    },
  },
  {
    peer: 'graphql-js',
    // A defer inside a stream item is announced in the payload that brings the item.
    source: `${GRAPHQL_STREAM} > Can @defer fields that are resolved after async iterable is complete`,
    payloads: [
      { data: { friendList: [] }, pending: [{ id: '0', path: ['friendList'], label: 'stream-label' }], hasNext: true },
      {
        pending: [{ id: '1', path: ['friendList', 0], label: 'DeferName' }],
        incremental: [
          { items: [{ id: '1' }], id: '0' },
          { data: { name: 'Luke' }, id: '1' },
        ],
        completed: [{ id: '1' }],
        hasNext: true,
      },
      { pending: [{ id: '2', path: ['friendList', 1], label: 'DeferName' }], incremental: [{ items: [{ id: '2' }], id: '0' }], hasNext: true },
      { completed: [{ id: '0' }], hasNext: true },
      { incremental: [{ data: { name: 'Han' }, id: '2' }], completed: [{ id: '2' }], hasNext: false },
    ],
    data: {
      friendList: [
        { id: '1', name: 'Luke' },
        { id: '2', name: 'Han' },
      ],
    },
  },
];

const SEQUENCES: readonly PeerSequence[] = [...APOLLO, ...URQL_SEQUENCES, ...GRAPHQL_TOOLS, ...GRAPHQL_JS];

/** What a row asserts of a final result. */
function summarize(result: IncrementalResult | undefined) {
  return {
    hasNext: result?.hasNext,
    data: result?.data,
    errors: result?.errors?.map(({ message, path }) => (path === undefined ? { message } : { message, path })),
    extensions: result?.extensions,
    failed: result?.failed.map(({ path }) => path),
  };
}

describe.each(['Apollo Client', 'urql', 'graphql-tools', 'graphql-js'] satisfies Peer[])('%s', (peer) => {
  // One test per row, named in full (`it.each`'s `$source` cuts long names short).
  for (const { source, payloads, data, errors, extensions, failed } of SEQUENCES.filter((row) => row.peer === peer)) {
    it(source, () => {
      // Clones, so that a merge that changed its input would show in the other run.
      const reassembler = createReassembler();
      for (const payload of structuredClone(payloads)) reassembler.apply(payload);
      const oneByOne = summarize(reassembler.current);

      expect(oneByOne).toStrictEqual({
        // Every row ends with `hasNext: false` but Apollo Client 3's "merging arrays", which stops before it.
        hasNext: (payloads.at(-1) as { hasNext?: boolean }).hasNext,
        data,
        errors,
        extensions,
        failed: failed ?? [],
      });
      expect(summarize(createReassembler().applyAll(structuredClone(payloads)))).toStrictEqual(oneByOne);
    });
  }
});
