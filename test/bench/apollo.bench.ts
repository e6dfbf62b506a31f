/**
 * Apollo Client 4 end to end (issue 7, item 3; issue 5, "Long streams"): Apollo's `HttpLink` against
 * our `IncrementalHttpLink` on the same recorded bytes, a `@stream` of N products at depth 3, with
 * `InMemoryCache`, `cache-first` and the incremental handler matching the wire format.
 *
 * Run: `pnpm bench apollo` from the repository root, or `cd test && npx tsx --conditions=source
 * --expose-gc bench/apollo.bench.ts`. Flags: `--quick` (N = 100 only, few rounds), `--no-write`
 * (print, do not write `results/apollo.md`), `--items=10000` (only that N; implies `--no-write`),
 * `--floor` (only the floor section, see below; implies `--no-write`).
 *
 * Per run: a fresh client and cache; the clock starts at `watchQuery().subscribe()` and stops at the
 * result with `loading: false`. Every run checks that the final data equals plain `execute()` of the
 * query (all N items, `dataState: "complete"`, `networkStatus` 7), so both links end with identical data.
 * At 10,000 items (issue 14: at most 2 s, no wait for an update over 300 ms) a run still going after
 * {@link STOP_AFTER_MS} is stopped and reported as such, and runs no further rounds: `HttpLink` would
 * take many minutes there.
 *
 * The floor section measures Apollo's own cost for one result (see apolloFloor.ts): with N = 1,000 and
 * 10,000 items, the time from handing Apollo a result with k new items to the watcher receiving it.
 * No link can make the wait before an update shorter than that update's own cost.
 */
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, Observable } from '@apollo/client';
import { Defer20220824Handler, GraphQL17Alpha9Handler } from '@apollo/client/incremental';
import { IncrementalHttpLink } from '@graphql-incremental/apollo-link';
import {
  describeEnvironment,
  describeRevision,
  formatCount,
  formatMs,
  formatRatio,
  markdownTable,
  median,
  medianOf,
  pairedRatio,
  runInterleaved,
  writeResults,
  type Contestant,
  type Sample,
} from './harness.js';
import { readThreadTime } from './apolloThreadTime.js';
import { runFloorOnce } from './apolloFloor.js';
import { PACE_SHARE, PACING_RULE } from './pacing.js';
import { cutChunks, describeChunking, type Chunking } from './replayFetch.js';
import { createRecordingFetch, recordStream, STREAM_QUERY, type StreamFormat, type StreamRecording } from './streamRecording.js';

const quick = process.argv.includes('--quick');
/** `--items=N`: only the sizes listed (comma-separated), for trying things out. */
const onlyItems = process.argv
  .find((argument) => argument.startsWith('--items='))
  ?.slice('--items='.length)
  .split(',')
  .map(Number);
const floorOnly = process.argv.includes('--floor');
const write = !process.argv.includes('--no-write') && !quick && onlyItems === undefined && !floorOnly;
const RESULTS_FILE = fileURLToPath(new URL('./results/apollo.md', import.meta.url));
/** The issue's target: at least this many times faster than HttpLink at 1,000 items. */
const TARGET_RATIO = 10;
/** A run that takes longer has hung (HttpLink at 1,000 items takes 10-30 s here). */
const RUN_TIMEOUT_MS = 180_000;
/** Issue 14's target at 10,000 items: the final result within this long... */
const TARGET_TOTAL_MS = 2000;
/** ...and the UI never waiting longer than this for an update (the first one included). */
const TARGET_GAP_MS = 300;
/** Where a run is stopped, at 10,000 items (HttpLink's time grows with the square of N: minutes there). */
const STOP_AFTER_MS = 30_000;

type LinkName = 'HttpLink' | 'IncrementalHttpLink' | 'IncrementalHttpLink, pace: false';
const LINKS: readonly LinkName[] = ['HttpLink', 'IncrementalHttpLink', 'IncrementalHttpLink, pace: false'];

interface Size {
  readonly items: number;
  readonly rounds: number;
  readonly warmup: number;
  /** Stop a run after this long (default: never); it then runs no more rounds. */
  readonly stopAfterMs?: number;
}

interface Scenario extends Size {
  readonly format: StreamFormat;
  readonly chunking: Chunking;
}

const CHUNKINGS: readonly Chunking[] = [{ kind: 'fixed', size: 16 * 1024 }, { kind: 'per-part' }, { kind: 'paced', partsPerMs: 5 }];
const FORMATS: readonly StreamFormat[] = ['2022', 'current'];
const ALL_SIZES: readonly Size[] = quick
  ? [{ items: 100, rounds: 3, warmup: 1 }]
  : [
      { items: 100, rounds: 7, warmup: 1 },
      // HttpLink takes 10-30 s per run at 1,000 items: few rounds, no warm-up (the N = 100 runs warmed up).
      { items: 1000, rounds: 3, warmup: 0 },
      { items: 10_000, rounds: 5, warmup: 0, stopAfterMs: STOP_AFTER_MS },
    ];
const SIZES = floorOnly ? [] : ALL_SIZES.filter((size) => onlyItems?.includes(size.items) ?? true);
/** The floor's list lengths N, and its rounds (interleaved: every N, k and format once per round). */
const FLOOR_ITEMS = (quick ? [100] : [1000, 10_000]).filter((items) => onlyItems?.includes(items) ?? true);
const FLOOR_ROUNDS = quick ? 3 : 15;
/** The new items k of the floor's timed result: the final small result, a batch, everything at once. */
const floorNewItems = (items: number): readonly number[] => [...new Set([1, 100, items])].filter((newItems) => newItems <= items);

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
 * Puts `link` behind a link that times Apollo Client's work with each result: the handler's merge,
 * the cache write and the broadcast to watchers all run inside the terminating link's `observer.next`.
 */
function timeApollo(link: ApolloLink, onResult: (ms: number) => void): ApolloLink {
  const timing = new ApolloLink(
    (operation, forward) =>
      new Observable<ApolloLink.Result>((observer) => {
        const subscription = forward(operation).subscribe({
          next: (result) => {
            const started = performance.now();
            observer.next(result);
            onResult(performance.now() - started);
          },
          error: (error: unknown) => observer.error(error),
          complete: () => observer.complete(),
        });
        return () => subscription.unsubscribe();
      }),
  );
  return ApolloLink.from([timing, link]);
}

/**
 * One checked run: a fresh client, `watchQuery` until `loading: false`, or until `stopAfterMs`.
 *
 * @returns `ms` to the final result (or to the stop); `results` (results with data that reached the
 *   observable), `firstItemMs` (until the first streamed item showed), `maxGapMs` (the longest wait
 *   between two results, or from the start to the first: how long the UI went without an update; for
 *   a stopped run, the wait it was in counts too), `items` (items in the last result), `stopped` (1 when
 *   stopped), `apolloMs` (Apollo's work with the link's results, see {@link timeApollo}) and
 *   `longestApolloMs` (its longest for one result), `waitingMs` (the main thread runnable but waiting
 *   for a CPU: other processes' share of a busy machine; `NaN` off Linux) and `maxGapNetMs` (the
 *   longest wait for an update less such waits inside it).
 * @throws When the final result is not the complete, correct data.
 */
async function runOnce(link: LinkName, recording: StreamRecording, chunking: Chunking, stopAfterMs = Number.POSITIVE_INFINITY): Promise<Sample> {
  const fetchImpl = createRecordingFetch(recording, chunking);
  let apolloMs = 0;
  let longestApolloMs = 0;
  const client = new ApolloClient({
    link: timeApollo(createLink(link, fetchImpl, recording.format), (ms) => {
      apolloMs += ms;
      longestApolloMs = Math.max(longestApolloMs, ms);
    }),
    cache: new InMemoryCache(),
    incrementalHandler: handlerFor(recording.format),
  });
  let results = 0;
  let items = 0;
  let firstItemMs = Number.NaN;
  let maxGapMs = 0;
  // Waiting for a CPU so far, by the main thread (NaN off Linux).
  const waited = (): number => readThreadTime()?.waitingMs ?? Number.NaN;
  const waitedBefore = waited();
  const started = performance.now();
  let previous = started;
  let previousWaited = waitedBefore;
  let maxGapNetMs = 0;
  try {
    const final = await new Promise<(ApolloClient.QueryResult<unknown> & { loading: boolean; dataState: string; networkStatus: number }) | 'stopped'>(
      (resolve, reject) => {
        let finished = false;
        const timeout = setTimeout(() => reject(new Error(`${link} did not finish within ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
        const stop = Number.isFinite(stopAfterMs) ? setTimeout(() => settle('stopped'), stopAfterMs) : undefined;
        const settle = (result: Parameters<typeof resolve>[0]): void => {
          if (finished) return;
          finished = true;
          clearTimeout(timeout);
          clearTimeout(stop);
          resolve(result);
        };
        const observable = client.watchQuery({ query: STREAM_QUERY, variables: { count: recording.items }, fetchPolicy: 'cache-first' });
        const subscription = observable.subscribe({
          next: (result) => {
            if (result.data !== undefined && !finished) {
              const now = performance.now();
              results += 1;
              const waitedNow = waited();
              maxGapMs = Math.max(maxGapMs, now - previous);
              maxGapNetMs = Math.max(maxGapNetMs, now - previous - (waitedNow - previousWaited));
              previous = now;
              previousWaited = waitedNow;
              items = productsOf(result.data)?.length ?? 0;
              if (Number.isNaN(firstItemMs) && items > 0) firstItemMs = now - started;
            }
            if (!result.loading) settle(result as never);
          },
          error: (error: unknown) => {
            clearTimeout(timeout);
            clearTimeout(stop);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        });
        // Unsubscribed once the final result is in (it may even arrive synchronously) or the run stopped.
        void (async () => {
          while (!finished) await new Promise((resolve) => setTimeout(resolve, 50));
          subscription.unsubscribe();
        })();
      },
    );
    const ended = performance.now();
    const waitedAfter = waited();
    const measured = { ms: ended - started, results, items, firstItemMs, apolloMs, longestApolloMs, waitingMs: waitedAfter - waitedBefore };
    if (final === 'stopped') {
      const lastGap = { maxGapMs: ended - previous, maxGapNetMs: ended - previous - (waitedAfter - previousWaited) };
      return { ...measured, maxGapMs: Math.max(maxGapMs, lastGap.maxGapMs), maxGapNetMs: Math.max(maxGapNetMs, lastGap.maxGapNetMs), stopped: 1 };
    }
    if (final.error !== undefined) throw new Error(`${link}: the final result has an error: ${final.error.message}`);
    if (final.networkStatus !== 7 || final.dataState !== 'complete') {
      throw new Error(`${link}: the final result has networkStatus ${final.networkStatus}, dataState ${final.dataState}`);
    }
    if (productsOf(final.data)?.length !== recording.items || !isDeepStrictEqual(final.data, recording.expectedData)) {
      throw new Error(`${link}: the final data differs from plain execution (${productsOf(final.data)?.length} of ${recording.items} items)`);
    }
    return { ...measured, maxGapMs, maxGapNetMs, stopped: 0 };
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

/** A contestant's stopped runs: all of them (just one) when it was stopped in its first round. */
const stoppedRuns = (samples: readonly Sample[]): readonly Sample[] => samples.filter((sample) => sample.stopped === 1);

/**
 * The median time; `> 30.2 s (stopped at 1,234 items)` for a contestant stopped in its one run. Stopped
 * runs have the longest times, so a median over runs fewer than half of which were stopped is exact.
 */
function formatTotal(samples: readonly Sample[]): string {
  const stopped = stoppedRuns(samples);
  const ms = formatMs(medianOf(samples));
  if (stopped.length === 0) return ms;
  if (samples.length === 1) return `> ${ms} (stopped at ${formatCount(stopped[0]!.items!)} items)`;
  return `${stopped.length * 2 < samples.length ? '' : '> '}${ms} (${stopped.length} of ${samples.length} runs stopped)`;
}

/** The median paired ratio; with stopped runs on one side, a bound (a stopped run's time is a lower bound). */
function formatPairedRatio(slower: readonly Sample[], faster: readonly Sample[]): string {
  const [slowStopped, fastStopped] = [stoppedRuns(slower).length, stoppedRuns(faster).length];
  if (slowStopped > 0 && fastStopped > 0) return '—';
  // A contestant stopped in its first round ran once: against the other's median.
  const ratio = slower.length === faster.length ? pairedRatio(slower, faster) : medianOf(slower) / medianOf(faster);
  return `${slowStopped > 0 ? '≥ ' : fastStopped > 0 ? '≤ ' : ''}${formatRatio(ratio)}`;
}

/** A median count or time, `≥` when stopped runs make it a lower bound. */
function formatAtLeast(samples: readonly Sample[], metric: string, format: (value: number) => string): string {
  return `${stoppedRuns(samples).length > 0 ? '≥ ' : ''}${format(medianOf(samples, metric))}`;
}

const formatResults = (samples: readonly Sample[]): string => formatAtLeast(samples, 'results', formatCount);
const formatLongestWait = (samples: readonly Sample[]): string => formatAtLeast(samples, 'maxGapMs', formatMs);

function formatFirstItem(samples: readonly Sample[]): string {
  const ms = medianOf(samples, 'firstItemMs');
  return Number.isNaN(ms) ? '—' : formatMs(ms);
}

/** Issue 7's target at 1,000 items (10× HttpLink), issue 14's at 10,000 (2 s, no wait over 300 ms). */
function judgeTarget(scenario: Scenario, http: readonly Sample[], incremental: readonly Sample[]): string {
  if (scenario.items === 1000) {
    const ratio = pairedRatio(http, incremental);
    return ratio >= TARGET_RATIO ? '≥ 10×: met' : `≥ 10×: **missed** (${formatRatio(ratio)})`;
  }
  if (scenario.items !== 10_000) return '—';
  const [ms, gap] = [medianOf(incremental), medianOf(incremental, 'maxGapMs')];
  const met = stoppedRuns(incremental).length === 0 && ms <= TARGET_TOTAL_MS && gap <= TARGET_GAP_MS;
  const net = `${formatMs(median(incremental.map((sample) => sample.ms - sample.waitingMs!)))}, ${formatMs(medianOf(incremental, 'maxGapNetMs'))}`;
  return `≤ ${formatMs(TARGET_TOTAL_MS)}, waits ≤ ${formatMs(TARGET_GAP_MS)}: ${met ? 'met' : `**missed** (${formatMs(ms)}, ${formatMs(gap)}; less waits for a CPU ${net})`}`;
}

interface FloorRow {
  readonly format: StreamFormat;
  readonly items: number;
  readonly newItems: number;
  readonly samples: readonly Sample[];
}

/**
 * The floor section: {@link runFloorOnce} for every N in {@link FLOOR_ITEMS}, k and format, in
 * interleaved rounds.
 *
 * @returns Its Markdown, or `undefined` when no N is measured.
 */
async function measureFloor(recordings: ReadonlyMap<string, StreamRecording>): Promise<string | undefined> {
  if (FLOOR_ITEMS.length === 0) return undefined;
  const cases = FLOOR_ITEMS.flatMap((items) => FORMATS.flatMap((format) => floorNewItems(items).map((newItems) => ({ format, items, newItems }))));
  const nameOf = ({ format, items, newItems }: Omit<FloorRow, 'samples'>): string => `${format}, ${formatCount(items)} items, ${formatCount(newItems)} new`;
  process.stdout.write('floor:');
  const samples = await runInterleaved(
    cases.map((floorCase) => ({
      name: nameOf(floorCase),
      run: () => runFloorOnce(recordings.get(`${floorCase.format}/${floorCase.items}`)!, floorCase.newItems, handlerFor(floorCase.format)),
    })),
    { rounds: FLOOR_ROUNDS, warmup: 1, onSample: (name, _round, sample) => void process.stdout.write(` ${name}: ${formatMs(sample.ms)};`) },
  );
  process.stdout.write('\n');
  const rows: FloorRow[] = cases.map((floorCase) => ({ ...floorCase, samples: samples.get(nameOf(floorCase))! }));
  const table = markdownTable(
    ['items (N)', 'format', 'list held', 'new items (k)', 'rounds', 'handed to Apollo → watcher', 'inside `observer.next`', 'handed → watcher, less waits for a CPU'],
    rows.map(({ format, items, newItems, samples: floorSamples }) => [
      formatCount(items),
      format,
      formatCount(items - newItems),
      newItems === items ? `${formatCount(newItems)} (everything at once)` : newItems === 1 ? '1 (the final small result)' : formatCount(newItems),
      String(floorSamples.length),
      formatMs(medianOf(floorSamples)),
      formatMs(medianOf(floorSamples, 'inNextMs')),
      formatMs(medianOf(floorSamples, 'netMs')),
    ]),
    ['right', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  return [
    "## Apollo's own cost per result (the floor)",
    '',
    'How long Apollo Client itself takes with one result, whatever the link: the same query, recordings and',
    'handlers as above, a fresh `InMemoryCache`, a `watchQuery` watcher subscribed as in the rows above. The',
    "real `IncrementalHttpLink` (with `pace: false`, so nothing holds the result back) reads the recording in",
    'two network chunks: the initial payload with N − k items, then, once the watcher has shown that list, the',
    'k others and the end. It merges each chunk into one result, so Apollo gets exactly what the link hands it',
    'in the rows above: a list of N − k items, then one cumulative result with all N, k of them new (every run',
    "checks both counts and the final data against plain `execute()`). Timed: from the link's `observer.next`",
    "with the second result to the watcher receiving it (Apollo's handler merges it, the cache writes the whole",
    'query, broadcasts, and reads the query back for the watcher); medians over interleaved rounds (every row',
    'once per round, after one warm-up round), GC before every run.',
    '',
    table,
    '',
    ...describeFloor(rows),
  ].join('\n');
}

/** The lower bound the floor implies for issue 14's target, one line per format. */
function describeFloor(rows: readonly FloorRow[]): string[] {
  const at = (format: StreamFormat, newItems: number): FloorRow | undefined =>
    rows.find((row) => row.format === format && row.items === 10_000 && row.newItems === newItems);
  const lines = FORMATS.flatMap((format) => {
    const [last, whole] = [at(format, 1), at(format, 10_000)];
    if (last === undefined || whole === undefined) return [];
    const [ms, netMs] = [medianOf(last.samples), medianOf(last.samples, 'netMs')];
    const verdict =
      netMs > TARGET_GAP_MS
        ? '**the target cannot be met by any link**, even without waits for a CPU'
        : ms > TARGET_GAP_MS
          ? `**above the target on this shared machine**; without waits for a CPU ${formatMs(TARGET_GAP_MS - netMs)} would be left for everything else`
          : `${formatMs(TARGET_GAP_MS - ms)} left for everything else`;
    return [
      `- ${format}: at least **${formatMs(ms)}** (${formatMs(netMs)} less waits for a CPU) against the target of ${formatMs(TARGET_GAP_MS)}: ${verdict}. ` +
        `All 10,000 items in one result: ${formatMs(medianOf(whole.samples))} (${formatMs(medianOf(whole.samples, 'netMs'))}).`,
    ];
  });
  if (lines.length === 0) return [];
  return [
    '**The lower bound at 10,000 items.** Whatever the link, Apollo writes the whole list to its cache and reads it',
    "back for every update, the stream's last one included (`HttpLink`'s one-item results too: the handler first",
    'merges them into the whole list), and the wait for that update includes this work. So "longest wait for an',
    'update" at 10,000 items can be no shorter than the row with 1 new item at N = 10,000 (Apollo Client 4,',
    '`InMemoryCache`, this machine):',
    '',
    ...lines,
    '',
  ];
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
  for (const items of new Set([...SIZES.map((size) => size.items), ...FLOOR_ITEMS])) {
    for (const format of FORMATS) recordings.set(`${format}/${items}`, await recordStream(format, items));
  }

  const rows: Row[] = [];
  for (const scenario of scenarios) {
    const recording = recordings.get(`${scenario.format}/${scenario.items}`)!;
    const contestants: Contestant[] = LINKS.map((link) => ({
      name: link,
      run: () => runOnce(link, recording, scenario.chunking, scenario.stopAfterMs),
    }));
    process.stdout.write(`${describeScenario(scenario)}:`);
    const onSample = (name: string, _round: number, sample: Sample): void =>
      void process.stdout.write(` ${name[0]} ${formatMs(sample.ms)} (${sample.results}${sample.stopped === 1 ? ', stopped' : ''});`);
    const options = { rounds: scenario.rounds, warmup: scenario.warmup, onSample };
    let samples = await runInterleaved(contestants, scenario.stopAfterMs === undefined ? options : { ...options, rounds: 1 });
    if (scenario.stopAfterMs !== undefined) {
      // A contestant stopped once would only be stopped again: the other rounds are for those that finish.
      const finishing = contestants.filter(({ name }) => samples.get(name)![0]!.stopped !== 1);
      const more = await runInterleaved(finishing, { rounds: scenario.rounds - 1, onSample });
      samples = new Map(contestants.map(({ name }) => [name, [...samples.get(name)!, ...(more.get(name) ?? [])]]));
    }
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
      'target',
    ],
    rows.map(({ scenario, chunks, http, incremental }) => [
      scenario.items.toLocaleString('en-US'),
      scenario.format,
      `${describeChunking(scenario.chunking)} (${chunks.toLocaleString('en-US')})`,
      String(incremental.length),
      formatTotal(http),
      formatTotal(incremental),
      formatPairedRatio(http, incremental),
      `${formatResults(http)} / ${formatResults(incremental)}`,
      `${formatFirstItem(http)} / ${formatFirstItem(incremental)}`,
      `${formatLongestWait(http)} / ${formatLongestWait(incremental)}`,
      judgeTarget(scenario, http, incremental),
    ]),
    ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  );
  const unpacedTable = markdownTable(
    ['items', 'format', 'network chunks', 'pace: false', 'HttpLink / pace: false', 'pace: false / default', 'results', 'first item', 'longest wait for an update'],
    rows.map(({ scenario, chunks, http, incremental, unpaced }) => [
      scenario.items.toLocaleString('en-US'),
      scenario.format,
      `${describeChunking(scenario.chunking)} (${chunks.toLocaleString('en-US')})`,
      formatTotal(unpaced),
      formatPairedRatio(http, unpaced),
      formatPairedRatio(unpaced, incremental),
      formatResults(unpaced),
      formatFirstItem(unpaced),
      formatLongestWait(unpaced),
    ]),
    ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
  const breakdownRows = rows
    .filter(({ scenario }) => scenario.stopAfterMs !== undefined)
    .flatMap(({ scenario, chunks, incremental, unpaced }) =>
      [
        { link: 'IncrementalHttpLink', samples: incremental },
        { link: 'pace: false', samples: unpaced },
      ]
        .filter(({ samples }) => stoppedRuns(samples).length === 0)
        .map(({ link, samples }) => [
          scenario.format,
          `${describeChunking(scenario.chunking)} (${chunks.toLocaleString('en-US')})`,
          link,
          formatCount(medianOf(samples, 'results')),
          formatMs(medianOf(samples)),
          formatMs(medianOf(samples, 'apolloMs')),
          formatMs(median(samples.map((sample) => sample.ms - sample.apolloMs!))),
          formatMs(medianOf(samples, 'maxGapMs')),
          formatMs(medianOf(samples, 'longestApolloMs')),
          formatMs(median(samples.map((sample) => sample.ms - sample.waitingMs!))),
          formatMs(medianOf(samples, 'maxGapNetMs')),
        ]),
    );
  const breakdownTable = markdownTable(
    [
      'format',
      'network chunks',
      'link',
      'results',
      'total',
      'in Apollo',
      'outside Apollo',
      'longest wait',
      'longest in Apollo',
      'total, less waits for a CPU',
      'longest wait, less waits for a CPU',
    ],
    breakdownRows,
    ['left', 'left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
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
    'the observable (each one is a UI update); "longest wait for an update" is the longest time between two of',
    'them, or from `subscribe()` to the first.',
    '',
    `At 10,000 items a run still going after ${formatMs(STOP_AFTER_MS)} is stopped and counts with its time so far. A link stopped in`,
    'its first round runs no further rounds ("rounds" counts `IncrementalHttpLink`\'s): its cell says how many items',
    'the UI showed by then, and a ratio against it compares that one run with the other\'s median. Values marked',
    '> or ≥ are bounds. `HttpLink` rewrites the whole list in the cache for every item, so its time grows with the',
    'square of N: it would take many minutes there.',
    '',
    `Targets, judged on \`IncrementalHttpLink\`'s medians: at 1,000 items at least ${TARGET_RATIO}× faster than \`HttpLink\`; at`,
    `10,000 items the final result within ${formatMs(TARGET_TOTAL_MS)} and no wait for an update over ${formatMs(TARGET_GAP_MS)} (a missed target also`,
    'shows both less the time spent waiting for a CPU; see "Where the time goes"). The last section measures',
    "Apollo's own cost per result: how short any link can make those waits.",
    '',
    table,
    '',
    'Chunkings: 16 KB and one part per chunk arrive one chunk per event-loop turn however long the client',
    'spends in a turn (the network is exactly as fast as the client: nothing piles up while Apollo writes its',
    'cache). "parts/ms, socket reads" paces the parts by the clock (5 per ms: the server sends 1,000 items in',
    '0.2 s, 10,000 in 2 s, so no client finishes those rows sooner) and each turn reads all that arrived, at most',
    '64 KB, as a socket read does.',
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
  const breakdown = [
    '## Where the time goes at 10,000 items',
    '',
    'The rows above whose runs finished, medians over their rounds (so columns need not add up). "in Apollo" is',
    "the time inside the link's `observer.next`: Apollo's incremental handler merges the result, the cache writes",
    'the whole query and reads it back for the watcher. Both walk the whole list, not only what is new, so a',
    'result costs Apollo in proportion to the list, and no wait for an update is shorter than "longest in',
    'Apollo". "outside Apollo" is the rest: reading and merging, the replay\'s event-loop turns, the pacing waits.',
    '',
    'The machine is shared. The last two columns subtract the time the main thread was ready to run but waited',
    'for a CPU (Linux scheduler statistics): roughly the same run on an idle machine (roughly: the pacing follows',
    'the clock, so on an idle machine it would also have chosen other batches).',
    '',
    breakdownTable,
    '',
  ].join('\n');
  const floor = await measureFloor(recordings);
  const results = [...(SIZES.length === 0 ? [] : [markdown]), ...(breakdownRows.length === 0 ? [] : [breakdown]), ...(floor === undefined ? [] : [floor])].join('\n');
  process.stdout.write(`\n${results}`);
  if (write) {
    await writeResults(RESULTS_FILE, results);
    process.stdout.write(`\nwritten to ${RESULTS_FILE}\n`);
  }
}

await main();
