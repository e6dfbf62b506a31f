/**
 * A small harness for side-by-side benchmarks on noisy machines: every contestant runs in the same
 * process, in interleaved rounds (the order rotates each round, so no one always goes first after a
 * GC or a cold cache), and what gets reported are medians and per-round (paired) ratios, which hold
 * far better than absolute times when the machine's speed drifts by tens of percent.
 *
 * Benchmarks are not tests: nothing here asserts a time. A benchmark checks its contestants' outputs
 * (a fast wrong answer is not a result) and writes a Markdown table.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';

/** One run of one contestant: `ms` is the time measured, the other keys are counts it reports. */
export interface Sample {
  readonly ms: number;
  readonly [metric: string]: number;
}

/** Something to measure. `run` does one complete, checked run and returns what it measured. */
export interface Contestant {
  readonly name: string;
  run(): Promise<Sample>;
}

/** Options of {@link runInterleaved}. */
export interface InterleaveOptions {
  /** Measured rounds; every contestant runs once per round. */
  readonly rounds: number;
  /** Unmeasured rounds first (JIT warm-up). Default 0. */
  readonly warmup?: number;
  /**
   * Stops starting new rounds once this many milliseconds have passed, after at least `minRounds`
   * measured rounds. Default: no limit.
   */
  readonly budgetMs?: number;
  /** Rounds always run, budget or not. Default 1. */
  readonly minRounds?: number;
  /** Called after every measured run (progress output). */
  readonly onSample?: (contestant: string, round: number, sample: Sample) => void;
}

/** What {@link runInterleaved} measured: each contestant's samples, index = round. */
export type Samples = ReadonlyMap<string, readonly Sample[]>;

/**
 * Runs contestants in interleaved rounds.
 *
 * @param contestants - At least one; names must be unique.
 * @param options - Rounds, warm-up, time budget.
 * @returns Each contestant's samples, one per measured round, in round order (so round `i` of two
 *   contestants can be paired).
 * @throws Whatever a contestant's `run` throws (a wrong result must stop the benchmark).
 */
export async function runInterleaved(contestants: readonly Contestant[], options: InterleaveOptions): Promise<Samples> {
  const samples = new Map<string, Sample[]>(contestants.map((contestant) => [contestant.name, []]));
  if (samples.size !== contestants.length) throw new Error('contestant names must be unique');
  const started = performance.now();
  const minRounds = options.minRounds ?? 1;
  const warmup = options.warmup ?? 0;
  for (let round = -warmup; round < options.rounds; round += 1) {
    const measured = round >= 0;
    if (measured && round >= minRounds && options.budgetMs !== undefined && performance.now() - started > options.budgetMs) break;
    // Rotate the order each round.
    const offset = ((round % contestants.length) + contestants.length) % contestants.length;
    for (let index = 0; index < contestants.length; index += 1) {
      const contestant = contestants[(index + offset) % contestants.length]!;
      collectGarbage();
      const sample = await contestant.run();
      if (measured) {
        samples.get(contestant.name)!.push(sample);
        options.onSample?.(contestant.name, round, sample);
      }
    }
  }
  return samples;
}

/**
 * Whether runs start after a forced full GC: with `--expose-gc`, unless the benchmark was given
 * `--no-gc` (runs then follow each other as responses do in a busy application).
 */
export const forcedGc = typeof (globalThis as { gc?: unknown }).gc === 'function' && !process.argv.includes('--no-gc');

/** Runs a full garbage collection when {@link forcedGc}, so one run's garbage is not the next one's pause. */
export function collectGarbage(): void {
  if (!forcedGc) return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
}

/**
 * The median.
 *
 * @param values - At least one number.
 * @returns The middle value (the mean of the two middle ones for an even count).
 * @throws {RangeError} For an empty list.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The median of per-round ratios `numerator[i] / denominator[i]`: how many times slower the numerator
 * is, paired round by round so that machine drift between rounds cancels out.
 *
 * @param numerator - One contestant's samples, by round.
 * @param denominator - The other's, same rounds.
 * @param metric - Which metric to compare; default `ms`.
 * @returns The median paired ratio.
 */
export function pairedRatio(numerator: readonly Sample[], denominator: readonly Sample[], metric = 'ms'): number {
  const rounds = Math.min(numerator.length, denominator.length);
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round += 1) ratios.push(numerator[round]![metric]! / denominator[round]![metric]!);
  return median(ratios);
}

/**
 * The median of one metric over a contestant's samples.
 *
 * @param samples - A contestant's samples.
 * @param metric - The metric; default `ms`.
 * @returns Its median.
 */
export function medianOf(samples: readonly Sample[], metric = 'ms'): number {
  return median(samples.map((sample) => sample[metric]!));
}

/** Milliseconds for a table: `12.3 ms`, `1,234 ms`, `12.3 s`. */
export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  return `${ms.toFixed(1)} ms`;
}

/** A ratio for a table: `12.3×`, `0.95×`. */
export function formatRatio(ratio: number): string {
  return `${ratio >= 10 ? ratio.toFixed(1) : ratio.toFixed(2)}×`;
}

/** A count for a table, with thousands separators; medians of counts may be halves. */
export function formatCount(count: number): string {
  return Number.isInteger(count) ? count.toLocaleString('en-US') : count.toFixed(1);
}

/** Column alignment in {@link markdownTable}. */
export type Align = 'left' | 'right';

/**
 * Renders a GitHub-flavoured Markdown table.
 *
 * @param headers - Column titles.
 * @param rows - Cells, as text; each row as long as `headers`.
 * @param align - Per column; default left for the first column, right for the others.
 * @returns The table, one line per row, without a trailing newline.
 */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly Align[]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const alignment = headers.map((_, index) => align?.[index] ?? (index === 0 ? 'left' : 'right'));
  const lines = [
    `| ${headers.map(escape).join(' | ')} |`,
    `|${alignment.map((side) => (side === 'right' ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** The machine, Node version and date, for the header of a results file. */
export function describeEnvironment(): string {
  const processors = cpus();
  const model = processors[0]?.model.trim() ?? 'unknown CPU';
  const memoryGb = (totalmem() / 1024 ** 3).toFixed(0);
  const date = new Date().toISOString().slice(0, 10);
  const gc = forcedGc ? ', GC between runs' : ', no forced GC';
  return `${date}; Node ${process.version} on ${process.platform}/${process.arch}; ${processors.length} × ${model}, ${memoryGb} GB${gc}`;
}

/**
 * The code that was measured: the commit, and whether `packages/` had uncommitted changes (the
 * benchmarks load the workspace sources, so those changes were measured too).
 *
 * @returns E.g. `commit 1e3d1d0` or `commit 1e3d1d0 + uncommitted changes in packages/reader`;
 *   `unknown revision` outside a git checkout.
 */
export function describeRevision(): string {
  try {
    const git = (...args: string[]): string => execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const commit = git('rev-parse', '--short', 'HEAD').trim();
    const changed = new Set(
      git('status', '--porcelain', '--', ':/packages')
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => line.slice(3).split('/').slice(0, 2).join('/')),
    );
    return changed.size === 0 ? `commit ${commit}` : `commit ${commit} + uncommitted changes in ${[...changed].sort().join(', ')}`;
  } catch {
    return 'unknown revision';
  }
}

/**
 * Writes a results file (creating its directory).
 *
 * @param path - Where to write.
 * @param markdown - The file's content; a trailing newline is added.
 */
export async function writeResults(path: string, markdown: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
}
