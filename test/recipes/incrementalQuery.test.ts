/**
 * The fetch README's TanStack Query recipe, as the README shows it, against real servers: graphql-js 17.1
 * over HTTP in both formats (and the fault server for truncation). The final query data equals plain
 * execution, partial results show while the query is fetching, a refetch keeps the complete result,
 * unsubscribing aborts the request.
 */
import { isIncrementalError, type FetchResult, type IncrementalRequest, type PreferredFormat } from '@graphql-incremental/fetch';
import * as queryCore from '@tanstack/query-core';
import { QueryClient, QueryObserver, type QueryFunction } from '@tanstack/query-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { executePlain } from '../support/executeIncrementally.js';
import { OPERATIONS, type Operation } from '../support/operations.js';
import { countActiveTickSources, faultUrl, startFaultServer, startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import * as recipe from './incrementalQuery.js';
import { incrementalQuery } from './incrementalQuery.js';
import { recipeBlocks, recipeModuleText, runUsageBlock } from './readmeRecipes.js';
import { executePlainOnServerSchema } from './servers.js';

type Data = FetchResult<Record<string, unknown>>;

const [recipeBlock = '', usageBlock = ''] = recipeBlocks(new URL('../../packages/fetch/README.md', import.meta.url));

/** A deferred field that takes real time and a stream with real gaps: the results in between are visible. */
const SLOW = {
  query: '{ hero { id name } ... @defer(label: "slow") { wait(ms: 60) } ticks(count: 3, intervalMs: 20) @stream(initialCount: 0) }',
};

let server: RunningServer;
const queryClients: QueryClient[] = [];

beforeAll(async () => {
  server = await startGraphqlJsServer();
});
afterAll(() => server.close());
// Clearing a client drops its queries and their garbage-collection timers.
afterEach(() => {
  for (const queryClient of queryClients.splice(0)) queryClient.clear();
});

function createQueryClient(): QueryClient {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClients.push(queryClient);
  return queryClient;
}

/**
 * Observes one query as a component would, until it has settled.
 *
 * @returns Every distinct `data` the observer saw, in order, and the final observer result.
 */
async function observe(queryFn: QueryFunction<Data | undefined>, queryKey: readonly unknown[] = ['query']) {
  const observer = new QueryObserver(createQueryClient(), { queryKey, queryFn });
  const seen: Data[] = [];
  const settled = await new Promise<queryCore.QueryObserverResult<Data | undefined>>((resolve) => {
    const unsubscribe = observer.subscribe((result) => {
      if (result.data !== undefined && result.data !== seen.at(-1)) seen.push(result.data);
      if (result.status !== 'pending' && !result.isFetching) {
        unsubscribe();
        resolve(result);
      }
    });
  });
  return { seen, settled, observer };
}

describe('README', () => {
  it('shows incrementalQuery.ts as it is', () => {
    expect(recipeBlock).toBe(recipeModuleText('incrementalQuery.ts'));
  });

  it('runs its usage example: partial results while fetching, then the final one', async () => {
    const logged: [string, unknown][] = [];
    const unsubscribe = (await runUsageBlock(
      usageBlock.replace('http://localhost:4000/graphql', server.url),
      { '@tanstack/query-core': queryCore, './incrementalQuery.js': recipe },
      { console: { log: (label: string, data: unknown) => logged.push([label, data]) } },
      'unsubscribe',
    )) as () => void;
    await vi.waitFor(() => expect(logged.map(([label]) => label)).toContain('final'));
    unsubscribe();
    const first = logged.findIndex(([label]) => label === 'final');
    expect(logged.slice(0, first).every(([label]) => label === 'partial')).toBe(true);
    const expected = await executePlain({ query: '{ hero { id ... @defer { name } } }' });
    expect(logged[first]![1]).toEqual(expected['data']);
  });
});

describe.each([['current'], ['2022']] as const)('graphql-js 17.1, %s format', (format: PreferredFormat) => {
  it('settles every error-free operation of the corpus on plain execution', async () => {
    let checked = 0;
    for (const operation of OPERATIONS) {
      const plain = await executePlain(operation);
      if (plain['errors'] !== undefined) continue;
      const { seen, settled } = await observe(incrementalQuery(server.url, request(operation), { format }), [operation.name]);
      expect(settled.status, operation.name).toBe('success');
      expect(settled.data?.hasNext, operation.name).toBe(false);
      expect(settled.data?.data, operation.name).toEqual(plain['data']);
      // Everything shown before the end was partial.
      expect(seen.slice(0, -1).every((data) => data.hasNext), operation.name).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(25);
  });

  it('shows partial results while the query is fetching', async () => {
    const { seen, settled } = await observe(incrementalQuery(server.url, SLOW, { format }));
    expect(settled.data?.data).toEqual((await executePlainOnServerSchema(SLOW))['data']);
    const partial = seen.filter((data) => data.hasNext);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial[0]!.data).toMatchObject({ hero: { id: '1', name: 'Luke' } });
    expect(partial[0]!.data).not.toHaveProperty('wait');
  });
});

describe('semantics', () => {
  it('keeps the complete result while a refetch streams (refetchMode replace)', async () => {
    const { observer, settled } = await observe(incrementalQuery(server.url, SLOW));
    const complete = settled.data!;
    const shown: (Data | undefined)[] = [];
    const unsubscribe = observer.subscribe((result) => shown.push(result.data));
    const refetched = await observer.refetch();
    unsubscribe();
    expect(shown.length).toBeGreaterThan(0);
    for (const data of shown) expect(data?.data).toEqual(complete.data);
    expect(refetched.data?.data).toEqual((await executePlainOnServerSchema(SLOW))['data']);
  });

  it('aborts the request when the last observer unsubscribes, even while the stream is silent', async () => {
    const observer = new QueryObserver(createQueryClient(), {
      queryKey: ['ticks'],
      // The first tick is a minute away: only the abort signal can end this request now.
      queryFn: incrementalQuery(server.url, { query: '{ ticks(count: 2, intervalMs: 60000) @stream(initialCount: 0) }' }),
    });
    let unsubscribe = (): void => undefined;
    await new Promise<void>((resolve) => {
      unsubscribe = observer.subscribe((result) => {
        if (result.data !== undefined) resolve();
      });
    });
    expect(countActiveTickSources()).toBe(1);
    unsubscribe();
    await vi.waitFor(() => expect(countActiveTickSources()).toBe(0));
  });

  it('fails the query on a truncated response, keeping the partial data', async () => {
    const faultServer = await startFaultServer();
    try {
      const url = faultUrl(faultServer.url, { kind: 'close-mid-part', afterParts: 2 });
      const { seen, settled } = await observe(incrementalQuery(url, { query: '{ ignored }' }));
      expect(settled.status).toBe('error');
      expect(isIncrementalError(settled.error)).toBe(true);
      expect(settled.data).toBe(seen.at(-1));
      expect(settled.data?.hasNext).toBe(true);
    } finally {
      await faultServer.close();
    }
  });
});

function request(operation: Operation): IncrementalRequest {
  return { query: operation.query, ...(operation.variables === undefined ? {} : { variables: { ...operation.variables } }) };
}
