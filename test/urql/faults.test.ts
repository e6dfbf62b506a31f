/**
 * Responses that break: what a urql `Client` over incrementalExchange delivers. The fault server
 * replays a recorded `asyncColors @stream(initialCount: 1)` response (red, green, blue) from graphql-js
 * in either format and breaks it after two parts; a live graphql-js response is cut by the `fetch`.
 *
 * The contract: every result that was complete before the problem is delivered with `hasNext: true`;
 * then one last result with `hasNext: false` whose `error.networkError` is our `IncrementalError` (with
 * its `code`) and which keeps the data and GraphQL errors received so far. Never a result that says
 * the response ended well when it did not.
 */
import { IncrementalError } from '@graphql-incremental/urql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultUrl, startFaultServer, startGraphqlJsServer, type Fault, type RunningServer } from '../support/servers/index.js';
import { collectResults, createUrqlClient, view } from './urqlClient.js';

const RECORDINGS = {
  current: 'graphql-js-current-multipart-async-stream',
  '2022': 'graphql-js-legacy-multipart-async-stream',
} as const;
type Format = keyof typeof RECORDINGS;

const servers = {} as Record<Format, RunningServer>;
beforeAll(async () => {
  // 30 ms between parts: each part is a result of its own.
  servers.current = await startFaultServer({ recording: RECORDINGS.current, writeDelayMs: 30 });
  servers['2022'] = await startFaultServer({ recording: RECORDINGS['2022'], writeDelayMs: 30 });
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

const COLORS = '{ asyncColors @stream(initialCount: 1) }';

async function resultsOf(format: Format, fault: Fault) {
  const client = createUrqlClient(faultUrl(servers[format].url, fault));
  return collectResults(client.query(COLORS, {}));
}

describe.each(Object.keys(RECORDINGS) as Format[])('recorded graphql-js stream, %s format', (format) => {
  it('unbroken: red, green, blue, then the end', async () => {
    const results = (await resultsOf(format, { kind: 'none' })).map(view);
    expect(results.at(-1)).toEqual({ data: { asyncColors: ['red', 'green', 'blue'] }, hasNext: false });
  });

  it.each([
    ['premature-end', 'TRUNCATED', /^the body ended after a payload with "hasNext": true$/],
    ['close-mid-part', 'READ_FAILED', /^reading the body failed: /],
  ] as const)('%s after two parts: both delivered, then a network error (%s) keeping them', async (kind, code, message) => {
    const results = await resultsOf(format, { kind, afterParts: 2 });
    expect(results.map(view)).toEqual([
      { data: { asyncColors: ['red'] }, hasNext: true },
      { data: { asyncColors: ['red', 'green'] }, hasNext: true },
      { data: { asyncColors: ['red', 'green'] }, hasNext: false, networkError: { name: 'IncrementalError', code, message: expect.stringMatching(message) } },
    ]);
    const { error } = results.at(-1)!;
    expect(error?.name).toBe('CombinedError');
    expect(error?.networkError).toBeInstanceOf(IncrementalError);
    expect(error?.message).toBe(`[Network] ${error?.networkError?.message}`);
  });

  it('a 500 with a text body: a network error with the status, no data', async () => {
    const results = await resultsOf(format, { kind: 'status-500', body: 'text' });
    expect(results.map(view)).toEqual([
      { data: undefined, hasNext: false, networkError: { name: 'IncrementalError', code: 'HTTP_STATUS', message: expect.stringMatching(/^the server answered 500/) } },
    ]);
    expect(results[0]!.error?.networkError).toMatchObject({ status: 500 });
    // As fetchExchange sets it: apps check `error.response.status` (authExchange's didAuthError, say).
    expect((results[0]!.error?.response as Response | undefined)?.status).toBe(500);
  });

  it('a 500 with a JSON body of GraphQL errors: those errors, as fetchExchange reads them', async () => {
    const results = await resultsOf(format, { kind: 'status-500', body: 'json' });
    expect(results.map(view)).toEqual([{ data: undefined, hasNext: false, graphQLErrors: [{ message: expect.any(String) as unknown }] }]);
    expect((results[0]!.error?.response as Response | undefined)?.status).toBe(500);
  });

  it('garbage after two parts: a network error after them', async () => {
    const results = (await resultsOf(format, { kind: 'garbage-after-parts', afterParts: 2 })).map(view);
    expect(results.slice(0, -1)).toEqual([
      { data: { asyncColors: ['red'] }, hasNext: true },
      { data: { asyncColors: ['red', 'green'] }, hasNext: true },
    ]);
    expect(results.at(-1)).toMatchObject({ data: { asyncColors: ['red', 'green'] }, hasNext: false, networkError: { name: 'IncrementalError' } });
  });
});

describe('a live response cut short', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGraphqlJsServer();
  });
  afterAll(() => server.close());

  /** A `fetch` whose response body ends cleanly after `chunks` network chunks (and cancels the rest). */
  function cuttingFetch(chunks: number): typeof fetch {
    return async (input, init) => {
      const response = await fetch(input, init);
      const reader = response.body!.getReader();
      let left = chunks;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          controller.enqueue(value);
          if (--left === 0) {
            controller.close();
            await reader.cancel();
          }
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
  }

  it('keeps the GraphQL errors received before the cut next to the network error', async () => {
    const client = createUrqlClient(server.url, { fetch: cuttingFetch(3) });
    const results = (await collectResults(client.query('{ hero { id failingField } ticks(count: 100, intervalMs: 20) @stream(initialCount: 1) }', {}))).map(view);
    const failingField = { message: 'failingField failed', path: ['hero', 'failingField'] };
    expect(results.length).toBeGreaterThanOrEqual(2);
    for (const result of results.slice(0, -1)) expect(result).toMatchObject({ hasNext: true, graphQLErrors: [failingField] });
    const last = results.at(-1)!;
    expect(last).toMatchObject({ hasNext: false, graphQLErrors: [failingField], networkError: { name: 'IncrementalError', code: 'TRUNCATED' } });
    expect(last.data).toEqual(results.at(-2)!.data);
    expect((last.data as { ticks: number[] }).ticks.length).toBeGreaterThan(0);
  });
});
