/**
 * Apollo Client 4 end to end (issue 7, item 3; issue 5, "Long streams"): Apollo's `HttpLink` against
 * our `IncrementalHttpLink` on the same recorded bytes, a `@stream` of N products at depth 3, with
 * `InMemoryCache`, `cache-first` and the incremental handler matching the wire format.
 *
 * Run: `pnpm bench apollo` from the repository root, or `cd test && npx tsx --conditions=source
 * --expose-gc bench/apollo.bench.ts`. Flags: `--quick` (N = 100 only, few rounds), `--no-write`
 * (print, do not write `results/apollo.md`).
 *
 * Per run: a fresh client and cache; the clock starts at `watchQuery().subscribe()` and stops at the
 * result with `loading: false`. Every run checks that the final data equals plain `execute()` of the
 * query (all N items, `dataState: "complete"`, `networkStatus` 7), so both links end with identical data.
 */
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ApolloClient, HttpLink, InMemoryCache, type ApolloLink } from '@apollo/client';
import { Defer20220824Handler, GraphQL17Alpha9Handler } from '@apollo/client/incremental';
import { IncrementalHttpLink } from '@graphql-incremental/apollo-link';
import {
  describeEnvironment,
  describeRevision,
  formatCount,
  formatMs,
  formatRatio,
  markdownTable,
  medianOf,
  pairedRatio,
  runInterleaved,
  writeResults,
  type Contestant,
  type Sample,
} from './harness.js';
import { PACE_SHARE, PACING_RULE } from './pacing.js';
import { cutChunks, describeChunking, type Chunking } from './replayFetch.js';
import { createRecordingFetch, recordStream, STREAM_QUERY, type StreamFormat, type StreamRecording } from './streamRecording.js';

const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write') && !quick;
const RESULTS_FILE = fileURLToPath(new URL('./results/apollo.md', import.meta.url));
/** The target: at least this many times faster than HttpLink at 1,000 items. */
const TARGET_RATIO = 10;
/** A run that takes longer has hung (HttpLink at 1,000 items takes 10-30 s here). */
const RUN_TIMEOUT_MS = 180_000;

type LinkName = 'HttpLink' | 'IncrementalHttpLink' | 'IncrementalHttpLink, pace: false';
const LINKS: readonly LinkName[] = ['HttpLink', 'IncrementalHttpLink', 'IncrementalHttpLink, pace: false'];

interface Scenario {
  readonly items: number;
  readonly format: StreamFormat;
  readonly chunking: Chunking;
  readonly rounds: number;
  readonly warmup: number;
}

const CHUNKINGS: readonly Chunking[] = [{ kind: 'fixed', size: 16 * 1024 }, { kind: 'per-part' }, { kind: 'paced', partsPerMs: 5 }];
const FORMATS: readonly StreamFormat[] = ['2022', 'current'];
const SIZES: readonly { readonly items: number; readonly rounds: number; readonly warmup: number }[] = quick
  ? [{ items: 100, rounds: 3, warmup: 1 }]
  : [
      { items: 100, rounds: 7, warmup: 1 },
      // HttpLink takes 10-30 s per run at 1,000 items: few rounds, no warm-up (the N = 100 runs warmed up).
      { items: 1000, rounds: 3, warmup: 0 },
    ];

function handlerFor(format: StreamFormat): NonNullable<ApolloClient.Options['incrementalHandler']> {
  // Apollo's own typings reject GraphQL17Alpha9Handler under exactOptionalPropertyTypes (its streamInfo type).
  return format === '2022'
    ? new Defer20220824Handler()
    : (new GraphQL17Alpha9Handler() as unknown as NonNullable<ApolloClient.Options['incrementalHandler']>);
}

function createLink(name: LinkName, fetchImpl: typeof fetch, format: StreamFormat): ApolloLink {
  const uri = 'http://bench.invalid/graphql';
  switch (name) {
    case 'HttpLink':
      return new HttpLink({ uri, fetch: fetchImpl });
    case 'IncrementalHttpLink':
      return new IncrementalHttpLink({ uri, fetch: fetchImpl, format });
    case 'IncrementalHttpLink, pace: false':
      return new IncrementalHttpLink({ uri, fetch: fetchImpl, format, pace: false });
  }
}

function productsOf(data: unknown): readonly unknown[] | undefined {
  const products = (data as { shop?: { catalog?: { products?: unknown } } } | undefined)?.shop?.catalog?.products;
  return Array.isArray(products) ? products : undefined;
}

/**
 * One checked run: a fresh client, `watchQuery` until `loading: false`.
 *
 * @returns `ms` to the final result; `results` (results with data that reached the observable),
 *   `firstItemMs` (until the first streamed item showed), `maxGapMs` (the longest wait between two
 *   results, or from the start to the first: how long the UI went without an update).
 * @throws When the final result is not the complete, correct data.
 */
async function runOnce(link: LinkName, recording: StreamRecording, chunking: Chunking): Promise<Sample> {
  const fetchImpl = createRecordingFetch(recording, chunking);
  const client = new ApolloClient({
    link: createLink(link, fetchImpl, recording.format),
    cache: new InMemoryCache(),
    incrementalHandler: handlerFor(recording.format),
  });
  let results = 0;
  let firstItemMs = Number.NaN;
  let maxGapMs = 0;
  const started = performance.now();
  let previous = started;
  try {
    const final = await new Promise<ApolloClient.QueryResult<unknown> & { loading: boolean; dataState: string; networkStatus: number }>(
      (resolve, reject) => {
        let finished = false;
        const timeout = setTimeout(() => reject(new Error(`${link} did not finish within ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
        const observable = client.watchQuery({ query: STREAM_QUERY, variables: { count: recording.items }, fetchPolicy: 'cache-first' });
        const subscription = observable.subscribe({
          next: (result) => {
            if (result.data !== undefined) {
              const now = performance.now();
              results += 1;
              maxGapMs = Math.max(maxGapMs, now - previous);
              previous = now;
              if (Number.isNaN(firstItemMs) && (productsOf(result.data)?.length ?? 0) > 0) firstItemMs = now - started;
            }
            if (!result.loading && !finished) {
              finished = true;
              clearTimeout(timeout);
              resolve(result as never);
            }
          },
          error: (error: unknown) => {
            clearTimeout(timeout);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        });
        // Unsubscribed once the final result is in (it may even arrive synchronously).
        void (async () => {
          while (!finished) await new Promise((resolve) => setTimeout(resolve, 50));
          subscription.unsubscribe();
        })();
      },
    );
    const ms = performance.now() - started;
    if (final.error !== undefined) throw new Error(`${link}: the final result has an error: ${final.error.message}`);
    if (final.networkStatus !== 7 || final.dataState !== 'complete') {
      throw new Error(`${link}: the final result has networkStatus ${final.networkStatus}, dataState ${final.dataState}`);
    }
    if (productsOf(final.data)?.length !== recording.items || !isDeepStrictEqual(final.data, recording.expectedData)) {
      throw new Error(`${link}: the final data differs from plain execution (${productsOf(final.data)?.length} of ${recording.items} items)`);
    }
    return { ms, results, firstItemMs, maxGapMs };
  } finally {
    client.stop();
  }
}

interface Row {
  readonly scenario: Scenario;
  readonly chunks: number;
  readonly http: readonly Sample[];
  readonly incremental: readonly Sample[];
  readonly unpaced: readonly Sample[];
}

function describeScenario(scenario: Scenario): string {
  return `${scenario.items.toLocaleString('en-US')} items, ${scenario.format}, ${describeChunking(scenario.chunking)}`;
}

async function main(): Promise<void> {
  // Taken before the runs: the sources loaded are the ones on disk now.
  const revision = describeRevision();
  const scenarios: Scenario[] = [];
  for (const size of SIZES) {
    for (const format of FORMATS) {
      for (const chunking of CHUNKINGS) scenarios.push({ ...size, format, chunking });
    }
  }
  const recordings = new Map<string, StreamRecording>();
  for (const size of SIZES) {
    for (const format of FORMATS) recordings.set(`${format}/${size.items}`, await recordStream(format, size.items));
  }

  const rows: Row[] = [];
  for (const scenario of scenarios) {
    const recording = recordings.get(`${scenario.format}/${scenario.items}`)!;
    const contestants: Contestant[] = LINKS.map((link) => ({
      name: link,
      run: () => runOnce(link, recording, scenario.chunking),
    }));
    process.stdout.write(`${describeScenario(scenario)}:`);
    const samples = await runInterleaved(contestants, {
      rounds: scenario.rounds,
      warmup: scenario.warmup,
      onSample: (name, _round, sample) => process.stdout.write(` ${name[0]} ${formatMs(sample.ms)} (${sample.results});`),
    });
    process.stdout.write('\n');
    rows.push({
      scenario,
      chunks: cutChunks(recording, scenario.chunking).length,
      http: samples.get('HttpLink')!,
      incremental: samples.get('IncrementalHttpLink')!,
      unpaced: samples.get('IncrementalHttpLink, pace: false')!,
    });
  }

  const table = markdownTable(
    [
      'items',
      'format',
      'network chunks',
      'rounds',
      'HttpLink',
      'IncrementalHttpLink',
      'HttpLink / ours',
      'results (HttpLink / ours)',
      'first item (HttpLink / ours)',
      'longest wait for an update (HttpLink / ours)',
      'target ≥ 10×',
    ],
    rows.map(({ scenario, chunks, http, incremental }) => {
      const ratio = pairedRatio(http, incremental);
      const target = scenario.items < 1000 ? '—' : ratio >= TARGET_RATIO ? 'met' : `**missed** (${formatRatio(ratio)})`;
      return [
        scenario.items.toLocaleString('en-US'),
        scenario.format,
        `${describeChunking(scenario.chunking)} (${chunks.toLocaleString('en-US')})`,
        String(http.length),
        formatMs(medianOf(http)),
        formatMs(medianOf(incremental)),
        formatRatio(ratio),
        `${formatCount(medianOf(http, 'results'))} / ${formatCount(medianOf(incremental, 'results'))}`,
        `${formatMs(medianOf(http, 'firstItemMs'))} / ${formatMs(medianOf(incremental, 'firstItemMs'))}`,
        `${formatMs(medianOf(http, 'maxGapMs'))} / ${formatMs(medianOf(incremental, 'maxGapMs'))}`,
        target,
      ];
    }),
    ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  const unpacedTable = markdownTable(
    ['items', 'format', 'network chunks', 'pace: false', 'HttpLink / pace: false', 'pace: false / default', 'results', 'first item', 'longest wait for an update'],
    rows.map(({ scenario, chunks, http, incremental, unpaced }) => [
      scenario.items.toLocaleString('en-US'),
      scenario.format,
      `${describeChunking(scenario.chunking)} (${chunks.toLocaleString('en-US')})`,
      formatMs(medianOf(unpaced)),
      formatRatio(pairedRatio(http, unpaced)),
      formatRatio(pairedRatio(unpaced, incremental)),
      formatCount(medianOf(unpaced, 'results')),
      formatMs(medianOf(unpaced, 'firstItemMs')),
      formatMs(medianOf(unpaced, 'maxGapMs')),
    ]),
    ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const markdown = [
    '# Apollo Client 4 end to end: `HttpLink` vs `IncrementalHttpLink`',
    '',
    `Measured ${describeEnvironment()}; ${revision}; @apollo/client 4.3.8, graphql 17.1.0. Produced by \`test/bench/apollo.bench.ts\` (\`pnpm bench apollo\`).`,
    '',
    'Same recorded bytes for both links: a `@stream(initialCount: 0)` of N products (6 fields) at',
    '`shop.catalog.products`, one payload per item, from graphql-js 17.1 (`legacyExecuteIncrementally` for 2022,',
    '`experimentalExecuteIncrementally` for current), framed as Apollo Server frames multipart. The body reaches',
    'the client in network chunks, one per event-loop turn. Apollo Client 4, fresh `InMemoryCache` per run,',
    '`watchQuery` with `cache-first`, `Defer20220824Handler` for 2022 and `GraphQL17Alpha9Handler` for current',
    '(the same handler for both links). Times: median, from `subscribe()` to the result with `loading: false`;',
    'the ratio is the median of per-round ratios. Every run checks the final data against plain `execute()`',
    '(all N items, `networkStatus` 7, `dataState: "complete"`). "results" counts results with data that reached',
    'the observable (each one is a UI update).',
    '',
    table,
    '',
    'Chunkings: 16 KB and one part per chunk arrive one chunk per event-loop turn however long the client',
    'spends in a turn (the network is exactly as fast as the client: nothing piles up while Apollo writes its',
    'cache). "parts/ms, socket reads" paces the parts by the clock (5 per ms: the server sends 1,000 items in',
    '0.2 s) and each turn reads all that arrived, at most 64 KB, as a socket read does.',
    '',
    `The link paces its results by default, with fetchIncremental's rule: ${PACING_RULE}, while payloads`,
    `keep merging. Apollo's cache write and broadcast run inside \`observer.next\`, so they are the consumer's time here, and`,
    `merging plus Apollo get at most about ${PACE_SHARE} of the time. Cheaper results are not delayed, so a fast consumer still`,
    'sees every network chunk.',
    '',
    '## Without pacing (`pace: false`): one result per network chunk',
    '',
    'The same link emitting as soon as Apollo asks for the next result, measured in the same interleaved',
    'rounds. It merges only what arrived while Apollo was busy, so when the network is exactly as fast as the',
    'client (one chunk per event-loop turn), every payload becomes its own cache rewrite, as with `HttpLink`.',
    '',
    unpacedTable,
    '',
  ].join('\n');
  process.stdout.write(`\n${markdown}`);
  if (write) {
    await writeResults(RESULTS_FILE, markdown);
    process.stdout.write(`\nwritten to ${RESULTS_FILE}\n`);
  }
}

await main();
