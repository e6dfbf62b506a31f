/**
 * The response bodies that peers' own test suites feed their multipart and SSE readers (Apollo Client 3
 * and 4, urql, meros, fetch-multipart-graphql, graphql-sse, GraphQL Yoga, graphql-helix), each with the
 * payloads that peer's test expects: our reader must give exactly those, in every chunking, from the
 * decoder and from `readPayloads` on a `Response`. Only the bodies are taken from the peers (MIT); each
 * row cites repository, commit, file and test. Where a peer's link hides a payload the response holds
 * (a bare `{"hasNext":false}`), or reports a transport error its own way, the row says what the
 * response means and why.
 */
import { describe, expect, it } from 'vitest';
import type { Payload } from '@graphql-incremental/reader';
import { allChunkings, byteByByte, utf8, wholeBody, type Chunking } from '../support/multipartBodies.js';
import { chunkedResponse, decodeChunks, readAll, type ReadOutcome } from './readHelpers.js';

/** One body from a peer's test suite. */
interface PeerBody {
  readonly peer: string;
  /** Repository at commit, file, and the test's name. */
  readonly source: string;
  /** The response Content-Type the peer's test sends (or, where it passes a boundary instead, the header a server would send with it). */
  readonly contentType: string;
  /** The body, as the test builds it. */
  readonly body: string;
  /** The writes the test feeds its reader, where they differ from the body as one chunk. */
  readonly writes?: readonly string[];
  /** The payloads the body holds, in order. */
  readonly payloads: readonly Payload[];
  /** When reading must end in an error after those payloads: its code (and, for a transport error, its errors). */
  readonly error?: { readonly code: string; readonly errors?: readonly unknown[] };
}

const APOLLO_4 = 'apollographql/apollo-client@54084bc (4.2.12)';
const APOLLO_3 = 'apollographql/apollo-client@ff90828 (v3.14.1)';
const URQL = 'urql-graphql/urql@d510a9a';
const MEROS = 'maraisr/meros@98b349e';
const RELAY = 'relay-tools/fetch-multipart-graphql@0b1ccd7';
const GRAPHQL_SSE = 'enisdenjo/graphql-sse@4caa9fb';
const YOGA = 'dotansimha/graphql-yoga@a03c6e7';
const HELIX = 'contrawork/graphql-helix@f8e9b1a';

/** Apollo's tests feed a body one line per write, each line with its CRLF put back. */
const linesOf = (body: string): string[] => body.split('\r\n').map((line) => `${line}\r\n`);

// ---------------------------------------------------------------------------------------------------
// Apollo Client: src/link/http/__tests__/HttpLink.ts, "Multipart responses"

/** `body` of the `@defer` tests: wrong `Content-Length`s, and the boundary `---` inside a string. */
const apolloDeferBody = [
  '---',
  'Content-Type: application/json; charset=utf-8',
  'Content-Length: 43',
  '',
  '{"data":{"stub":{"id":"0"}},"hasNext":true}',
  '---',
  'Content-Type: application/json; charset=utf-8',
  'Content-Length: 58',
  '',
  '{"hasNext":false, "incremental": [{"data":{"name":"stubby---"},"path":["stub"],"extensions":{"timestamp":1633038919}}]}',
  '-----',
].join('\r\n');
const apolloDeferPayloads: Payload[] = [
  { data: { stub: { id: '0' } }, hasNext: true },
  { hasNext: false, incremental: [{ data: { name: 'stubby---' }, path: ['stub'], extensions: { timestamp: 1633038919 } }] },
];

const apolloFinalChunkOnlyHasNextFalse = [
  '--graphql',
  'content-type: application/json',
  '',
  '{"data":{"allProducts":[null,null,null]},"errors":[{"message":"Cannot return null for non-nullable field Product.nonNullErrorField."},{"message":"Cannot return null for non-nullable field Product.nonNullErrorField."},{"message":"Cannot return null for non-nullable field Product.nonNullErrorField."}],"hasNext":true}',
  '--graphql',
  'content-type: application/json',
  '',
  '{"hasNext":false}',
  '--graphql--',
].join('\r\n');
const nonNullError = { message: 'Cannot return null for non-nullable field Product.nonNullErrorField.' };
const apolloFinalChunkPayloads: Payload[] = [{ data: { allProducts: [null, null, null] }, errors: [nonNullError, nonNullError, nonNullError], hasNext: true }, { hasNext: false }];

const apolloSubscriptionsBody = [
  '---',
  'Content-Type: application/json',
  '',
  '{}',
  '---',
  'Content-Type: application/json',
  '',
  '{"payload":{"data":{"aNewDieWasCreated":{"die":{"color":"red","roll":1,"sides":4}}}}}',
  '---',
  'Content-Type: application/json',
  '',
  '{}',
  '---',
  'Content-Type: application/json',
  '',
  '{"payload":{"data":{"aNewDieWasCreated":{"die":{"color":"blue","roll":2,"sides":5}}}}}',
  '---',
  'Content-Type: application/json',
  '',
  '{"payload": null}',
  '-----',
].join('\r\n');
const apolloSubscriptionsBodyError = [
  '---',
  'Content-Type: application/json',
  '',
  '{}',
  '---',
  'Content-Type: application/json',
  '',
  '{"payload":{"data":{"aNewDieWasCreated":{"die":{"color":"red","roll":1,"sides":4}}}}}',
  '---',
  'Content-Type: application/json',
  '',
  '{"payload": null, "errors": [{"message":"Error field","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}',
  '-----',
].join('\r\n');
const redDie: Payload = { data: { aNewDieWasCreated: { die: { color: 'red', roll: 1, sides: 4 } } } };
const blueDie: Payload = { data: { aNewDieWasCreated: { die: { color: 'blue', roll: 2, sides: 5 } } } };
const errorField = [{ message: 'Error field', extensions: { code: 'INTERNAL_SERVER_ERROR' } }];

// ---------------------------------------------------------------------------------------------------
// Apollo Client: src/link/http/__tests__/responseIterator.ts

const BOUNDARY = 'gc0p4Jq0M2Yt08jU534c0p';
const apolloBodyCustomBoundary = [
  `--${BOUNDARY}`,
  'Content-Type: application/json; charset=utf-8',
  'Content-Length: 43',
  '',
  '{"data":{"stub":{"id":"0"}},"hasNext":true}',
  `--${BOUNDARY}`,
  'Content-Type: application/json; charset=utf-8',
  'Content-Length: 58',
  '',
  '{"hasNext":false, "incremental": [{"data":{"name":"stubby"},"path":["stub"]}]}',
  `--${BOUNDARY}--`,
].join('\r\n');
const apolloIteratorResults: Payload[] = [
  { data: { stub: { id: '0' } }, hasNext: true },
  { incremental: [{ data: { name: 'stubby' }, path: ['stub'] }], hasNext: false },
];
/** The first of those results, as the "final boundary handling" tests write it (their text has LF, turned into CRLF on the way). */
const apolloFirstResultPart = `--${BOUNDARY}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 43\r\n\r\n{"data":{"stub":{"id":"0"}},"hasNext":true}\r\n`;

const apolloBatchedBody = [
  '--graphql',
  'content-type: application/json',
  '',
  '{"data":{"allProducts":[{"delivery":{"__typename":"DeliveryEstimates"},"sku":"federation","id":"apollo-federation","__typename":"Product"},{"delivery":{"__typename":"DeliveryEstimates"},"sku":"studio","id":"apollo-studio","__typename":"Product"}]},"hasNext":true}',
  '--graphql',
  'content-type: application/json',
  '',
  '{"hasNext":true,"incremental":[{"data":{"estimatedDelivery":"6/25/2021","fastestDelivery":"6/24/2021","__typename":"DeliveryEstimates"},"path":["allProducts",0,"delivery"]},{"data":{"estimatedDelivery":"6/25/2021","fastestDelivery":"6/24/2021","__typename":"DeliveryEstimates"},"path":["allProducts",1,"delivery"]}]}',
  '--graphql',
  'content-type: application/json',
  '',
  '{"hasNext":false}',
  '--graphql--',
].join('\r\n');
const estimates = { estimatedDelivery: '6/25/2021', fastestDelivery: '6/24/2021', __typename: 'DeliveryEstimates' };

/** Apollo Client 4's multipart test double (src/testing/internal/multipart/utils.ts): one write per enqueued result. */
const apolloMockWrites = (results: readonly string[]): string[] =>
  results.map(
    (json, index) =>
      `${index === 0 ? '\r\n---\r\n' : ''}content-type: application/json; charset=utf-8\r\n\r\n${json}${index === results.length - 1 ? '\r\n-----\r\n' : '\r\n---\r\n'}`,
  );

// ---------------------------------------------------------------------------------------------------
// urql: packages/core/src/internal/fetchSource.test.ts (`wrap` frames each result, reads are the writes)

const urqlPart = (json: string): string => `\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${json}\r\n---`;
const urqlMultipart = (results: readonly string[]): string[] => ['\r\n---', ...results.map((json, index) => urqlPart(json) + (index === results.length - 1 ? '--' : ''))];
const urqlEvents = (results: readonly string[]): string[] => results.map((json) => `data: ${json}\n\n`);
const steve = [
  '{"hasNext":true,"data":{"author":{"id":"1","__typename":"Author"}}}',
  '{"incremental":[{"path":["author"],"data":{"name":"Steve"}}],"hasNext":true}',
  '{"hasNext":false}',
];
const stevePayloads: Payload[] = [
  { hasNext: true, data: { author: { id: '1', __typename: 'Author' } } },
  { incremental: [{ path: ['author'], data: { name: 'Steve' } }], hasNext: true },
  { hasNext: false },
];

// ---------------------------------------------------------------------------------------------------
// meros: test/mocks.ts frames parts (`wrap`, `makePart`, `tail`); test/suites/use-cases.ts "graphql defer query"

const merosPart = (json: string): string => `content-type: application/json; charset=utf-8\r\n\r\n${json}`;
const merosUser = 'VXNlcgpkN2FhNzFjMjctN2I0Yy00MzczLTkwZGItMzhjMjZlNjA4MzNh';
const merosDeferred = {
  label: 'WelcomeQuery$defer$ProjectList_projects_1qwc77',
  path: ['user'],
  data: {
    id: merosUser,
    projects: {
      edges: [{ node: { id: 'UHJvamVjdAppMQ==', name: 'New project', desc: '', lastUpdate: '2021-12-22T12:57:45.488+03:00', __typename: 'Project' }, cursor: 'MA==' }],
      pageInfo: { endCursor: 'MA==', hasNextPage: false },
    },
  },
  hasNext: false,
};
const merosDeferredJson = `{"label":"WelcomeQuery$defer$ProjectList_projects_1qwc77","path":["user"],"data":{"id":"${merosUser}","projects":{"edges":[{"node":{"id":"UHJvamVjdAppMQ==","name":"New project","desc":"","lastUpdate":"2021-12-22T12:57:45.488+03:00","__typename":"Project"},"cursor":"MA=="}],"pageInfo":{"endCursor":"MA==","hasNextPage":false}}},"hasNext":false}`;

// ---------------------------------------------------------------------------------------------------
// fetch-multipart-graphql: src/__test__/PatchResolver.spec.js, run for boundaries `-` and `gc0p4Jq0M2Yt08jU534c0p`
// (the 2019 format: patches with `path`, no `hasNext`)

const relayPart = (json: string, boundary: string): string => `Content-Type: application/json\r\n\r\n${json}\r\n--${boundary}\r\n`;
const relayChunks = [
  '{"data":{"viewer":{"currencies":null,"user":{"profile":null,"items":{"edges":[{"node":{"isFavorite":null}},{"node":{"isFavorite":null}}]}}}}}',
  '{"path":["viewer","currencies"],"data":["USD","GBP","EUR","CAD","AUD","CHF","😂"],"errors":[{"message":"Not So Bad Error"}]}',
  '{"path":["viewer","user","profile"],"data":{"displayName":"Steven Seagal"}}',
  '{"data":false,"path":["viewer","user","items","edges",1,"node","isFavorite"]}',
];
const relayPayloads: Payload[] = [
  { data: { viewer: { currencies: null, user: { profile: null, items: { edges: [{ node: { isFavorite: null } }, { node: { isFavorite: null } }] } } } } },
  { path: ['viewer', 'currencies'], data: ['USD', 'GBP', 'EUR', 'CAD', 'AUD', 'CHF', '😂'], errors: [{ message: 'Not So Bad Error' }] },
  { path: ['viewer', 'user', 'profile'], data: { displayName: 'Steven Seagal' } },
  { data: false, path: ['viewer', 'user', 'items', 'edges', 1, 'node', 'isFavorite'] },
];
const relayRows = (boundary: string): PeerBody[] => {
  const contentType = boundary === '-' ? 'multipart/mixed; boundary="-"' : `multipart/mixed; boundary=${boundary}`;
  const source = (test: string): string => `${RELAY} src/__test__/PatchResolver.spec.js › boundary ${boundary} › ${test} (the test passes the boundary, not a header)`;
  const parts = relayChunks.map((json) => relayPart(json, boundary));
  const finalPart = relayPart(relayChunks[3]!, `${boundary}--`);
  const opening = `\r\n--${boundary}\r\n`;
  const row = (test: string, writes: string[]): PeerBody => ({ peer: 'fetch-multipart-graphql', source: source(test), contentType, body: writes.join(''), writes, payloads: relayPayloads });
  return [
    row('should work on each chunk', [opening, ...parts]),
    row('should work when final chunk ends with terminating boundary', [opening, ...parts.slice(0, 3), finalPart]),
    row('should work with preamble', ['This is some preamble data that should be ignored\r\n', opening, ...parts.slice(0, 3), finalPart]),
    // Not RFC 2046 (an epilogue only follows the close delimiter), but the four payloads came whole and
    // none promised more: the text after the last delimiter is no part.
    row('should work with epilogue', [opening, ...parts, 'This is some epilogue data that should be ignored\r\n']),
    row('should work with epilogue after chunk with terminating boundary', [opening, ...parts.slice(0, 3), finalPart, 'This is some epilogue data that should be ignored\r\n']),
  ];
};

// ---------------------------------------------------------------------------------------------------
// GraphQL Yoga: examples/defer-stream/__integration-tests__/__snapshots__/defer-stream.spec.ts.snap (Jest
// snapshots store LF line ends), and the inline snapshots of its plugin and SSE tests

const yogaPart = (json: string): string => `---\nContent-Type: application/json; charset=utf-8\nContent-Length: ${utf8(json).length}\n\n${json}\n`;
const yogaBody = (results: readonly string[]): string => `\n${results.map(yogaPart).join('')}-----\n`;
const alphabet = [...'abcdefghijklmnopqrstuvwxyz'];

// ---------------------------------------------------------------------------------------------------

const peerBodies: readonly PeerBody[] = [
  // Apollo Client 4
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/HttpLink.ts › Multipart responses › @defer › whatwg stream bodies`,
    contentType: 'multipart/mixed',
    body: apolloDeferBody,
    writes: linesOf(apolloDeferBody),
    payloads: apolloDeferPayloads,
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/HttpLink.ts › Multipart responses › @defer › whatwg stream bodies, final chunk of { hasNext: false }`,
    contentType: 'multipart/mixed;boundary="graphql";deferSpec=20220824',
    body: apolloFinalChunkOnlyHasNextFalse,
    writes: linesOf(apolloFinalChunkOnlyHasNextFalse),
    payloads: apolloFinalChunkPayloads,
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/HttpLink.ts › Multipart responses › @defer › sets correct accept header on request with deferred query using GraphQL17Alpha9Handler (bodyAlpha9)`,
    contentType: 'multipart/mixed',
    body: [
      '---',
      'Content-Type: application/json; charset=utf-8',
      'Content-Length: 43',
      '',
      '{"data":{"stub":{"id":"0"}},"pending":[{"id":"0","path":["stub"]}],"hasNext":true}',
      '---',
      'Content-Type: application/json; charset=utf-8',
      'Content-Length: 58',
      '',
      '{"hasNext":false, "incremental": [{"data":{"name":"stubby---"},"id":"0","extensions":{"timestamp":1633038919}}]}',
      '-----',
    ].join('\r\n'),
    payloads: [
      { data: { stub: { id: '0' } }, pending: [{ id: '0', path: ['stub'] }], hasNext: true },
      { hasNext: false, incremental: [{ data: { name: 'stubby---' }, id: '0', extensions: { timestamp: 1633038919 } }] },
    ],
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/HttpLink.ts › Multipart responses › @defer › sets correct accept header on request with streamed query (streamBody)`,
    contentType: 'multipart/mixed',
    body: [
      '---',
      'Content-Type: application/json; charset=utf-8',
      'Content-Length: 43',
      '',
      '{"data":{"stubs":[]},"hasNext":true}',
      '---',
      'Content-Type: application/json; charset=utf-8',
      'Content-Length: 58',
      '',
      '{"hasNext":false, "incremental": [{"data":{"id":"1","name":"stubby---"},"path":["stubs", 1],"extensions":{"timestamp":1633038919}}]}',
      '-----',
    ].join('\r\n'),
    payloads: [
      { data: { stubs: [] }, hasNext: true },
      { hasNext: false, incremental: [{ data: { id: '1', name: 'stubby---' }, path: ['stubs', 1], extensions: { timestamp: 1633038919 } }] },
    ],
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/HttpLink.ts › Multipart responses › @defer › sets correct accept header on request with streamed query using GraphQL17Alpha9Handler (streamBodyAlpha9)`,
    contentType: 'multipart/mixed',
    body: [
      '---',
      'Content-Type: application/json; charset=utf-8',
      'Content-Length: 43',
      '',
      '{"data":{"stubs":[]},"pending": [{"id":"0","path":["stubs"]}], "hasNext":true}',
      '---',
      'Content-Type: application/json; charset=utf-8',
      'Content-Length: 58',
      '',
      '{"hasNext":false, "incremental": [{"items":[{"id":"1","name":"stubby---"}],"id":"0","extensions":{"timestamp":1633038919}}],"completed":[{"id":"0"}]}',
      '-----',
    ].join('\r\n'),
    payloads: [
      { data: { stubs: [] }, pending: [{ id: '0', path: ['stubs'] }], hasNext: true },
      { hasNext: false, incremental: [{ items: [{ id: '1', name: 'stubby---' }], id: '0', extensions: { timestamp: 1633038919 } }], completed: [{ id: '0' }] },
    ],
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/HttpLink.ts › Multipart responses › subscriptions › whatwg stream bodies`,
    contentType: 'multipart/mixed',
    body: apolloSubscriptionsBody,
    writes: linesOf(apolloSubscriptionsBody),
    payloads: [redDie, blueDie],
  },
  {
    // Apollo emits a result carrying the errors as protocol errors, then completes; a reader that yields
    // payloads has no result to put them on, so it ends with TRANSPORT_ERROR holding those errors.
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/HttpLink.ts › Multipart responses › subscriptions › with errors`,
    contentType: 'multipart/mixed',
    body: apolloSubscriptionsBodyError,
    writes: linesOf(apolloSubscriptionsBodyError),
    payloads: [redDie],
    error: { code: 'TRANSPORT_ERROR', errors: errorField },
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/responseIterator.ts › multipart responses › can handle whatwg stream bodies (and with arbitrary splits)`,
    contentType: `multipart/mixed; boundary=${BOUNDARY}`,
    body: apolloBodyCustomBoundary,
    writes: linesOf(apolloBodyCustomBoundary),
    payloads: apolloIteratorResults,
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/responseIterator.ts › multipart responses › preserves UTF-8 code points split across byte chunks`,
    contentType: `multipart/mixed; boundary=${BOUNDARY}`,
    body: [
      `--${BOUNDARY}`,
      'Content-Type: application/json; charset=utf-8',
      '',
      '{"data":{"stub":{"id":"0"}},"hasNext":true}',
      `--${BOUNDARY}`,
      'Content-Type: application/json; charset=utf-8',
      '',
      '{"incremental":[{"data":{"name":"云主机😀"},"path":["stub"]}],"hasNext":false}',
      `--${BOUNDARY}--`,
    ].join('\r\n'),
    payloads: [apolloIteratorResults[0]!, { incremental: [{ data: { name: '云主机😀' }, path: ['stub'] }], hasNext: false }],
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/responseIterator.ts › final boundary handling › should handle final boundary correctly`,
    contentType: `multipart/mixed; boundary=${BOUNDARY}`,
    body: `${apolloFirstResultPart}--${BOUNDARY}--`,
    writes: [`${apolloFirstResultPart}--${BOUNDARY}`, '-', '-'],
    payloads: [apolloIteratorResults[0]!],
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/responseIterator.ts › final boundary handling › content after final boundary is ignored`,
    contentType: `multipart/mixed; boundary=${BOUNDARY}`,
    body: `${apolloFirstResultPart}--${BOUNDARY}--\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 43\r\n\r\n{"data":{"stub":{"id":"0"}},"hasNext":true}\r\n--${BOUNDARY}--`,
    payloads: [apolloIteratorResults[0]!],
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/responseIterator.ts › final boundary handling › link errors if stream is closed without final boundary`,
    contentType: `multipart/mixed; boundary=${BOUNDARY}`,
    body: `${apolloFirstResultPart}--${BOUNDARY}`,
    payloads: [apolloIteratorResults[0]!],
    error: { code: 'TRUNCATED' },
  },
  {
    // Apollo's test (it.failing) wants "Unsupported patch content type" for the foo/bar parts; but the
    // header names boundary gc0p4Jq0M2Yt08jU534c0p and the body is delimited by `---`, so no part is
    // ever found: the body holds no payload and ends early.
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/http/__tests__/responseIterator.ts › multipart responses › throws error on unsupported patch content type (bodyIncorrectChunkType)`,
    contentType: `multipart/mixed; boundary=${BOUNDARY}`,
    body: [
      `---`,
      'Content-Type: foo/bar; charset=utf-8',
      'Content-Length: 43',
      '',
      '{"data":{"stub":{"id":"0"}},"hasNext":true}',
      `---`,
      'Content-Type: foo/bar; charset=utf-8',
      'Content-Length: 58',
      '',
      '{"hasNext":false, "incremental": [{"data":{"name":"stubby"},"path":["stub"]}]}',
      `-----`,
    ].join('\r\n'),
    payloads: [],
    error: { code: 'TRUNCATED' },
  },
  {
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/core/__tests__/client.watchQuery/streamGraphQL17Alpha9.test.ts › merges cache updates that happen concurrently (mockDeferStreamGraphQL17Alpha9 framing)`,
    contentType: 'multipart/mixed; boundary="-"',
    body: apolloMockWrites([
      '{"data":{"friendList":[{"__typename":"Friend","id":"1","name":"Luke"}]},"pending":[{"id":"0","path":["friendList"]}],"hasNext":true}',
      '{"incremental":[{"items":[{"__typename":"Friend","id":"2","name":"Han"},{"__typename":"Friend","id":"3","name":"Leia"}],"id":"0"}],"completed":[{"id":"0"}],"hasNext":false}',
    ]).join(''),
    payloads: [
      { data: { friendList: [{ __typename: 'Friend', id: '1', name: 'Luke' }] }, pending: [{ id: '0', path: ['friendList'] }], hasNext: true },
      {
        incremental: [
          {
            items: [
              { __typename: 'Friend', id: '2', name: 'Han' },
              { __typename: 'Friend', id: '3', name: 'Leia' },
            ],
            id: '0',
          },
        ],
        completed: [{ id: '0' }],
        hasNext: false,
      },
    ],
  },
  {
    // As "with errors" above: Apollo reports the protocol errors on a result, we as TRANSPORT_ERROR.
    peer: 'Apollo Client 4',
    source: `${APOLLO_4} src/link/error/__tests__/index.ts › (mockMultipartSubscriptionStream: heartbeat, enqueuePayloadResult, enqueueProtocolErrors)`,
    contentType: 'multipart/mixed',
    body: apolloMockWrites([
      '{}',
      '{"payload":{"data":{"aNewDieWasCreated":{"die":{"color":"red","roll":1,"sides":4}}}}}',
      '{"payload":null,"errors":[{"message":"Error field","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}',
    ]).join(''),
    payloads: [redDie],
    error: { code: 'TRANSPORT_ERROR', errors: errorField },
  },

  // Apollo Client 3 (bodies and content types its 4.x tests no longer have)
  {
    peer: 'Apollo Client 3',
    source: `${APOLLO_3} src/link/http/__tests__/HttpLink.ts › Multipart responses › @defer › node stream bodies`,
    contentType: 'multipart/mixed;boundary="-";deferSpec=20220824',
    body: apolloDeferBody,
    writes: linesOf(apolloDeferBody),
    payloads: apolloDeferPayloads,
  },
  {
    // Apollo 3's link does not emit the bare {"hasNext":false} (its test expects one result); the
    // response holds it, and it is what says the response is complete.
    peer: 'Apollo Client 3',
    source: `${APOLLO_3} src/link/http/__tests__/HttpLink.ts › Multipart responses › @defer › whatwg stream bodies, final chunk of { hasNext: false }`,
    contentType: 'multipart/mixed;boundary="graphql";deferSpec=20220824',
    body: apolloFinalChunkOnlyHasNextFalse,
    writes: linesOf(apolloFinalChunkOnlyHasNextFalse),
    payloads: apolloFinalChunkPayloads,
  },
  {
    // The close delimiter, with no {"payload": null} before it, ends the subscription.
    peer: 'Apollo Client 3',
    source: 'apollographql/apollo-client@ec1b864 (release-3.8) src/link/http/__tests__/HttpLink.ts › Multipart responses › subscriptions › whatwg stream bodies',
    contentType: 'multipart/mixed',
    body: [
      '---',
      'Content-Type: application/json',
      '',
      '{}',
      '---',
      'Content-Type: application/json',
      '',
      '{"payload":{"data":{"aNewDieWasCreated":{"die":{"color":"red","roll":1,"sides":4}}}}}',
      '---',
      'Content-Type: application/json',
      '',
      '{}',
      '---',
      'Content-Type: application/json',
      '',
      '{"payload":{"data":{"aNewDieWasCreated":{"die":{"color":"blue","roll":2,"sides":5}}}}}',
      '-----',
    ].join('\r\n'),
    payloads: [redDie, blueDie],
  },
  {
    peer: 'Apollo Client 3',
    source: `${APOLLO_3} src/link/http/__tests__/responseIterator.ts › multipart responses › can handle node stream bodies (strings) with default boundary`,
    contentType: 'multipart/mixed',
    body: [
      `---`,
      'Content-Type: application/json; charset=utf-8',
      'Content-Length: 43',
      '',
      '{"data":{"stub":{"id":"0"}},"hasNext":true}',
      `---`,
      'Content-Type: application/json; charset=utf-8',
      'Content-Length: 58',
      '',
      '{"hasNext":false, "incremental": [{"data":{"name":"stubby"},"path":["stub"]}]}',
      `-----`,
    ].join('\r\n'),
    payloads: apolloIteratorResults,
  },
  {
    // As above, Apollo 3 expects only the first two; the third payload is the bare {"hasNext":false}.
    peer: 'Apollo Client 3',
    source: `${APOLLO_3} src/link/http/__tests__/responseIterator.ts › multipart responses › can handle node stream bodies (array buffers) with batched results`,
    contentType: 'multipart/mixed;boundary="graphql";deferSpec=20220824',
    body: apolloBatchedBody,
    writes: linesOf(apolloBatchedBody),
    payloads: [
      {
        data: {
          allProducts: [
            { delivery: { __typename: 'DeliveryEstimates' }, sku: 'federation', id: 'apollo-federation', __typename: 'Product' },
            { delivery: { __typename: 'DeliveryEstimates' }, sku: 'studio', id: 'apollo-studio', __typename: 'Product' },
          ],
        },
        hasNext: true,
      },
      {
        hasNext: true,
        incremental: [
          { data: estimates, path: ['allProducts', 0, 'delivery'] },
          { data: estimates, path: ['allProducts', 1, 'delivery'] },
        ],
      },
      { hasNext: false },
    ],
  },

  // urql
  {
    peer: 'urql',
    source: `${URQL} packages/core/src/internal/fetchSource.test.ts › on multipart/mixed › listens for more streamed responses`,
    contentType: 'multipart/mixed',
    body: urqlMultipart(steve).join(''),
    writes: urqlMultipart(steve),
    payloads: stevePayloads,
  },
  {
    peer: 'urql',
    source: `${URQL} packages/core/src/internal/fetchSource.test.ts › on multipart/mixed › unwraps the payload property on the first streamed response`,
    contentType: 'multipart/mixed',
    body: urqlMultipart(['{"payload":{"data":{"count":0,"__typename":"Subscription"}}}', '{"payload":{"data":{"count":1,"__typename":"Subscription"}}}', '{"hasNext":false}']).join(''),
    payloads: [{ data: { count: 0, __typename: 'Subscription' } }, { data: { count: 1, __typename: 'Subscription' } }, { hasNext: false }],
  },
  {
    peer: 'urql',
    source: `urql-graphql/urql@842cbaa packages/core/src/internal/fetchSource.test.ts › on multipart/mixed › listens for more responses (stream)`,
    contentType: 'multipart/mixed',
    body: urqlMultipart([
      '{"hasNext":true,"data":{"author":{"id":"1","name":"Steve","__typename":"Author","todos":[{"id":"1","text":"stream","__typename":"Todo"}]}}}',
      '{"incremental":[{"path":["author","todos",1],"data":{"id":"2","text":"defer","__typename":"Todo"}}],"hasNext":true}',
      '{"hasNext":false}',
    ]).join(''),
    payloads: [
      { hasNext: true, data: { author: { id: '1', name: 'Steve', __typename: 'Author', todos: [{ id: '1', text: 'stream', __typename: 'Todo' }] } } },
      { incremental: [{ path: ['author', 'todos', 1], data: { id: '2', text: 'defer', __typename: 'Todo' } }], hasNext: true },
      { hasNext: false },
    ],
  },
  {
    peer: 'urql',
    source: `${URQL} packages/core/src/internal/fetchSource.test.ts › on text/event-stream › listens for streamed responses`,
    contentType: 'text/event-stream',
    body: urqlEvents(steve).join(''),
    writes: urqlEvents(steve),
    payloads: stevePayloads,
  },
  {
    peer: 'urql',
    source: `${URQL} packages/core/src/internal/fetchSource.test.ts › on text/event-stream › merges deferred results on the root-type`,
    contentType: 'text/event-stream',
    body: urqlEvents([steve[0]!, '{"incremental":[{"path":[],"data":{"author":{"name":"Steve"}}}],"hasNext":true}', '{"hasNext":false}']).join(''),
    payloads: [stevePayloads[0]!, { incremental: [{ path: [], data: { author: { name: 'Steve' } } }], hasNext: true }, { hasNext: false }],
  },

  // meros
  {
    peer: 'meros',
    source: `${MEROS} test/suites/use-cases.ts › graphql defer query (preamble, wrap, makePart, tail from test/mocks.ts)`,
    contentType: 'multipart/mixed; boundary=-',
    body: `preamble\r\n---\r\n${merosPart(`{"data":{"user":{"id":"${merosUser}"}},"hasNext":true}`)}\r\n---\r\n${merosPart(merosDeferredJson)}\r\n-----\r\n`,
    payloads: [{ data: { user: { id: merosUser } }, hasNext: true }, merosDeferred],
  },

  // fetch-multipart-graphql
  ...relayRows('-'),
  ...relayRows(BOUNDARY),

  // graphql-sse (distinct connections mode: the handler's writes, from tests/__snapshots__/handler.test.ts.snap)
  {
    peer: 'graphql-sse',
    source: `${GRAPHQL_SSE} tests/handler.test.ts › distinct connections mode › should stream query operations to connected event stream and then disconnect (snapshots 1-3)`,
    contentType: 'text/event-stream; charset=utf-8',
    body: ':\n\nevent: next\ndata: {"data":{"getValue":"value"}}\n\nevent: complete\ndata:\n\n',
    writes: [':\n\n', 'event: next\ndata: {"data":{"getValue":"value"}}\n\n', 'event: complete\ndata:\n\n'],
    payloads: [{ data: { getValue: 'value' } }],
  },
  {
    peer: 'graphql-sse',
    source: `${GRAPHQL_SSE} tests/handler.test.ts › distinct connections mode › should stream subscription operations to connected event stream and then disconnect (snapshots 1-7)`,
    contentType: 'text/event-stream; charset=utf-8',
    body: [':\n\n', ...['Hi', 'Bonjour', 'Hola', 'Ciao', 'Zdravo'].map((greeting) => `event: next\ndata: {"data":{"greetings":"${greeting}"}}\n\n`), 'event: complete\ndata:\n\n'].join(''),
    payloads: ['Hi', 'Bonjour', 'Hola', 'Ciao', 'Zdravo'].map((greetings) => ({ data: { greetings } })),
  },

  // GraphQL Yoga
  {
    peer: 'GraphQL Yoga',
    source: `${YOGA} examples/defer-stream/__integration-tests__/defer-stream.spec.ts › Defer / Stream › defer (snapshot)`,
    contentType: 'multipart/mixed; boundary="-"',
    body: '\n---\nContent-Type: application/json; charset=utf-8\nContent-Length: 50\n\n{"data":{"fastField":"I am speed"},"hasNext":true}\n---\nContent-Type: application/json; charset=utf-8\nContent-Length: 78\n\n{"incremental":[{"data":{"slowField":"I am slow"},"path":[]}],"hasNext":false}\n-----\n',
    payloads: [
      { data: { fastField: 'I am speed' }, hasNext: true },
      { incremental: [{ data: { slowField: 'I am slow' }, path: [] }], hasNext: false },
    ],
  },
  {
    peer: 'GraphQL Yoga',
    source: `${YOGA} examples/defer-stream/__integration-tests__/defer-stream.spec.ts › Defer / Stream › stream (snapshot: 26 items, then a bare hasNext:false)`,
    contentType: 'multipart/mixed; boundary="-"',
    body: yogaBody([
      '{"data":{"alphabet":[]},"hasNext":true}',
      ...alphabet.map((letter, index) => `{"incremental":[{"items":["${letter}"],"path":["alphabet",${index}]}],"hasNext":true}`),
      '{"hasNext":false}',
    ]),
    payloads: [{ data: { alphabet: [] }, hasNext: true }, ...alphabet.map((letter, index) => ({ incremental: [{ items: [letter], path: ['alphabet', index] }], hasNext: true })), { hasNext: false }],
  },
  {
    peer: 'GraphQL Yoga',
    source: `${YOGA} packages/plugins/defer-stream/__tests__/defer-stream.spec.ts › should execute on defer directive (inline snapshot)`,
    contentType: 'multipart/mixed; boundary="-"',
    body: '\n---\nContent-Type: application/json; charset=utf-8\nContent-Length: 26\n\n{"data":{},"hasNext":true}\n---\nContent-Type: application/json; charset=utf-8\nContent-Length: 74\n\n{"incremental":[{"data":{"goodbye":"goodbye"},"path":[]}],"hasNext":false}\n-----\n',
    payloads: [
      { data: {}, hasNext: true },
      { incremental: [{ data: { goodbye: 'goodbye' }, path: [] }], hasNext: false },
    ],
  },
  {
    peer: 'GraphQL Yoga',
    source: `${YOGA} packages/plugins/defer-stream/__tests__/defer-stream.spec.ts › should execute on stream directive (inline snapshot)`,
    contentType: 'multipart/mixed; boundary="-"',
    body: '\n---\nContent-Type: application/json; charset=utf-8\nContent-Length: 44\n\n{"data":{"stream":["A","B"]},"hasNext":true}\n---\nContent-Type: application/json; charset=utf-8\nContent-Length: 68\n\n{"incremental":[{"items":["C"],"path":["stream",2]}],"hasNext":true}\n---\nContent-Type: application/json; charset=utf-8\nContent-Length: 17\n\n{"hasNext":false}\n-----\n',
    payloads: [{ data: { stream: ['A', 'B'] }, hasNext: true }, { incremental: [{ items: ['C'], path: ['stream', 2] }], hasNext: true }, { hasNext: false }],
  },
  {
    peer: 'GraphQL Yoga',
    source: `${YOGA} packages/graphql-yoga/__tests__/graphql-sse.spec.ts › Distinct connections mode › should issue pings while connected (inline snapshot)`,
    contentType: 'text/event-stream',
    body: ':\n\n:\n\n:\n\n:\n\nevent: complete\ndata:\n\n',
    payloads: [],
  },
  {
    peer: 'GraphQL Yoga',
    source: `${YOGA} packages/graphql-yoga/__tests__/graphql-sse.spec.ts › Distinct connections mode › should report errors through the stream (inline snapshot)`,
    contentType: 'text/event-stream',
    body: ':\n\nevent: next\ndata: {"errors":[{"message":"Cannot query field \\"nope\\" on type \\"Query\\".","locations":[{"line":1,"column":2}],"extensions":{"code":"GRAPHQL_VALIDATION_FAILED"}}]}\n\nevent: complete\ndata:\n\n',
    payloads: [{ errors: [{ message: 'Cannot query field "nope" on type "Query".', locations: [{ line: 1, column: 2 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }],
  },
  {
    peer: 'GraphQL Yoga',
    source: `${YOGA} packages/graphql-yoga/__tests__/subscriptions.spec.ts › (SSE subscription, pings before the first event: the chunks of its inline snapshot)`,
    contentType: 'text/event-stream',
    body: ':\n\n:\n\n:\n\nevent: next\ndata: {"data":{"hi":"hi"}}\n\nevent: complete\ndata:\n\n',
    writes: [':\n\n', ':\n\n', ':\n\n', 'event: next\ndata: {"data":{"hi":"hi"}}\n\n', 'event: complete\ndata:\n\n'],
    payloads: [{ data: { hi: 'hi' } }],
  },
  {
    peer: 'GraphQL Yoga',
    source: `${YOGA} packages/graphql-yoga/__tests__/subscriptions.spec.ts › (erroring event stream, masked: inline snapshot)`,
    contentType: 'text/event-stream',
    body: ':\n\nevent: next\ndata: {"data":{"hi":"hi"}}\n\nevent: next\ndata: {"errors":[{"message":"Unexpected error.","locations":[{"line":2,"column":11}],"extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}\n\nevent: complete\ndata:\n\n',
    payloads: [{ data: { hi: 'hi' } }, { errors: [{ message: 'Unexpected error.', locations: [{ line: 2, column: 11 }], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }],
  },
  {
    peer: 'GraphQL Yoga',
    source: `${YOGA} packages/graphql-yoga/__integration-tests__/incremental-delivery.spec.ts › should get subscription (the reads of its inline snapshots)`,
    contentType: 'text/event-stream',
    body: ':\n\nevent: next\ndata: {"data":{"counter":1}}\n\nevent: next\ndata: {"data":{"counter":2}}\n\nevent: complete\ndata:\n\n',
    writes: [':\n\n', 'event: next\ndata: {"data":{"counter":1}}\n\n', 'event: next\ndata: {"data":{"counter":2}}\n\n', 'event: complete\ndata:\n\n'],
    payloads: [{ data: { counter: 1 } }, { data: { counter: 2 } }],
  },

  // graphql-helix (Jest inline snapshots: LF line ends)
  {
    peer: 'graphql-helix',
    source: `${HELIX} packages/core/test/w3c.test.ts › should handle multipart responses (inline snapshot)`,
    contentType: 'multipart/mixed; boundary="-"',
    body: '---\nContent-Type: application/json; charset=utf-8\nContent-Length: 41\n\n{"data":{"hello":"world"},"hasNext":true}\n---\nContent-Type: application/json; charset=utf-8\nContent-Length: 56\n\n{"data":{"slowHello":"world"},"path":[],"hasNext":false}\n-----\n',
    payloads: [
      { data: { hello: 'world' }, hasNext: true },
      { data: { slowHello: 'world' }, path: [], hasNext: false },
    ],
  },
  {
    peer: 'graphql-helix',
    source: `${HELIX} packages/core/test/w3c.test.ts › should handle push responses (inline snapshot; no complete event)`,
    contentType: 'text/event-stream',
    body: 'data: {"data":{"countdown":3}}\n\ndata: {"data":{"countdown":2}}\n\ndata: {"data":{"countdown":1}}\n\ndata: {"data":{"countdown":0}}\n\n',
    payloads: [3, 2, 1, 0].map((countdown) => ({ data: { countdown } })),
  },
];

function expectRow(row: PeerBody, outcome: ReadOutcome, chunking: string): void {
  expect(outcome.payloads, chunking).toEqual(row.payloads);
  expect(outcome.errorCode, `${chunking}: ${String(outcome.error)}`).toBe(row.error?.code);
  if (row.error?.errors) expect(outcome.error, chunking).toMatchObject({ errors: row.error.errors });
}

/** The peer's own writes, as a chunking. */
function peerWrites(row: PeerBody): Chunking[] {
  return row.writes ? [{ name: 'the peer test’s writes', chunks: row.writes.map(utf8) }] : [];
}

describe.each(peerBodies.map((row) => [`${row.peer}: ${row.source}`, row] as const))('%s', (_name, row) => {
  const bytes = utf8(row.body);

  it('decodes to the payloads the peer expects: whole, byte by byte, every two-way split, seeded random, the peer’s writes', () => {
    for (const chunking of [...allChunkings(bytes, { seed: 11, count: 10 }), ...peerWrites(row)]) {
      expectRow(row, decodeChunks(row.contentType, chunking.chunks), chunking.name);
    }
  });

  it('reads the same through readPayloads on a Response', async () => {
    for (const chunking of [wholeBody(bytes), byteByByte(bytes), ...peerWrites(row)]) {
      expectRow(row, await readAll(chunkedResponse(row.contentType, chunking.chunks)), chunking.name);
    }
  });
});

it('has rows from every peer', () => {
  const counts: Record<string, number> = {};
  for (const row of peerBodies) counts[row.peer] = (counts[row.peer] ?? 0) + 1;
  expect(Object.keys(counts).sort()).toEqual(['Apollo Client 3', 'Apollo Client 4', 'GraphQL Yoga', 'fetch-multipart-graphql', 'graphql-helix', 'graphql-sse', 'meros', 'urql']);
});
