// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "fetch": { "disableSameOriginPolicy": true } } }
/**
 * `useQuery` on Apollo Client 3.14 (React 19, happy-dom) with IncrementalHttpLink against the real
 * graphql-js 17 server, in both formats. Apollo Client 3 has no streaming state: from the first payload
 * on, every render says `loading: false`, networkStatus 7; what must be progressive is the data.
 *
 * Compared with Apollo Client 3's own HttpLink (which asks for the 2022 format): it renders @defer, but
 * crashes on @stream items and on the current format, and it turns a truncated stream into a silent
 * success with a `null` list item.
 */
import { ApolloLink } from '@apollo/client-3';
import { IncrementalHttpLink } from '@graphql-incremental/apollo-link';
import { cleanup } from '@testing-library/react';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { faultUrl, startFaultServer, startGraphqlJsServer, type FaultKind, type RunningServer } from '../support/servers/index.js';
import {
  ALL_TICKS,
  DEFERRED_HERO,
  DEFERRED_HERO_DATA,
  FAILING_DEFERRED,
  FAILING_DEFERRED_DATA,
  FORMAT_PARAMETER,
  FORMATS,
  HERO,
  TICKS,
  ticksOf,
} from '../apollo/queries.js';
import { createDomFetch } from '../apollo/domFetch.js';
import { formatStates } from '../apollo/recordRenders.js';
import { createClient, createHttpLink, createIncrementalLink, recordQuery, type QueryState3 } from './apolloClient3.js';

let server: RunningServer;
let currentOnly: RunningServer;
let fault: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
  // A server that sends the current format whatever the client asks for (as Apollo Server 5 does when
  // the client accepts plain multipart/mixed): what Apollo Client 3's HttpLink meets after a server upgrade.
  currentOnly = await startGraphqlJsServer({ format: 'current' });
  // The 2022-format recording of `asyncColors @stream(initialCount: 1)`, broken after two parts.
  fault = await startFaultServer({ recording: 'graphql-js-legacy-multipart-async-stream', writeDelayMs: 60 });
});
afterAll(async () => {
  await Promise.all([server.close(), currentOnly.close(), fault.close()]);
});
afterEach(() => cleanup());

const FETCH_POLICIES = ['cache-first', 'network-only', 'no-cache'] as const;

const hasWait = (state: QueryState3) => (state.data as { wait?: string } | undefined)?.wait !== undefined;

it('runs the link on Apollo Client 3.14: IncrementalHttpLink extends its ApolloLink', () => {
  expect(new IncrementalHttpLink()).toBeInstanceOf(ApolloLink);
});

describe.each(FORMATS)('server format %s', (format) => {
  describe.each(FETCH_POLICIES)('fetchPolicy %s', (fetchPolicy) => {
    it('@defer: the non-deferred fields render first, then the deferred ones', async () => {
      const recording = createDomFetch();
      const { client, outcome } = createClient(createIncrementalLink({ uri: server.url, format, fetch: recording.fetch }));
      const log = recordQuery(client, DEFERRED_HERO, { fetchPolicy });
      await log.until(hasWait);
      expect(await outcome).toBe('complete');
      expect(recording.contentTypes).toEqual([expect.stringContaining(FORMAT_PARAMETER[format])]);
      expect(log.states(), formatStates(log.states())).toEqual([
        { data: undefined, loading: true, networkStatus: 1 },
        { data: { hero: HERO }, loading: false, networkStatus: 7 },
        { data: DEFERRED_HERO_DATA, loading: false, networkStatus: 7 },
      ]);
    });

    it('@stream: the list grows render by render', async () => {
      const { client, outcome } = createClient(createIncrementalLink({ uri: server.url, format }));
      const log = recordQuery(client, TICKS, { fetchPolicy });
      await log.until((state) => ticksOf(state.data)?.length === ALL_TICKS.length);
      expect(await outcome).toBe('complete');
      const states = log.states();
      const withData = states.filter((state) => ticksOf(state.data) !== undefined);
      const lengths = withData.map((state) => ticksOf(state.data)!.length);
      expect(lengths, formatStates(states)).toEqual([...lengths].sort((a, b) => a - b));
      expect(new Set(lengths).size, formatStates(states)).toBeGreaterThanOrEqual(3);
      for (const state of withData) {
        expect(state).toEqual({ data: { ticks: ALL_TICKS.slice(0, ticksOf(state.data)!.length) }, loading: false, networkStatus: 7 });
      }
      expect(states.at(-1)?.data).toEqual({ ticks: ALL_TICKS });
    });
  });
});

describe("compared with Apollo Client 3's HttpLink", () => {
  it('@defer in the 2022 format: the same states', async () => {
    const ours = createClient(createIncrementalLink({ uri: server.url, format: '2022' }));
    const theirs = createClient(createHttpLink(server.url));
    const ourLog = recordQuery(ours.client, DEFERRED_HERO);
    const theirLog = recordQuery(theirs.client, DEFERRED_HERO);
    await Promise.all([ourLog.until(hasWait), theirLog.until(hasWait)]);
    expect(ourLog.states()).toEqual(theirLog.states());
  });

  it('@stream: HttpLink crashes on the first streamed items, the link renders them all', async () => {
    const theirs = createClient(createHttpLink(server.url));
    const theirLog = recordQuery(theirs.client, TICKS);
    // The crash is inside Apollo Client (merging `items`), not in the link: Apollo then unsubscribes.
    const theirLast = await theirLog.until((state) => state.error !== undefined);
    expect(theirLast, formatStates(theirLog.states())).toEqual({
      data: { ticks: [0] },
      loading: false,
      networkStatus: 8,
      error: "ApolloError: Cannot read properties of undefined (reading 'length')",
    });

    const ours = createClient(createIncrementalLink({ uri: server.url, format: '2022' }));
    const ourLog = recordQuery(ours.client, TICKS);
    await ourLog.until((state) => ticksOf(state.data)?.length === ALL_TICKS.length);
    expect(ourLog.states().every((state) => state.error === undefined)).toBe(true);
  });

  it('@defer from a server that sends the current format: HttpLink crashes, the link renders it', async () => {
    const theirs = createClient(createHttpLink(currentOnly.url));
    const theirLog = recordQuery(theirs.client, DEFERRED_HERO);
    const theirLast = await theirLog.until((state) => state.error !== undefined);
    expect(theirLast).toMatchObject({ data: { hero: HERO }, networkStatus: 8, error: "ApolloError: Cannot read properties of undefined (reading 'length')" });

    const ours = createClient(createIncrementalLink({ uri: currentOnly.url }));
    const ourLog = recordQuery(ours.client, DEFERRED_HERO);
    await ourLog.until(hasWait);
    expect(await ours.outcome).toBe('complete');
    expect(ourLog.states().at(-1)).toEqual({ data: DEFERRED_HERO_DATA, loading: false, networkStatus: 7 });
  });
});

describe('an error inside a deferred fragment', () => {
  // Apollo Client 3 quirk, HttpLink alike: under network-only and no-cache with errorPolicy "all" the
  // final render says networkStatus 7 (ready) next to the error; every other combination says 8.
  describe.each(FORMATS)('server format %s', (format) => {
    it.each(FETCH_POLICIES.flatMap((fetchPolicy) => (['none', 'all'] as const).map((errorPolicy) => [fetchPolicy, errorPolicy] as const)))(
      'fetchPolicy %s, errorPolicy %s: the same states as HttpLink (2022 format)',
      async (fetchPolicy, errorPolicy) => {
        const ours = createClient(createIncrementalLink({ uri: server.url, format }));
        const theirs = createClient(createHttpLink(server.url));
        const ourLog = recordQuery(ours.client, FAILING_DEFERRED, { fetchPolicy, errorPolicy });
        const theirLog = recordQuery(theirs.client, FAILING_DEFERRED, { fetchPolicy, errorPolicy });
        await Promise.all([ourLog.until((state) => state.error !== undefined), theirLog.until((state) => state.error !== undefined)]);
        expect(ourLog.states(), `ours:\n${formatStates(ourLog.states())}\nHttpLink:\n${formatStates(theirLog.states())}`).toEqual(theirLog.states());
        expect(ourLog.states().at(1)).toEqual({ data: { hero: HERO }, loading: false, networkStatus: 7 });
        expect(ourLog.states().at(-1)).toEqual({
          // errorPolicy "none" keeps the data from before the failing payload; "all" shows the fragment
          // with the failed field as null.
          data: errorPolicy === 'none' ? { hero: HERO } : FAILING_DEFERRED_DATA,
          loading: false,
          networkStatus: fetchPolicy !== 'cache-first' && errorPolicy === 'all' ? 7 : 8,
          error: 'ApolloError: failingField failed',
        });
      },
    );
  });
});

describe('a truncated stream (2022 format, broken after two parts)', () => {
  const COLORS = parse('query Colors { asyncColors @stream(initialCount: 1) }');
  const KINDS = ['premature-end', 'close-mid-part'] as const satisfies readonly FaultKind[];
  const OUR_ERROR: Record<(typeof KINDS)[number], RegExp> = {
    'premature-end': /^ApolloError: the body ended after a payload with "hasNext": true$/,
    'close-mid-part': /^ApolloError: reading the body failed: /,
  };
  const RENDERED = [
    { data: undefined, loading: true, networkStatus: 1 },
    { data: { asyncColors: ['red'] }, loading: false, networkStatus: 7 },
    { data: { asyncColors: ['red', 'green'] }, loading: false, networkStatus: 7 },
  ];

  describe.each(KINDS)('%s', (kind) => {
    it.each(['none', 'all'] as const)('errorPolicy %s: the link shows the error and keeps the rendered data', async (errorPolicy) => {
      const { client, outcome } = createClient(createIncrementalLink({ uri: faultUrl(fault.url, { kind, afterParts: 2 }) }));
      const log = recordQuery(client, COLORS, { errorPolicy });
      const last = await log.until((state) => state.error !== undefined);
      expect(await outcome).toBe('error');
      expect(log.states().slice(0, -1), formatStates(log.states())).toEqual(RENDERED);
      expect(last).toMatchObject({ data: { asyncColors: ['red', 'green'] }, loading: false, networkStatus: 8 });
      expect(last.error).toMatch(OUR_ERROR[kind]);
    });

    it('HttpLink renders an empty slot for the second item, and reports the break only when the connection dies', async () => {
      const { client, outcome } = createClient(createHttpLink(faultUrl(fault.url, { kind, afterParts: 2 })));
      const log = recordQuery(client, COLORS);
      const settled = await outcome;
      const last = await log.until((state) => ticksOrColors(state)?.length === 2 && (settled === 'complete' || state.error !== undefined));
      expect(log.states().slice(0, 2)).toEqual(RENDERED.slice(0, 2));
      // Apollo Client 3 cannot merge 2022 `items`: the list gets a hole where "green" belongs.
      expect(last.data).toEqual({ asyncColors: ['red', undefined] });
      // A body that ends cleanly without its close delimiter is a success for HttpLink.
      expect(settled).toBe(kind === 'premature-end' ? 'complete' : 'error');
      expect(last.error).toBe(kind === 'premature-end' ? undefined : 'ApolloError: aborted');
    });
  });

  function ticksOrColors(state: QueryState3): readonly unknown[] | undefined {
    return (state.data as { asyncColors?: unknown[] } | undefined)?.asyncColors;
  }
});
