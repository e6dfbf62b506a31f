/**
 * More real servers for the end-to-end tests (`test/fetch/moreServers.test.ts`), and the fixtures
 * they and a server we cannot run produce:
 *
 * - express-graphql's experimental `@defer`/`@stream` build (`test/servers/express-graphql`):
 *   pre-2022 flat patches, a per-part `Content-Length` that counts the JSON only, and an extra CRLF
 *   after every part's JSON.
 * - Hive Gateway in proxy mode (`test/servers/hive-gateway`) in front of one of our upstreams: it
 *   merges the upstream's incremental payloads itself and streams the whole result so far in every
 *   part, without `hasNext`.
 * - Hot Chocolate (.NET, cannot run here): response bodies built from its formatters' source (JSON
 *   Lines, the v0.1 `incrementalSpec` with stream entries whose `path` is the list itself), served
 *   from a tiny local server by {@link startRecordingServer}.
 *
 * Run this file to (re)write the fixtures (from `test/`):
 * `npx tsx --conditions=source support/servers/moreServers.ts`.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createExpressGraphqlHttpServer } from '@graphql-incremental/test-server-express-graphql';
import { createHiveGatewayHttpServer } from '@graphql-incremental/test-server-hive-gateway';
import { parse, print } from 'graphql';
import { executeIncrementally, stripIncrementalDirectives, type Json, type WirePayload } from '../executeIncrementally.js';
import { captureResponse, type GraphqlRequestBody } from './captureResponse.js';
import { RECORDINGS_DIRECTORY, type Recording } from './recording.js';
import { listenOnLoopback, type RunningServer } from './runningServer.js';
import { resolveServerField, serverTypeDefs } from './serverSchema.js';
import { startYogaServer } from './yogaServer.js';

// ---------------------------------------------------------------------------------------------------
// Live servers

/** What {@link startExpressGraphqlServer} runs, for recordings and test names. */
export const EXPRESS_GRAPHQL_DETAILS = 'express-graphql@0.12.0-experimental-stream-defer.1 + express@4.22.3 on graphql@15.4.0-experimental-stream-defer.1';

/**
 * Starts express-graphql's experimental build on 127.0.0.1 (ephemeral port) with the shared test
 * schema (`./serverSchema.ts`). Its `@stream` needs `initialCount` (graphql 15.4's experimental
 * directive declares it `Int!` without a default).
 *
 * @returns The running server; `url` is its `/graphql` endpoint.
 */
export function startExpressGraphqlServer(): Promise<RunningServer> {
  const { server } = createExpressGraphqlHttpServer({ typeDefs: serverTypeDefs, fieldResolver: resolveServerField });
  return listenOnLoopback(server);
}

/** What {@link startHiveGatewayServer} runs, for recordings and test names. */
export const HIVE_GATEWAY_DETAILS = '@graphql-hive/gateway-runtime@2.12.1 (+ @graphql-mesh/transport-http@1.2.1) on graphql@16.15.0, proxy mode';

/** Options of {@link startHiveGatewayServer}. */
export interface HiveGatewayServerOptions {
  /** The upstream's GraphQL endpoint. */
  readonly upstreamUrl: string;
  /** The runtime's `deferStream` option; it changes nothing on the wire in proxy mode. Default `false`. */
  readonly deferStream?: boolean;
}

/**
 * Starts Hive Gateway in proxy mode on 127.0.0.1 (ephemeral port) in front of `upstreamUrl`.
 *
 * @returns The running server; `url` is its `/graphql` endpoint. Closing it does not close the upstream.
 */
export function startHiveGatewayServer(options: HiveGatewayServerOptions): Promise<RunningServer> {
  const { server, dispose } = createHiveGatewayHttpServer(options);
  return listenOnLoopback(server, dispose);
}

/**
 * The oracle run through the server under test: `operation` without `@defer`/`@stream`, sent to the
 * same server as a plain JSON request.
 *
 * @returns The parsed single result (`data`, and `errors` when the operation has some).
 * @throws When the server does not answer with JSON.
 */
export async function executePlainOverHttp(url: string, operation: GraphqlRequestBody): Promise<WirePayload> {
  const query = print(stripIncrementalDirectives(parse(operation.query)));
  const response = await captureResponse(url, { ...operation, query }, { headers: { accept: 'application/json' } });
  const contentType = response.headers['content-type'] ?? '';
  if (!contentType.startsWith('application/json')) {
    throw new Error(`plain request answered ${response.status} ${contentType}: ${response.body.toString('utf8').slice(0, 200)}`);
  }
  return JSON.parse(response.body.toString('utf8')) as WirePayload;
}

// ---------------------------------------------------------------------------------------------------
// Serving fixtures

/**
 * Starts a server that replays recordings: `GET`/`POST <url>?name=<recording name>` answers with the
 * recording's status, headers and body, written in its recorded chunks (one event-loop turn apart, so
 * that they arrive as separate reads). Any other name gets 404.
 *
 * @param recordings The recordings to serve.
 * @returns The running server; pass {@link recordingUrl} the name.
 */
export function startRecordingServer(recordings: readonly Recording[]): Promise<RunningServer> {
  const byName = new Map(recordings.map((recording) => [recording.name, recording]));
  const server = createServer({ noDelay: true }, (request: IncomingMessage, response: ServerResponse) => {
    const name = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('name') ?? '';
    const recording = byName.get(name);
    // Read the request body first: answering before it arrived can reset the connection.
    request.resume();
    request.once('end', () => {
      if (recording === undefined) {
        response.writeHead(404, { 'content-type': 'text/plain' }).end(`no recording ${name}`);
        return;
      }
      void replay(recording, response);
    });
  });
  return listenOnLoopback(server);
}

async function replay(recording: Recording, response: ServerResponse): Promise<void> {
  const headers = { ...recording.headers };
  // node:http chunks the body itself.
  delete (headers as Record<string, string>)['transfer-encoding'];
  response.writeHead(recording.status, headers);
  const body = Buffer.from(recording.bodyBase64, 'base64');
  let offset = 0;
  for (const size of recording.chunkSizes) {
    if (response.destroyed) return;
    response.write(body.subarray(offset, offset + size));
    offset += size;
    await new Promise((resolve) => setImmediate(resolve));
  }
  response.end();
}

/** The URL of one recording on a {@link startRecordingServer} server. */
export function recordingUrl(server: RunningServer, name: string): string {
  return `${server.url}?name=${encodeURIComponent(name)}`;
}

// ---------------------------------------------------------------------------------------------------
// Hot Chocolate fixtures, built from source reading

/**
 * Where the Hot Chocolate fixtures live: a folder of their own inside the recordings folder, so that
 * the tests that read every recording (`listRecordings()`, which reads only the top level) do not take
 * these built, not captured, bodies for captures, nor meet a JSON Lines body they cannot split.
 */
export const HOT_CHOCOLATE_DIRECTORY = join(RECORDINGS_DIRECTORY, 'hot-chocolate');

/** A Hot Chocolate fixture: a recording, plus where its bytes come from and the payloads it holds. */
export interface BuiltRecording extends Recording {
  /** Always `false`: nobody ran Hot Chocolate; the bytes follow its formatters' source. */
  readonly captured: false;
  /** The source files (repository, path, commit) whose behaviour the body reproduces. */
  readonly builtFrom: {
    readonly repository: string;
    readonly files: readonly { readonly path: string; readonly commit: string; readonly what: string }[];
    readonly note: string;
  };
  /** The payloads in the body, in order, as a reader should yield them. */
  readonly payloads: readonly WirePayload[];
}

const HOT_CHOCOLATE_REPOSITORY = 'https://github.com/ChilliCream/graphql-platform';
const HC_FORMATTERS = 'src/HotChocolate/AspNetCore/src/Transport.Formatters';
const HC_SOURCE = {
  jsonLines: {
    path: `${HC_FORMATTERS}/JsonLinesResultFormatter.cs`,
    commit: '1eaf3dff7879ac77b06df04c2b59ba9ebf519f72',
    what: 'one payload per line: the JSON, then "\\n", flushed per result; keep-alive is a single space (no newline) after 8 s without a write (checked every 12 s); nothing marks the end',
  },
  multipart: {
    path: `${HC_FORMATTERS}/MultiPartResultFormatter.cs`,
    commit: '05767e2a93fe26c06d2cc3e409c087453589fd1a',
    what: 'deferred results: "\\r\\n---\\r\\n" once, then per result "Content-Type: application/json; charset=utf-8\\r\\n\\r\\n" + JSON (+ "\\r\\n---\\r\\n" while hasNext), one flush each; "\\r\\n-----\\r\\n" in a flush of its own at the end',
  },
  rfc1: {
    path: `${HC_FORMATTERS}/IncrementalResultFormatAdapters.cs`,
    commit: '321bbc142be0f63df66620a20f417e4576aa915a',
    what: 'incrementalSpec=v0.1 (IncrementalRfc1ResultFormatAdapter): no pending/completed; a stream entry is {items, path: the pending path (the list itself, no index), label}; a deferred entry {data, path: pending path + subPath, label}; a completed entry with errors becomes {errors, data: null, path, label}; entry keys in the order errors, data|items, path, label',
  },
  json: {
    path: `${HC_FORMATTERS}/JsonResultFormatter.cs`,
    commit: '8d7d6f49c39f986b27ab5209df193f429d3fb0d3',
    what: 'top-level keys in the order errors, data, extensions, then the incremental part (v0.2: pending, incremental, completed, hasNext; v0.1: incremental, hasNext)',
  },
  contentTypes: {
    path: 'src/HotChocolate/AspNetCore/src/AspNetCore.Pipeline/ContentType.cs',
    commit: '3674b352593db9a9f9ccaf17aa15e881e012971e',
    what: 'response Content-Types: "application/jsonl; charset=utf-8", "application/graphql-response+jsonl; charset=utf-8", "multipart/mixed; boundary=\\"-\\""',
  },
  negotiation: {
    path: 'src/HotChocolate/AspNetCore/src/AspNetCore.Pipeline/Formatters/DefaultHttpResponseFormatter.cs',
    commit: '04e08f7f018f06170c1c23438f7a3627aa7891d3',
    what: 'streams prefer application/graphql-response+jsonl, then application/jsonl, multipart/mixed, text/event-stream; incrementalSpec=v0.1 in Accept selects the v0.1 adapter, v0.2 is the default; streamed responses get Cache-Control: no-cache',
  },
} as const;

/** Reorders an object's keys (dropping absent ones) the way Hot Chocolate's writers emit them. */
function ordered(source: Record<string, Json>, keys: readonly string[]): Record<string, Json> {
  const result: Record<string, Json> = {};
  for (const key of keys) if (source[key] !== undefined) result[key] = source[key];
  return result;
}

const TOP_LEVEL_V02 = ['errors', 'data', 'extensions', 'pending', 'incremental', 'completed', 'hasNext'];
const TOP_LEVEL_V01 = ['errors', 'data', 'extensions', 'incremental', 'hasNext'];

/** A graphql-js 17 (v0.2) payload with Hot Chocolate's key order. */
function toHotChocolateV02(payload: WirePayload): WirePayload {
  const result = ordered(payload, TOP_LEVEL_V02);
  if (Array.isArray(payload['pending'])) result['pending'] = payload['pending'].map((entry) => ordered(entry as Record<string, Json>, ['id', 'path', 'label']));
  if (Array.isArray(payload['incremental'])) {
    result['incremental'] = payload['incremental'].map((entry) => ordered(entry as Record<string, Json>, ['id', 'errors', 'subPath', 'data', 'items']));
  }
  if (Array.isArray(payload['completed'])) result['completed'] = payload['completed'].map((entry) => ordered(entry as Record<string, Json>, ['id', 'errors']));
  return result;
}

/**
 * graphql-js 17 (v0.2) payloads turned into what Hot Chocolate's v0.1 adapter writes for them: the
 * pending entries are remembered, not written; stream items go to the pending path itself.
 */
function toHotChocolateV01(payloads: readonly WirePayload[]): WirePayload[] {
  const pending = new Map<string, { path: Json[]; label: string | undefined }>();
  return payloads.map((payload) => {
    for (const entry of (payload['pending'] ?? []) as Record<string, Json>[]) {
      pending.set(String(entry['id']), { path: entry['path'] as Json[], label: entry['label'] as string | undefined });
    }
    const entries: Record<string, Json>[] = [];
    for (const entry of (payload['incremental'] ?? []) as Record<string, Json>[]) {
      const announced = pending.get(String(entry['id']));
      if (announced === undefined) throw new Error(`incremental entry for unannounced id ${String(entry['id'])}`);
      const labelled = announced.label === undefined ? {} : { label: announced.label };
      if (entry['items'] !== undefined) {
        entries.push(ordered({ errors: entry['errors']!, items: entry['items'], path: announced.path, ...labelled }, ['errors', 'items', 'path', 'label']));
      } else {
        const path = [...announced.path, ...((entry['subPath'] ?? []) as Json[])];
        entries.push(ordered({ errors: entry['errors']!, data: entry['data']!, path, ...labelled }, ['errors', 'data', 'path', 'label']));
      }
    }
    for (const entry of (payload['completed'] ?? []) as Record<string, Json>[]) {
      const announced = pending.get(String(entry['id']));
      if (entry['errors'] !== undefined && announced !== undefined) {
        const labelled = announced.label === undefined ? {} : { label: announced.label };
        entries.push(ordered({ errors: entry['errors'], data: null, path: announced.path, ...labelled }, ['errors', 'data', 'path', 'label']));
      }
      pending.delete(String(entry['id']));
    }
    const result = ordered(payload, TOP_LEVEL_V01);
    delete result['incremental'];
    if (entries.length > 0) result['incremental'] = entries;
    if (payload['hasNext'] !== undefined) {
      // hasNext stays last.
      delete result['hasNext'];
      result['hasNext'] = payload['hasNext'];
    }
    return result;
  });
}

/** One JSON line per payload, each its own flush; `keepAliveBefore` puts a keep-alive space (its own flush) before that payload. */
function jsonLinesChunks(payloads: readonly WirePayload[], keepAliveBefore?: number): string[] {
  const chunks: string[] = [];
  payloads.forEach((payload, index) => {
    if (index === keepAliveBefore) chunks.push(' ');
    chunks.push(`${JSON.stringify(payload)}\n`);
  });
  return chunks;
}

/** Hot Chocolate's multipart writes for a deferred result (see `HC_SOURCE.multipart`). */
function multipartChunks(payloads: readonly WirePayload[]): string[] {
  const header = 'Content-Type: application/json; charset=utf-8\r\n\r\n';
  const chunks = payloads.map((payload, index) => {
    const start = index === 0 ? '\r\n---\r\n' : '';
    const next = payload['hasNext'] === true ? '\r\n---\r\n' : '';
    return `${start}${header}${JSON.stringify(payload)}${next}`;
  });
  chunks.push('\r\n-----\r\n');
  return chunks;
}

interface HotChocolatePlan {
  readonly name: string;
  readonly description: string;
  readonly accept: string;
  readonly contentType: string;
  readonly query: string;
  readonly spec: 'v0.1' | 'v0.2';
  readonly frame: (payloads: readonly WirePayload[]) => string[];
  readonly files: readonly (typeof HC_SOURCE)[keyof typeof HC_SOURCE][];
}

/** The operations of the Hot Chocolate fixtures, by fixture name. */
export const HOT_CHOCOLATE_PLANS: readonly HotChocolatePlan[] = [
  {
    name: 'hot-chocolate-current-jsonl-defer-and-stream',
    description: 'application/jsonl (Accept: application/jsonl), the v0.2 format Hot Chocolate 16 sends by default: one payload per line',
    accept: 'application/jsonl',
    contentType: 'application/jsonl; charset=utf-8',
    query: '{ hero { id ... @defer(label: "D") { name } } asyncColors @stream(initialCount: 1, label: "S") }',
    spec: 'v0.2',
    frame: (payloads) => jsonLinesChunks(payloads),
    files: [HC_SOURCE.jsonLines, HC_SOURCE.json, HC_SOURCE.contentTypes, HC_SOURCE.negotiation],
  },
  {
    name: 'hot-chocolate-legacy-graphql-response-jsonl-stream',
    description:
      'application/graphql-response+jsonl with incrementalSpec=v0.1: stream entries {items, path: ["asyncColors"]} (the list itself, items appended), and one keep-alive space before the second line as the server writes it after 8 s of silence',
    accept: 'application/graphql-response+jsonl; incrementalSpec=v0.1',
    contentType: 'application/graphql-response+jsonl; charset=utf-8',
    query: '{ asyncColors @stream(initialCount: 1, label: "S") }',
    spec: 'v0.1',
    frame: (payloads) => jsonLinesChunks(payloads, 1),
    files: [HC_SOURCE.jsonLines, HC_SOURCE.rfc1, HC_SOURCE.json, HC_SOURCE.contentTypes, HC_SOURCE.negotiation],
  },
  {
    name: 'hot-chocolate-legacy-multipart-stream',
    description:
      'multipart/mixed with incrementalSpec=v0.1: two streams (initialCount 0 on a sync list, 1 on an async one) whose entries carry the list path without an index, and a deferred fragment',
    accept: 'multipart/mixed; incrementalSpec=v0.1',
    contentType: 'multipart/mixed; boundary="-"',
    query: '{ colors @stream(initialCount: 0, label: "C") asyncColors @stream(initialCount: 1, label: "A") hero { id ... @defer(label: "D") { name } } }',
    spec: 'v0.1',
    frame: multipartChunks,
    files: [HC_SOURCE.multipart, HC_SOURCE.rfc1, HC_SOURCE.json, HC_SOURCE.contentTypes, HC_SOURCE.negotiation],
  },
];

/**
 * Builds the Hot Chocolate fixtures: the payload sequence graphql-js 17.1's
 * `experimentalExecuteIncrementally` produces for the operation on the shared schema (Hot Chocolate's
 * own batching of items may differ; the format is the point), serialized and framed the way Hot
 * Chocolate's formatters write them.
 */
export async function buildHotChocolateFixtures(): Promise<BuiltRecording[]> {
  const built: BuiltRecording[] = [];
  for (const plan of HOT_CHOCOLATE_PLANS) {
    const executed = await executeIncrementally('17.1.0 experimental', { query: plan.query });
    const payloads = plan.spec === 'v0.2' ? executed.map(toHotChocolateV02) : toHotChocolateV01(executed);
    const chunks = plan.frame(payloads).map((chunk) => Buffer.from(chunk, 'utf8'));
    const body = Buffer.concat(chunks);
    built.push({
      name: plan.name,
      server: 'hot-chocolate',
      serverDetails: 'Hot Chocolate 16 (ChilliCream/graphql-platform main), NOT captured: built from source reading, see builtFrom',
      description: plan.description,
      captured: false,
      builtFrom: {
        repository: HOT_CHOCOLATE_REPOSITORY,
        files: plan.files,
        note: 'Payload sequence from graphql-js 17.1 experimentalExecuteIncrementally on test/support/schema.ts, serialized with Hot Chocolate key order and framing. Ids are strings as in the formatter version that writes item.Id.ToString() (an older JsonValueFormatter wrote numbers).',
      },
      request: { method: 'POST', headers: { accept: plan.accept, 'content-type': 'application/json' }, body: { query: plan.query } },
      status: 200,
      headers: { 'content-type': plan.contentType, 'cache-control': 'no-cache', 'transfer-encoding': 'chunked' },
      chunkSizes: chunks.map((chunk) => chunk.length),
      bodyBase64: body.toString('base64'),
      bodyText: body.toString('utf8'),
      payloads,
    });
  }
  return built;
}

/** Reads every Hot Chocolate fixture, sorted by name. */
export function loadHotChocolateFixtures(): BuiltRecording[] {
  return readdirSync(HOT_CHOCOLATE_DIRECTORY)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(HOT_CHOCOLATE_DIRECTORY, file), 'utf8')) as BuiltRecording);
}

// ---------------------------------------------------------------------------------------------------
// Recording the live servers

/** A recording plan for a live server. */
export interface LivePlan {
  readonly name: string;
  readonly description: string;
  readonly accept: string;
  readonly body: GraphqlRequestBody;
}

/** The express-graphql recordings (deterministic: the shared schema waits in `setImmediate` hops). */
export const EXPRESS_GRAPHQL_PLANS: readonly LivePlan[] = [
  {
    name: 'express-graphql-pre2022-multipart-simple-defer',
    description:
      'pre-2022 flat patches; each part is "\\r\\n---\\r\\nContent-Type: application/json; charset=utf-8\\r\\nContent-Length: <JSON bytes>\\r\\n\\r\\n<JSON>\\r\\n" (the CRLF after the JSON is not counted, and the next part starts with its own CRLF), then "\\r\\n-----\\r\\n"',
    accept: 'multipart/mixed, application/json',
    body: { query: '{ hero { id ... @defer(label: "HeroName") { name } } }' },
  },
  {
    name: 'express-graphql-pre2022-multipart-async-stream',
    description: 'pre-2022 stream patches {data: item, path: [list, index]}, one item per part, a bare {"hasNext":false} last',
    accept: 'multipart/mixed, application/json',
    body: { query: '{ asyncColors @stream(initialCount: 1) }' },
  },
];

/** The Hive Gateway recordings (in front of Yoga). */
export const HIVE_GATEWAY_PLANS: readonly LivePlan[] = [
  {
    name: 'hive-gateway-snapshot-multipart-async-stream',
    description:
      'proxy mode in front of Yoga: every part is the whole result so far (no hasNext, no incremental, no path), the last snapshot twice (the upstream\'s bare {"hasNext":false} re-sends it), then the close delimiter',
    accept: 'multipart/mixed, application/json',
    body: { query: '{ asyncColors @stream(initialCount: 1) }' },
  },
  {
    name: 'hive-gateway-snapshot-sse-simple-defer',
    description: 'the same snapshots over text/event-stream: ":" ping, one "event: next" per snapshot, "event: complete"',
    accept: 'text/event-stream',
    body: { query: '{ hero { id ... @defer(label: "HeroName") { name } } }' },
  },
];

/** Headers that differ on every response, left out of recordings. */
const VOLATILE_HEADERS = new Set(['date', 'x-request-id']);

async function recordLive(url: string, server: string, serverDetails: string, plan: LivePlan): Promise<Recording> {
  const headers = { accept: plan.accept, connection: 'keep-alive' };
  const response = await captureResponse(url, plan.body, { headers });
  if (response.error !== undefined) throw response.error;
  const responseHeaders = Object.fromEntries(Object.entries(response.headers).filter(([name]) => !VOLATILE_HEADERS.has(name)));
  return {
    name: plan.name,
    server,
    serverDetails,
    description: plan.description,
    request: { method: 'POST', headers: { accept: plan.accept, 'content-type': 'application/json' }, body: plan.body },
    status: response.status,
    headers: responseHeaders,
    chunkSizes: response.chunks.map((chunk) => chunk.bytes.length),
    bodyBase64: response.body.toString('base64'),
    bodyText: response.body.toString('utf8'),
  };
}

/**
 * Records what express-graphql sends for `plan` (started and closed here).
 *
 * @returns The recording (not written).
 */
export async function recordExpressGraphql(plan: LivePlan): Promise<Recording> {
  const server = await startExpressGraphqlServer();
  try {
    return await recordLive(server.url, 'express-graphql', EXPRESS_GRAPHQL_DETAILS, plan);
  } finally {
    await server.close();
  }
}

/**
 * Records what Hive Gateway in front of Yoga sends for `plan` (both started and closed here).
 *
 * @returns The recording (not written).
 */
export async function recordHiveGateway(plan: LivePlan): Promise<Recording> {
  const upstream = await startYogaServer();
  const gateway = await startHiveGatewayServer({ upstreamUrl: upstream.url });
  try {
    return await recordLive(gateway.url, 'hive-gateway', `${HIVE_GATEWAY_DETAILS}, upstream graphql-yoga@5.24.1 (test/servers/yoga)`, plan);
  } finally {
    await gateway.close();
    await upstream.close();
  }
}

function writeFixture(directory: string, recording: Recording): void {
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, `${recording.name}.json`), `${JSON.stringify(recording, null, 2)}\n`);
  console.log(`${recording.name}: ${recording.status}, ${recording.bodyText.length} bytes in ${recording.chunkSizes.length} chunks`);
}

/** Writes every fixture of this module. */
export async function writeMoreServerFixtures(): Promise<void> {
  for (const plan of EXPRESS_GRAPHQL_PLANS) writeFixture(RECORDINGS_DIRECTORY, await recordExpressGraphql(plan));
  for (const plan of HIVE_GATEWAY_PLANS) writeFixture(RECORDINGS_DIRECTORY, await recordHiveGateway(plan));
  for (const recording of await buildHotChocolateFixtures()) writeFixture(HOT_CHOCOLATE_DIRECTORY, recording);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await writeMoreServerFixtures();
}
