/**
 * Reader throughput (issue 7, item 1): our `readPayloads` against the peers' multipart readers and
 * against the limit, on the same bytes in the same process (interleaved rounds, paired ratios).
 *
 * Bodies: 10,000 small parts (~200 B), 100 large parts (~100 KB), 2,000 parts full of multi-byte
 * characters (~1 KB), each in 64 B, 4 KB and 64 KB chunks; and one 8 MB part in 16 KB chunks.
 *
 * Contestants, all reading a `Response` whose body is a `ReadableStream` handing out the chunks:
 * - limit: pull every chunk, then one `TextDecoder` pass and one `JSON.parse` per part over the
 *   pre-split part bodies (what any streaming reader must at least do);
 * - ours: `readPayloads(response)`;
 * - `meros/browser`;
 * - `meros/node`, on a Node `Readable` of the same chunks as `Buffer`s (views, not copies), with the
 *   response's headers, as an `IncomingMessage` would be;
 * - Apollo Client 4's multipart reader, through `HttpLink` with a `fetch` that returns the response;
 * - urql's multipart reader (`@urql/core` 6.0.3, the code `makeFetchSource` runs before it merges
 *   each payload into the result; see readerUrqlMultipart.ts);
 * - `fetch-multipart-graphql` 3.3.0, with the global `fetch` returning the response for its call.
 *
 * Each run's output is checked (outside the clock): every part, in order, must re-serialise to the
 * exact JSON that was framed. A wrong output is reported as ✗, not thrown: peers' bugs are results.
 *
 * Run: `pnpm bench reader`, or `cd test && npx tsx --conditions=source --expose-gc bench/reader.bench.ts`.
 * Flags: `--quick` (fewer rounds, no results file), `--no-write`, `--no-gc` (no forced GC before each
 * run; results go to `results/reader-warm.md`).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { meros } from 'meros/browser';
import { meros as merosNode } from 'meros/node';
import fetchMultipartGraphqlModule from 'fetch-multipart-graphql';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { readPayloads } from '@graphql-incremental/reader';
import { parseMultipartMixed as urqlParseMultipartMixed } from './readerUrqlMultipart.js';
import {
  describeEnvironment,
  describeRevision,
  formatMs,
  formatRatio,
  markdownTable,
  medianOf,
  pairedRatio,
  runInterleaved,
  writeResults,
  forcedGc,
  type Contestant,
  type Sample,
} from './harness.js';

const quick = process.argv.includes('--quick');
const write = !process.argv.includes('--no-write') && !quick;
const RESULTS_FILE = fileURLToPath(new URL(forcedGc ? './results/reader.md' : './results/reader-warm.md', import.meta.url));
const BOUNDARY = 'graphql';
const CONTENT_TYPE = `multipart/mixed; boundary="${BOUNDARY}"; deferSpec=20220824`;
const PART_HEADER = `\r\n--${BOUNDARY}\r\ncontent-type: application/json; charset=utf-8\r\n\r\n`;
const CLOSE = `\r\n--${BOUNDARY}--\r\n`;
const encoder = new TextEncoder();

interface Body {
  readonly name: string;
  /** Each part's JSON, exactly as framed (`JSON.stringify` output, so a parse re-serialises to it). */
  readonly parts: readonly string[];
  readonly bytes: Uint8Array;
  /** Each part body's byte range in `bytes`. */
  readonly ranges: readonly (readonly [start: number, end: number])[];
}

function frame(name: string, parts: readonly string[]): Body {
  const pieces: Uint8Array[] = [];
  const ranges: [number, number][] = [];
  let length = 0;
  for (const part of parts) {
    const header = encoder.encode(PART_HEADER);
    const json = encoder.encode(part);
    pieces.push(header, json);
    ranges.push([length + header.length, length + header.length + json.length]);
    length += header.length + json.length;
  }
  const close = encoder.encode(CLOSE);
  pieces.push(close);
  length += close.length;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const piece of pieces) {
    bytes.set(piece, offset);
    offset += piece.length;
  }
  return { name, parts, bytes, ranges };
}

/** Payloads of a `@stream`: the initial one, then `count - 1` subsequent ones; `hasNext` false on the last. */
function streamParts(count: number, item: (index: number) => unknown, itemsPerPart = 1): string[] {
  const parts: string[] = [JSON.stringify({ data: { catalog: { products: [] } }, hasNext: true })];
  for (let index = 1; index < count; index += 1) {
    const items = Array.from({ length: itemsPerPart }, (_, offset) => item(index * itemsPerPart + offset));
    parts.push(JSON.stringify({ incremental: [{ items, path: ['catalog', 'products', index - 1] }], hasNext: index < count - 1 }));
  }
  return parts;
}

function smallBody(): Body {
  // ~200 B per part.
  return frame(
    '10,000 small parts (~200 B)',
    streamParts(10_000, (index) => ({ id: `p${index}`, name: `Product ${index}`, price: index * 3.5, tags: ['a', 'b'], inStock: index % 2 === 0 })),
  );
}

function largeBody(): Body {
  // ~100 KB per part: 1,000 items of ~100 B.
  return frame(
    '100 large parts (~100 KB)',
    streamParts(100, (index) => ({ id: `p${index}`, name: `Product number ${index}`, price: index * 3.5, sku: `SKU-${index}-XYZ` }), 1_000),
  );
}

function multibyteBody(): Body {
  const text = 'Grüße aus Köln, 日本語のテキスト, Ελληνικά, emoji 😀🎉🚀, русский текст';
  return frame(
    '2,000 multi-byte parts (~1 KB)',
    streamParts(2_000, (index) => ({ id: `p${index}`, title: `${text} ${index}`, body: `${text} ${text} ${text} ${text} ${text}`, note: text.split('').reverse().join('') })),
  );
}

function hugeBody(): Body {
  const items = Array.from({ length: 75_000 }, (_, index) => ({ id: `p${index}`, name: `Product number ${index}`, price: index * 3.5 }));
  // One part of ~8 MB (padded with one more field to reach 8 MB).
  const base = JSON.stringify({ data: { catalog: { products: items } }, hasNext: false });
  const padding = Math.max(0, 8 * 1024 * 1024 - base.length - 20);
  return frame('one 8 MB part', [JSON.stringify({ data: { catalog: { products: items, padding: 'x'.repeat(padding) } }, hasNext: false })]);
}

function cut(bytes: Uint8Array, size: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) chunks.push(bytes.subarray(offset, offset + size));
  return chunks;
}

/** A fresh `Response` handing out the chunks one per read. */
function respond(chunks: readonly Uint8Array[]): Response {
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': CONTENT_TYPE } });
}

type Reader = (chunks: readonly Uint8Array[], body: Body) => Promise<unknown[]>;

// The urql reader is a copy (it is not exported): make sure it is the installed version's.
const require = createRequire(import.meta.url);
const urqlVersion = (JSON.parse(readFileSync(require.resolve('@urql/core/package.json'), 'utf8')) as { version: string }).version;
if (urqlVersion !== '6.0.3') throw new Error(`readerUrqlMultipart.ts is a copy of @urql/core 6.0.3's reader, but ${urqlVersion} is installed`);

/** fetch-multipart-graphql is CommonJS with an `exports.default`; interop may or may not unwrap it. */
type FetchMultipartGraphql = (
  url: string,
  options: { method?: string; body?: string; onNext: (parts: unknown[]) => void; onError: (error: unknown) => void; onComplete: () => void },
) => void;
const fetchMultipartGraphql = ((fetchMultipartGraphqlModule as unknown as { default?: FetchMultipartGraphql }).default ??
  fetchMultipartGraphqlModule) as unknown as FetchMultipartGraphql;

const bufferChunks = new WeakMap<readonly Uint8Array[], Buffer[]>();
/** The same chunks as `Buffer`s viewing the same bytes (made once, outside the clock). */
function asBuffers(chunks: readonly Uint8Array[]): Buffer[] {
  let buffers = bufferChunks.get(chunks);
  if (buffers === undefined) {
    buffers = chunks.map((chunk) => Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    bufferChunks.set(chunks, buffers);
  }
  return buffers;
}

const readers: Record<string, Reader> = {
  async limit(chunks, body) {
    const reader = respond(chunks).body!.getReader();
    for (;;) {
      const result = await reader.read();
      if (result.done) break;
    }
    const decoder = new TextDecoder();
    return body.ranges.map(([start, end]) => JSON.parse(decoder.decode(body.bytes.subarray(start, end))) as unknown);
  },
  async ours(chunks) {
    const out: unknown[] = [];
    for await (const payload of readPayloads(respond(chunks))) out.push(payload);
    return out;
  },
  async 'meros/browser'(chunks) {
    const out: unknown[] = [];
    const parts = await meros<unknown>(respond(chunks));
    if (parts instanceof Response) throw new Error('meros did not see a multipart response');
    for await (const part of parts) out.push(part.json ? part.body : `not JSON: ${String(part.body)}`);
    return out;
  },
  async 'meros/node'(chunks) {
    const out: unknown[] = [];
    const message = Readable.from(asBuffers(chunks)) as Readable & { headers?: Record<string, string> };
    message.headers = { 'content-type': CONTENT_TYPE };
    const parts = await merosNode<unknown>(message as unknown as IncomingMessage);
    if (!(Symbol.asyncIterator in parts) || parts instanceof Readable) throw new Error('meros/node did not see a multipart response');
    for await (const part of parts) out.push(part.json ? part.body : `not JSON: ${String(part.body)}`);
    return out;
  },
  async 'Apollo 4 HttpLink'(chunks) {
    const link = new HttpLink({ uri: 'http://bench.invalid/graphql', fetch: () => Promise.resolve(respond(chunks)) });
    const client = new ApolloClient({ link, cache: new InMemoryCache() });
    const out: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      ApolloLink.execute(link, { query: APOLLO_QUERY }, { client }).subscribe({ next: (value) => out.push(value), error: reject, complete: resolve });
    });
    return out;
  },
  async "urql's multipart reader"(chunks) {
    const out: unknown[] = [];
    for await (const payload of urqlParseMultipartMixed(CONTENT_TYPE, respond(chunks))) out.push(payload);
    return out;
  },
  async 'fetch-multipart-graphql'(chunks) {
    const out: unknown[] = [];
    const realFetch = globalThis.fetch;
    // It calls the global fetch; contestants run one at a time, so swapping it for this run is safe.
    globalThis.fetch = () => Promise.resolve(respond(chunks));
    try {
      await new Promise<void>((resolve, reject) => {
        fetchMultipartGraphql('http://bench.invalid/graphql', {
          method: 'POST',
          body: '{}',
          onNext: (parts) => out.push(...parts),
          onError: reject,
          onComplete: resolve,
        });
      });
    } finally {
      globalThis.fetch = realFetch;
    }
    return out;
  },
};
const APOLLO_QUERY = gql`
  query {
    catalog {
      products @stream {
        id
      }
    }
  }
`;
const NAMES = Object.keys(readers);
const PEERS = NAMES.filter((name) => name !== 'limit' && name !== 'ours');

/**
 * The number of framed parts missing from the output, plus the output's extra or altered parts: matched
 * in order, so one lost part counts once, not once for every part after it.
 */
function countWrong(out: readonly unknown[], body: Body): number {
  const positions = positionsOf(body);
  let next = 0;
  let correct = 0;
  for (const payload of out) {
    const position = positions.get(JSON.stringify(payload));
    if (position !== undefined && position >= next) {
      next = position + 1;
      correct += 1;
    }
  }
  return body.parts.length - correct + (out.length - correct);
}

const positionCache = new WeakMap<Body, Map<string, number>>();
/** Each part's index by its JSON (parts are unique: each carries its index). */
function positionsOf(body: Body): Map<string, number> {
  let positions = positionCache.get(body);
  if (positions === undefined) {
    positions = new Map(body.parts.map((part, index) => [part, index]));
    positionCache.set(body, positions);
  }
  return positions;
}

interface Case {
  readonly body: Body;
  readonly chunkSize: number;
}

interface CaseResult {
  readonly label: string;
  readonly megabytes: number;
  readonly samples: ReadonlyMap<string, readonly Sample[]>;
}

const bodies = [smallBody(), largeBody(), multibyteBody()];
const cases: Case[] = [];
for (const body of bodies) for (const chunkSize of [64, 4 * 1024, 64 * 1024]) cases.push({ body, chunkSize });
cases.push({ body: hugeBody(), chunkSize: 16 * 1024 });

const formatSize = (bytes: number): string => (bytes >= 1024 ? `${bytes / 1024} KB` : `${bytes} B`);

const results: CaseResult[] = [];
for (const { body, chunkSize } of cases) {
  const chunks = cut(body.bytes, chunkSize);
  const label = `${body.name} / ${formatSize(chunkSize)}`;
  const contestants: Contestant[] = NAMES.map((name) => ({
    name,
    async run() {
      const started = performance.now();
      const out = await readers[name]!(chunks, body);
      const ms = performance.now() - started;
      return { ms, wrong: countWrong(out, body) };
    },
  }));
  // Up to 41 rounds in 30 s a row: a forced GC before each run makes a round take seconds, and a median
  // of a handful of paired rounds moves by tens of percent on a shared machine.
  const samples = await runInterleaved(contestants, { rounds: quick ? 3 : 41, warmup: 1, minRounds: 3, budgetMs: quick ? 2_000 : 30_000 });
  const megabytes = body.bytes.length / 1024 / 1024;
  results.push({ label, megabytes, samples });
  const limit = samples.get('limit')!;
  const line = NAMES.map((name) => {
    const own = samples.get(name)!;
    const wrong = Math.max(...own.map((sample) => sample.wrong!));
    return `${name} ${formatMs(medianOf(own))} (${formatRatio(pairedRatio(own, limit))}${wrong > 0 ? ` ✗ ${wrong} wrong` : ''})`;
  }).join(', ');
  process.stdout.write(`${label}: ${line}\n`);
}

function cell(result: CaseResult, name: string): string {
  const own = result.samples.get(name)!;
  const wrong = Math.max(...own.map((sample) => sample.wrong!));
  return `${formatRatio(pairedRatio(own, result.samples.get('limit')!))}${wrong > 0 ? ` ✗ (${wrong} parts wrong)` : ''}`;
}

function bestCorrectPeer(result: CaseResult): string {
  let best: { name: string; ratio: number } | undefined;
  for (const name of PEERS) {
    const own = result.samples.get(name)!;
    if (own.some((sample) => sample.wrong! > 0)) continue;
    const ratio = pairedRatio(result.samples.get('ours')!, own);
    if (best === undefined || ratio > best.ratio) best = { name, ratio };
  }
  return best === undefined ? 'no correct peer' : `${formatRatio(best.ratio)} (${best.name})`;
}

const URQL = "urql's multipart reader";
/** Ours over urql's parser, paired by round: the issue's target is at most 1.0× on every row. */
const oursOverUrql = (result: CaseResult): number => pairedRatio(result.samples.get('ours')!, result.samples.get(URQL)!);

const ratioTable = markdownTable(
  ['body / chunk size', 'limit (median)', 'limit MB/s', ...NAMES.filter((name) => name !== 'limit'), "ours ÷ urql's parser", 'ours ÷ fastest correct peer'],
  results.map((result) => {
    const limitMs = medianOf(result.samples.get('limit')!);
    return [
      result.label,
      formatMs(limitMs),
      (result.megabytes / (limitMs / 1000)).toFixed(0),
      ...NAMES.filter((name) => name !== 'limit').map((name) => cell(result, name)),
      formatRatio(oursOverUrql(result)),
      bestCorrectPeer(result),
    ];
  }),
);
const timeTable = markdownTable(
  ['body / chunk size', ...NAMES, 'rounds'],
  results.map((result) => [result.label, ...NAMES.map((name) => formatMs(medianOf(result.samples.get(name)!))), String(result.samples.get('ours')!.length)]),
);

const overUrql = results.filter((result) => oursOverUrql(result) > 1);
const urqlSummary =
  `- Ours at most 1.0× urql's parser on every row: ${overUrql.length === 0 ? 'met' : `**missed** on ${overUrql.length} of ${results.length} rows (${overUrql.map((result) => `${result.label} ${formatRatio(oursOverUrql(result))}`).join('; ')})`}; ` +
  `range ${formatRatio(Math.min(...results.map(oursOverUrql)))} to ${formatRatio(Math.max(...results.map(oursOverUrql)))}.`;

process.stdout.write(`\n${ratioTable}\n\n${timeTable}\n\n${urqlSummary}\n`);

if (write) {
  await writeResults(
    RESULTS_FILE,
    [
      '# Reader throughput',
      '',
      `Generated by \`pnpm bench reader${forcedGc ? '' : ' --no-gc'}\` (test/bench/reader.bench.ts). ${describeEnvironment()}; ${describeRevision()}.`,
      '',
      'Every contestant reads the same bytes from a `Response` whose `ReadableStream` hands out one chunk per',
      'read; interleaved rounds, medians of per-round (paired) ratios. **Time as a multiple of the limit**',
      '(pull every chunk, one `TextDecoder` pass and one `JSON.parse` per pre-split part body); lower is',
      'better. ✗ = output differs from the framed parts (missing, extra or altered parts) in at least one',
      "round. The last two columns divide our time by urql's parser's and by the fastest peer whose output was",
      'correct, paired by round (below 1 = we are faster). Targets (issue 7): at or under urql\'s parser on every row',
      '(and the fastest correct peer everywhere), within 1.15× of the limit, linear in part size. Computed from this run:',
      '',
      urqlSummary,
      '',
      'Peers: `meros/browser` on the `Response`; `meros/node` on a Node `Readable` of the same chunks as',
      '`Buffer` views, standing in for an `IncomingMessage`; Apollo Client 4 through `HttpLink`; urql\'s',
      'multipart reader (`@urql/core` 6.0.3\'s `parseMultipartMixed`, which `makeFetchSource` runs before it',
      'merges each payload into the result; urql does not export it, so test/bench/readerUrqlMultipart.ts',
      'holds a statement-for-statement copy, checked against the installed version); and',
      '`fetch-multipart-graphql` 3.3.0 through the global `fetch`.',
      '',
      ...(forcedGc
        ? [
            'Every run starts after a forced full GC (the harness calls `gc()` before each contestant): what an',
            'application sees for a response that arrives after a major GC. V8 then discards optimized code whose',
            'function objects or object shapes died with the previous run, so code that lives in per-response',
            'closures or objects runs each body partly unoptimized, while code that mostly calls `JSON.parse` and',
            'string builtins does not. For this reason our framers (multipart, SSE, lines) are generator functions',
            'and the per-part work (parsing a body, handing it out, the object-end scan) module functions: their',
            'code belongs to the module, not to a response; only small per-chunk closures remain. Runs that follow',
            'each other without forced GCs, as responses do in a busy application: results/reader-warm.md (`--no-gc`).',
          ]
        : [
            'No forced GC between runs (`--no-gc`): runs follow each other as responses do in a busy application,',
            'and V8 keeps optimized code between them. The same benchmark with a forced full GC before every run',
            '(what a response after a major GC sees): results/reader.md.',
          ]),
      '',
      ratioTable,
      '',
      'Median times:',
      '',
      timeTable,
      '',
    ].join('\n'),
  );
}
