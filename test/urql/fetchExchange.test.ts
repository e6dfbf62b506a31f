/**
 * Side by side: urql's own `fetchExchange` (@urql/core 6.0.3) and incrementalExchange on the same
 * server streams. Each test asserts our result, and pins what `fetchExchange` gives today, so that the
 * table in packages/urql/README.md stays true: when urql changes, a test here fails and the table
 * gets updated.
 *
 * `fetchExchange` runs with urql's defaults. Its `Accept` lists `text/event-stream` before
 * `multipart/mixed`, so the graphql-js server answers it over SSE (current format unless forced); the
 * payloads are the same as over multipart, and urql merges them the same way.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createReassembler } from '@graphql-incremental/reassembler';
import type { Client } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeIncrementally, type ExecutorName } from '../support/executeIncrementally.js';
import { OPERATIONS } from '../support/operations.js';
import { faultUrl, startFaultServer, startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import { startTicketServer } from './ticketServer.js';
import { collectResults, createFetchExchangeClient, createRecordingFetch, createUrqlClient, view, type ResultView } from './urqlClient.js';

let current: RunningServer;
let legacy: RunningServer;
let faults: RunningServer;
beforeAll(async () => {
  current = await startGraphqlJsServer({ format: 'current' });
  legacy = await startGraphqlJsServer({ format: 'legacy' });
  faults = await startFaultServer({ writeDelayMs: 30 });
});
afterAll(async () => {
  await Promise.all([current.close(), legacy.close(), faults.close()]);
});

/** Every result of `query` as seen through `client`. */
async function resultsOf(client: Client, query: string, variables: Record<string, unknown> = {}): Promise<ResultView[]> {
  return (await collectResults(client.query(query, variables) as Parameters<typeof collectResults>[0])).map(view);
}

/** `fetchExchange`'s results and the `Content-Type` it was answered with. */
async function theirs(url: string, query: string, clientOptions: Parameters<typeof createFetchExchangeClient>[1] = {}) {
  const recording = createRecordingFetch();
  const results = await resultsOf(createFetchExchangeClient(url, { fetch: recording.fetch, ...clientOptions }), query);
  return { results, contentTypes: recording.contentTypes };
}

const ours = (url: string, query: string) => resultsOf(createUrqlClient(url), query);

describe('@stream in the current format (graphql-js 17)', () => {
  it('an async list: ours is the list; fetchExchange writes each item as key "0" of the parent, over the previous one', async () => {
    const query = '{ asyncColors @stream(initialCount: 1) }';
    expect((await ours(current.url, query)).at(-1)).toEqual({ data: { asyncColors: ['red', 'green', 'blue'] }, hasNext: false });
    expect(await theirs(current.url, query)).toEqual({
      contentTypes: ['text/event-stream'],
      results: [
        { data: { asyncColors: ['red'] }, hasNext: true },
        { data: { 0: 'green', asyncColors: ['red'] }, hasNext: true },
        { data: { 0: 'blue', asyncColors: ['red'] }, hasNext: true },
        { data: { 0: 'blue', asyncColors: ['red'] }, hasNext: false },
      ],
    });
  });

  it('a sync list (items batched in one payload): fetchExchange writes keys "0", "1" on the parent', async () => {
    const query = '{ colors @stream(initialCount: 1) }';
    expect((await ours(current.url, query)).at(-1)).toEqual({ data: { colors: ['red', 'green', 'blue'] }, hasNext: false });
    expect((await theirs(current.url, query)).results.at(-1)).toEqual({ data: { 0: 'green', 1: 'blue', colors: ['red'] }, hasNext: false });
  });

  it('the same stream in the 2022 format: both right', async () => {
    const query = '{ asyncColors @stream(initialCount: 1) }';
    const final = { data: { asyncColors: ['red', 'green', 'blue'] }, hasNext: false };
    expect((await ours(legacy.url, query)).at(-1)).toEqual(final);
    expect((await theirs(legacy.url, query)).results.at(-1)).toEqual(final);
  });
});

/**
 * The whole corpus: the last result's data and GraphQL error messages against what the same executor's
 * payloads reassemble to in-process (for error-free operations, that is plain execution). The pins
 * name the operations fetchExchange gets wrong today, and what it gets wrong.
 */
const THEIR_MISTAKES_CURRENT_FORMAT = {
  'sync-stream-batched': 'data',
  'sync-stream-default-initial-count': 'data',
  'async-stream': 'data',
  'async-stream-initial-count-0': 'data',
  'if-variable-true': 'data',
  'stream-in-defer': 'data',
  'async-stream-in-defer': 'data',
  'defer-in-stream': 'data',
  'defer-in-async-stream': 'data',
  'non-null-failure-in-defer': 'errors',
  'non-null-failure-beside-good-defer': 'errors',
  'nested-defer-child-fails': 'errors',
  'nullable-item-error': 'data',
  'non-null-item-failure-async': 'errors',
  'non-null-item-failure-sync': 'errors',
  'iterator-throws': 'data, errors',
  'nulled-stream-item-nested-defer': 'data',
  variables: 'data',
  'nested-list-stream': 'data',
  'stream-in-stream': 'data',
  'failing-defer-in-stream-items': 'data, errors',
  'nullable-errors-in-defer-in-stream': 'data',
  'big-combination': 'data',
  'overlap-stream-and-defer': 'data',
  'errors-everywhere': 'data, errors',
};

describe.each([
  ['current', '17.1.0 experimental', () => current, THEIR_MISTAKES_CURRENT_FORMAT],
  ['2022', '17.1.0 legacy', () => legacy, {}],
] as const)('the %s format over the whole corpus', (_format, executor: ExecutorName, server, theirMistakes: Readonly<Record<string, string>>) => {
  it(`ours: right on all ${OPERATIONS.length} operations; fetchExchange: wrong on ${Object.keys(theirMistakes).length}`, async () => {
    const mistakes = { ours: {} as Record<string, string>, theirs: {} as Record<string, string> };
    for (const operation of OPERATIONS) {
      const reassembler = createReassembler();
      reassembler.applyAll(await executeIncrementally(executor, operation));
      const expected = reassembler.current!;
      const expectedMessages = (expected.errors ?? []).map((error) => error.message);
      for (const [who, client] of [['ours', createUrqlClient(server().url)], ['theirs', createFetchExchangeClient(server().url)]] as const) {
        const last = (await resultsOf(client, operation.query, operation.variables)).at(-1)!;
        const wrong = [
          ...(JSON.stringify(last.data) === JSON.stringify(expected.data) ? [] : ['data']),
          ...(JSON.stringify((last.graphQLErrors ?? []).map((error) => error.message)) === JSON.stringify(expectedMessages) ? [] : ['errors']),
          ...(last.hasNext ? ['hasNext'] : []),
        ];
        if (wrong.length > 0) mistakes[who][operation.name] = wrong.join(', ');
      }
    }
    expect(mistakes).toEqual({ ours: {}, theirs: theirMistakes });
  });
});

describe('a response that breaks off after two parts (recorded graphql-js current-format stream)', () => {
  const query = '{ asyncColors @stream(initialCount: 1) }';
  const STREAMED = [
    { data: { asyncColors: ['red'] }, hasNext: true },
    { data: { asyncColors: ['red', 'green'] }, hasNext: true },
  ];

  it('the body ends cleanly: ours ends with a network error keeping the data; fetchExchange ends as if complete', async () => {
    const url = faultUrl(faults.url, { kind: 'premature-end', afterParts: 2 });
    expect(await ours(url, query)).toEqual([
      ...STREAMED,
      { data: { asyncColors: ['red', 'green'] }, hasNext: false, networkError: expect.objectContaining({ name: 'IncrementalError', code: 'TRUNCATED' }) },
    ]);
    expect((await theirs(url, query)).results).toEqual([
      { data: { asyncColors: ['red'] }, hasNext: true },
      { data: { 0: 'green', asyncColors: ['red'] }, hasNext: true },
      { data: { 0: 'green', asyncColors: ['red'] }, hasNext: false },
    ]);
  });

  it('the connection breaks mid-part: both end with a network error; fetchExchange\'s has no data', async () => {
    const url = faultUrl(faults.url, { kind: 'close-mid-part', afterParts: 2 });
    expect((await ours(url, query)).at(-1)).toEqual({
      data: { asyncColors: ['red', 'green'] },
      hasNext: false,
      networkError: expect.objectContaining({ name: 'IncrementalError', code: 'READ_FAILED' }),
    });
    expect((await theirs(url, query)).results.at(-1)).toEqual({ data: undefined, hasNext: false, networkError: { name: 'TypeError', message: 'terminated' } });
  });
});

describe('`completed` entries with errors (current format)', () => {
  it.each([
    ['a deferred fragment that fails', '{ hero { id ... @defer { failingNonNull } } }', { hero: { id: '1' } }, 'failingNonNull failed'],
    ['a stream whose item fails', '{ asyncNonNullColors @stream(initialCount: 1) }', { asyncNonNullColors: ['red'] }, expect.stringMatching(/^Cannot return null for non-nullable field/)],
  ])('%s: ours reports the error; fetchExchange drops it', async (_name, query, data, message) => {
    const last = (await ours(current.url, query)).at(-1);
    expect(last).toEqual({ data, hasNext: false, graphQLErrors: [expect.objectContaining({ message })] });
    expect((await theirs(current.url, query)).results.at(-1)).toEqual({ data, hasNext: false });
  });
});

describe('transports', () => {
  let crlf: RunningServer;
  let heartbeats: RunningServer;
  beforeAll(async () => {
    crlf = await startGraphqlJsServer({ sseLineEnding: '\r\n' });
    // A `{}` heartbeat every 5 ms, so the first part of a subscription is one.
    heartbeats = await startGraphqlJsServer({ heartbeatIntervalMs: 5 });
  });
  afterAll(async () => {
    await Promise.all([crlf.close(), heartbeats.close()]);
  });

  it('text/event-stream with CRLF line endings (Strawberry-like): ours reads it; fetchExchange fails with "No Content"', async () => {
    const query = '{ hero { id ... @defer { name } } }';
    expect((await resultsOf(createUrqlClient(crlf.url, { transport: 'event-stream' }), query)).at(-1)).toEqual({ data: { hero: { id: '1', name: 'Luke' } }, hasNext: false });
    const theirResults = await theirs(crlf.url, query);
    expect(theirResults).toEqual({ contentTypes: ['text/event-stream'], results: [{ data: undefined, hasNext: false, networkError: { name: 'Error', message: 'No Content' } }] });
  });

  it('a multipart subscription that starts with a heartbeat (Apollo Router): ours skips it; fetchExchange fails with "No Content"', async () => {
    const query = 'subscription { tick(count: 2, intervalMs: 40) { n } }';
    const ourClient = createUrqlClient(heartbeats.url, {}, { fetchSubscriptions: true });
    expect((await collectResults(ourClient.subscription(query, {}))).map(view).slice(0, 2)).toEqual([
      { data: { tick: { n: 0 } }, hasNext: true },
      { data: { tick: { n: 1 } }, hasNext: true },
    ]);
    // A Router speaks only multipart for subscriptions; urql asks for SSE first, so ask as a Router needs.
    const recording = createRecordingFetch();
    const theirClient = createFetchExchangeClient(heartbeats.url, {
      fetch: recording.fetch,
      fetchSubscriptions: true,
      fetchOptions: { headers: { accept: 'multipart/mixed;subscriptionSpec=1.0' } },
    });
    const theirResults = (await collectResults(theirClient.subscription(query, {}) as Parameters<typeof collectResults>[0])).map(view);
    expect(recording.contentTypes).toEqual([expect.stringMatching(/^multipart\/mixed;.*subscriptionSpec=1\.0/)]);
    expect(theirResults).toEqual([{ data: undefined, hasNext: false, networkError: { name: 'Error', message: 'No Content' } }]);
  });
});

describe('subscription events with errors in some events only (./ticketServer.ts)', () => {
  let tickets: RunningServer;
  beforeAll(async () => {
    tickets = await startTicketServer();
  });
  afterAll(() => tickets.close());

  it('ours: each event with its own errors; fetchExchange: an event\'s errors stay on the events after it', async () => {
    const query = 'subscription { numbers(count: 3) { n oddOut } }';
    const ODD = { message: '1 is odd', path: ['numbers', 'oddOut'] };
    const run = async (client: Client) => (await collectResults(client.subscription(query, {}) as Parameters<typeof collectResults>[0])).map(view);
    expect(await run(createUrqlClient(tickets.url, {}, { fetchSubscriptions: true }))).toEqual([
      { data: { numbers: { n: 0, oddOut: 'even' } }, hasNext: true },
      { data: { numbers: { n: 1, oddOut: null } }, hasNext: true, graphQLErrors: [ODD] },
      { data: { numbers: { n: 2, oddOut: 'even' } }, hasNext: true },
      { data: { numbers: { n: 2, oddOut: 'even' } }, hasNext: false },
    ]);
    expect(await run(createFetchExchangeClient(tickets.url, { fetchSubscriptions: true }))).toEqual([
      { data: { numbers: { n: 0, oddOut: 'even' } }, hasNext: true },
      { data: { numbers: { n: 1, oddOut: null } }, hasNext: true, graphQLErrors: [ODD] },
      { data: { numbers: { n: 2, oddOut: 'even' } }, hasNext: true, graphQLErrors: [ODD] },
      { data: { numbers: { n: 2, oddOut: 'even' } }, hasNext: false, graphQLErrors: [ODD] },
    ]);
  });
});

describe('`await client.query(…).toPromise()` of a @defer query in Node', () => {
  const script = fileURLToPath(new URL('./toPromiseInNode.ts', import.meta.url));
  const cwd = fileURLToPath(new URL('.', import.meta.url));

  /** Runs the script in a Node process of its own (the server stays in this one, so not execFileSync). */
  function runScript(exchange: 'ours' | 'fetchExchange'): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, ['--conditions=source', '--import', 'tsx', script, current.url, exchange], { cwd, encoding: 'utf8', timeout: 20_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it('ours: the data, and the process goes on; fetchExchange: the data, then the process dies of an unhandled AbortError', async () => {
    const [ourRun, theirRun] = await Promise.all([runScript('ours'), runScript('fetchExchange')]);
    const data = JSON.stringify({ hero: { id: '1', name: 'Luke' } });
    expect(ourRun).toEqual({ code: 0, stdout: data, stderr: '' });
    expect(theirRun).toMatchObject({ code: 1, stdout: data, stderr: expect.stringMatching(/AbortError/) });
  }, 30_000);
});
