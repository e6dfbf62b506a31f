/**
 * Our client against more real servers, started here on 127.0.0.1 (test/support/servers/moreServers.ts):
 *
 * - express-graphql 0.12.0-experimental-stream-defer.1 (graphql 15.4 experimental): pre-2022 flat
 *   patches, each part's JSON followed by a CRLF that its `Content-Length` does not count.
 * - Hive Gateway 2.12 (gateway runtime) in proxy mode in front of Yoga 5: every part (or SSE event)
 *   is the whole result so far, with no `hasNext`.
 * - Hot Chocolate 16 cannot run here (.NET): bodies built from its formatters' source (JSON Lines, the
 *   v0.1 `incrementalSpec` whose stream entries carry the list's own path), served by a local server.
 *
 * Every operation is read twice over HTTP, with `fetchIncremental` and with `readPayloads` +
 * `createReassembler().apply` per payload. The oracle: the run ends (`hasNext` false), its final data
 * equals the plain execution of the same operation without `@defer`/`@stream` by the same server, and
 * no intermediate result has data that a later one lacks.
 */
import { readPayloads } from '@graphql-incremental/reader';
import { createReassembler } from '@graphql-incremental/reassembler';
import { fetchIncremental, type FetchIncrementalInit } from '@graphql-incremental/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executePlain, type WirePayload } from '../support/executeIncrementally.js';
import { captureResponse, type GraphqlRequestBody } from '../support/servers/captureResponse.js';
import { startGraphqlJsServer } from '../support/servers/graphqlJsServer.js';
import {
  EXPRESS_GRAPHQL_PLANS,
  HIVE_GATEWAY_PLANS,
  buildHotChocolateFixtures,
  executePlainOverHttp,
  loadHotChocolateFixtures,
  recordingUrl,
  startExpressGraphqlServer,
  startHiveGatewayServer,
  startRecordingServer,
  type BuiltRecording,
} from '../support/servers/moreServers.js';
import { loadRecording } from '../support/servers/recording.js';
import type { RunningServer } from '../support/servers/runningServer.js';
import { boundaryOf, splitMultipartBody } from '../support/servers/splitBody.js';
import { startYogaServer } from '../support/servers/yogaServer.js';

/** One operation of a live server's run, and the error messages its plain execution has too. */
interface Case {
  readonly name: string;
  readonly query: string;
  readonly errorMessages?: readonly string[];
}

// express-graphql's graphql 15.4 declares `@stream(initialCount: Int!)`: always pass it.
const CASES: readonly Case[] = [
  { name: 'deferred fragment', query: '{ hero { id ... @defer(label: "HeroName") { name } } }' },
  { name: 'nested defer', query: '{ hero { id ... @defer(label: "Outer") { name ... @defer(label: "Inner") { slowField } } } }' },
  // express-graphql sends each friend's fragment before the slower fragment that brings the friends.
  { name: 'defer in a list inside a slower deferred fragment', query: '{ hero { id ... @defer(label: "Outer") { slowField friends { id ... @defer(label: "Inner") { name } } } } }' },
  { name: 'stream, initialCount 0 (sync list)', query: '{ colors @stream(initialCount: 0, label: "C") }' },
  { name: 'stream, initialCount 1 (async list)', query: '{ asyncColors @stream(initialCount: 1) }' },
  { name: 'defer inside streamed items', query: '{ heroes @stream(initialCount: 1, label: "S") { id ... @defer(label: "D") { name } } }' },
  {
    name: 'error inside a deferred fragment',
    query: '{ hero { id ... @defer(label: "D") { name bio2: failingField } } }',
    errorMessages: ['failingField failed'],
  },
];

/** What a run produced: the data and errors of every result, in order. */
interface Step {
  readonly data: unknown;
  readonly errors: readonly { readonly message: string }[] | undefined;
  readonly hasNext: boolean | undefined;
}

const TIMEOUT_MS = 10_000;

/** Reads `operation` with fetchIncremental. */
async function runFetch(url: string, operation: GraphqlRequestBody, init: FetchIncrementalInit = {}): Promise<Step[]> {
  const steps: Step[] = [];
  for await (const result of fetchIncremental(url, operation, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) })) {
    steps.push({ data: structuredClone(result.data), errors: result.errors, hasNext: result.hasNext });
  }
  return steps;
}

/** POSTs `operation` with `accept` and reads every payload with readPayloads. */
async function readOver(url: string, operation: GraphqlRequestBody, accept: string, onPayload: (payload: unknown) => void = () => {}): Promise<unknown[]> {
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept },
    body: JSON.stringify(operation),
    signal,
  });
  const payloads: unknown[] = [];
  for await (const payload of readPayloads(response, { signal })) {
    payloads.push(payload);
    onPayload(payload);
  }
  return payloads;
}

/** Reads `operation` with readPayloads and applies every payload to one reassembler as it arrives. */
async function runReader(url: string, operation: GraphqlRequestBody, accept: string): Promise<{ steps: Step[]; payloads: unknown[] }> {
  const reassembler = createReassembler();
  const steps: Step[] = [];
  const payloads = await readOver(url, operation, accept, (payload) => {
    const result = reassembler.apply(payload);
    steps.push({ data: structuredClone(result.data), errors: result.errors, hasNext: result.hasNext });
  });
  return { steps, payloads };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether everything in `before` is still in `after` (lists may only get longer, fields only added). */
function grows(before: unknown, after: unknown): boolean {
  if (Array.isArray(before)) {
    return Array.isArray(after) && before.length <= after.length && before.every((item, index) => grows(item, after[index]));
  }
  if (isRecord(before)) {
    return isRecord(after) && Object.keys(before).every((key) => Object.hasOwn(after, key) && grows(before[key], after[key]));
  }
  return Object.is(before, after);
}

/** The oracle for one run. */
function expectRun(steps: readonly Step[], plain: WirePayload, errorMessages: readonly string[] = []): void {
  expect(steps.length).toBeGreaterThan(0);
  const last = steps[steps.length - 1]!;
  // `hasNext: false`, or none at all for a plain or snapshot result.
  expect(last.hasNext ?? false).toBe(false);
  expect(last.data).toEqual(plain['data']);
  for (let index = 1; index < steps.length; index += 1) {
    expect(grows(steps[index - 1]!.data, steps[index]!.data), `result ${index - 1} -> ${index}`).toBe(true);
  }
  const messages = (last.errors ?? []).map((error) => error.message);
  const plainMessages = ((plain['errors'] ?? []) as { message: string }[]).map((error) => error.message);
  expect(plainMessages).toEqual(errorMessages);
  for (const message of errorMessages) expect(messages).toContain(message);
}

/** Asserts that a response body was streamed: at least two payloads for an operation with something deferred. */
function expectStreamed(payloads: readonly unknown[]): void {
  expect(payloads.length).toBeGreaterThan(1);
}

const MULTIPART_ACCEPT = 'multipart/mixed, application/json';

describe('express-graphql 0.12.0-experimental-stream-defer.1 (graphql 15.4 experimental)', () => {
  let server: RunningServer;
  const plain = new Map<string, WirePayload>();
  beforeAll(async () => {
    server = await startExpressGraphqlServer();
    for (const testCase of CASES) plain.set(testCase.name, await executePlainOverHttp(server.url, { query: testCase.query }));
  });
  afterAll(() => server?.close());

  describe('on the wire (node:http, no package of ours)', () => {
    it('sends pre-2022 patches in parts whose Content-Length counts the JSON only, an extra CRLF after it, and a close delimiter', async () => {
      const response = await captureResponse(server.url, { query: CASES[0]!.query }, { headers: { accept: MULTIPART_ACCEPT } });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('multipart/mixed; boundary="-"');
      const text = response.body.toString('utf8');
      const parts = [...text.matchAll(/\r\n---\r\nContent-Type: application\/json; charset=utf-8\r\nContent-Length: (\d+)\r\n\r\n/g)];
      expect(parts.length).toBe(2);
      for (const part of parts) {
        const start = part.index + part[0].length;
        const length = Number(part[1]);
        const json = Buffer.from(text.slice(start), 'utf8').subarray(0, length).toString('utf8');
        expect(() => JSON.parse(json) as unknown).not.toThrow();
        // After the counted bytes: CRLF, then the next part's own CRLF + delimiter (or the close delimiter).
        expect(text.slice(start + json.length, start + json.length + 7)).toMatch(/^\r\n\r\n---/);
      }
      expect(text.endsWith('}\r\n\r\n-----\r\n')).toBe(true);
      const payloads = parts.map((part) => JSON.parse(text.slice(part.index + part[0].length, part.index + part[0].length + Number(part[1]))) as unknown);
      expect(payloads).toEqual([
        { data: { hero: { id: '1' } }, hasNext: true },
        { data: { name: 'Luke' }, path: ['hero'], label: 'HeroName', hasNext: false },
      ]);
    });

    it('answers a bare @stream (no initialCount) with a 400 validation error', async () => {
      const response = await captureResponse(server.url, { query: '{ colors @stream }' }, { headers: { accept: MULTIPART_ACCEPT } });
      expect(response.status).toBe(400);
      expect(response.body.toString('utf8')).toContain('initialCount');
    });

    it.each(EXPRESS_GRAPHQL_PLANS.map((plan) => [plan.name, plan] as const))('%s: the recording is still what it sends', async (name, plan) => {
      const response = await captureResponse(server.url, plan.body, { headers: { accept: plan.accept } });
      expect(response.body.toString('utf8')).toBe(loadRecording(name).bodyText);
    });
  });

  describe.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    it('fetchIncremental: ends, with the data of plain execution, growing', async () => {
      expectRun(await runFetch(server.url, { query: testCase.query }), plain.get(testCase.name)!, testCase.errorMessages);
    });

    it('readPayloads + reassembler: the same, payload by payload', async () => {
      const { steps, payloads } = await runReader(server.url, { query: testCase.query }, MULTIPART_ACCEPT);
      expectStreamed(payloads);
      expectRun(steps, plain.get(testCase.name)!, testCase.errorMessages);
    });
  });
});

describe('Hive Gateway 2.12 (gateway runtime, proxy mode) in front of GraphQL Yoga 5', () => {
  let upstream: RunningServer;
  let gateway: RunningServer;
  const plain = new Map<string, WirePayload>();
  beforeAll(async () => {
    upstream = await startYogaServer();
    gateway = await startHiveGatewayServer({ upstreamUrl: upstream.url });
    for (const testCase of CASES) plain.set(testCase.name, await executePlainOverHttp(gateway.url, { query: testCase.query }));
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  describe('on the wire (node:http, no package of ours)', () => {
    it('multipart: every part is the whole result so far, with no hasNext and no incremental, then a close delimiter', async () => {
      const response = await captureResponse(gateway.url, { query: '{ asyncColors @stream(initialCount: 1) }' }, { headers: { accept: MULTIPART_ACCEPT } });
      expect(response.headers['content-type']).toBe('multipart/mixed; boundary="-"');
      const split = splitMultipartBody(response.body.toString('utf8'), boundaryOf(response.headers['content-type']!));
      expect(split.closed).toBe(true);
      expect(split.parts.map((part) => JSON.parse(part.body) as unknown)).toEqual([
        { data: { asyncColors: ['red'] } },
        { data: { asyncColors: ['red', 'green'] } },
        { data: { asyncColors: ['red', 'green', 'blue'] } },
        // The upstream's last payload, a bare {"hasNext":false}, re-sends the same snapshot.
        { data: { asyncColors: ['red', 'green', 'blue'] } },
      ]);
      // Yoga's framing on the gateway side: Content-Length per part, delimiter held back, `--\r\n` last.
      expect(response.body.toString('utf8')).toMatch(/^\r\n---\r\nContent-Type: application\/json; charset=utf-8\r\nContent-Length: 32\r\n\r\n\{/);
      expect(response.body.toString('utf8').endsWith('}\r\n-----\r\n')).toBe(true);
    });

    it('text/event-stream: the same snapshots as `next` events, then `complete`', async () => {
      const response = await captureResponse(gateway.url, { query: CASES[0]!.query }, { headers: { accept: 'text/event-stream' } });
      expect(response.headers['content-type']).toBe('text/event-stream');
      expect(response.body.toString('utf8')).toBe(
        ':\n\nevent: next\ndata: {"data":{"hero":{"id":"1"}}}\n\nevent: next\ndata: {"data":{"hero":{"id":"1","name":"Luke"}}}\n\nevent: complete\ndata:\n\n',
      );
    });

    it('puts errors of deferred fragments into the snapshot, marked as DOWNSTREAM_SERVICE_ERROR', async () => {
      const response = await captureResponse(gateway.url, { query: CASES.find((each) => each.errorMessages !== undefined)!.query }, { headers: { accept: MULTIPART_ACCEPT } });
      const parts = splitMultipartBody(response.body.toString('utf8'), '-').parts.map((part) => JSON.parse(part.body) as Record<string, unknown>);
      expect(parts.at(-1)).toMatchObject({
        data: { hero: { id: '1', name: 'Luke', bio2: null } },
        errors: [{ message: 'failingField failed', path: ['hero', 'bio2'], extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'upstream' } }],
      });
      expect(parts.every((part) => !('hasNext' in part))).toBe(true);
    });

    it.each(HIVE_GATEWAY_PLANS.map((plan) => [plan.name, plan] as const))('%s: the recording is still what it sends', async (name, plan) => {
      const response = await captureResponse(gateway.url, plan.body, { headers: { accept: plan.accept } });
      expect(response.body.toString('utf8')).toBe(loadRecording(name).bodyText);
    });
  });

  describe.each(CASES.map((testCase) => [testCase.name, testCase] as const))('%s', (_name, testCase) => {
    it('fetchIncremental over multipart: ends, with the data of plain execution, growing', async () => {
      expectRun(await runFetch(gateway.url, { query: testCase.query }), plain.get(testCase.name)!, testCase.errorMessages);
    });

    it('fetchIncremental over text/event-stream: the same', async () => {
      expectRun(await runFetch(gateway.url, { query: testCase.query }, { transport: 'event-stream' }), plain.get(testCase.name)!, testCase.errorMessages);
    });

    it('readPayloads + reassembler over multipart: the same, snapshot by snapshot', async () => {
      const { steps, payloads } = await runReader(gateway.url, { query: testCase.query }, MULTIPART_ACCEPT);
      expectStreamed(payloads);
      expectRun(steps, plain.get(testCase.name)!, testCase.errorMessages);
    });

    it('readPayloads + reassembler over text/event-stream: the same', async () => {
      const { steps, payloads } = await runReader(gateway.url, { query: testCase.query }, 'text/event-stream');
      expectStreamed(payloads);
      expectRun(steps, plain.get(testCase.name)!, testCase.errorMessages);
    });
  });
});

describe('Hive Gateway in front of a current-format (incrementalSpec=v0.2) upstream, graphql-js 17.1', () => {
  let upstream: RunningServer;
  let gateway: RunningServer;
  beforeAll(async () => {
    upstream = await startGraphqlJsServer();
    gateway = await startHiveGatewayServer({ upstreamUrl: upstream.url });
  });
  afterAll(async () => {
    await gateway?.close();
    await upstream?.close();
  });

  // Not our bug, documented so that a Hive upgrade that fixes it shows up: the gateway asks the
  // upstream for plain `multipart/mixed`, our graphql-js server answers in the current format, and
  // @graphql-tools/utils' mergeIncrementalResult (2022 format only) puts `{id, data}` at the root and
  // replaces `data` with each `{id, items}` entry's first item.
  it('sends wrong snapshots: deferred fields at the root, stream items in place of data', async () => {
    const deferred = await captureResponse(gateway.url, { query: CASES[0]!.query }, { headers: { accept: MULTIPART_ACCEPT } });
    expect(splitMultipartBody(deferred.body.toString('utf8'), '-').parts.map((part) => JSON.parse(part.body) as unknown)).toEqual([
      { data: { hero: { id: '1' } } },
      { data: { hero: { id: '1' }, name: 'Luke' } },
    ]);
    const streamed = await captureResponse(gateway.url, { query: '{ asyncColors @stream(initialCount: 1) }' }, { headers: { accept: MULTIPART_ACCEPT } });
    expect(splitMultipartBody(streamed.body.toString('utf8'), '-').parts.map((part) => JSON.parse(part.body) as unknown)).toEqual([
      { data: { asyncColors: ['red'] } },
      { data: 'green' },
      { data: 'blue' },
      { data: 'blue' },
    ]);
  });
});

describe('Hot Chocolate 16 (bodies built from its formatters, served locally)', () => {
  const fixtures = loadHotChocolateFixtures();
  let server: RunningServer;
  beforeAll(async () => {
    server = await startRecordingServer(fixtures);
  });
  afterAll(() => server?.close());

  it('has the fixtures, built from source and marked so, and they are what the builder makes today', async () => {
    expect(fixtures.map((fixture) => fixture.name)).toEqual([
      'hot-chocolate-current-jsonl-defer-and-stream',
      'hot-chocolate-legacy-graphql-response-jsonl-stream',
      'hot-chocolate-legacy-multipart-stream',
    ]);
    for (const fixture of fixtures) {
      expect(fixture.captured).toBe(false);
      expect(fixture.builtFrom.files.length).toBeGreaterThan(0);
      for (const file of fixture.builtFrom.files) expect(file.commit).toMatch(/^[0-9a-f]{40}$/);
    }
    expect(fixtures).toEqual(await buildHotChocolateFixtures());
  });

  it('the JSON Lines bodies are one payload per line; v0.1 stream entries carry the list path without an index', () => {
    const [currentJsonl, legacyJsonl, legacyMultipart] = fixtures as [BuiltRecording, BuiltRecording, BuiltRecording];
    expect(currentJsonl.headers['content-type']).toBe('application/jsonl; charset=utf-8');
    expect(currentJsonl.bodyText.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as unknown)).toEqual(currentJsonl.payloads);
    expect(legacyJsonl.headers['content-type']).toBe('application/graphql-response+jsonl; charset=utf-8');
    // The keep-alive is a lone space before the next JSON (JsonLinesResultFormatter writes " ", no newline).
    expect(legacyJsonl.bodyText.split('\n')[1]!.startsWith(' {')).toBe(true);
    const streamEntries = [...legacyJsonl.payloads, ...legacyMultipart.payloads].flatMap(
      (payload) => ((payload['incremental'] ?? []) as { items?: unknown; path: unknown[] }[]).filter((entry) => entry.items !== undefined),
    );
    expect(streamEntries.length).toBeGreaterThan(2);
    for (const entry of streamEntries) expect(typeof entry.path.at(-1)).toBe('string');
  });

  describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (name, fixture) => {
    let plainResult: WirePayload;
    beforeAll(async () => {
      plainResult = await executePlain({ query: fixture.request.body.query });
    });

    it('readPayloads yields exactly the payloads in the body', async () => {
      expect(await readOver(recordingUrl(server, name), fixture.request.body, fixture.request.headers['accept']!)).toEqual(fixture.payloads);
    });

    it('readPayloads + reassembler: ends, with the data of plain execution, growing', async () => {
      const { steps } = await runReader(recordingUrl(server, name), fixture.request.body, fixture.request.headers['accept']!);
      expectRun(steps, plainResult);
    });

    it('fetchIncremental: the same', async () => {
      expectRun(await runFetch(recordingUrl(server, name), fixture.request.body), plainResult);
    });
  });
});
