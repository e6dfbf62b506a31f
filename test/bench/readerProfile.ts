/**
 * Profiling aid for the reader (not a benchmark, not a test): reads a body of reader.bench.ts through
 * `readPayloads` in the given chunk size, alternating with the limit (pull every chunk, decode and
 * `JSON.parse` the pre-split part bodies) and urql's parser (readerUrqlMultipart.ts; the ratio to it is
 * paired by round), so that `node --cpu-prof` shows where per-part time goes.
 *
 * With `--expose-gc`, every run starts after a forced full GC, as in reader.bench.ts; without it, runs
 * follow each other as in a busy application, and V8 keeps the reader's optimized code between them.
 *
 * Run: `cd test && node --import tsx --conditions=source [--expose-gc] [--cpu-prof] bench/readerProfile.ts
 * [chunkSize] [rounds] [body]` (body: small | multibyte | large).
 */
import { performance } from 'node:perf_hooks';
import { readPayloads } from '@graphql-incremental/reader';
import { parseMultipartMixed } from './readerUrqlMultipart.js';

const chunkSize = Number(process.argv[2] ?? 4096);
const rounds = Number(process.argv[3] ?? 30);
const which = process.argv[4] ?? 'small';
const BOUNDARY = 'graphql';
const CONTENT_TYPE = `multipart/mixed; boundary="${BOUNDARY}"`;
const PART_HEADER = `\r\n--${BOUNDARY}\r\ncontent-type: application/json; charset=utf-8\r\n\r\n`;
const text = 'Grüße aus Köln, 日本語のテキスト, Ελληνικά, emoji 😀🎉🚀, русский текст';

function parts(count: number, item: (index: number) => unknown, perPart = 1): string[] {
  const out = [JSON.stringify({ data: { catalog: { products: [] } }, hasNext: true })];
  for (let index = 1; index < count; index += 1) {
    const items = Array.from({ length: perPart }, (_, offset) => item(index * perPart + offset));
    out.push(JSON.stringify({ incremental: [{ items, path: ['catalog', 'products', index - 1] }], hasNext: index < count - 1 }));
  }
  return out;
}
const list =
  which === 'multibyte'
    ? parts(2_000, (index) => ({ id: `p${index}`, title: `${text} ${index}`, body: `${text} ${text} ${text} ${text} ${text}`, note: text.split('').reverse().join('') }))
    : which === 'large'
      ? parts(100, (index) => ({ id: `p${index}`, name: `Product number ${index}`, price: index * 3.5, sku: `SKU-${index}-XYZ` }), 1_000)
      : parts(10_000, (index) => ({ id: `p${index}`, name: `Product ${index}`, price: index * 3.5, tags: ['a', 'b'], inStock: index % 2 === 0 }));
const bytes = new TextEncoder().encode(list.map((part) => PART_HEADER + part).join('') + `\r\n--${BOUNDARY}--\r\n`);
const chunks: Uint8Array[] = [];
for (let offset = 0; offset < bytes.length; offset += chunkSize) chunks.push(bytes.subarray(offset, offset + chunkSize));

function respond(): Response {
  let index = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
  });
  return new Response(stream, { headers: { 'content-type': CONTENT_TYPE } });
}

async function pullOnly(): Promise<void> {
  const reader = respond().body!.getReader();
  while (!(await reader.read()).done) {
    // Only the reads.
  }
}

async function limit(): Promise<number> {
  await pullOnly();
  const decoder = new TextDecoder();
  let count = 0;
  for (const part of encodedParts) if (JSON.parse(decoder.decode(part)) !== undefined) count += 1;
  return count;
}
const encodedParts = list.map((part) => new TextEncoder().encode(part));
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});

const times: number[] = [];
const pulls: number[] = [];
const limits: number[] = [];
const urql: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  collect();
  let started = performance.now();
  await limit();
  limits.push(performance.now() - started);
  collect();
  started = performance.now();
  let count = 0;
  for await (const payload of readPayloads(respond())) if (payload !== undefined) count += 1;
  times.push(performance.now() - started);
  if (count !== list.length) throw new Error(`read ${count} payloads, expected ${list.length}`);
  collect();
  started = performance.now();
  await pullOnly();
  pulls.push(performance.now() - started);
  collect();
  started = performance.now();
  for await (const payload of parseMultipartMixed(CONTENT_TYPE, respond())) if (payload === undefined) throw new Error('no payload');
  urql.push(performance.now() - started);
}
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const overUrql = median(times.map((time, round) => time / urql[round]!));
process.stdout.write(`${which} / ${chunkSize} B: readPayloads median ${median(times).toFixed(1)} ms, limit ${median(limits).toFixed(1)} ms, reads alone ${median(pulls).toFixed(1)} ms, urql's parser ${median(urql).toFixed(1)} ms, ratio of medians ${(median(times) / median(limits)).toFixed(2)}, ours ÷ urql's parser (paired) ${overUrql.toFixed(2)}${typeof (globalThis as { gc?: unknown }).gc === 'function' ? ' (forced GC before each run)' : ''}\n`);
