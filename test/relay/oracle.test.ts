/**
 * The oracle, through a real Relay environment: for every operation, server format, server framing
 * and chunking, the store relay-runtime builds from `createFetchFunction`'s payloads holds what it
 * builds from plain execution of the same operation text (graphql-js 17 `execute()`, `@defer` and
 * `@stream` removed): record by record, and as the query reads (`expectSameStore`). The operations
 * whose result legitimately differs (`differs`) are tested in `failures.test.ts`.
 */
import type { Environment } from 'relay-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byteByByte, seededRandomSplits, wholeBody } from '../support/multipartBodies.js';
import { FRAMING_NAMES, startGraphqlJsServer, type FramingName, type RunningServer } from '../support/servers/index.js';
import { startConnectionServer } from './support/connectionServer.js';
import { RELAY_OPERATIONS, type RelayOperation } from './support/operations.js';
import { createRechunkingFetch } from './support/rechunkingFetch.js';
import { createIncrementalEnvironment, createOracleEnvironment, executeToEnd, expectSameStore } from './support/relayEnvironment.js';

type Format = 'current' | '2022';
const FORMATS: readonly Format[] = ['current', '2022'];
const ACCEPT_2022 = 'multipart/mixed;deferSpec=20220824, application/json;q=0.5';

const sharedServers = new Map<FramingName, RunningServer>();
let connectionServer: RunningServer;
beforeAll(async () => {
  for (const framing of FRAMING_NAMES) sharedServers.set(framing, await startGraphqlJsServer({ framing }));
  connectionServer = await startConnectionServer();
});
afterAll(() => Promise.all([...sharedServers.values(), connectionServer].map((server) => server.close())));

const COMPARED = RELAY_OPERATIONS.filter((operation) => operation.differs === undefined);

const oracles = new Map<RelayOperation, Environment>();
async function oracleOf(operation: RelayOperation): Promise<Environment> {
  if (!oracles.has(operation)) oracles.set(operation, await createOracleEnvironment(operation.query, operation.variables));
  return oracles.get(operation)!;
}

async function expectOracle(operation: RelayOperation, format: Format, options: { framing?: FramingName; fetch?: typeof fetch } = {}): Promise<void> {
  const url = operation.connection ? connectionServer.url : sharedServers.get(options.framing ?? 'rfc')!.url;
  const contentTypes: string[] = [];
  const send = options.fetch ?? fetch;
  const environment = createIncrementalEnvironment({
    url,
    ...(format === '2022' && { headers: { accept: ACCEPT_2022 } }),
    fetch: async (input, init) => {
      const response = await send(input, init);
      contentTypes.push(response.headers.get('content-type') ?? '');
      return response;
    },
  });
  const { responses } = await executeToEnd(environment, operation.query, operation.variables);
  // The server streamed in the format under test (or, having deferred nothing, answered JSON).
  expect(contentTypes).toEqual([expect.stringMatching(format === 'current' ? /incrementalSpec=v0\.2|^application\/(graphql-response\+)?json/ : /deferSpec=20220824|^application\/(graphql-response\+)?json/)]);
  expectSameStore(environment, await oracleOf(operation), operation.query, operation.variables, JSON.stringify(responses));
}

describe.each(FORMATS)('server format %s', (format) => {
  it.each(COMPARED.map((operation) => [operation.name, operation] as const))('%s', async (_name, operation) => {
    await expectOracle(operation, format);
  });

  describe.each(FRAMING_NAMES.filter((framing) => framing !== 'rfc'))('framing %s', (framing) => {
    it.each(COMPARED.filter((operation) => !operation.connection).map((operation) => [operation.name, operation] as const))('%s', async (_name, operation) => {
      await expectOracle(operation, format, { framing });
    });
  });

  const chunkings = {
    'the whole body in one chunk': wholeBody,
    'byte by byte': byteByByte,
    'seeded random splits': (body: Uint8Array) => seededRandomSplits(body, { seed: body.length, count: 1, maxChunks: 40 })[0]!,
  };
  describe.each(Object.keys(chunkings) as (keyof typeof chunkings)[])('%s', (chunking) => {
    it.each(COMPARED.map((operation) => [operation.name, operation] as const))('%s', async (_name, operation) => {
      await expectOracle(operation, format, { fetch: createRechunkingFetch(chunkings[chunking]) });
    });
  });
});
