/**
 * The reassembler README's graphql-ws and graphql-sse recipe, as the README shows it, against a real
 * graphql-ws server (`useServer` over `ws`) and a real graphql-sse handler on `node:http`, both executing
 * with graphql-js 17.1 in both formats through the README's `executeAsIterable`. Every operation of the
 * corpus ends as the same operation reassembles in-process, and error-free ones as plain execution;
 * intermediate results arrive; subscriptions give one result per event; breaking out stops the server.
 */
import { createReassembler, type IncrementalResult } from '@graphql-incremental/reassembler';
import * as graphqlSse from 'graphql-sse';
import * as graphqlWs from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { executeIncrementally, executePlain, type ExecutorName } from '../support/executeIncrementally.js';
import { OPERATIONS, type Operation } from '../support/operations.js';
import { countActiveTickSources, type IncrementalFormat, type RunningServer } from '../support/servers/index.js';
import { recipeBlocks, recipeModuleText, runUsageBlock } from './readmeRecipes.js';
import { executePlainOnServerSchema, startGraphqlSseServer, startGraphqlWsServer } from './servers.js';
import * as recipe from './subscribeIncremental.js';
import { subscribeIncremental } from './subscribeIncremental.js';

const [recipeBlock = '', wsUsageBlock = '', sseUsageBlock = '', serverBlock = ''] = recipeBlocks(
  new URL('../../packages/reassembler/README.md', import.meta.url),
);

/** A client of either library, and how to let it go. */
interface Transport {
  readonly name: string;
  readonly start: (options: { format: IncrementalFormat }) => Promise<RunningServer>;
  readonly createClient: (url: string) => { iterate(request: { query: string; variables?: Record<string, unknown> }): AsyncIterable<unknown>; dispose(): unknown };
}

const TRANSPORTS: readonly Transport[] = [
  { name: 'graphql-ws', start: startGraphqlWsServer, createClient: (url) => graphqlWs.createClient({ url, webSocketImpl: WebSocket, retryAttempts: 0 }) },
  { name: 'graphql-sse', start: startGraphqlSseServer, createClient: (url) => graphqlSse.createClient({ url, retryAttempts: 0 }) },
];

const FORMATS: readonly (readonly [IncrementalFormat, ExecutorName])[] = [
  ['current', '17.1.0 experimental'],
  ['legacy', '17.1.0 legacy'],
];

function request(operation: Pick<Operation, 'query' | 'variables'>) {
  return { query: operation.query, ...(operation.variables === undefined ? {} : { variables: { ...operation.variables } }) };
}

async function collect(results: AsyncIterable<IncrementalResult>): Promise<IncrementalResult[]> {
  const collected: IncrementalResult[] = [];
  for await (const result of results) collected.push(result);
  return collected;
}

describe('README', () => {
  it('shows subscribeIncremental.ts and executeAsIterable.ts as they are', () => {
    expect(recipeBlock).toBe(recipeModuleText('subscribeIncremental.ts'));
    expect(serverBlock).toBe(recipeModuleText('executeAsIterable.ts'));
  });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it.each([
    ['graphql-ws', wsUsageBlock, 'ws://localhost:4000/graphql', startGraphqlWsServer, graphqlWs],
    ['graphql-sse', sseUsageBlock, 'http://localhost:4000/graphql/stream', startGraphqlSseServer, graphqlSse],
  ] as const)('runs its %s example: partial, then final', async (_name, block, exampleUrl, start, library) => {
    // What a browser or Node 22 has: the graphql-ws client finds the global WebSocket.
    vi.stubGlobal('WebSocket', WebSocket);
    const server = await start({ format: 'current' });
    try {
      const logged: [string, unknown][] = [];
      expect(block).toContain(exampleUrl);
      const client = (await runUsageBlock(
        block.replace(exampleUrl, server.url),
        { [_name]: library, './subscribeIncremental.js': recipe },
        { console: { log: (label: string, data: unknown) => logged.push([label, data]) } },
        'client',
      )) as { dispose(): unknown };
      await client.dispose();
      const expected = await executePlain({ query: '{ hero { id ... @defer { name } } }' });
      expect(logged).toEqual([
        ['partial', { hero: { id: '1' } }],
        ['final', expected['data']],
      ]);
    } finally {
      await server.close();
    }
  });
});

describe.each(TRANSPORTS.flatMap((transport) => FORMATS.map(([format, executor]) => [`${transport.name}, ${format} format`, transport, format, executor] as const)))(
  '%s',
  (_name, transport, format, executor) => {
    let server: RunningServer;
    let client: ReturnType<Transport['createClient']>;
    beforeAll(async () => {
      server = await transport.start({ format });
      client = transport.createClient(server.url);
    });
    afterAll(async () => {
      await client.dispose();
      await server.close();
    });

    it('ends every operation of the corpus as in-process reassembly, and error-free ones as plain execution', async () => {
      for (const operation of OPERATIONS) {
        const results = await collect(subscribeIncremental(client, request(operation)));
        const payloads = await executeIncrementally(executor, operation);
        const expected = createReassembler().applyAll(payloads)!;
        const last = results.at(-1)!;
        expect(last.hasNext, operation.name).toBe(false);
        expect(last.data, operation.name).toEqual(expected.data);
        expect(last.errors, operation.name).toEqual(expected.errors);
        expect(last.failed, operation.name).toEqual(expected.failed);
        const plain = await executePlain(operation);
        if (plain['errors'] === undefined) expect(last.data, operation.name).toEqual(plain['data']);
        // Every `next` message is a result: an incremental response shows its partial results.
        expect(results.length > 1, operation.name).toBe(payloads.length > 1);
        expect(results.slice(0, -1).every((result) => result.hasNext), operation.name).toBe(true);
      }
    });

    it('shows a stream growing item by item', async () => {
      const operation = { query: '{ hero { id } ticks(count: 3, intervalMs: 20) @stream(initialCount: 0) }' };
      const results = await collect(subscribeIncremental(client, request(operation)));
      const lengths = results.map((result) => (result.data?.['ticks'] as unknown[]).length);
      expect(lengths[0]).toBe(0);
      expect(lengths).toEqual([...lengths].sort());
      expect(lengths.some((length) => length > 0 && length < 3)).toBe(true);
      expect(results.at(-1)!.data).toEqual((await executePlainOnServerSchema(operation))['data']);
    });

    it('gives one whole result per subscription event, its errors its own', async () => {
      const results = await collect(subscribeIncremental(client, { query: 'subscription { tick(count: 3, intervalMs: 5) { n failing } }' }));
      expect(results.map((result) => result.data)).toEqual([0, 1, 2].map((n) => ({ tick: { n, failing: null } })));
      for (const result of results) {
        expect(result.hasNext).toBe(false);
        expect(result.errors?.map((error) => error.message)).toEqual(['failing tick field']);
      }
    });

    it('completes the operation on break: the server stops executing', async () => {
      const operation = { query: '{ ticks(count: 10000, intervalMs: 5) @stream(initialCount: 0) }' };
      for await (const result of subscribeIncremental(client, request(operation))) {
        if ((result.data?.['ticks'] as unknown[]).length < 2) continue;
        expect(countActiveTickSources()).toBe(1);
        break;
      }
      await vi.waitFor(() => expect(countActiveTickSources()).toBe(0));
    });
  },
);
