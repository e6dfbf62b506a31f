/**
 * Reassembly (issue 7, item 2): a `@stream` of N = 1,000 / 10,000 / 100,000 products at depth 3
 * (`shop.catalog.products`), one payload per item, as graphql-js 17.1 sends it in both formats
 * (`legacyExecuteIncrementally` for 2022, `experimentalExecuteIncrementally` for the current one).
 *
 * Contestants, interleaved per scenario:
 * - ours, `apply` per payload (a published, immutable result after every payload);
 * - ours, `applyAll` per batch of 100 payloads (as when a network chunk carries many parts);
 * - `@graphql-tools/utils` `mergeIncrementalResult`, which mutates one result object in place.
 *
 * Each run's final `data` is compared (outside the clock) with plain `execute()` of the same query.
 * Memory (with `--expose-gc`): peak heap growth during the run (sampled every 1,000 payloads) and the
 * heap still held by the final result after a full GC, next to the final data's own size.
 *
 * Run: `pnpm bench reassembler`, or `cd test && npx tsx --conditions=source --expose-gc
 * bench/reassembler.bench.ts`. Flags: `--quick` (N ≤ 10,000, no results file), `--no-write`.
 */
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { mergeIncrementalResult } from '@graphql-tools/utils';
import { createReassembler } from '@graphql-incremental/reassembler';
import {
  collectGarbage,
  describeEnvironment,
  describeRevision,
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
import { recordStream, type StreamFormat, type StreamRecording } from './streamRecording.js';

const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write') && !quick;
const RESULTS_FILE = fileURLToPath(new URL('./results/reassembler.md', import.meta.url));
const BATCH = 100;
const MEMORY_SAMPLE_EVERY = 1_000;
const hasGc = typeof (globalThis as { gc?: unknown }).gc === 'function';
const SIZES: readonly number[] = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const FORMATS: readonly StreamFormat[] = ['2022', 'current'];

type Name = 'ours: apply per payload' | `ours: applyAll per ${typeof BATCH} payloads` | 'graphql-tools mergeIncrementalResult';
const NAMES: readonly Name[] = ['ours: apply per payload', `ours: applyAll per ${BATCH} payloads`, 'graphql-tools mergeIncrementalResult'];

const decoder = new TextDecoder();

/** The recording's payloads, parsed (each part is a header, a blank line, then the JSON). */
function payloadsOf(recording: StreamRecording): Record<string, unknown>[] {
  return recording.parts.map((part) => {
    const text = decoder.decode(part);
    return JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
  });
}

const heapUsed = (): number => process.memoryUsage().heapUsed;

/** Tracks the peak heap growth over a baseline, sampled every {@link MEMORY_SAMPLE_EVERY} payloads. */
function createPeakTracker(): { sample(index: number): void; readonly peak: number; readonly baseline: number } {
  const baseline = heapUsed();
  let peak = 0;
  return {
    baseline,
    sample(index) {
      if (index % MEMORY_SAMPLE_EVERY === 0) peak = Math.max(peak, heapUsed() - baseline);
    },
    get peak() {
      return Math.max(peak, heapUsed() - baseline);
    },
  };
}

type Merge = (payloads: readonly Record<string, unknown>[], tracker: { sample(index: number): void }) => unknown;

const merges: Record<Name, Merge> = {
  'ours: apply per payload'(payloads, tracker) {
    const reassembler = createReassembler();
    for (let index = 0; index < payloads.length; index += 1) {
      reassembler.apply(payloads[index]);
      tracker.sample(index);
    }
    return reassembler.current!.data;
  },
  [`ours: applyAll per ${BATCH} payloads`](payloads: readonly Record<string, unknown>[], tracker: { sample(index: number): void }) {
    const reassembler = createReassembler();
    for (let index = 0; index < payloads.length; index += BATCH) {
      reassembler.applyAll(payloads.slice(index, index + BATCH));
      tracker.sample(index);
    }
    return reassembler.current!.data;
  },
  'graphql-tools mergeIncrementalResult'(payloads, tracker) {
    // It mutates the result it is given: start from a copy of the initial payload.
    const executionResult = structuredClone(payloads[0]!);
    for (let index = 1; index < payloads.length; index += 1) {
      mergeIncrementalResult({ incrementalResult: payloads[index]!, executionResult });
      tracker.sample(index);
    }
    return executionResult.data;
  },
};

/** Heap held by a fresh copy of `value` after a full GC (0 without `--expose-gc`). */
function sizeOf(value: unknown): number {
  if (!hasGc) return 0;
  collectGarbage();
  const before = heapUsed();
  const copy = structuredClone(value);
  collectGarbage();
  const after = heapUsed();
  return copy === undefined ? 0 : after - before;
}

interface ScenarioResult {
  readonly format: StreamFormat;
  readonly items: number;
  readonly dataBytes: number;
  readonly samples: ReadonlyMap<string, readonly Sample[]>;
}

const results: ScenarioResult[] = [];
for (const items of SIZES) {
  for (const format of FORMATS) {
    const recording = await recordStream(format, items);
    const payloads = payloadsOf(recording);
    const dataBytes = sizeOf(recording.expectedData);
    const contestants: Contestant[] = NAMES.map((name) => ({
      name,
      run() {
        const tracker = createPeakTracker();
        const started = performance.now();
        const data = merges[name](payloads, tracker);
        const ms = performance.now() - started;
        const peak = tracker.peak;
        collectGarbage();
        // The result is still referenced here (`data`), so this is what keeping it costs.
        const retained = heapUsed() - tracker.baseline;
        // A wrong result is reported (✗), not thrown: a peer's limitation is a result.
        const wrong = isDeepStrictEqual(data, recording.expectedData) ? 0 : 1;
        return Promise.resolve({ ms, peakBytes: peak, retainedBytes: retained, wrong });
      },
    }));
    const big = items >= 100_000;
    const samples = await runInterleaved(contestants, {
      rounds: big ? 3 : 9,
      warmup: big ? 0 : 1,
      minRounds: big ? 1 : 3,
      budgetMs: big ? 60_000 : 20_000,
    });
    results.push({ format, items, dataBytes, samples });
    process.stdout.write(
      `${format}, N = ${items.toLocaleString('en-US')}: ${NAMES.map((name) => `${name} ${formatMs(medianOf(samples.get(name)!))}`).join(', ')}\n`,
    );
  }
}

const isWrong = (result: ScenarioResult, name: string): boolean => result.samples.get(name)!.some((sample) => sample.wrong! > 0);
const usPerItem = (result: ScenarioResult, name: string): number => (medianOf(result.samples.get(name)!) * 1000) / result.items;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function growth(format: StreamFormat, name: string): string {
  const rows = results.filter((result) => result.format === format);
  const steps: string[] = [];
  for (let index = 1; index < rows.length; index += 1) {
    steps.push(formatRatio(usPerItem(rows[index]!, name) / usPerItem(rows[index - 1]!, name)));
  }
  return steps.join(', ');
}

const timeTable = markdownTable(
  ['format', 'N', ...NAMES.map((name) => `${name} (µs/item)`), 'applyAll ÷ graphql-tools', 'apply ÷ graphql-tools'],
  results.map((result) => {
    const tools = result.samples.get('graphql-tools mergeIncrementalResult')!;
    return [
      result.format,
      result.items.toLocaleString('en-US'),
      ...NAMES.map(
        (name) => `${usPerItem(result, name).toFixed(2)} (${formatMs(medianOf(result.samples.get(name)!))})${isWrong(result, name) ? ' ✗ wrong data' : ''}`,
      ),
      formatRatio(pairedRatio(result.samples.get(NAMES[1]!)!, tools)),
      formatRatio(pairedRatio(result.samples.get(NAMES[0]!)!, tools)),
    ];
  }),
);
const growthTable = markdownTable(
  ['format', ...NAMES],
  FORMATS.map((format) => [format, ...NAMES.map((name) => growth(format, name))]),
);
const memoryTable = markdownTable(
  ['format', 'N', 'final data (own size)', ...NAMES.flatMap((name) => [`${name}: peak`, 'retained'])],
  results.map((result) => [
    result.format,
    result.items.toLocaleString('en-US'),
    mb(result.dataBytes),
    ...NAMES.flatMap((name) => {
      const own = result.samples.get(name)!;
      const retained = medianOf(own, 'retainedBytes');
      return [mb(medianOf(own, 'peakBytes')), `${mb(retained)} (${formatRatio(retained / result.dataBytes)})`];
    }),
  ]),
);

process.stdout.write(`\n${timeTable}\n\nGrowth of µs/item per 10× N:\n\n${growthTable}\n\n${memoryTable}\n`);

if (write) {
  await writeResults(
    RESULTS_FILE,
    [
      '# Reassembly of a long @stream',
      '',
      `Generated by \`pnpm bench reassembler\` (test/bench/reassembler.bench.ts). ${describeEnvironment()}; ${describeRevision()}.`,
      '',
      `A \`@stream\` of N products at depth 3, one payload per item, recorded from graphql-js 17.1 in both`,
      `formats. Interleaved rounds; medians; ratios are per-round (paired) medians. Every run's final \`data\``,
      'is compared with plain `execute()`; ✗ = it differed. Targets (issue 7): immutable results within 2× of graphql-tools\' mutating',
      'merger at N = 10,000; growth per 10× N at most 1.5× when merged per network chunk (`applyAll`);',
      "retained memory within 1.2× of the final result's own size.",
      '',
      'Microseconds per item (total time in brackets):',
      '',
      timeTable,
      '',
      'Growth of µs per item for each 10× N (1,000 → 10,000, 10,000 → 100,000); 1.00× is linear:',
      '',
      growthTable,
      '',
      `Memory: peak heap growth during a run (sampled every ${MEMORY_SAMPLE_EVERY.toLocaleString('en-US')} payloads), and heap still held after a`,
      "full GC while the final result is referenced, against the final data's own size (a `structuredClone` of",
      'it). The payloads are allocated before the run and not counted; the result shares their item objects,',
      'so "retained" is what the merger adds on top of them (lists, wrappers, bookkeeping).',
      '',
      memoryTable,
      '',
    ].join('\n'),
  );
}
