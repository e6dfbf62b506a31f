/**
 * incrementalExchange in a real urql `Client` against real servers on 127.0.0.1: graphql-js 17.1 in
 * both formats (`experimentalExecuteIncrementally`, `legacyExecuteIncrementally`) and GraphQL Yoga 5
 * over multipart and text/event-stream.
 *
 * The oracle: for every operation of the shared corpus, the last result's data equals plain execution
 * without the directives (where the operation has no error), and data and errors equal what the same
 * executor's payloads reassemble to in-process.
 */
import { createReassembler } from '@graphql-incremental/reassembler';
import { cacheExchange, Client, fetchExchange, type ClientOptions, type Exchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { incrementalExchange } from '@graphql-incremental/urql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeIncrementally, executePlain, type ExecutorName, type WirePayload } from '../support/executeIncrementally.js';
import { OPERATIONS, type Operation } from '../support/operations.js';
import { startApolloServer, startGraphqlJsServer, startYogaServer, type RunningServer } from '../support/servers/index.js';
import { collectResults, createRecordingFetch, createUrqlClient, view, type ResultView } from './urqlClient.js';
import type { IncrementalExchangeOptions } from '@graphql-incremental/urql';

const plain = new Map<string, WirePayload>();
const errorFree: Operation[] = [];

beforeAll(async () => {
  for (const operation of OPERATIONS) {
    const result = await executePlain(operation);
    plain.set(operation.name, result);
    if (result['errors'] === undefined) errorFree.push(operation);
  }
  expect(errorFree.length).toBeGreaterThan(25);
});

/** Every result of `operation` through a fresh client over our exchange alone. */
async function run(url: string, operation: Operation, options: IncrementalExchangeOptions = {}): Promise<ResultView[]> {
  const client = createUrqlClient(url, options);
  return (await collectResults(client.query(operation.query, operation.variables ?? {}))).map(view);
}

/** The last result, after checking that every earlier one said `hasNext: true`. */
function expectFinal(results: readonly ResultView[], name: string): ResultView {
  expect(results.length, name).toBeGreaterThan(0);
  for (const result of results.slice(0, -1)) expect(result.hasNext, name).toBe(true);
  const last = results.at(-1)!;
  expect(last.hasNext, name).toBe(false);
  expect(last.networkError, name).toBeUndefined();
  return last;
}

/** What the same executor's payloads reassemble to in-process, and whether it streamed at all. */
async function inProcess(executor: ExecutorName, operation: Operation) {
  const payloads = await executeIncrementally(executor, operation);
  const reassembler = createReassembler();
  reassembler.applyAll(payloads);
  return { ...reassembler.current!, streamed: payloads.length > 1 };
}

describe.each([
  ['current', '17.1.0 experimental', /incrementalSpec=v0\.2/],
  ['2022', '17.1.0 legacy', /deferSpec=20220824/],
] as const)('graphql-js 17.1, %s format', (format, executor, contentType) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGraphqlJsServer();
  });
  afterAll(() => server.close());

  it.each(OPERATIONS.map((operation) => [operation.name, operation] as const))('%s: data and errors as in-process; the oracle', async (name, operation) => {
    const recording = createRecordingFetch();
    const last = expectFinal(await run(server.url, operation, { format, fetch: recording.fetch }), name);
    const expected = await inProcess(executor, operation);
    expect(last.data).toEqual(expected.data);
    expect(last.graphQLErrors ?? []).toEqual((expected.errors ?? []).map(({ message, path }) => (path ? { message, path } : { message })));
    const oracle = plain.get(name)!;
    if (oracle['errors'] === undefined) expect(last.data).toEqual(oracle['data']);
    // A streamed answer came in the asked format (a plain result is JSON).
    if (expected.streamed) expect(recording.contentTypes).toEqual([expect.stringMatching(contentType)]);
  });
});

describe('results while the server streams', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGraphqlJsServer();
  });
  afterAll(() => server.close());

  const QUERY = '{ hero { id name } ... @defer { wait(ms: 100) } ticks(count: 4, intervalMs: 40) @stream(initialCount: 1) }';
  const FINAL = { hero: { id: '1', name: 'Luke' }, wait: 'waited 100', ticks: [0, 1, 2, 3] };

  it.each(['current', '2022'] as const)('%s format: intermediate results with hasNext, the list growing, then the final one', async (format) => {
    const results = (await collectResults(createUrqlClient(server.url, { format }).query(QUERY, {}))).map(view);
    const message = results.map((result) => JSON.stringify(result)).join('\n');
    expect(results[0], message).toEqual({ data: { hero: { id: '1', name: 'Luke' }, ticks: [0] }, hasNext: true });
    expect(results.length, message).toBeGreaterThanOrEqual(3);
    const lengths = results.map((result) => (result.data as { ticks: number[] }).ticks.length);
    expect(lengths, message).toEqual([...lengths].sort((a, b) => a - b));
    expect(new Set(lengths).size, message).toBeGreaterThanOrEqual(3);
    expect(results.at(-1)).toEqual({ data: FINAL, hasNext: false });
    for (const result of results.slice(0, -1)) expect(result.hasNext).toBe(true);
  });

  it('with the document cache: results stream, then the same query is answered from the cache', async () => {
    const recording = createRecordingFetch();
    const client = new Client({ url: server.url, exchanges: [cacheExchange, incrementalExchange({ fetch: recording.fetch })] });
    const results = (await collectResults(client.query(QUERY, {}))).map(view);
    expect(results.length).toBeGreaterThanOrEqual(3);
    // The document cache adds `__typename` to the query it sends.
    expect(results.at(-1)).toEqual({ data: { ...FINAL, hero: { ...FINAL.hero, __typename: 'Hero' }, __typename: 'Query' }, hasNext: false });
    const again = await client.query(QUERY, {}).toPromise();
    expect(view(again)).toEqual(results.at(-1));
    expect(recording.requests).toHaveLength(1);
  });
});

describe.each([
  ['multipart', {}, /^multipart\/mixed/],
  ['text/event-stream', { transport: 'event-stream' }, /^text\/event-stream/],
] as const)('GraphQL Yoga 5 over %s', (_name, options: IncrementalExchangeOptions, contentType) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startYogaServer();
  });
  afterAll(() => server.close());

  it('reassembles the error-free corpus to plain execution', async () => {
    const recording = createRecordingFetch();
    let intermediate = 0;
    for (const operation of errorFree) {
      const results = await run(server.url, operation, { ...options, fetch: recording.fetch });
      const last = expectFinal(results, operation.name);
      intermediate += results.length - 1;
      expect(last.data, operation.name).toEqual(plain.get(operation.name)!['data']);
      expect(last.graphQLErrors, operation.name).toBeUndefined();
    }
    expect(intermediate).toBeGreaterThan(0);
    expect(recording.contentTypes.filter((type) => contentType.test(type)).length).toBeGreaterThan(errorFree.length / 2);
  });

  it('streams a deferred field and a list', async () => {
    const recording = createRecordingFetch();
    const client = createUrqlClient(server.url, { ...options, fetch: recording.fetch });
    const results = (await collectResults(client.query('{ hero { id } ... @defer { wait(ms: 80) } ticks(count: 3, intervalMs: 30) @stream(initialCount: 1) }', {}))).map(view);
    expect(recording.contentTypes).toEqual([expect.stringMatching(contentType)]);
    expect(results[0]).toEqual({ data: { hero: { id: '1' }, ticks: [0] }, hasNext: true });
    expect(results.length).toBeGreaterThanOrEqual(3);
    expect(results.at(-1)).toEqual({ data: { hero: { id: '1' }, wait: 'waited 80', ticks: [0, 1, 2] }, hasNext: false });
  });
});

describe('a client\'s and an operation\'s options', () => {
  let server: RunningServer;
  let other: RunningServer;
  beforeAll(async () => {
    server = await startGraphqlJsServer();
    other = await startGraphqlJsServer();
  });
  afterAll(async () => {
    await Promise.all([server.close(), other.close()]);
  });

  const QUERY = '{ hero { id ... @defer { name } } }';

  it('merges headers: fetchOptions < headers < the client\'s fetchOptions (object or function) < the operation\'s', async () => {
    const recording = createRecordingFetch();
    let clientOptionCalls = 0;
    const client = createUrqlClient(
      server.url,
      {
        fetch: recording.fetch,
        fetchOptions: () => ({ headers: { 'x-exchange-options': 'yes', 'x-winner': 'exchange fetchOptions' }, cache: 'no-store' }),
        headers: { 'x-exchange-headers': 'yes', 'x-winner': 'exchange headers' },
      },
      {
        fetchOptions: () => {
          clientOptionCalls++;
          return { headers: [['x-client', 'yes'], ['x-winner', 'client']] };
        },
      },
    );
    await client.query(QUERY, {}).toPromise();
    // Once per request, as fetchExchange calls it.
    expect(clientOptionCalls).toBe(1);
    await client.query(QUERY, {}, { requestPolicy: 'network-only', fetchOptions: { headers: { 'x-winner': 'operation' } } }).toPromise();
    const [first, second] = recording.requests;
    expect(first!.method).toBe('POST');
    expect(Object.fromEntries(first!.headers)).toEqual({
      accept: expect.stringMatching(/^multipart\/mixed;incrementalSpec=v0\.2/),
      'content-type': 'application/json',
      'x-client': 'yes',
      'x-exchange-headers': 'yes',
      'x-exchange-options': 'yes',
      'x-winner': 'client',
    });
    // The operation's context replaces the client's fetchOptions, as in urql.
    expect(second!.headers.get('x-winner')).toBe('operation');
    expect(second!.headers.get('x-client')).toBeNull();
    expect(second!.headers.get('x-exchange-headers')).toBe('yes');
  });

  it('sends the request fetchExchange sends, Accept aside: GET within the URL limit, POST otherwise, uploads as form data', async () => {
    /** The requests `exchange` makes for `run`, as comparable data (Accept left out). */
    const requests = async (exchange: Exchange, options: Partial<ClientOptions>, run: (client: Client) => Promise<unknown>) => {
      const seen: { url: string; init: RequestInit }[] = [];
      // The response is read whole first: fetchExchange aborts a finished response, and in Node the
      // AbortError of its read then goes unhandled (see fetchExchange.test.ts).
      const recording: typeof fetch = async (input, init) => {
        seen.push({ url: String(input), init: init ?? {} });
        const response = await fetch(input, init);
        return new Response(await response.arrayBuffer(), { status: response.status, headers: response.headers });
      };
      await run(new Client({ url: server.url, exchanges: [exchange], fetch: recording, ...options }));
      return Promise.all(
        seen.map(async ({ url, init }) => {
          const headers = Object.fromEntries(new Headers(init.headers));
          delete headers['accept'];
          const form = init.body instanceof FormData ? [...init.body] : undefined;
          const body = form ? await Promise.all(form.map(async ([name, value]) => [name, typeof value === 'string' ? value : await value.text()])) : init.body;
          return { url, method: init.method, headers, body, cache: init.cache };
        }),
      );
    };
    const cases: [string, Partial<ClientOptions>, (client: Client) => Promise<unknown>][] = [
      ['a query', { fetchOptions: { cache: 'no-store' } }, (client) => client.query('query Hero($id: ID!) { heroById(id: $id) { name } }', { id: '2' }).toPromise()],
      ['a query too long for a URL', {}, (client) => client.query(`{ hero { id ${'name '.repeat(500)}} }`, {}).toPromise()],
      ['preferGetMethod: false', { preferGetMethod: false }, (client) => client.query(QUERY, {}).toPromise()],
      ['a mutation with a file', {}, (client) => client.mutation('mutation Upload($file: Upload!) { upload(file: $file) }', { file: new Blob(['contents']) }).toPromise()],
    ];
    const ours = [];
    for (const [name, options, run] of cases) {
      const [mine, theirs] = [await requests(incrementalExchange(), options, run), await requests(fetchExchange, options, run)];
      expect(mine, name).toEqual(theirs);
      expect(mine, name).toHaveLength(1);
      ours.push(mine[0]!);
    }
    expect(ours.map((request) => request.method)).toEqual(['GET', 'POST', 'POST', 'POST']);
    // An operation with @defer or @stream is POSTed unless GET is forced: not every server streams to a GET.
    const deferred = (client: Client) => client.query(QUERY, {}).toPromise();
    const [mine] = await requests(incrementalExchange(), {}, deferred);
    const [theirs] = await requests(fetchExchange, {}, deferred);
    expect([mine!.method, theirs!.method]).toEqual(['POST', 'GET']);
    const [forced] = await requests(incrementalExchange(), { preferGetMethod: 'force' }, deferred);
    expect(forced!.method).toBe('GET');
    expect(ours[0]).toMatchObject({ cache: 'no-store', body: undefined });
    expect(new URL(ours[0]!.url).searchParams.get('operationName')).toBe('Hero');
    expect(ours[3]!.body).toEqual(expect.arrayContaining([['0', 'contents']]));
  });

  it('uses the operation\'s url and the client\'s fetch, over the exchange\'s', async () => {
    const exchangeFetch = createRecordingFetch();
    const clientFetch = createRecordingFetch();
    const client = createUrqlClient(server.url, { fetch: exchangeFetch.fetch }, { fetch: clientFetch.fetch });
    const result = await client.query(QUERY, {}, { url: other.url }).toPromise();
    expect(view(result)).toEqual({ data: { hero: { id: '1', name: 'Luke' } }, hasNext: false });
    expect(clientFetch.requests.map((request) => request.url.split('?')[0])).toEqual([other.url]);
    expect(exchangeFetch.requests).toEqual([]);
  });

  it('format, transport: ask for what the exchange says', async () => {
    for (const [options, contentType] of [
      [{ format: '2022' }, /deferSpec=20220824/],
      [{ transport: 'event-stream' }, /^text\/event-stream/],
    ] as const) {
      const recording = createRecordingFetch();
      const result = await createUrqlClient(server.url, { ...options, fetch: recording.fetch }).query(QUERY, {}).toPromise();
      expect(view(result)).toEqual({ data: { hero: { id: '1', name: 'Luke' } }, hasNext: false });
      expect(recording.contentTypes).toEqual([expect.stringMatching(contentType)]);
    }
  });

  it('a persisted-query hash goes alone, as urql sends it; against Apollo Server, persistedExchange retries a miss with the query', async () => {
    const apollo = await startApolloServer();
    try {
      const recording = createRecordingFetch();
      const client = new Client({
        url: apollo.url,
        preferGetMethod: false,
        exchanges: [persistedExchange({ preferGetForPersistedQueries: false }), incrementalExchange({ fetch: recording.fetch })],
      });
      const first = await client.query(QUERY, {}).toPromise();
      expect(view(first)).toEqual({ data: { hero: { id: '1', name: 'Luke' } }, hasNext: false });
      const again = await client.query(QUERY, {}, { requestPolicy: 'network-only' }).toPromise();
      expect(view(again)).toEqual({ data: { hero: { id: '1', name: 'Luke' } }, hasNext: false });
      // The hash alone (PersistedQueryNotFound), the hash with the query, then the hash alone again.
      const hash = expect.stringMatching(/^[0-9a-f]{64}$/) as unknown;
      expect(recording.requests.map((request) => [typeof request.body['query'], request.body['extensions']])).toEqual([
        ['undefined', { persistedQuery: { version: 1, sha256Hash: hash } }],
        ['string', { persistedQuery: { version: 1, sha256Hash: hash, miss: true } }],
        ['undefined', { persistedQuery: { version: 1, sha256Hash: hash } }],
      ]);
    } finally {
      await apollo.close();
    }
  });

  it('a GraphQL request error (validation, a 400 with a JSON body) gives graphQLErrors, as with fetchExchange', async () => {
    const ours = await createUrqlClient(server.url).query('{ nope }', {}).toPromise();
    const theirs = await new Client({ url: server.url, exchanges: [fetchExchange] }).query('{ nope }', {}).toPromise();
    expect(view(ours)).toEqual({ data: undefined, hasNext: false, graphQLErrors: [{ message: expect.stringMatching(/nope/) as unknown }] });
    expect(view(ours)).toEqual(view(theirs));
    expect([ours.error?.response?.status, theirs.error?.response?.status]).toEqual([400, 400]);
  });
});
