/**
 * Graphcache (`@urql/exchange-graphcache`, normalized) in front of incrementalExchange, against the
 * graphql-js 17.1 server in both formats: deferred fragments write into normalized entities as they
 * arrive, the result read back from the cache grows with them, a streamed list grows, and a later query
 * for the same fields is answered from the cache without a request.
 */
import { Client, fetchExchange } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { incrementalExchange } from '@graphql-incremental/urql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { faultUrl, startFaultServer, startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import { collectResults, createRecordingFetch, view } from './urqlClient.js';

let server: RunningServer;
let faults: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
  faults = await startFaultServer({ writeDelayMs: 30 });
});
afterAll(async () => {
  await Promise.all([server.close(), faults.close()]);
});

function createGraphcacheClient(url: string, options: Parameters<typeof incrementalExchange>[0]) {
  return new Client({ url, exchanges: [cacheExchange({ keys: { Planet: () => null } }), incrementalExchange(options)] });
}

const HERO = { id: '1', name: 'Luke', homeWorld: { name: 'Tatooine' } };

describe.each(['current', '2022'] as const)('%s format', (format) => {
  it('a deferred fragment fills a normalized entity in; the cache then answers without a request', async () => {
    const recording = createRecordingFetch();
    const client = createGraphcacheClient(server.url, { format, fetch: recording.fetch });
    const query = /* GraphQL */ `
      query Hero {
        hero {
          id
          ...HeroDetails @defer
        }
        ... @defer {
          wait(ms: 80)
        }
      }
      fragment HeroDetails on Hero {
        name
        homeWorld {
          name
        }
      }
    `;
    const results = (await collectResults(client.query(query, {}))).map(view);
    const message = results.map((result) => JSON.stringify(result)).join('\n');
    // The hero's fragment may come with the first result or after it; `wait` comes last.
    expect(results.length, message).toBeGreaterThanOrEqual(2);
    for (const result of results.slice(0, -1)) {
      expect(result, message).toMatchObject({ data: { hero: { id: '1' } }, hasNext: true });
      expect(result.data, message).not.toHaveProperty('wait');
    }
    expect(results.at(-1)).toEqual({ data: { hero: HERO, wait: 'waited 80' }, hasNext: false });
    // Graphcache sends the query with `__typename` added (and reads results without it).
    expect(recording.requests[0]!.body['query']).toMatch(/__typename/);

    const cached = await client.query('{ hero { id name homeWorld { name } } }', {}).toPromise();
    expect(view(cached)).toEqual({ data: { hero: HERO }, hasNext: false });
    expect(recording.requests).toHaveLength(1);
  });

  it('a deferred fragment on a list of entities and a streamed list', async () => {
    const client = createGraphcacheClient(server.url, { format });
    const query = '{ heroes { id ... @defer { name friends { id } } } ticks(count: 3, intervalMs: 30) @stream(initialCount: 1) }';
    const results = (await collectResults(client.query(query, {}))).map(view);
    const lengths = results.map((result) => (result.data as { ticks: number[] }).ticks.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(new Set(lengths).size).toBeGreaterThanOrEqual(2);
    expect(results.at(-1)).toEqual({
      data: {
        heroes: [
          { id: '1', name: 'Luke', friends: [{ id: '2' }, { id: '3' }] },
          { id: '2', name: 'Han', friends: [{ id: '1' }, { id: '3' }] },
          { id: '3', name: 'Leia', friends: [{ id: '1' }, { id: '2' }] },
        ],
        ticks: [0, 1, 2],
      },
      hasNext: false,
    });
  });

  it('a deferred fragment that selects a field the initial part has: Graphcache reads null until it arrives, with urql\'s fetchExchange too', async () => {
    const query = '{ hero { id } ... @defer { wait(ms: 80) hero { name homeWorld { name } } } }';
    const EXPECTED = [
      { data: null, hasNext: true },
      { data: { hero: HERO, wait: 'waited 80' }, hasNext: false },
    ];
    // Graphcache warns (once per process) that the fragment's fields are missing.
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const ours = (await collectResults(createGraphcacheClient(server.url, { format }).query(query, {}))).map(view);
    expect(ours).toEqual(EXPECTED);
    // urql's fetchExchange reads the 2022 format right for @defer, and the current format for @defer alone.
    const accept = format === 'current' ? 'multipart/mixed;incrementalSpec=v0.2' : 'multipart/mixed;deferSpec=20220824';
    const theirsClient = new Client({ url: server.url, exchanges: [cacheExchange({ keys: { Planet: () => null } }), fetchExchange], fetchOptions: { headers: { accept } } });
    expect((await collectResults(theirsClient.query(query, {}))).map(view)).toEqual(EXPECTED);
    warn.mockRestore();
  });
});

it('a truncated stream: Graphcache keeps what arrived next to the network error', async () => {
  const client = createGraphcacheClient(faultUrl(faults.url, { kind: 'premature-end', afterParts: 2 }), {});
  const results = (await collectResults(client.query('{ asyncColors @stream(initialCount: 1) }', {}))).map(view);
  expect(results).toEqual([
    { data: { asyncColors: ['red'] }, hasNext: true },
    { data: { asyncColors: ['red', 'green'] }, hasNext: true },
    { data: { asyncColors: ['red', 'green'] }, hasNext: false, networkError: expect.objectContaining({ code: 'TRUNCATED' }) },
  ]);
});
