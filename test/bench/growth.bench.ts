/**
 * Growth end to end (issue 7's linearity targets besides the long `@stream`, which fetch.bench.ts
 * measures): `fetchIncremental` over recorded responses replayed one network chunk per event-loop turn
 * (`replayFetch.ts`), to a consumer that takes every result as soon as it is out.
 *
 * Workloads, recorded from graphql-js 17.1 (growthRecordings.ts), N = 10,000 and 100,000:
 * - **deferred list items**: a list of N products, each with a `@defer`red fragment, current format:
 *   the initial payload announces N `pending` boundaries, then every payload carries one `incremental`
 *   entry and its `completed` entry, one part per network chunk (one completion per chunk);
 * - **accumulated errors**: a `@stream` of N products whose `rating` fails on every item, both formats,
 *   in 16 KB chunks and one part per chunk: every payload adds one error.
 *
 * Contestants, interleaved per scenario: `fetchIncremental` as shipped (paced) and with `pace: false`.
 * Every run's final `data` is compared (outside the clock) with plain `execute()` of the same query,
 * and its `errors` (message and path) with plain execution's; ✗ = they differed or the run threw.
 *
 * Run: `pnpm bench growth`, or `cd test && npx tsx --conditions=source --expose-gc bench/growth.bench.ts`.
 * Flags: `--quick` (N = 1,000 and 10,000, no results file), `--no-write`, `--no-gc`.
 */
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { fetchIncremental } from '@graphql-incremental/fetch';
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
import { PACING_RULE } from './pacing.js';
import { cutChunks, describeChunking, type Chunking } from './replayFetch.js';
import { DEFERRED_LIST_QUERY_SOURCE, FAILING_STREAM_QUERY_SOURCE, recordDeferredList, recordFailingStream } from './growthRecordings.js';
import { createRecordingFetch, type StreamFormat, type StreamRecording } from './streamRecording.js';

const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write') && !quick;
const RESULTS_FILE = fileURLToPath(new URL('./results/growth.md', import.meta.url));
const SIZES: readonly [small: number, large: number] = quick ? [1_000, 10_000] : [10_000, 100_000];
/** Linear within noise: the tolerance of the `@stream` target (results/fetch.md). */
const GROWTH_TARGET = 1.5;
const URL_ = 'http://bench.invalid/graphql';
const SIXTEEN_KB: Chunking = { kind: 'fixed', size: 16 * 1024 };
const PER_PART: Chunking = { kind: 'per-part' };

const PACED = 'fetchIncremental';
const UNPACED = 'fetchIncremental, pace: false';
const NAMES = [PACED, UNPACED] as const;
type Name = (typeof NAMES)[number];

type Workload = 'deferred list items' | 'accumulated errors';

interface Scenario {
  readonly workload: Workload;
  readonly format: StreamFormat;
  readonly chunking: Chunking;
}

const SCENARIOS: readonly Scenario[] = [
  { workload: 'deferred list items', format: 'current', chunking: PER_PART },
  { workload: 'accumulated errors', format: '2022', chunking: SIXTEEN_KB },
  { workload: 'accumulated errors', format: 'current', chunking: SIXTEEN_KB },
  { workload: 'accumulated errors', format: '2022', chunking: PER_PART },
  { workload: 'accumulated errors', format: 'current', chunking: PER_PART },
];

/** One recording per workload, format and size, shared by its chunkings (and then dropped). */
function record(workload: Workload, format: StreamFormat, items: number): Promise<StreamRecording> {
  return workload === 'deferred list items' ? recordDeferredList(items) : recordFailingStream(format, items);
}

/** Errors as compared: message and path (the oracle's locations point into its re-printed document). */
const comparable = (errors: readonly unknown[] | undefined): unknown =>
  errors?.map((error) => {
    const { message, path } = error as { message?: unknown; path?: unknown };
    return { message, path };
  });

/** One checked run: `results` handed out, the longest wait between two of them, 1 in `wrong` when the final result differs. */
async function runOnce(name: Name, recording: StreamRecording, chunking: Chunking, query: string): Promise<Sample> {
  const fetchImpl = createRecordingFetch(recording, chunking);
  const started = performance.now();
  let previous = started;
  let maxGapMs = 0;
  let results = 0;
  let last: { data?: unknown; errors?: readonly unknown[]; pending: readonly unknown[]; hasNext: boolean } | undefined;
  try {
    for await (const result of fetchIncremental(URL_, { query, variables: { count: recording.items } }, { fetch: fetchImpl, pace: name === PACED })) {
      const now = performance.now();
      maxGapMs = Math.max(maxGapMs, now - previous);
      previous = now;
      results += 1;
      last = result;
    }
  } catch {
    return { ms: performance.now() - started, results, maxGapMs, wrong: 1 };
  }
  const ms = performance.now() - started;
  const right =
    last !== undefined &&
    !last.hasNext &&
    last.pending.length === 0 &&
    isDeepStrictEqual(last.data, recording.expectedData) &&
    isDeepStrictEqual(comparable(last.errors), comparable(recording.expectedErrors));
  return { ms, results, maxGapMs, wrong: right ? 0 : 1 };
}

interface Row {
  readonly scenario: Scenario;
  readonly items: number;
  readonly chunks: number;
  readonly samples: ReadonlyMap<string, readonly Sample[]>;
}

const describeRow = (row: { readonly scenario: Scenario; readonly items: number }): string =>
  `${row.scenario.workload}, ${row.scenario.format}, ${describeChunking(row.scenario.chunking)}, N = ${row.items.toLocaleString('en-US')}`;

const rows: Row[] = [];
// One recording alive at a time: at 100,000 items a recording (bytes, parts, oracle data and errors) is a
// large live heap that every major GC marks; a row should not pay for the others'.
const recordingKeys = [...new Set(SCENARIOS.map((scenario) => `${scenario.workload}/${scenario.format}`))];
for (const key of recordingKeys) {
  const sharing = SCENARIOS.filter((scenario) => `${scenario.workload}/${scenario.format}` === key);
  for (const items of SIZES) {
    // Block-scoped: released when this size is done (rows keep samples, not recordings).
    const recording = await record(sharing[0]!.workload, sharing[0]!.format, items);
    for (const scenario of sharing) {
      const query = scenario.workload === 'deferred list items' ? DEFERRED_LIST_QUERY_SOURCE : FAILING_STREAM_QUERY_SOURCE;
      const contestants: Contestant[] = NAMES.map((name) => ({ name, run: () => runOnce(name, recording, scenario.chunking, query) }));
      const big = items >= 100_000;
      // `pace: false` takes minutes per run at 100,000 where it is quadratic: then one round is all there is.
      const samples = await runInterleaved(contestants, big ? { rounds: 3, minRounds: 1, budgetMs: 60_000 } : { rounds: 9, warmup: 1, minRounds: 3, budgetMs: 30_000 });
      const row = { scenario, items, chunks: cutChunks(recording, scenario.chunking).length, samples };
      rows.push(row);
      process.stdout.write(`${describeRow(row)}: ${NAMES.map((name) => `${name} ${formatMs(medianOf(samples.get(name)!))}`).join(', ')}\n`);
    }
  }
}
// In the order of SCENARIOS, each scenario's sizes in order.
rows.sort((a, b) => SCENARIOS.indexOf(a.scenario) - SCENARIOS.indexOf(b.scenario) || a.items - b.items);

const samplesOf = (row: Row, name: Name): readonly Sample[] => row.samples.get(name)!;
const isWrong = (row: Row, name: Name): boolean => samplesOf(row, name).some((sample) => sample.wrong! > 0);
const usPerItem = (row: Row, name: Name): number => (medianOf(samplesOf(row, name)) * 1000) / row.items;

function cell(row: Row, name: Name): string {
  const samples = samplesOf(row, name);
  const mark = isWrong(row, name) ? ' ✗ wrong result' : '';
  return `${formatMs(medianOf(samples))} (${usPerItem(row, name).toFixed(2)} µs/item, ${formatCount(medianOf(samples, 'results'))} results, longest wait ${formatMs(medianOf(samples, 'maxGapMs'))})${mark}`;
}

/** µs per item at the large N over µs per item at the small N, for the scenario's pair of rows. */
function growth(scenario: Scenario, name: Name): number {
  const [small, large] = rows.filter((row) => row.scenario === scenario);
  return usPerItem(large!, name) / usPerItem(small!, name);
}

const timeTable = markdownTable(
  ['workload', 'format', 'network chunks', 'N', ...NAMES, 'pace: false ÷ paced'],
  rows.map((row) => [
    row.scenario.workload,
    row.scenario.format,
    `${describeChunking(row.scenario.chunking)} (${row.chunks.toLocaleString('en-US')})`,
    row.items.toLocaleString('en-US'),
    ...NAMES.map((name) => cell(row, name)),
    formatRatio(pairedRatio(samplesOf(row, UNPACED), samplesOf(row, PACED))),
  ]),
  ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
);
const growthTable = markdownTable(
  ['workload', 'format', 'network chunks', ...NAMES.map((name) => `${name}: growth per 10× N`)],
  SCENARIOS.map((scenario) => [scenario.workload, scenario.format, describeChunking(scenario.chunking), ...NAMES.map((name) => formatRatio(growth(scenario, name)))]),
  ['left', 'left', 'left', 'right', 'right'],
);

const verdict = (workload: Workload): string => {
  const scenarios = SCENARIOS.filter((scenario) => scenario.workload === workload);
  const steps = scenarios.map((scenario) => `${scenario.format}, ${describeChunking(scenario.chunking)}: ${formatRatio(growth(scenario, PACED))}`);
  const correct = rows.filter((row) => row.scenario.workload === workload).every((row) => !isWrong(row, PACED));
  const met = correct && scenarios.every((scenario) => growth(scenario, PACED) <= GROWTH_TARGET);
  return `${steps.join('; ')}: ${met ? 'met' : '**missed**'}${correct ? '' : ' (a run ended with a wrong result)'}`;
};
const [small, large] = SIZES.map((size) => size.toLocaleString('en-US'));
const summary = [
  `- ${large} deferred list items, one completion per network chunk, linear from ${small} (\`fetchIncremental\`'s µs/item grows at most ${GROWTH_TARGET}× per 10× N): ${verdict('deferred list items')}.`,
  `- ${large} accumulated errors, linear from ${small} (same measure): ${verdict('accumulated errors')}.`,
].join('\n');

process.stdout.write(`\n${timeTable}\n\n${growthTable}\n\n${summary}\n`);

if (write) {
  await writeResults(
    RESULTS_FILE,
    [
      '# Growth end to end: deferred list items and accumulated errors',
      '',
      `Generated by \`pnpm bench growth\` (test/bench/growth.bench.ts). ${describeEnvironment()}; ${describeRevision()}.`,
      '',
      'Recorded from graphql-js 17.1 (`experimentalExecuteIncrementally` for current, `legacyExecuteIncrementally` for',
      '2022) on the shop schema, framed as Apollo Server frames multipart, and replayed one network chunk per event-loop',
      'turn to a consumer that takes every result as soon as it is out (test/bench/growthRecordings.ts):',
      '- **deferred list items**: `products(count: N) { id name ... @defer { price inStock } }`. The initial payload',
      '  announces N `pending` boundaries; then each payload carries one `incremental` entry and its `completed` entry,',
      '  one part per network chunk: N results\' worth of news, each changing one item and the `pending` list.',
      '- **accumulated errors**: `products(count: N) @stream(initialCount: 0) { id name rating }` where `rating` fails',
      '  on every item: each payload adds one item and one error, so the result\'s `errors` grows to N.',
      '',
      `Contestants: \`fetchIncremental\` as shipped, which paces its results (${PACING_RULE},`,
      'while payloads keep merging), and with `pace: false` (a result whenever there is news). Interleaved rounds with a',
      'full GC before each run; medians;',
      'ratios are per-round (paired) medians. Every run\'s final result is checked: `hasNext: false`, no `pending`, the',
      '`data` of plain `execute()`, and its `errors` (message and path, in order). ✗ = it differed or the run threw.',
      'One recording is alive at a time, so the major GCs of a row mark its own recording only.',
      '',
      `Targets (issue 7), computed from this run (linear: µs per item grows at most ${GROWTH_TARGET}× per 10× N, the tolerance of`,
      'the `@stream` target in results/fetch.md):',
      '',
      summary,
      '',
      `Total time (µs per item, results handed out, longest wait between two results), medians. At N = ${large} the rounds`,
      'stop after 60 s (at least one): where `pace: false` is quadratic, one round is all there is.',
      '',
      timeTable,
      '',
      `Growth of µs per item from N = ${small} to ${large}; 1.00× is linear, 10× is quadratic:`,
      '',
      growthTable,
      '',
    ].join('\n'),
  );
}
