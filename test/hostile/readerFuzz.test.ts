/**
 * The reader against hostile and broken bodies: mutations of the bodies recorded from real servers
 * (bytes flipped, dropped, duplicated, delimiters cut, `Content-Length` lying, giant headers,
 * truncation) under random chunkings, plus endless bodies that never finish a part.
 *
 * Properties, for every case:
 * - it ends: the pure decoder is synchronous, and `readPayloads` on a finite stream is awaited with a
 *   deadline;
 * - the only thing thrown is a `IncrementalError` (or, through `readPayloads`, the abort reason);
 * - every payload yielded is one that was really in the mutated body: the JSON of some `{…}` substring
 *   of it (or that JSON's `payload`, for Apollo subscription envelopes);
 * - the payloads the untouched prefix of the body holds come first, exactly;
 * - memory: a body that never ends a part fails with `PART_TOO_LARGE` after the source handed out at
 *   most `maxPartSize` plus one chunk (counted by the source stream, which buffers nothing ahead).
 */
import { createPayloadDecoder, isIncrementalError, readPayloads, IncrementalError, type Payload } from '@graphql-incremental/reader';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, splitAt, utf8 } from '../support/multipartBodies.js';
import { listRecordings, loadRecording, recordedBody } from '../support/servers/recording.js';

/** Recordings with a 200 body that the reader reads without error. */
const RECORDINGS = listRecordings()
  .map(loadRecording)
  .filter((recording) => recording.status === 200)
  .map((recording) => ({ name: recording.name, contentType: recording.headers['content-type'] ?? '', body: new Uint8Array(recordedBody(recording)) }));

type Sample = (typeof RECORDINGS)[number];

interface Decoded {
  readonly payloads: Payload[];
  readonly error: unknown;
  readonly finished: boolean;
}

/** Feeds chunks to the pure decoder; with `end: false` the body is treated as a prefix (no `end()`). */
function decode(contentType: string, chunks: readonly Uint8Array[], options: { end?: boolean; maxPartSize?: number | undefined } = {}): Decoded {
  const payloads: Payload[] = [];
  try {
    const decoder = createPayloadDecoder({ contentType, maxPartSize: options.maxPartSize, onPayload: (payload) => payloads.push(payload) });
    for (const chunk of chunks) {
      decoder.write(chunk);
      if (decoder.finished) return { payloads, error: undefined, finished: true };
    }
    if (options.end !== false) decoder.end();
    return { payloads, error: undefined, finished: decoder.finished };
  } catch (error) {
    return { payloads, error, finished: false };
  }
}

/** JSON with sorted keys, so that deep-equal values compare as strings. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(inner).sort()) {
      Object.defineProperty(sorted, key, { value: (inner as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
    }
    return sorted;
  });
}

/**
 * Every JSON object spelled by a `{…}` substring of the body (and its `payload` member, which the
 * reader unwraps for Apollo subscriptions), in canonical form: what "really in the body" means.
 */
function objectsInBody(body: Uint8Array): Set<string> {
  const text = new TextDecoder().decode(body);
  const opens: number[] = [];
  const closes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '{') opens.push(index);
    else if (text[index] === '}') closes.push(index);
  }
  const found = new Set<string>();
  for (const open of opens) {
    for (const close of closes) {
      if (close <= open) continue;
      let value: unknown;
      try {
        value = JSON.parse(text.slice(open, close + 1));
      } catch {
        continue;
      }
      found.add(canonical(value));
      if (value !== null && typeof value === 'object' && 'payload' in value) found.add(canonical((value as { payload: unknown }).payload));
    }
  }
  return found;
}

/** A change to a body, with the first original byte it touches. */
interface Mutation {
  readonly name: string;
  readonly body: Uint8Array;
  /** Bytes before this offset are the original's. */
  readonly untouchedPrefix: number;
}

function splice(body: Uint8Array, start: number, deleteCount: number, insert: Uint8Array = new Uint8Array()): Uint8Array {
  return concatBytes([body.subarray(0, start), insert, body.subarray(start + deleteCount)]);
}

function indexesOf(body: Uint8Array, needle: Uint8Array): number[] {
  const found: number[] = [];
  const text = Buffer.from(body);
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found.push(at);
  return found;
}

const CRLF = utf8('\r\n');
const DASHES = utf8('--');

/** An arbitrary mutation of one sample body; positions are fractions so that they shrink well. */
function mutationArbitrary(sample: Sample): fc.Arbitrary<Mutation> {
  const { body } = sample;
  const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }).map((fraction) => Math.floor(fraction * body.length));
  const delimiters = indexesOf(body, DASHES);
  const lineEnds = indexesOf(body, CRLF);
  const pick = (offsets: readonly number[]) => fc.nat({ max: Math.max(0, offsets.length - 1) }).map((index) => offsets[index] ?? 0);
  return fc.oneof(
    fc.tuple(position, fc.integer({ min: 1, max: 255 })).map(([at, xor]) => ({
      name: `flip byte ${at} ^ ${xor}`,
      body: splice(body, at, 1, Uint8Array.of(body[at]! ^ xor)),
      untouchedPrefix: at,
    })),
    fc.tuple(position, fc.integer({ min: 1, max: 16 })).map(([at, count]) => ({ name: `drop ${count} at ${at}`, body: splice(body, at, count), untouchedPrefix: at })),
    fc.tuple(position, fc.integer({ min: 1, max: 64 })).map(([at, count]) => ({
      name: `duplicate ${count} at ${at}`,
      body: splice(body, at, 0, body.slice(at, at + count)),
      untouchedPrefix: at,
    })),
    position.map((at) => ({ name: `truncate at ${at}`, body: body.slice(0, at), untouchedPrefix: at })),
    fc.tuple(pick(delimiters), fc.integer({ min: 1, max: 3 })).map(([at, cut]) => ({
      name: `cut delimiter at ${at} by ${cut}`,
      body: splice(body, at, cut),
      untouchedPrefix: at,
    })),
    fc.tuple(pick(lineEnds), fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 100, max: 100_000 }))).map(([at, length]) => ({
      name: `Content-Length: ${length} inserted at ${at}`,
      body: splice(body, at + 2, 0, utf8(`Content-Length: ${length}\r\n`)),
      untouchedPrefix: at + 2,
    })),
    fc.tuple(pick(lineEnds), fc.integer({ min: 1_000, max: 200_000 })).map(([at, length]) => ({
      name: `giant header of ${length} bytes at ${at}`,
      body: splice(body, at + 2, 0, utf8(`X-Giant: ${'a'.repeat(length)}\r\n`)),
      untouchedPrefix: at + 2,
    })),
    fc.tuple(position, fc.uint8Array({ minLength: 1, maxLength: 32 })).map(([at, bytes]) => ({ name: `insert random bytes at ${at}`, body: splice(body, at, 0, bytes), untouchedPrefix: at })),
  );
}

/** Split offsets as fractions of the body length. */
const splitsArbitrary = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 });

function chunk(bytes: Uint8Array, fractions: readonly number[]): Uint8Array[] {
  const offsets = [...new Set(fractions.map((fraction) => Math.floor(fraction * bytes.length)))].sort((a, b) => a - b);
  return splitAt(bytes, offsets);
}

/**
 * Fixed seeds keep CI deterministic; `FUZZ_SEED=<n> FUZZ_RUNS=<n>` explores further locally.
 */
const FUZZ_SEED = process.env['FUZZ_SEED'] === undefined ? undefined : Number(process.env['FUZZ_SEED']);
const FUZZ_SCALE = process.env['FUZZ_RUNS'] === undefined ? 1 : Number(process.env['FUZZ_RUNS']);

/** A limit above every recorded part, below the giant headers and lying lengths. */
const MAX_PART_SIZE = 64 * 1024;

const caseArbitrary = fc
  .constantFrom(...RECORDINGS)
  .chain((sample) => fc.tuple(fc.constant(sample), mutationArbitrary(sample), splitsArbitrary));

/** The properties every outcome must have, for a mutated body. */
function expectSound(sample: Sample, mutation: Mutation, outcome: Decoded): void {
  if (outcome.error !== undefined) {
    expect(outcome.error, String(outcome.error)).toBeInstanceOf(IncrementalError);
    expect(isIncrementalError(outcome.error)).toBe(true);
  }
  // Payloads the untouched prefix completes come first, exactly.
  // (The prefix itself may end in an error: the fatal-error subscription's TRANSPORT_ERROR.)
  const prefix = decode(sample.contentType, [sample.body.subarray(0, mutation.untouchedPrefix)], { end: false, maxPartSize: MAX_PART_SIZE });
  if (prefix.error !== undefined) expect(prefix.error).toBeInstanceOf(IncrementalError);
  expect(outcome.payloads.slice(0, prefix.payloads.length)).toEqual(prefix.payloads);
  expect(outcome.payloads.length).toBeGreaterThanOrEqual(prefix.payloads.length);
  // The rest were really in the (mutated) body.
  const inBody = objectsInBody(mutation.body);
  for (const payload of outcome.payloads.slice(prefix.payloads.length)) expect(inBody.has(canonical(payload)), canonical(payload)).toBe(true);
}

describe('mutated recordings', () => {
  it('has recordings of every transport', () => {
    expect(RECORDINGS.length).toBeGreaterThanOrEqual(20);
    expect(RECORDINGS.some((sample) => sample.contentType.startsWith('text/event-stream'))).toBe(true);
  });

  it('the unmutated recordings read without error, and every payload passes the "in the body" oracle', () => {
    for (const sample of RECORDINGS) {
      const outcome = decode(sample.contentType, [sample.body]);
      // One recording ends in a transport error on purpose (Apollo subscription `errors`).
      if (sample.name.includes('fatal-error')) expect(outcome.error, sample.name).toMatchObject({ code: 'TRANSPORT_ERROR' });
      else expect(outcome.error, sample.name).toBeUndefined();
      expect(outcome.payloads.length, sample.name).toBeGreaterThan(0);
      const inBody = objectsInBody(sample.body);
      for (const payload of outcome.payloads) expect(inBody.has(canonical(payload)), sample.name).toBe(true);
    }
  });

  it('decoder: only IncrementalErrors, the untouched prefix exactly, nothing that was not in the body', () => {
    fc.assert(
      fc.property(caseArbitrary, ([sample, mutation, splits]) => {
        const outcome = decode(sample.contentType, chunk(mutation.body, splits), { maxPartSize: MAX_PART_SIZE });
        expectSound(sample, mutation, outcome);
      }),
      { numRuns: 1500 * FUZZ_SCALE, seed: FUZZ_SEED ?? 20261121 },
    );
  }, 30_000 * FUZZ_SCALE);

  it('readPayloads: the same on a Response, and an abort at a random chunk rejects with its reason', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, fc.option(fc.nat({ max: 20 }), { nil: undefined }), async ([sample, mutation, splits], abortAtChunk) => {
        const chunks = chunk(mutation.body, splits);
        const controller = new AbortController();
        const reason = new Error('fuzz abort');
        let index = 0;
        const stream = new ReadableStream<Uint8Array>({
          pull(streamController) {
            if (index === abortAtChunk) controller.abort(reason);
            if (index < chunks.length) streamController.enqueue(chunks[index++]!);
            else streamController.close();
          },
        });
        const response = new Response(stream, { headers: { 'content-type': sample.contentType } });
        const payloads: Payload[] = [];
        let error: unknown;
        const reading = (async () => {
          try {
            for await (const payload of readPayloads(response, { signal: controller.signal, maxPartSize: MAX_PART_SIZE })) payloads.push(payload);
          } catch (caught) {
            error = caught;
          }
        })();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const deadline = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), 2000)));
        expect(await Promise.race([reading.then(() => 'ended' as const), deadline])).toBe('ended');
        clearTimeout(timer);
        // Same bytes, same result, however they are read.
        const reference = decode(sample.contentType, chunks, { maxPartSize: MAX_PART_SIZE });
        if (error === reason) {
          // Aborted: what came before is the start of what the whole read gives.
          expect(abortAtChunk).toBeDefined();
          expect(payloads).toEqual(reference.payloads.slice(0, payloads.length));
          return;
        }
        expectSound(sample, mutation, { payloads, error, finished: error === undefined });
        expect(payloads).toEqual(reference.payloads);
        expect((error as IncrementalError | undefined)?.code).toBe((reference.error as IncrementalError | undefined)?.code);
      }),
      { numRuns: 300 * FUZZ_SCALE, seed: FUZZ_SEED ?? 42 },
    );
  }, 30_000 * FUZZ_SCALE);
});

describe('token soup: random framing fragments, every content type, tiny limits', () => {
  const TOKENS = [
    '\r\n', '\n', '\r', '--', '---', '-----', '--graphql', '--graphql--', 'content-type: application/json', 'Content-Type: text/plain',
    'content-length: 2', 'content-length: 17', 'content-length: x', ': ', '{', '}', '"', '[', ']', ',', ' ', '{}', '{"hasNext":true}',
    '{"hasNext":false}', '{"data":{"a":1},"hasNext":true}', '{"payload":{"data":1}}', '{"payload":null}', '{"payload":null,"errors":[{"message":"x"}]}',
    'data: ', 'data:{"a":1}', 'event: next', 'event: complete', ': ping', 'é', '\u{1F600}', 'null', '1',
  ];
  const CONTENT_TYPES = ['multipart/mixed', 'multipart/mixed; boundary="graphql"', 'text/event-stream', 'application/json', 'application/graphql-response+json'];
  const PAYLOAD_TOKENS = TOKENS.filter((token) => token.startsWith('{'));
  const newline = fc.constantFrom('\r\n', '\n', '\r\n', '\r\n', '\r');
  /** A multipart body from grammar pieces, mostly well formed. */
  const multipartSoup = fc
    .array(
      fc.tuple(newline, fc.subarray(['content-type: application/json', 'content-length: 17', 'x-extra: 1']), newline, fc.constantFrom(...PAYLOAD_TOKENS), fc.constantFrom('', ' ', '\r\n')),
      { maxLength: 5 },
    )
    .chain((parts) =>
      fc.tuple(
        fc.constant(parts.map(([line, headers, blank, json, tail]) => `\r\n--graphql${line}${headers.map((header) => `${header}${line}`).join('')}${blank}${json}${tail}`).join('')),
        fc.constantFrom('\r\n--graphql--\r\n', '\r\n--graphql--', '', '\r\n--graphql'),
      ),
    )
    .map(([parts, close]) => ({ contentType: 'multipart/mixed; boundary="graphql"', text: parts + close }));
  /** An SSE body from grammar pieces. */
  const sseSoup = fc
    .array(fc.tuple(fc.constantFrom('event: next', '', ': ping', 'id: 1'), newline, fc.constantFrom(...PAYLOAD_TOKENS), newline), { maxLength: 5 })
    .chain((events) =>
      fc.tuple(fc.constant(events.map(([first, line, json, end]) => `${first}${first === '' ? '' : line}data: ${json}${line}${end}`).join('')), fc.constantFrom('event: complete\n\n', '')),
    )
    .map(([events, close]) => ({ contentType: 'text/event-stream', text: events + close }));
  const jsonSoup = fc
    .tuple(fc.constantFrom(...CONTENT_TYPES.slice(3)), fc.constantFrom(...PAYLOAD_TOKENS, ' {"data":null} ', '[1]'))
    .map(([contentType, text]) => ({ contentType, text }));
  /** Grammar bodies with up to three random tokens or bytes inserted, deleted or overwritten. */
  const soupArbitrary = fc
    .tuple(
      fc.oneof(multipartSoup, sseSoup, jsonSoup),
      fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(3), fc.oneof(fc.constantFrom(...TOKENS).map(utf8), fc.uint8Array({ maxLength: 3 }))), { maxLength: 3 }),
      splitsArbitrary,
      fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined, freq: 1 }),
      fc.nat(4).map((choice) => choice === 0),
    )
    .map(([{ contentType, text }, edits, splits, maxPartSize, otherType]) => {
      let body = utf8(text);
      for (const [where, deleteCount, insert] of edits) body = splice(body, Math.floor(where * body.length), deleteCount, insert);
      // Now and then, a content type that does not match the body.
      return [otherType ? CONTENT_TYPES[body.length % CONTENT_TYPES.length]! : contentType, body, splits, maxPartSize] as const;
    });

  it('only IncrementalErrors, and the same payloads and error code whole or chunked', () => {
    let withPayloads = 0;
    let withoutError = 0;
    fc.assert(
      fc.property(soupArbitrary, ([contentType, body, splits, maxPartSize]) => {
        const whole = decode(contentType, [body], { maxPartSize });
        const chunked = decode(contentType, chunk(body, splits), { maxPartSize });
        for (const outcome of [whole, chunked]) if (outcome.error !== undefined) expect(outcome.error, String(outcome.error)).toBeInstanceOf(IncrementalError);
        expect(chunked.payloads).toEqual(whole.payloads);
        expect((chunked.error as IncrementalError | undefined)?.code).toBe((whole.error as IncrementalError | undefined)?.code);
        const inBody = objectsInBody(body);
        for (const payload of whole.payloads) expect(inBody.has(canonical(payload)), canonical(payload)).toBe(true);
        if (whole.payloads.length > 0) withPayloads++;
        if (whole.error === undefined) withoutError++;
      }),
      { numRuns: 3000 * FUZZ_SCALE, seed: FUZZ_SEED ?? 7 },
    );
    console.info(`token soup: ${3000 * FUZZ_SCALE} bodies, ${withPayloads} yielded payloads, ${withoutError} read without error`);
    // The soup is not all noise: some bodies are readable, some only in part.
    expect(withPayloads).toBeGreaterThan(300 * FUZZ_SCALE);
  }, 30_000 * FUZZ_SCALE);
});

/** A chunk of the endless bodies below. */
const CHUNK_SIZE = 16 * 1024;
/** The limit under test. */
const SMALL_MAX = 64 * 1024;
/** How much the endless sources would send if nothing stopped the reader: 8 MiB. */
const ENDLESS_BYTES = 8 * 1024 * 1024;

/**
 * A stream of `head`, then `filler` repeated in {@link CHUNK_SIZE} chunks up to {@link ENDLESS_BYTES}.
 * `highWaterMark: 0`: nothing is pulled ahead, so `pulledBytes` is what the reader took.
 */
function endless(head: string, filler: string) {
  const counter = { pulledBytes: 0, cancelled: false };
  const fillerChunk = utf8(filler.repeat(Math.ceil(CHUNK_SIZE / filler.length)).slice(0, CHUNK_SIZE));
  let first = true;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const next = first ? utf8(head) : fillerChunk;
        first = false;
        if (counter.pulledBytes >= ENDLESS_BYTES) return controller.close();
        counter.pulledBytes += next.length;
        controller.enqueue(next.slice());
        return undefined;
      },
      cancel() {
        counter.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, counter };
}

describe('a body that never ends a part holds at most maxPartSize plus one chunk', () => {
  /** `early`: the limit is known to be exceeded from a header, before any body byte. */
  const cases: readonly { name: string; contentType: string; head: string; filler: string; early?: boolean }[] = [
    { name: 'multipart body without a delimiter', contentType: 'multipart/mixed; boundary="-"', head: '\r\n---\r\ncontent-type: application/json\r\n\r\n{"data":"', filler: 'x' },
    { name: 'multipart body with no JSON structure', contentType: 'multipart/mixed; boundary="-"', head: '\r\n---\r\n\r\n', filler: 'not json ' },
    { name: 'multipart headers that never end', contentType: 'multipart/mixed; boundary="-"', head: '\r\n---\r\n', filler: 'x-header: yyyyyyyyyyyyyy\r\n' },
    { name: 'multipart preamble without any delimiter', contentType: 'multipart/mixed; boundary="-"', head: '', filler: 'preamble ' },
    { name: 'multipart near-delimiters (-- without the boundary)', contentType: 'multipart/mixed; boundary="graphql"', head: '\r\n--graphql\r\n\r\n{"a":"', filler: '\r\n--graph' },
    { name: 'multipart Content-Length lying high (ignored)', contentType: 'multipart/mixed; boundary="-"', head: '\r\n---\r\ncontent-length: 100000000\r\n\r\n', filler: 'z' },
    { name: 'SSE data lines without a blank line', contentType: 'text/event-stream', head: 'event: next\n', filler: 'data: {"a":1}\n' },
    { name: 'SSE one endless line', contentType: 'text/event-stream', head: 'data: ', filler: 'x' },
    { name: 'JSON body that never ends', contentType: 'application/json', head: '{"data":[', filler: '1,' },
  ];

  it.each(cases)('$name: PART_TOO_LARGE after at most maxPartSize + one chunk', async ({ contentType, head, filler, early }) => {
    const { stream, counter } = endless(head, filler);
    let error: unknown;
    try {
      for await (const payload of readPayloads(new Response(stream, { headers: { 'content-type': contentType } }), { maxPartSize: SMALL_MAX })) {
        expect.unreachable(`no payload expected, got ${JSON.stringify(payload).slice(0, 80)}`);
      }
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(IncrementalError);
    expect(error).toMatchObject({ code: 'PART_TOO_LARGE' });
    expect(counter.pulledBytes).toBeLessThanOrEqual(SMALL_MAX + CHUNK_SIZE + head.length);
    // Not stopped before the limit was reached (unless a header announced the size).
    if (early === true) expect(counter.pulledBytes).toBeLessThanOrEqual(head.length + CHUNK_SIZE);
    else expect(counter.pulledBytes).toBeGreaterThan(SMALL_MAX);
    expect(counter.cancelled).toBe(true);
  });

  it('the default limit (16 MiB) holds for a part without a delimiter', async () => {
    const { stream, counter } = endless('\r\n---\r\n\r\n{"data":"', 'x');
    // 8 MiB is below the default: the body ends (TRUNCATED), having read all of it.
    const result = readPayloads(new Response(stream, { headers: { 'content-type': 'multipart/mixed' } }));
    await expect(result[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: 'TRUNCATED' });
    expect(counter.pulledBytes).toBeGreaterThanOrEqual(ENDLESS_BYTES);
  });

  it('many small parts are not limited: 4 MiB of 1 KiB parts read in full under a 64 KiB limit', async () => {
    const part = `\r\n---\r\ncontent-type: application/json\r\n\r\n{"hasNext":true,"pad":"${'p'.repeat(1000)}"}`;
    const count = 4096;
    const body = utf8(`${part.repeat(count)}\r\n---\r\n\r\n{"hasNext":false}\r\n-----\r\n`);
    let read = 0;
    for await (const payload of readPayloads(new Response(new Uint8Array(body), { headers: { 'content-type': 'multipart/mixed' } }), { maxPartSize: SMALL_MAX })) {
      expect(typeof payload['hasNext']).toBe('boolean');
      read++;
    }
    expect(read).toBe(count + 1);
  });
});
