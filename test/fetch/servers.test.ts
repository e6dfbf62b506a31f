/**
 * fetchIncremental end to end against real servers on 127.0.0.1: graphql-js 17.1 (ours, both formats,
 * every framing, SSE), GraphQL Yoga 5 (multipart and SSE) and Apollo Server 5 (both formats). For every
 * server and the shared corpus, the oracle: the final data equals plain execution without the
 * directives, for every operation whose plain execution has no error (where an error cannot take back
 * data already delivered, the results legitimately differ: see test/reassembler/oracle.test.ts).
 */
import { createReassembler } from '@graphql-incremental/reassembler';
import { fetchIncremental, type FetchIncrementalInit, type FetchResult } from '@graphql-incremental/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeIncrementally, executePlain, type ExecutorName, type WirePayload } from '../support/executeIncrementally.js';
import { OPERATIONS, type Operation } from '../support/operations.js';
import {
  FRAMING_NAMES,
  startApolloServer,
  startGraphqlJsServer,
  startYogaServer,
  type RunningServer,
} from '../support/servers/index.js';

const plain = new Map<string, WirePayload>();
const errorFree: Operation[] = [];

beforeAll(async () => {
  for (const operation of OPERATIONS) {
    const result = await executePlain(operation);
    plain.set(operation.name, result);
    if (result['errors'] === undefined) errorFree.push(operation);
  }
  // The oracle would prove little over a handful of trivial operations.
  expect(errorFree.length).toBeGreaterThan(25);
});

/** Runs one operation through fetchIncremental; returns every result, each deep-frozen on arrival. */
async function run(url: string, operation: Operation, init: FetchIncrementalInit = {}): Promise<FetchResult<Record<string, unknown>>[]> {
  const results: FetchResult<Record<string, unknown>>[] = [];
  const request = { query: operation.query, ...(operation.variables === undefined ? {} : { variables: operation.variables }) };
  for await (const result of fetchIncremental(url, request, { ...init, signal: AbortSignal.timeout(10_000) })) {
    results.push(deepFreeze(result));
  }
  return results;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

function expectFinal(results: readonly FetchResult<Record<string, unknown>>[]) {
  expect(results.length).toBeGreaterThan(0);
  const last = results[results.length - 1]!;
  expect(last.hasNext).toBe(false);
  expect(last.pending).toEqual([]);
  for (const result of results.slice(0, -1)) expect(result.hasNext).toBe(true);
  return last;
}

/** What the same executor's payloads reassemble to in-process: the HTTP path must not change anything. */
async function inProcess(executor: ExecutorName, operation: Operation) {
  const reassembler = createReassembler();
  reassembler.applyAll(await executeIncrementally(executor, operation));
  return reassembler.current!;
}

describe.each([
  ['current', '17.1.0 experimental'],
  ['2022', '17.1.0 legacy'],
] as const)('graphql-js 17.1, %s format', (format, executor) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGraphqlJsServer();
  });
  afterAll(() => server.close());

  it.each(OPERATIONS.map((operation) => [operation.name, operation] as const))('%s: same data and errors as in-process', async (_name, operation) => {
    const last = expectFinal(await run(server.url, operation, { format }));
    const expected = await inProcess(executor, operation);
    expect(last.data).toEqual(expected.data);
    expect(last.errors).toEqual(expected.errors);
    expect(last.failed).toEqual(expected.failed);
    const oracle = plain.get(operation.name)!;
    if (oracle['errors'] === undefined) expect(last.data).toEqual(oracle['data']);
  });
});

describe.each(FRAMING_NAMES.map((framing) => [framing] as const))('graphql-js 17.1, %s framing', (framing) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGraphqlJsServer({ framing });
  });
  afterAll(() => server.close());

  it('reassembles the error-free corpus to plain execution, in both formats', async () => {
    for (const format of ['current', '2022'] as const) {
      for (const operation of errorFree) {
        const last = expectFinal(await run(server.url, operation, { format }));
        expect(last.data, `${operation.name} (${format})`).toEqual(plain.get(operation.name)!['data']);
      }
    }
  });
});

describe('graphql-js 17.1 over text/event-stream', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGraphqlJsServer();
  });
  afterAll(() => server.close());

  it('reassembles the error-free corpus to plain execution', async () => {
    for (const operation of errorFree) {
      const last = expectFinal(await run(server.url, operation, { transport: 'event-stream' }));
      expect(last.data, operation.name).toEqual(plain.get(operation.name)!['data']);
    }
  });
});

describe.each([
  ['GraphQL Yoga 5, multipart', () => startYogaServer(), {}, /^multipart\/mixed/],
  ['GraphQL Yoga 5, text/event-stream', () => startYogaServer(), { transport: 'event-stream' }, /^text\/event-stream/],
  ['Apollo Server 5, current format (graphql 17.0.0-alpha.9)', () => startApolloServer(), { format: 'current' }, /incrementalSpec=v0\.2/],
  ['Apollo Server 5, 2022 format (legacy executor)', () => startApolloServer(), { format: '2022' }, /deferSpec=20220824/],
] as const)('%s', (_name, start, options: FetchIncrementalInit, streamedContentType: RegExp) => {
  let server: RunningServer;
  const contentTypes: string[] = [];
  // Records what the server answered, to prove the default Accept negotiated the intended format.
  const recordingFetch: typeof fetch = async (input, requestInit) => {
    const response = await fetch(input, requestInit);
    contentTypes.push(response.headers.get('content-type') ?? '');
    return response;
  };
  const init: FetchIncrementalInit = { ...options, fetch: recordingFetch };
  beforeAll(async () => {
    server = await start();
  });
  afterAll(() => server.close());

  it('reassembles the error-free corpus to plain execution', async () => {
    let intermediate = 0;
    for (const operation of errorFree) {
      const results = await run(server.url, operation, init);
      const last = expectFinal(results);
      intermediate += results.length - 1;
      expect(last.data, operation.name).toEqual(plain.get(operation.name)!['data']);
      expect(last.errors, operation.name).toBeUndefined();
    }
    // The server really streamed: intermediate results arrived (payloads that came in one chunk are
    // merged into one result), in the negotiated format.
    expect(intermediate).toBeGreaterThan(0);
    expect(contentTypes.filter((type) => streamedContentType.test(type)).length).toBeGreaterThan(errorFree.length / 2);
  });

  it('ends operations with errors cleanly, keeping every error', async () => {
    for (const operation of OPERATIONS.filter((candidate) => !errorFree.includes(candidate))) {
      const last = expectFinal(await run(server.url, operation, init));
      expect(last.errors?.length ?? 0, operation.name).toBeGreaterThan(0);
    }
  });
});
