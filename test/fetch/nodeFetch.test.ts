/**
 * node-fetch 2 (what cross-fetch and isomorphic-fetch run in Node) and node-fetch 3 give a `Response`
 * whose `body` is a Node `Readable`, not a web `ReadableStream`. Node SDKs pass them as `fetch`; the
 * reader must read them as it reads a web stream, and cancel them as promptly. Against graphql-js 17
 * on 127.0.0.1.
 */
import { ApolloClient, ApolloLink, InMemoryCache, gql } from '@apollo/client';
import { IncrementalHttpLink } from '@graphql-incremental/apollo-link';
import { fetchIncremental, type FetchResult } from '@graphql-incremental/fetch';
import { readPayloads } from '@graphql-incremental/reader';
import nodeFetch3 from 'node-fetch-3';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executePlain } from '../support/executeIncrementally.js';
import { OPERATIONS, type Operation } from '../support/operations.js';
import { countActiveTickSources, faultUrl, startFaultServer, startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import { recordedPayloads, sleep, waitFor, within } from './support-faults.js';

// node-fetch 2 ships no types; both are called as the global fetch is.
const nodeFetch2 = createRequire(import.meta.url)('node-fetch') as typeof fetch;

const FETCHES = [
  ['node-fetch 2', nodeFetch2],
  ['node-fetch 3', nodeFetch3 as unknown as typeof fetch],
] as const;

let server: RunningServer;
let faults: RunningServer;
const errorFree: { operation: Operation; data: unknown }[] = [];

beforeAll(async () => {
  [server, faults] = await Promise.all([startGraphqlJsServer(), startFaultServer()]);
  for (const operation of OPERATIONS) {
    const result = await executePlain(operation);
    if (result['errors'] === undefined) errorFree.push({ operation, data: result['data'] });
  }
});
afterAll(() => Promise.all([server.close(), faults.close()]));

describe.each(FETCHES)('%s', (_name, nodeFetch) => {
  it('reassembles the error-free corpus to plain execution, in both formats and over SSE', async () => {
    expect(errorFree.length).toBeGreaterThan(25);
    // The Content-Type answered shows that node-fetch sent our Accept header.
    const answers = [
      [{ format: 'current' }, /^multipart\/mixed.*incrementalSpec=v0\.2|^application\/(graphql-response\+)?json/],
      [{ format: '2022' }, /^multipart\/mixed.*deferSpec=20220824|^application\/(graphql-response\+)?json/],
      [{ transport: 'event-stream' }, /^text\/event-stream|^application\/(graphql-response\+)?json/],
    ] as const;
    for (const [init, contentType] of answers) {
      for (const { operation, data } of errorFree) {
        const request = { query: operation.query, ...(operation.variables === undefined ? {} : { variables: operation.variables }) };
        const results: FetchResult<Record<string, unknown>>[] = [];
        let answered = '';
        const onResponse = (response: Response) => void (answered = response.headers.get('content-type') ?? '');
        for await (const result of fetchIncremental(server.url, request, { ...init, fetch: nodeFetch, onResponse, signal: AbortSignal.timeout(10_000) })) results.push(result);
        expect(results.at(-1), `${operation.name} (${JSON.stringify(init)})`).toMatchObject({ data, hasNext: false });
        expect(answered, operation.name).toMatch(contentType);
      }
    }
  });

  it('reads the same payloads as through the global fetch', async () => {
    const read = async (fetcher: typeof fetch) => {
      const payloads: unknown[] = [];
      for await (const payload of readPayloads(await fetcher(faults.url, { method: 'POST', body: '{}' }))) payloads.push(payload);
      return payloads;
    };
    expect(await read(nodeFetch)).toEqual(recordedPayloads());
    expect(await read(fetch)).toEqual(recordedPayloads());
  });

  it('break after the first results disconnects: the server releases its source', async () => {
    const query = '{ ticks(count: 100000, intervalMs: 10) @stream(initialCount: 0) }';
    let seen = 0;
    for await (const result of fetchIncremental<{ ticks: number[] }>(server.url, { query }, { fetch: nodeFetch })) {
      expect(result.hasNext).toBe(true);
      if (++seen === 3) break;
    }
    // The stream would run for 1000 s; only a disconnect makes the server release its source.
    await waitFor(() => countActiveTickSources() === 0, 3000, 'the server released its tick source');
  });

  it('return() while a read is pending on a stalled response ends at once', async () => {
    const iterator = fetchIncremental(faultUrl(faults.url, { kind: 'stall', afterParts: 1 }), { query: '{ a }' }, { fetch: nodeFetch });
    await within(iterator.next(), 2000, 'the first result');
    const pending = iterator.next().catch((error: unknown) => error);
    await sleep(50);
    await expect(within(iterator.return!(), 500, 'return()')).resolves.toEqual({ done: true, value: undefined });
    await within(pending, 500, 'the pending next()');
  });

  it('readPayloads: return() while a read is pending on a stalled response ends at once', async () => {
    const response = await nodeFetch(faultUrl(faults.url, { kind: 'stall', afterParts: 1 }), { method: 'POST', body: '{}' });
    const payloads = readPayloads(response);
    await within(payloads.next(), 2000, 'the first payload');
    const pending = payloads.next().catch((error: unknown) => error);
    await sleep(50);
    await within(payloads.return(), 500, 'return()');
    await within(pending, 500, 'the pending next()');
  });

  it('an abort rejects with the signal reason, mid-response', async () => {
    const controller = new AbortController();
    const reason = new Error('stop');
    const iterator = fetchIncremental(faultUrl(faults.url, { kind: 'stall', afterParts: 1 }), { query: '{ a }' }, { fetch: nodeFetch, signal: controller.signal });
    await within(iterator.next(), 2000, 'the first result');
    const next = iterator.next();
    controller.abort(reason);
    await expect(within(next, 500, 'the aborted next()')).rejects.toBe(reason);
  });

  it('a 500 is HTTP_STATUS with its body', async () => {
    const iterator = fetchIncremental(faultUrl(faults.url, { kind: 'status-500', body: 'text' }), { query: '{ a }' }, { fetch: nodeFetch });
    await expect(iterator.next()).rejects.toMatchObject({ code: 'HTTP_STATUS', status: 500, body: expect.stringMatching(/./) as unknown });
  });

  it('IncrementalHttpLink with it as fetch: the merged deferred result', async () => {
    const link = new IncrementalHttpLink({ uri: server.url, fetch: nodeFetch });
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const text = '{ hero { id ... @defer { name } } }';
    const results: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      ApolloLink.execute(link, { query: gql(text) }, { client }).subscribe({ next: (result) => results.push(result), error: reject, complete: resolve });
    });
    expect(results.at(-1)).toMatchObject({ data: (await executePlain({ query: text }))['data'], hasNext: false });
  });
});
