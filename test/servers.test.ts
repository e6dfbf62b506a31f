/**
 * The real servers the end-to-end tests talk to (test/support/servers): each starts on 127.0.0.1,
 * negotiates from `Accept`, streams each payload as soon as it exists, stops working when its client
 * disconnects, and closes without leaving a handle behind. Bodies are split here with the minimal
 * helpers of `support/servers/splitBody.ts`, never with the reader package under test.
 */
import { createReassembler } from '@graphql-incremental/reassembler';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeIncrementally, executePlain, type WirePayload } from './support/executeIncrementally.js';
import { OPERATIONS } from './support/operations.js';
import { ACCEPT } from './support/servers/acceptHeaders.js';
import { startApolloServer } from './support/servers/apolloServer.js';
import { captureResponse, type CapturedResponse, type GraphqlRequestBody } from './support/servers/captureResponse.js';
import { EPILOGUE, GARBAGE, HTML_ERROR_PAGE, faultUrl, startFaultServer, DEFAULT_FAULT_RECORDING } from './support/servers/faultServer.js';
import { startGraphqlJsServer } from './support/servers/graphqlJsServer.js';
import { FRAMING_NAMES, frameParts } from './support/servers/multipartFraming.js';
import { parseAccept } from './support/servers/negotiate.js';
import { listRecordings, loadRecording, recordedBody } from './support/servers/recording.js';
import type { RunningServer } from './support/servers/runningServer.js';
import { countActiveTickSources } from './support/servers/serverSchema.js';
import { boundaryOf, splitMultipartBody, splitSseBody } from './support/servers/splitBody.js';
import { startYogaServer } from './support/servers/yogaServer.js';

function operation(name: string): GraphqlRequestBody {
  const found = OPERATIONS.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no operation ${name}`);
  return found.variables === undefined ? { query: found.query } : { query: found.query, variables: found.variables };
}

/** The JSON payloads of a complete response, whatever its transport. */
function payloadsOf(response: Pick<CapturedResponse, 'headers' | 'body'>): WirePayload[] {
  const contentType = response.headers['content-type'] ?? '';
  const text = response.body.toString('utf8');
  if (contentType.startsWith('multipart/mixed')) {
    return splitMultipartBody(text, boundaryOf(contentType))
      .parts.filter((part) => part.body !== '')
      .map((part) => JSON.parse(part.body) as WirePayload);
  }
  if (contentType.startsWith('text/event-stream')) {
    return splitSseBody(text)
      .filter((event) => event.event === 'next')
      .map((event) => JSON.parse(event.data) as WirePayload);
  }
  return [JSON.parse(text) as WirePayload];
}

async function post(server: RunningServer, accept: string, body: GraphqlRequestBody): Promise<CapturedResponse> {
  const response = await captureResponse(server.url, body, { headers: { accept }, timeoutMs: 5000 });
  expect(response.error).toBeUndefined();
  return response;
}

async function waitFor(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Socket, server and timer handles, counted by kind. */
function countHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind.startsWith('TCP') || kind === 'Timeout') counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Whether no kind of handle is more numerous in `after` than in `before`. */
function noMoreHandles(before: Record<string, number>, after: Record<string, number>): boolean {
  return Object.entries(after).every(([kind, count]) => count <= (before[kind] ?? 0));
}

/**
 * Asserts that a server's lifetime (start, `use`, close) leaves no socket, server or timer behind.
 * Handles of earlier tests may still be going away meanwhile, so the check is "none added", per kind.
 */
async function expectNoLeaks(start: () => Promise<RunningServer>, use: (server: RunningServer) => Promise<void>): Promise<void> {
  const before = countHandles();
  const server = await start();
  try {
    await use(server);
  } finally {
    await server.close();
  }
  // Client sockets see the server's FIN a moment later.
  await waitFor(() => noMoreHandles(before, countHandles())).catch(() => undefined);
  expect({ before, after: countHandles(), noMoreHandles: noMoreHandles(before, countHandles()) }).toMatchObject({ noMoreHandles: true });
  expect(countActiveTickSources()).toBe(0);
}

/** Sends `body`, disconnects after the first chunk, and waits until the server released its tick source. */
async function expectDisconnectStopsSource(server: RunningServer, accept: string, body: GraphqlRequestBody): Promise<void> {
  let sourceWasActive = false;
  const response = await captureResponse(server.url, body, {
    headers: { accept },
    onChunk: (_chunk, soFar) => {
      sourceWasActive ||= countActiveTickSources() > 0;
      // Disconnect once a first payload is complete.
      return soFar.includes('}\r\n') || soFar.includes('}\n\n');
    },
  });
  expect(response.status).toBe(200);
  expect(sourceWasActive).toBe(true);
  await waitFor(() => countActiveTickSources() === 0);
}

// Three ticks 150 ms apart: the first payload must arrive long before the last one exists.
const SLOW_STREAM = { query: '{ ticks(count: 3, intervalMs: 150) @stream }' };
const ENDLESS_STREAM = { query: '{ ticks(count: 100000, intervalMs: 10) @stream }' };

/** Asserts that the first payload of a slow stream arrived well before the last. */
async function expectIncrementalArrival(server: RunningServer, accept: string): Promise<void> {
  const response = await post(server, accept, SLOW_STREAM);
  const text = response.body.toString('utf8');
  const firstData = text.indexOf('"data"');
  let offset = 0;
  const first = response.chunks.find((chunk) => {
    offset += chunk.bytes.length;
    return offset > firstData;
  });
  const last = response.chunks.at(-1);
  expect(first).toBeDefined();
  expect(last).toBeDefined();
  // The producer needs 4 × 150 ms (3 items, then learning that it is done).
  expect(last!.atMs - first!.atMs).toBeGreaterThan(350);
  expect(payloadsOf(response).length).toBeGreaterThanOrEqual(3);
}

// Operations whose final data equals plain execution in every format (no error deviations).
const ORACLE_OPERATIONS = ['simple-defer', 'root-defer', 'sync-stream-batched', 'async-stream', 'nested-defer', 'defer-under-list', 'stream-in-defer', 'defer-in-stream', 'fragment-spreads', 'variables'];

async function expectOracle(server: RunningServer, accept: string): Promise<void> {
  for (const name of ORACLE_OPERATIONS) {
    const body = operation(name);
    const payloads = payloadsOf(await post(server, accept, body));
    const reassembler = createReassembler();
    let data: unknown;
    for (const payload of payloads) data = reassembler.apply(payload).data;
    expect({ name, data }).toEqual({ name, data: (await executePlain(body)).data });
  }
}

describe('Accept parsing', () => {
  it('orders by q, then by position, and reads quoted parameters', () => {
    const ranges = parseAccept('application/json;q=0.9, multipart/mixed;subscriptionSpec="1.0", text/html;q=0');
    expect(ranges.map((range) => range.mediaType)).toEqual(['multipart/mixed', 'application/json']);
    expect(ranges[0]!.parameters.get('subscriptionspec')).toBe('1.0');
  });
});

describe('multipart framings', () => {
  it.each(FRAMING_NAMES)('%s: the same part bodies come back out of a whole body', (framing) => {
    const bodies = ['{"data":{"a":1},"hasNext":true}', '{"hasNext":false,"completed":[{"id":"0"}]}'];
    const writes = frameParts(framing, bodies);
    const boundary = framing === 'router' ? 'graphql' : framing === 'tanka' ? 'graphql-response' : '-';
    const split = splitMultipartBody(writes.join(''), boundary);
    expect(split.parts.map((part) => part.body)).toEqual(bodies);
    expect(split.closed).toBe(true);
  });

  it('writes the exact bytes of Apollo Server, Yoga and Apollo Router framing', () => {
    const bodies = ['{"a":1}', '{"b":2}'];
    expect(frameParts('rfc', bodies)).toEqual([
      '\r\n---\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{"a":1}\r\n---\r\n',
      'Content-Type: application/json; charset=utf-8\r\n\r\n{"b":2}\r\n-----\r\n',
    ]);
    expect(frameParts('yoga', bodies)).toEqual([
      '\r\n---',
      '\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 7\r\n\r\n{"a":1}\r\n---',
      '\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: 7\r\n\r\n{"b":2}\r\n---',
      '--\r\n',
    ]);
    expect(frameParts('router', bodies)).toEqual([
      '\r\n--graphql\r\ncontent-type: application/json\r\n\r\n{"a":1}\r\n--graphql',
      '\r\ncontent-type: application/json\r\n\r\n{"b":2}\r\n--graphql--\r\n',
    ]);
    expect(frameParts('strawberry', bodies).join('')).toMatch(/^---\r\nContent-Type/);
    expect(frameParts('lf', bodies).join('')).not.toContain('\r');
    expect(frameParts('tanka', bodies).at(-1)).toBe('\r\n--graphql-response--\r\n');
  });
});

describe('graphql-js server (graphql@17.1.0)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startGraphqlJsServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends the current format for incrementalSpec=v0.2, payload for payload what the executor produces', async () => {
    for (const name of ['simple-defer', 'async-stream', 'nested-defer', 'stream-in-defer', 'big-combination']) {
      const response = await post(server, ACCEPT.current, operation(name));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('multipart/mixed; boundary="-"; incrementalSpec=v0.2');
      expect({ name, payloads: payloadsOf(response) }).toEqual({ name, payloads: await executeIncrementally('17.1.0 experimental', operation(name)) });
    }
  });

  it('sends the 2022 format for deferSpec=20220824', async () => {
    for (const name of ['simple-defer', 'async-stream', 'nested-defer', 'stream-in-defer', 'big-combination']) {
      const response = await post(server, ACCEPT.legacy, operation(name));
      expect(response.headers['content-type']).toBe('multipart/mixed; boundary="-"; deferSpec=20220824');
      expect({ name, payloads: payloadsOf(response) }).toEqual({ name, payloads: await executeIncrementally('17.1.0 legacy', operation(name)) });
    }
  });

  it('writes RFC framing: each part ends with its delimiter line, the last with the close delimiter', async () => {
    const response = await post(server, ACCEPT.current, operation('simple-defer'));
    const payloads = await executeIncrementally('17.1.0 experimental', operation('simple-defer'));
    expect(response.body.toString('utf8')).toBe(frameParts('rfc', payloads.map((payload) => JSON.stringify(payload))).join(''));
  });

  it('answers a plain multipart/mixed with the default format, or the configured one', async () => {
    const response = await post(server, ACCEPT.multipart, operation('simple-defer'));
    expect(response.headers['content-type']).toContain('incrementalSpec=v0.2');
    const legacyServer = await startGraphqlJsServer({ defaultFormat: 'legacy' });
    try {
      const legacy = await post(legacyServer, ACCEPT.multipart, operation('simple-defer'));
      expect(legacy.headers['content-type']).toContain('deferSpec=20220824');
      expect(payloadsOf(legacy)).toEqual(await executeIncrementally('17.1.0 legacy', operation('simple-defer')));
    } finally {
      await legacyServer.close();
    }
  });

  it('can force a format and hide the format parameter', async () => {
    const forced = await startGraphqlJsServer({ format: 'legacy', echoFormatParameter: false });
    try {
      const response = await post(forced, ACCEPT.current, operation('simple-defer'));
      expect(response.headers['content-type']).toBe('multipart/mixed; boundary="-"');
      expect(payloadsOf(response)).toEqual(await executeIncrementally('17.1.0 legacy', operation('simple-defer')));
    } finally {
      await forced.close();
    }
  });

  it('answers 406 when an incremental result meets a JSON-only Accept', async () => {
    const response = await post(server, ACCEPT.json, operation('simple-defer'));
    expect(response.status).toBe(406);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(payloadsOf(response)[0]!['errors']).toBeDefined();
  });

  it('answers a non-incremental result as JSON, or as one part when JSON is not accepted', async () => {
    const json = await post(server, ACCEPT.current, operation('defer-if-false'));
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(payloadsOf(json)).toEqual([await executePlain(operation('defer-if-false'))]);
    const graphqlResponse = await post(server, 'application/graphql-response+json', operation('defer-if-false'));
    expect(graphqlResponse.headers['content-type']).toBe('application/graphql-response+json; charset=utf-8');
    const multipartOnly = await post(server, ACCEPT.multipartOnly, operation('defer-if-false'));
    expect(multipartOnly.headers['content-type']).toContain('multipart/mixed');
    expect(payloadsOf(multipartOnly)).toEqual([{ data: { hero: { id: '1', name: 'Luke' } } }]);
  });

  it('answers GET queries, and request errors as JSON before streaming', async () => {
    const get = await captureResponse(server.url, operation('simple-defer'), { method: 'GET', headers: { accept: ACCEPT.current } });
    expect(payloadsOf(get)).toEqual(await executeIncrementally('17.1.0 experimental', operation('simple-defer')));
    const invalid = await post(server, ACCEPT.current, { query: '{ nope }' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.toString('utf8')).toContain('Cannot query field');
    const syntax = await post(server, ACCEPT.current, { query: '{' });
    expect(syntax.status).toBe(400);
    const getSubscription = await captureResponse(server.url, { query: 'subscription { tick(count: 1, intervalMs: 1) { n } }' }, { method: 'GET' });
    expect(getSubscription.status).toBe(405);
  });

  it.each(FRAMING_NAMES)('streams the same payloads in the %s framing', async (framing) => {
    const framed = await startGraphqlJsServer({ framing });
    try {
      const response = await post(framed, ACCEPT.current, operation('nested-defer'));
      const text = response.body.toString('utf8');
      if (framing === 'strawberry') expect(text.startsWith('---')).toBe(true);
      if (framing === 'lf') expect(text).not.toContain('\r');
      if (framing === 'yoga') expect(response.chunks[0]!.bytes.toString('utf8')).toBe('\r\n---');
      expect(payloadsOf(response)).toEqual(await executeIncrementally('17.1.0 experimental', operation('nested-defer')));
    } finally {
      await framed.close();
    }
  });

  it('streams over text/event-stream', async () => {
    const response = await post(server, ACCEPT.sse, operation('async-stream'));
    expect(response.headers['content-type']).toBe('text/event-stream');
    const events = splitSseBody(response.body.toString('utf8'));
    expect(events.at(-1)).toEqual({ event: 'complete', data: '' });
    expect(payloadsOf(response)).toEqual(await executeIncrementally('17.1.0 experimental', operation('async-stream')));
    const crlf = await startGraphqlJsServer({ sseLineEnding: '\r\n' });
    try {
      const crlfResponse = await post(crlf, ACCEPT.sse, operation('async-stream'));
      expect(crlfResponse.body.toString('utf8')).toContain('event: next\r\ndata: ');
      expect(payloadsOf(crlfResponse)).toEqual(payloadsOf(response));
    } finally {
      await crlf.close();
    }
  });

  it('flushes each payload as soon as it exists', async () => {
    await expectIncrementalArrival(server, ACCEPT.current);
    await expectIncrementalArrival(server, ACCEPT.sse);
    // A deferred fragment that waits 300 ms: the initial payload is complete long before.
    const response = await post(server, ACCEPT.current, { query: '{ hero { id } ... @defer { wait(ms: 300) } }' });
    expect(response.chunks[0]!.bytes.toString('utf8')).toContain('"hero":{"id":"1"}');
    expect(response.chunks.at(-1)!.atMs - response.chunks[0]!.atMs).toBeGreaterThan(250);
  });

  it('aborts execution when the client disconnects', async () => {
    await expectDisconnectStopsSource(server, ACCEPT.current, ENDLESS_STREAM);
    await expectDisconnectStopsSource(server, ACCEPT.sse, ENDLESS_STREAM);
    await expectDisconnectStopsSource(server, ACCEPT.subscription, { query: 'subscription { tick(count: 100000, intervalMs: 10) { n } }' });
  });

  it('gives final data equal to plain execution', async () => {
    await expectOracle(server, ACCEPT.current);
    await expectOracle(server, ACCEPT.legacy);
  });

  describe('Apollo multipart subscriptions (subscriptionSpec=1.0)', () => {
    it('wraps each event in {payload}, with Router framing, and closes at the end', async () => {
      const response = await post(server, ACCEPT.subscription, { query: 'subscription { tick(count: 3, intervalMs: 5) { n } }' });
      expect(response.headers['content-type']).toBe('multipart/mixed;boundary="graphql";subscriptionSpec=1.0');
      const text = response.body.toString('utf8');
      expect(text.endsWith('\r\n--graphql--\r\n')).toBe(true);
      expect(payloadsOf(response)).toEqual([0, 1, 2].map((n) => ({ payload: { data: { tick: { n } } } })));
    });

    it('sends {} heartbeats at the configured interval', async () => {
      const beating = await startGraphqlJsServer({ heartbeatIntervalMs: 20 });
      try {
        const response = await post(beating, ACCEPT.subscription, { query: 'subscription { tick(count: 2, intervalMs: 80) { n } }' });
        const payloads = payloadsOf(response);
        expect(payloads.filter((payload) => Object.keys(payload).length === 0).length).toBeGreaterThanOrEqual(3);
        expect(payloads.filter((payload) => 'payload' in payload)).toEqual([{ payload: { data: { tick: { n: 0 } } } }, { payload: { data: { tick: { n: 1 } } } }]);
      } finally {
        await beating.close();
      }
    });

    it('keeps errors inside payload, and ends with {payload: null, errors} when the source fails', async () => {
      const response = await post(server, ACCEPT.subscription, { query: 'subscription { tick(count: 5, intervalMs: 5, failAfter: 2) { n failing } }' });
      const payloads = payloadsOf(response);
      expect(payloads).toHaveLength(3);
      expect(payloads[0]).toMatchObject({ payload: { data: { tick: { n: 0, failing: null } }, errors: [{ message: 'failing tick field' }] } });
      expect(payloads[2]).toEqual({ payload: null, errors: [{ message: 'tick source failed after 2 events' }] });
      expect(response.body.toString('utf8').endsWith('--graphql--\r\n')).toBe(true);
    });

    it('streams subscriptions over SSE too, and refuses JSON-only with 406', async () => {
      const sse = await post(server, ACCEPT.sse, { query: 'subscription { tick(count: 2, intervalMs: 5) { n } }' });
      expect(payloadsOf(sse)).toEqual([{ data: { tick: { n: 0 } } }, { data: { tick: { n: 1 } } }]);
      const json = await post(server, ACCEPT.json, { query: 'subscription { tick(count: 2, intervalMs: 5) { n } }' });
      expect(json.status).toBe(406);
    });
  });
});

describe('GraphQL Yoga 5 (graphql 16, plugin-defer-stream)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startYogaServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends the 2022 format in its own framing (Content-Length, held-back delimiter) for any multipart Accept', async () => {
    for (const accept of [ACCEPT.multipart, ACCEPT.current, ACCEPT.legacy]) {
      const response = await post(server, accept, operation('async-stream'));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('multipart/mixed; boundary="-"');
      const { parts, closed } = splitMultipartBody(response.body.toString('utf8'), '-');
      expect(closed).toBe(true);
      for (const part of parts) expect(part.headers).toContain(`Content-Length: ${Buffer.byteLength(part.body)}`);
      // One stream item per payload, located by path (2022 format, alpha.2 style).
      expect(payloadsOf(response)).toEqual(await executeIncrementally('17.0.0-alpha.2', operation('async-stream')));
    }
  });

  it('streams over text/event-stream, starting with a ping comment', async () => {
    const response = await post(server, ACCEPT.sse, operation('simple-defer'));
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(response.body.toString('utf8').startsWith(':\n\n')).toBe(true);
    expect(payloadsOf(response)).toEqual(await executeIncrementally('17.0.0-alpha.2', operation('simple-defer')));
  });

  it('answers 406 to a JSON-only Accept for an incremental operation, JSON otherwise', async () => {
    expect((await post(server, ACCEPT.json, operation('simple-defer'))).status).toBe(406);
    const plain = await post(server, ACCEPT.multipart, operation('defer-if-false'));
    expect(plain.headers['content-type']).toBe('application/json; charset=utf-8');
    const multipartOnly = await post(server, ACCEPT.multipartOnly, operation('defer-if-false'));
    expect(payloadsOf(multipartOnly)).toEqual([{ data: { hero: { id: '1', name: 'Luke' } } }]);
  });

  it('flushes each payload as soon as it exists, and stops when the client disconnects', async () => {
    await expectIncrementalArrival(server, ACCEPT.multipart);
    await expectIncrementalArrival(server, ACCEPT.sse);
    await expectDisconnectStopsSource(server, ACCEPT.multipart, ENDLESS_STREAM);
    await expectDisconnectStopsSource(server, ACCEPT.sse, ENDLESS_STREAM);
  });

  it('gives final data equal to plain execution', async () => {
    await expectOracle(server, ACCEPT.multipart);
  });
});

describe('Apollo Server 5 (graphql 17.0.0-alpha.9)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startApolloServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends the current format for incrementalSpec=v0.2 and the 2022 format for deferSpec=20220824', async () => {
    const current = await post(server, ACCEPT.current, operation('simple-defer'));
    expect(current.headers['content-type']).toBe('multipart/mixed; boundary="-"; incrementalSpec=v0.2');
    expect(current.body.toString('utf8')).toContain('\r\n---\r\ncontent-type: application/json; charset=utf-8\r\n\r\n');
    expect(payloadsOf(current)[0]).toHaveProperty('pending');
    const legacy = await post(server, ACCEPT.legacy, operation('simple-defer'));
    expect(legacy.headers['content-type']).toBe('multipart/mixed; boundary="-"; deferSpec=20220824');
    expect(payloadsOf(legacy)).toEqual(await executeIncrementally('17.1.0 legacy', operation('simple-defer')));
  });

  it('answers 406 to a plain multipart/mixed, and to deferSpec when the legacy executor is off', async () => {
    expect((await post(server, ACCEPT.multipart, operation('simple-defer'))).status).toBe(406);
    expect((await post(server, ACCEPT.json, operation('simple-defer'))).status).toBe(406);
    const currentOnly = await startApolloServer({ legacyFormat: false });
    try {
      expect((await post(currentOnly, ACCEPT.legacy, operation('simple-defer'))).status).toBe(406);
      expect((await post(currentOnly, ACCEPT.current, operation('simple-defer'))).status).toBe(200);
    } finally {
      await currentOnly.close();
    }
  });

  it('answers a non-incremental result as JSON', async () => {
    const response = await post(server, ACCEPT.current, operation('defer-if-false'));
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(payloadsOf(response)).toEqual([await executePlain(operation('defer-if-false'))]);
  });

  it('flushes each payload as soon as it exists, and stops when the client disconnects', async () => {
    await expectIncrementalArrival(server, ACCEPT.current);
    await expectIncrementalArrival(server, ACCEPT.legacy);
    await expectDisconnectStopsSource(server, ACCEPT.current, ENDLESS_STREAM);
    await expectDisconnectStopsSource(server, ACCEPT.legacy, ENDLESS_STREAM);
  });

  it('gives final data equal to plain execution in both formats', async () => {
    await expectOracle(server, ACCEPT.current);
    await expectOracle(server, ACCEPT.legacy);
  });
});

describe('fault server', () => {
  let server: RunningServer;
  const recording = loadRecording(DEFAULT_FAULT_RECORDING);
  const writes = frameParts('rfc', payloadsOf({ headers: recording.headers, body: recordedBody(recording) }).map((payload) => JSON.stringify(payload)));
  const request = operation('async-stream');
  beforeAll(async () => {
    server = await startFaultServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('replays the recording byte for byte, also in tiny chunks', async () => {
    const response = await captureResponse(server.url, request);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(recording.headers['content-type']);
    expect(response.body.equals(recordedBody(recording))).toBe(true);
    const chunked = await startFaultServer({ chunkSize: 7 });
    try {
      const tiny = await captureResponse(chunked.url, request);
      expect(tiny.body.equals(recordedBody(recording))).toBe(true);
      expect(tiny.chunks.length).toBeGreaterThan(20);
    } finally {
      await chunked.close();
    }
  });

  it('closes the connection mid-part', async () => {
    const response = await captureResponse(faultUrl(server.url, { kind: 'close-mid-part', afterParts: 2 }), request);
    expect(response.error).toBeDefined();
    const expected = writes.slice(0, 2).join('') + writes[2]!.slice(0, Math.floor(Buffer.byteLength(writes[2]!) / 2));
    expect(response.body.toString('utf8')).toBe(expected);
  });

  it('stalls after N parts until the client gives up, and close() still ends it', async () => {
    const started = performance.now();
    const response = await captureResponse(faultUrl(server.url, { kind: 'stall', afterParts: 1 }), request, { timeoutMs: 300 });
    expect(response.error?.message).toMatch(/within 300 ms|closed/);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(response.body.toString('utf8')).toBe(writes[0]);
    await expectNoLeaks(startFaultServer, async (stalling) => {
      const pending = captureResponse(faultUrl(stalling.url, { kind: 'stall', afterParts: 2 }), request, { timeoutMs: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await stalling.close();
      expect((await pending).error).toBeDefined();
    });
  });

  it('answers 500 before streaming, with a JSON or a text body', async () => {
    const json = await captureResponse(faultUrl(server.url, { kind: 'status-500', body: 'json' }), request);
    expect(json.status).toBe(500);
    expect(JSON.parse(json.body.toString('utf8'))).toEqual({ errors: [{ message: 'Internal server error (injected)' }] });
    const text = await captureResponse(faultUrl(server.url, { kind: 'status-500', body: 'text' }), request);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('turns into an HTML page, garbage, or an early end halfway', async () => {
    const html = await captureResponse(faultUrl(server.url, { kind: 'html-halfway', afterParts: 2 }), request);
    expect(html.body.toString('utf8')).toBe(writes.slice(0, 2).join('') + HTML_ERROR_PAGE);
    const garbage = await captureResponse(faultUrl(server.url, { kind: 'garbage-after-parts', afterParts: 3 }), request);
    expect(garbage.body.equals(Buffer.concat([Buffer.from(writes.slice(0, 3).join('')), GARBAGE]))).toBe(true);
    const premature = await captureResponse(faultUrl(server.url, { kind: 'premature-end', afterParts: 2 }), request);
    expect(premature.error).toBeUndefined();
    expect(premature.body.toString('utf8')).toBe(writes.slice(0, 2).join(''));
  });

  it('sends valid variations: an epilogue, no close delimiter', async () => {
    const epilogue = await captureResponse(faultUrl(server.url, { kind: 'epilogue' }), request);
    expect(epilogue.body.toString('utf8')).toBe(writes.join('') + EPILOGUE);
    const unclosed = await captureResponse(faultUrl(server.url, { kind: 'no-close-delimiter' }), request);
    expect(unclosed.body.toString('utf8')).toBe(writes.join('').replace(/\r\n-----\r\n$/, ''));
  });

  it('sends an oversized part, invalid JSON, wrong content types', async () => {
    const oversized = await captureResponse(faultUrl(server.url, { kind: 'oversized-part', afterParts: 1, bytes: 100_000 }), request);
    const bodies = splitMultipartBody(oversized.body.toString('utf8'), '-').parts.map((part) => part.body);
    expect(bodies.map((body) => Buffer.byteLength(body))).toContain(100_000);
    expect(bodies).toHaveLength(writes.length + 1);
    const invalid = await captureResponse(faultUrl(server.url, { kind: 'invalid-json', partIndex: 1 }), request);
    const invalidBodies = splitMultipartBody(invalid.body.toString('utf8'), '-').parts.map((part) => part.body);
    expect(() => JSON.parse(invalidBodies[1]!)).toThrow(SyntaxError);
    expect(() => JSON.parse(invalidBodies[0]!)).not.toThrow();
    const wrongType = await captureResponse(faultUrl(server.url, { kind: 'wrong-content-type', contentType: 'text/html' }), request);
    expect(wrongType.headers['content-type']).toBe('text/html');
    const wrongPart = await captureResponse(faultUrl(server.url, { kind: 'wrong-part-content-type', partIndex: 0, contentType: 'text/html' }), request);
    expect(splitMultipartBody(wrongPart.body.toString('utf8'), '-').parts[0]!.headers).toBe('Content-Type: text/html');
  });

  it('refuses a fault the recording cannot carry', async () => {
    const response = await captureResponse(faultUrl(server.url, { kind: 'invalid-json', partIndex: 99 }), request);
    expect(response.status).toBe(400);
  });
});

describe('recordings (test/fixtures/recorded)', () => {
  const names = listRecordings();

  it('has recordings from every server', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    for (const server of ['graphql-js', 'yoga', 'apollo-server']) expect(names.some((name) => name.startsWith(`${server}-`))).toBe(true);
  });

  it.each(names)('%s: the body matches its text and splits into JSON payloads', (name) => {
    const recording = loadRecording(name);
    expect(recordedBody(recording).toString('utf8')).toBe(recording.bodyText);
    expect(recording.chunkSizes.reduce((sum, size) => sum + size, 0)).toBe(recordedBody(recording).length);
    const payloads = payloadsOf({ headers: recording.headers, body: recordedBody(recording) });
    expect(payloads.length).toBeGreaterThan(0);
  });

  it('are still what the servers send (deterministic recordings only)', async () => {
    const starters: Record<string, () => Promise<RunningServer>> = {
      'graphql-js': () => startGraphqlJsServer(),
      yoga: startYogaServer,
      'apollo-server': () => startApolloServer(),
    };
    // Framing variants and subscriptions are made by other server options; heartbeats depend on timing.
    const plain = names.map(loadRecording).filter((recording) => !recording.name.includes('+') && !recording.name.includes('subscription'));
    for (const [serverName, start] of Object.entries(starters)) {
      const live = await start();
      try {
        for (const recording of plain.filter((each) => each.server === serverName)) {
          const response = await captureResponse(live.url, recording.request.body, { headers: recording.request.headers });
          expect({ name: recording.name, body: response.body.toString('utf8') }).toEqual({ name: recording.name, body: recording.bodyText });
        }
      } finally {
        await live.close();
      }
    }
  });
});

describe('closing', () => {
  it.each([
    ['graphql-js', () => startGraphqlJsServer()],
    ['yoga', startYogaServer],
    ['apollo-server', () => startApolloServer()],
  ] as const)('%s: close() ends open streams and leaves no handle behind', async (_name, start) => {
    await expectNoLeaks(start, async (server) => {
      const accept = _name === 'yoga' ? ACCEPT.multipart : ACCEPT.current;
      let firstChunk: () => void = () => undefined;
      const gotFirstChunk = new Promise<void>((resolve) => (firstChunk = resolve));
      const pending = captureResponse(server.url, ENDLESS_STREAM, {
        headers: { accept },
        onChunk: () => {
          firstChunk();
        },
      });
      await gotFirstChunk;
      await server.close();
      const response = await pending;
      expect(response.status).toBe(200);
      expect(response.error).toBeDefined();
      await waitFor(() => countActiveTickSources() === 0);
    });
  });
});
