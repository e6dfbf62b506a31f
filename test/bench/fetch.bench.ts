/**
 * Merging per network chunk, end to end (issue 7, item 2's growth target): a `@stream` of N = 1,000 /
 * 10,000 / 100,000 products at depth 3, recorded from graphql-js 17.1 in both formats, replayed as
 * 16 KB network chunks, one per event-loop turn (`replayFetch.ts`), to a consumer that takes every
 * result as soon as it is out (the fastest consumer: the most results, the most copying).
 *
 * Contestants, interleaved per scenario:
 * - `fetchIncremental`, as shipped: it paces its results by their cost (`mergeResults.ts`): a result
 *   that cost t ≥ `PACE_MIN_MS` (merging, plus the consumer's time with it) is followed by the next
 *   only after `PACE_RATIO` × t more, while payloads keep merging, so batches grow with the list;
 * - `fetchIncremental` with `pace: false`: a result whenever there is news;
 * - the reader and reassembler by hand, publishing once per network chunk (`readPayloadBatches`, then
 *   `applyAll` per batch): the least a client on these packages can do per chunk;
 * - urql's `Client` with `fetchExchange` (`mergeResultPatch` per payload), up to N = 10,000 (at
 *   100,000 it takes about 90 s per run: see `results/reassembler.md`).
 *
 * Every run's final `data` is compared (outside the clock) with plain `execute()` of the same query;
 * ✗ = it differed or the run threw.
 *
 * Run: `pnpm bench fetch`, or `cd test && npx tsx --conditions=source --expose-gc bench/fetch.bench.ts`.
 * Flags: `--quick` (N ≤ 10,000, no results file), `--no-write`, `--no-gc`.
 */
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Client, fetchExchange } from '@urql/core';
import { fetchIncremental } from '@graphql-incremental/fetch';
import { readPayloadBatches } from '@graphql-incremental/reader';
import { createReassembler } from '@graphql-incremental/reassembler';
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
import { describeChunking, type Chunking } from './replayFetch.js';
import { createRecordingFetch, recordStream, STREAM_QUERY, type StreamFormat, type StreamRecording } from './streamRecording.js';

const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write') && !quick;
const RESULTS_FILE = fileURLToPath(new URL('./results/fetch.md', import.meta.url));
const SIZES: readonly number[] = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const FORMATS: readonly StreamFormat[] = ['2022', 'current'];
const CHUNKING: Chunking = { kind: 'fixed', size: 16 * 1024 };
/** urql copies the whole result per payload: minutes of runs at 100,000 items. */
const URQL_MAX_ITEMS = 10_000;
/** The issue's target: µs per item grows at most this much per 10× N. */
const GROWTH_TARGET = 1.5;
const URL_ = 'http://bench.invalid/graphql';

const OURS = 'fetchIncremental';
const UNPACED = 'fetchIncremental, pace: false';
const PER_CHUNK = 'reader + reassembler: applyAll per network chunk';
const URQL = 'urql Client + fetchExchange';
type Name = typeof OURS | typeof UNPACED | typeof PER_CHUNK | typeof URQL;
const NAMES: readonly Name[] = [OURS, UNPACED, PER_CHUNK, URQL];

type Run = (fetchImpl: typeof fetch, recording: StreamRecording) => Promise<{ readonly data: unknown; readonly results: number }>;

async function runFetchIncremental(fetchImpl: typeof fetch, recording: StreamRecording, pace: boolean): Promise<{ readonly data: unknown; readonly results: number }> {
  let data: unknown;
  let results = 0;
  for await (const result of fetchIncremental(URL_, { query: STREAM_QUERY, variables: { count: recording.items } }, { fetch: fetchImpl, pace })) {
    data = result.data;
    results += 1;
  }
  return { data, results };
}

const runs: Record<Name, Run> = {
  [OURS]: (fetchImpl, recording) => runFetchIncremental(fetchImpl, recording, true),
  [UNPACED]: (fetchImpl, recording) => runFetchIncremental(fetchImpl, recording, false),
  async [PER_CHUNK](fetchImpl, recording) {
    const response = await fetchImpl(URL_, { method: 'POST', body: JSON.stringify({ variables: { count: recording.items } }) });
    const reassembler = createReassembler();
    let results = 0;
    for await (const batch of readPayloadBatches(response)) {
      reassembler.applyAll(batch);
      results += 1;
    }
    return { data: reassembler.current?.data, results };
  },
  [URQL](fetchImpl, recording) {
    const client = new Client({ url: URL_, exchanges: [fetchExchange], fetch: fetchImpl, preferGetMethod: false, requestPolicy: 'network-only' });
    let results = 0;
    return new Promise((resolve, reject) => {
      const { unsubscribe } = client.query(STREAM_QUERY, { count: recording.items }).subscribe((result) => {
        results += 1;
        if (result.error !== undefined) {
          reject(result.error);
        } else if (result.hasNext !== true) {
          // After this callback: urql may still be inside its own dispatch.
          queueMicrotask(() => unsubscribe());
          resolve({ data: result.data, results });
        }
      });
    });
  },
};

interface ScenarioResult {
  readonly format: StreamFormat;
  readonly items: number;
  readonly samples: ReadonlyMap<string, readonly Sample[]>;
}

async function runScenario(recording: StreamRecording): Promise<ScenarioResult> {
  const names = NAMES.filter((name) => name !== URQL || recording.items <= URQL_MAX_ITEMS);
  const contestants: Contestant[] = names.map((name) => ({
    name,
    async run() {
      const fetchImpl = createRecordingFetch(recording, CHUNKING);
      const started = performance.now();
      try {
        const { data, results } = await runs[name](fetchImpl, recording);
        const ms = performance.now() - started;
        return { ms, results, wrong: isDeepStrictEqual(data, recording.expectedData) ? 0 : 1 };
      } catch {
        return { ms: performance.now() - started, results: 0, wrong: 1 };
      }
    },
  }));
  const big = recording.items >= 100_000;
  const samples = await runInterleaved(contestants, { rounds: big ? 7 : 9, warmup: 1, minRounds: 3, budgetMs: big ? 90_000 : 30_000 });
  return { format: recording.format, items: recording.items, samples };
}

const results: ScenarioResult[] = [];
for (const items of SIZES) {
  for (const format of FORMATS) {
    const result = await runScenario(await recordStream(format, items));
    results.push(result);
    process.stdout.write(
      `${format}, N = ${items.toLocaleString('en-US')}: ${[...result.samples].map(([name, samples]) => `${name} ${formatMs(medianOf(samples))}`).join(', ')}\n`,
    );
  }
}

const has = (result: ScenarioResult, name: Name): boolean => result.samples.has(name);
const samplesOf = (result: ScenarioResult, name: Name): readonly Sample[] => result.samples.get(name)!;
const usPerItem = (result: ScenarioResult, name: Name): number => (medianOf(samplesOf(result, name)) * 1000) / result.items;
const isWrong = (result: ScenarioResult, name: Name): boolean => samplesOf(result, name).some((sample) => sample.wrong! > 0);

function cell(result: ScenarioResult, name: Name): string {
  if (!has(result, name)) return '—';
  const mark = isWrong(result, name) ? ' ✗ wrong data' : '';
  return `${usPerItem(result, name).toFixed(2)} (${formatMs(medianOf(samplesOf(result, name)))}, ${formatCount(medianOf(samplesOf(result, name), 'results'))} results)${mark}`;
}

function growthSteps(format: StreamFormat, name: Name): number[] {
  const rows = results.filter((result) => result.format === format && has(result, name));
  return rows.slice(1).map((row, index) => usPerItem(row, name) / usPerItem(rows[index]!, name));
}

const timeTable = markdownTable(
  ['format', 'N', ...NAMES.map((name) => `${name}: µs/item (total, results)`), `${OURS} ÷ pace: false`, `${OURS} ÷ applyAll per chunk`, `${OURS} ÷ urql`],
  results.map((result) => [
    result.format,
    result.items.toLocaleString('en-US'),
    ...NAMES.map((name) => cell(result, name)),
    formatRatio(pairedRatio(samplesOf(result, OURS), samplesOf(result, UNPACED))),
    formatRatio(pairedRatio(samplesOf(result, OURS), samplesOf(result, PER_CHUNK))),
    has(result, URQL) ? formatRatio(pairedRatio(samplesOf(result, OURS), samplesOf(result, URQL))) : '—',
  ]),
);
const growthTable = markdownTable(
  ['format', ...NAMES],
  FORMATS.map((format) => [format, ...NAMES.map((name) => growthSteps(format, name).map(formatRatio).join(', ') || '—')]),
);
const oursSteps = FORMATS.flatMap((format) => growthSteps(format, OURS));
const correct = results.every((result) => !isWrong(result, OURS) && !isWrong(result, UNPACED) && !isWrong(result, PER_CHUNK));
const growthMet = correct && oursSteps.every((step) => step <= GROWTH_TARGET);
const summary =
  `- Growth of \`fetchIncremental\`'s µs/item per 10× N at most ${GROWTH_TARGET}× when payloads are merged per network chunk: ` +
  `${FORMATS.map((format) => `${format} ${growthSteps(format, OURS).map(formatRatio).join(', ')}`).join('; ')}, ${growthMet ? 'met' : '**missed**'}` +
  `${correct ? '' : ' (a run of ours ended with wrong data)'}.`;

process.stdout.write(`\n${timeTable}\n\nGrowth per 10× N:\n\n${growthTable}\n\n${summary}\n`);

if (write) {
  await writeResults(
    RESULTS_FILE,
    [
      '# Merging per network chunk: a long @stream end to end',
      '',
      `Generated by \`pnpm bench fetch\` (test/bench/fetch.bench.ts). ${describeEnvironment()}; ${describeRevision()}.`,
      '',
      `A \`@stream\` of N products at depth 3 (\`shop.catalog.products\`), recorded from graphql-js 17.1 in both formats and`,
      `replayed as ${describeChunking(CHUNKING)}, one per event-loop turn, to a consumer that takes every result at once.`,
      'The clock runs from the request to the last result. Interleaved rounds with a full GC before each run; medians;',
      "ratios are per-round (paired) medians. Every run's final `data` is compared with plain `execute()`: ✗ = it differed.",
      '',
      'Contestants:',
      `- \`fetchIncremental\` as shipped: ${PACING_RULE}, while payloads keep merging`,
      `  (\`packages/fetch/src/mergeResults.ts\`), so batches grow with the list and merging and consuming get at most ${PACE_SHARE} of the time;`,
      '- `fetchIncremental` with `pace: false`: a result whenever there is news, i.e. about one per network chunk here;',
      '- the reader and reassembler by hand: `readPayloadBatches`, then `applyAll` and a published result per network',
      '  chunk. Each result holds a plain array, so each one copies the growing list: quadratic at large N;',
      `- urql's \`Client\` with \`fetchExchange\` (\`mergeResultPatch\`, a new result per payload), up to N = ${URQL_MAX_ITEMS.toLocaleString('en-US')}.`,
      '',
      'Target (issue 7), computed from this run:',
      '',
      summary,
      '',
      'Microseconds per item (total time, results handed out):',
      '',
      timeTable,
      '',
      'Growth of µs per item for each 10× N (1,000 → 10,000, 10,000 → 100,000); 1.00× is linear:',
      '',
      growthTable,
      '',
    ].join('\n'),
  );
}
