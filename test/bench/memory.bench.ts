/**
 * Memory of a consumer that pauses (issue 7's memory target): after the first result, the consumer
 * stops asking while a real local HTTP server (streamingServer.ts, a child process) streams ~200 MB
 * of small parts whose merged result is ~1 KB. `fetchIncremental` keeps reading and merging while the
 * consumer pauses, so the process should hold the result, not the parts.
 *
 * Measured in this process, relative to a baseline taken (after a full GC) once the first result is
 * out: the peak of `heapUsed` and of RSS, sampled every 20 ms without forcing a GC (what the process
 * really reached), and `heapUsed` after a full GC once the server has written everything (what it
 * holds). Then the consumer resumes and the final result is checked.
 *
 * Contestants, interleaved: `fetchIncremental` as shipped (paced), with `pace: false`, and two
 * references: `readPayloads` paused the same way (it reads only when asked, so the server waits:
 * its row says how far the server got), and `readPayloads` reading everything at once and dropping
 * each payload (the memory that reading 200 MB costs at all: garbage the GC has not collected yet).
 *
 * Run: `pnpm bench memory`, or `cd test && npx tsx --conditions=source --expose-gc bench/memory.bench.ts`.
 * Flags: `--quick` (~20 MB, one round, no results file), `--no-write`. Needs `--expose-gc`.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { fetchIncremental } from '@graphql-incremental/fetch';
import { readPayloads } from '@graphql-incremental/reader';
import {
  collectGarbage,
  describeEnvironment,
  describeRevision,
  forcedGc,
  formatMs,
  markdownTable,
  medianOf,
  runInterleaved,
  writeResults,
  type Contestant,
  type Sample,
} from './harness.js';
import { PAD, TITLE, type StreamingServerMessage } from './streamingParts.js';

const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write') && !quick;
const RESULTS_FILE = fileURLToPath(new URL('./results/memory.md', import.meta.url));
if (!forcedGc) throw new Error('the memory benchmark needs --expose-gc (pnpm bench passes it), without --no-gc');

/** Each later part is ~330 bytes on the wire: 640,000 of them are ~200 MB. */
const PARTS = quick ? 64_000 : 640_000;
const ROUNDS = quick ? 1 : 3;
/** The paused consumer gives up waiting for the server once it wrote nothing for this long. */
const STALL_MS = 1_000;
const SAMPLE_EVERY_MS = 20;
/** The target: a few MB beyond the result. */
const TARGET_MB = 5;

const PACED = 'fetchIncremental';
const UNPACED = 'fetchIncremental, pace: false';
const READER = 'reference: readPayloads, paused (reads only when asked)';
const DRAIN = 'reference: readPayloads, not paused (drops every payload)';
const NAMES = [PACED, UNPACED, READER, DRAIN] as const;
type Name = (typeof NAMES)[number];

const server = fork(fileURLToPath(new URL('./streamingServer.ts', import.meta.url)), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
/** The current request's id and what the server said about it. */
const progress: { id: number; written: number; done: boolean } = { id: 0, written: 0, done: false };
server.on('message', (message: StreamingServerMessage) => {
  if (message.id !== progress.id) return;
  if (message.written !== undefined) progress.written = message.written;
  if (message.done !== undefined) progress.done = true;
});
const [{ port }] = (await once(server, 'message')) as [StreamingServerMessage];
/** A new request: its URL, with a fresh id. */
function nextRequest(): string {
  progress.id += 1;
  progress.written = 0;
  progress.done = false;
  return `http://127.0.0.1:${port}/graphql?parts=${PARTS}&id=${progress.id}`;
}

const megabytes = (bytes: number): number => bytes / 1024 / 1024;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Measured {
  readonly peakHeap: number;
  readonly peakRss: number;
  readonly heldHeap: number;
  readonly pausedMs: number;
  readonly writtenBytes: number;
  readonly done: boolean;
}

/**
 * Samples memory until `until()` says stop (or the server is done, or it stalled), then measures what
 * is held after a full GC.
 */
async function sampleMemory(until: () => boolean): Promise<Measured> {
  collectGarbage();
  const baseline = process.memoryUsage();
  const started = performance.now();
  let peakHeap = 0;
  let peakRss = 0;
  let lastWritten = -1;
  let lastChange = started;
  while (!until()) {
    await sleep(SAMPLE_EVERY_MS);
    const now = process.memoryUsage();
    peakHeap = Math.max(peakHeap, now.heapUsed - baseline.heapUsed);
    peakRss = Math.max(peakRss, now.rss - baseline.rss);
    if (progress.written !== lastWritten) {
      lastWritten = progress.written;
      lastChange = performance.now();
    } else if (performance.now() - lastChange > STALL_MS) {
      break;
    }
  }
  const pausedMs = performance.now() - started;
  // Let the last bytes in the socket reach the merger before measuring what it holds.
  await sleep(100);
  collectGarbage();
  const heldHeap = process.memoryUsage().heapUsed - baseline.heapUsed;
  return { peakHeap, peakRss, heldHeap, pausedMs, writtenBytes: progress.written, done: progress.done };
}

async function runOnce(name: Name): Promise<Sample> {
  const url = nextRequest();
  const started = performance.now();
  if (name === READER || name === DRAIN) {
    const response = await fetch(url, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    const payloads = readPayloads(response);
    await payloads.next();
    let count = 1;
    let drained = false;
    const drain = async (): Promise<void> => {
      for await (const _payload of payloads) count += 1;
      drained = true;
    };
    let measured: Measured;
    if (name === DRAIN) {
      const draining = drain();
      measured = await sampleMemory(() => drained);
      await draining;
    } else {
      measured = await sampleMemory(() => progress.done);
      await drain();
    }
    if (count !== PARTS) throw new Error(`${name}: ${count} of ${PARTS} payloads`);
    return { ms: performance.now() - started, ...numbers(measured), resultBytes: 0, resultsAfter: name === DRAIN ? 0 : count - 1 };
  }
  const results = fetchIncremental<{ title: string; n: number; pad?: string }>(url, { query: '{ title n ... @defer { n pad } }' }, { pace: name === PACED });
  const first = await results.next();
  if (first.done === true) throw new Error(`${name}: no first result`);
  const measured = await sampleMemory(() => progress.done);
  let last = first.value;
  let resultsAfter = 0;
  for await (const result of results) {
    last = result;
    resultsAfter += 1;
  }
  if (last.hasNext || last.data?.n !== PARTS - 1 || last.data.pad !== PAD || last.data.title !== TITLE) {
    throw new Error(`${name}: the final result is wrong (n = ${String(last.data?.n)}, hasNext ${String(last.hasNext)})`);
  }
  return { ms: performance.now() - started, ...numbers(measured), resultBytes: JSON.stringify(last).length, resultsAfter };
}

function numbers(measured: Measured): Record<string, number> {
  const { done, ...rest } = measured;
  return { ...rest, done: done ? 1 : 0 };
}

const contestants: Contestant[] = NAMES.map((name) => ({ name, run: () => runOnce(name) }));
const samples = await runInterleaved(contestants, {
  rounds: ROUNDS,
  // The first runs load and compile the HTTP client and JIT the reader: RSS that is not the pause's.
  warmup: 1,
  onSample: (name, round, sample) =>
    process.stdout.write(
      `${name}, round ${round + 1}: ${megabytes(sample['writtenBytes']!).toFixed(0)} MB in ${formatMs(sample['pausedMs']!)}, peak heap +${megabytes(sample['peakHeap']!).toFixed(1)} MB, ` +
        `peak RSS +${megabytes(sample['peakRss']!).toFixed(1)} MB, held +${megabytes(sample['heldHeap']!).toFixed(1)} MB\n`,
    ),
});
server.disconnect();

const max = (list: readonly Sample[], metric: string): number => Math.max(...list.map((sample) => sample[metric]!));
const mb = (bytes: number): string => `${megabytes(bytes).toFixed(1)} MB`;
const table = markdownTable(
  ['consumer', 'server wrote while measured', 'measured for', 'peak heap growth (max)', 'peak RSS growth (max)', 'heap held after a full GC (max)', 'results after the pause', 'final result'],
  NAMES.map((name) => {
    const own = samples.get(name)!;
    const complete = own.every((sample) => sample['done'] === 1);
    return [
      name,
      `${megabytes(medianOf(own, 'writtenBytes')).toFixed(0)} MB${complete ? ' (all)' : ' (then it waited)'}`,
      formatMs(medianOf(own, 'pausedMs')),
      mb(max(own, 'peakHeap')),
      mb(max(own, 'peakRss')),
      mb(max(own, 'heldHeap')),
      name === DRAIN ? '—' : medianOf(own, 'resultsAfter').toLocaleString('en-US'),
      name === READER || name === DRAIN ? '—' : `${(medianOf(own, 'resultBytes') / 1024).toFixed(1)} KB`,
    ];
  }),
  ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
);
const ours = [...samples.get(PACED)!, ...samples.get(UNPACED)!];
const floor = samples.get(DRAIN)!;
const LIMIT = TARGET_MB * 1024 * 1024;
const held = max(ours, 'heldHeap');
const heapBeyond = max(ours, 'peakHeap') - max(floor, 'peakHeap');
const rssBeyond = max(ours, 'peakRss') - max(floor, 'peakRss');
const signed = (bytes: number): string => `${bytes < 0 ? '−' : '+'}${mb(Math.abs(bytes))}`;
const summary = [
  `- A paused consumer of \`fetchIncremental\` while the server streams ${megabytes(medianOf(samples.get(PACED)!, 'writtenBytes')).toFixed(0)} MB ` +
    `(merged result ${(medianOf(samples.get(PACED)!, 'resultBytes') / 1024).toFixed(1)} KB) holds at most ${mb(held)} of heap after a full GC; ` +
    `its peaks, at most ${mb(max(ours, 'peakHeap'))} of heap and ${mb(max(ours, 'peakRss'))} of RSS, are ${signed(heapBeyond)} and ${signed(rssBeyond)} beyond those of ` +
    `reading the same bytes and dropping every payload (${mb(max(floor, 'peakHeap'))}, ${mb(max(floor, 'peakRss'))}).`,
  `- Target, a few MB of heap beyond the result (≤ ${TARGET_MB} MB held after a full GC, and a peak ≤ ${TARGET_MB} MB beyond reading at all): ` +
    `${held <= LIMIT && heapBeyond <= LIMIT ? 'met' : '**missed**'}. RSS is reported, not judged: the reference's own RSS peak ranged from ` +
    `${mb(Math.min(...floor.map((sample) => sample['peakRss']!)))} to ${mb(max(floor, 'peakRss'))} over this run's rounds (it follows when V8 grows and shrinks its heap).`,
].join('\n');

process.stdout.write(`\n${table}\n\n${summary}\n`);

if (write) {
  await writeResults(
    RESULTS_FILE,
    [
      '# Memory of a paused consumer',
      '',
      `Generated by \`pnpm bench memory\` (test/bench/memory.bench.ts). ${describeEnvironment()}; ${describeRevision()}.`,
      '',
      `A real HTTP server on 127.0.0.1, in a child process (test/bench/streamingServer.ts), answers with ${PARTS.toLocaleString('en-US')}`,
      'multipart parts (~330 bytes each), writing with backpressure. Every part after the first is 2022-format deferred',
      'data at the root that replaces the same two fields, so the merged result stays about 1 KB. The client, Node\'s',
      '`fetch`, takes the first result and then pauses until the server has written everything (or, for a client that',
      `reads only when asked, until it has written nothing for ${STALL_MS / 1000} s). Memory is this process's only, against a baseline taken`,
      `after a full GC once the first result is out: peaks of \`heapUsed\` and RSS sampled every ${SAMPLE_EVERY_MS} ms without forcing`,
      'a GC (young-generation garbage included: what the process really reached), and `heapUsed` after a full GC at',
      `the end of the pause (what it holds). ${ROUNDS} interleaved rounds per contestant; the worst round is reported. Then the`,
      'consumer resumes and the final result is checked (the last part\'s `n`, `hasNext: false`).',
      '',
      'Target (issue 7), computed from this run:',
      '',
      summary,
      '',
      table,
      '',
      'References: `readPayloads` does not merge; it hands out one payload per `next()`, so while its consumer pauses it',
      'stops reading and the server stops writing (TCP backpressure): the server streamed because `fetchIncremental`',
      'keeps reading. `readPayloads` not paused reads the same bytes as fast as it can and drops every payload: its',
      'peaks are what reading ~200 MB costs at all (young-generation garbage and the heap V8 grows for it), the floor',
      'for any client that reads them. The peaks of `fetchIncremental` are to be read against that floor; what it',
      '*holds* is the heap after a full GC.',
      '',
    ].join('\n'),
  );
}
