/**
 * fetchIncremental against a server that breaks: the fault server replays a real graphql-js response
 * (`graphql-js-current-multipart-async-stream`, four payloads) and breaks it in every way it knows.
 *
 * For every fault: the results handed out before the failure are exactly what the recording's valid
 * prefix reassembles to (computed here with the reassembler from the recording, not typed by hand),
 * they are never changed afterwards (deep-frozen on arrival, compared with snapshots at the end), and
 * then exactly one typed error follows, with the code and the position the reader promises (offsets
 * computed from the bytes the server actually sent). The valid variations complete without error.
 * Every wait is bounded: each request carries a timeout signal and each test a timeout.
 */
import { IncrementalError, fetchIncremental, type FetchResult } from '@graphql-incremental/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_FAULT_RECORDING,
  captureResponse,
  faultUrl,
  loadRecording,
  startFaultServer,
  type Fault,
  type FaultKind,
  type RunningServer,
} from '../support/servers/index.js';
import { collect, expectResultsOfPrefix, layoutOf, reassembledStates, recordedPayloads, within, type PartLayout } from './support-faults.js';

const RECORDING = loadRecording(DEFAULT_FAULT_RECORDING);
const REQUEST = { query: RECORDING.request.body.query };
const PAYLOADS = recordedPayloads();
const STATES = reassembledStates(PAYLOADS);
const ALL = PAYLOADS.length;

/** A generous bound for one request against a local server; hitting it fails the case with a TimeoutError. */
const REQUEST_TIMEOUT_MS = 4000;
const TEST_TIMEOUT_MS = 10_000;

/** The maxPartSize used by every case: far above the recording's parts (< 200 bytes). */
const MAX_PART_SIZE = 1024;

/** Bytes of a part's header block in the replay (`Content-Type: …` line and the blank line), from the recording. */
const PART_HEADER_BYTES = (() => {
  const [first] = layoutOf(Buffer.from(RECORDING.bodyBase64, 'base64'));
  return first!.bodyStart - first!.start;
})();

/**
 * The payload the fault server inserts for `oversized-part` (documented in faultServer.ts as
 * `{"hasNext":true,"extensions":{"padding":"xxx…"}}` of exactly `bytes` bytes).
 */
function paddedPayload(bytes: number): unknown {
  const empty = JSON.stringify({ hasNext: true, extensions: { padding: '' } });
  const text = JSON.stringify({ hasNext: true, extensions: { padding: 'x'.repeat(bytes - empty.length) } });
  expect(Buffer.byteLength(text)).toBe(bytes);
  return JSON.parse(text);
}

/** What the bytes the server sent tell about a response: its body and where its parts are. */
interface Wire {
  readonly body: Buffer;
  readonly parts: readonly PartLayout[];
}

/** The error that must end a broken response: its class, and its fields given what the server sent. */
interface ExpectedError {
  readonly type: typeof IncrementalError;
  readonly fields: (wire: Wire) => Record<string, unknown>;
}

interface FaultCase {
  readonly name: string;
  readonly fault: Fault;
  /** The payloads the response carries when it is valid (default: the recording's). */
  readonly payloads?: readonly unknown[];
  /** How many payloads are complete before the failure (all of them for a valid response). */
  readonly prefix: number;
  /** The error that must follow, or `undefined` when the response is valid and must complete. */
  readonly error?: ExpectedError;
}

const readerError = (fields: (wire: Wire) => Record<string, unknown>): ExpectedError => ({
  type: IncrementalError,
  fields: (wire) => ({ name: 'IncrementalError', ...fields(wire) }),
});


const CASES: readonly FaultCase[] = [
  // Valid responses and valid variations: every result, then the end, no error.
  { name: 'no fault', fault: { kind: 'none' }, prefix: ALL },
  { name: 'an epilogue after the close delimiter', fault: { kind: 'epilogue' }, prefix: ALL },
  {
    name: 'no close delimiter after the hasNext:false payload',
    fault: { kind: 'no-close-delimiter' },
    prefix: ALL,
  },
  { name: 'premature end after every part (the full body)', fault: { kind: 'premature-end', afterParts: ALL }, prefix: ALL },
  { name: 'garbage after the close delimiter (an epilogue)', fault: { kind: 'garbage-after-parts', afterParts: ALL }, prefix: ALL },
  { name: 'an HTML page after the close delimiter (an epilogue)', fault: { kind: 'html-halfway', afterParts: ALL }, prefix: ALL },
  {
    name: 'a part of exactly maxPartSize bytes (headers included)',
    fault: { kind: 'oversized-part', afterParts: 1, bytes: MAX_PART_SIZE - PART_HEADER_BYTES },
    payloads: [PAYLOADS[0], paddedPayload(MAX_PART_SIZE - PART_HEADER_BYTES), ...PAYLOADS.slice(1)],
    prefix: ALL + 1,
  },

  // The connection is destroyed mid-part: the body cannot be read further (READ_FAILED, cause from fetch).
  ...[0, 1, 2, 3].map(
    (afterParts): FaultCase => ({
      name: `connection closed in the middle of part ${afterParts}`,
      fault: { kind: 'close-mid-part', afterParts },
      prefix: afterParts,
      error: readerError(() => ({ code: 'READ_FAILED', cause: expect.any(Error) })),
    }),
  ),

  // A 500 before any streaming: the status and the body the server sent.
  {
    name: 'status 500 with a JSON body',
    fault: { kind: 'status-500', body: 'json' },
    prefix: 0,
    error: readerError((wire) => ({
      code: 'HTTP_STATUS',
      status: 500,
      body: wire.body.toString('utf8'),
    })),
  },
  {
    name: 'status 500 with a text body',
    fault: { kind: 'status-500', body: 'text' },
    prefix: 0,
    error: readerError((wire) => ({ code: 'HTTP_STATUS', status: 500, body: wire.body.toString('utf8') })),
  },

  // Non-multipart bytes instead of the next part, then a clean end: the "part" they start never ends.
  ...(['html-halfway', 'garbage-after-parts'] as const).flatMap((kind): FaultCase[] => [
    {
      name: `${kind} before the first delimiter`,
      fault: { kind, afterParts: 0 },
      prefix: 0,
      error: readerError(() => ({ code: 'TRUNCATED' })),
    },
    {
      name: `${kind} after 2 parts`,
      fault: { kind, afterParts: 2 },
      prefix: 2,
      error: readerError(() => ({ code: 'TRUNCATED', partIndex: 2 })),
    },
  ]),

  // A clean end while the last payload promised more.
  {
    name: 'premature end before any part',
    fault: { kind: 'premature-end', afterParts: 0 },
    prefix: 0,
    error: readerError(() => ({ code: 'TRUNCATED' })),
  },
  {
    name: 'premature end after 2 parts (the last with hasNext: true)',
    fault: { kind: 'premature-end', afterParts: 2 },
    prefix: 2,
    error: readerError(() => ({ code: 'TRUNCATED' })),
  },

  // A part whose body is over maxPartSize: just over, and far over.
  ...[
    [0, MAX_PART_SIZE + 1],
    [2, MAX_PART_SIZE + 1],
    [1, 4 * MAX_PART_SIZE],
  ].map(
    ([afterParts, bytes]): FaultCase => ({
      name: `part ${afterParts!} of ${bytes!} body bytes over maxPartSize ${MAX_PART_SIZE}`,
      fault: { kind: 'oversized-part', afterParts: afterParts!, bytes: bytes! },
      prefix: afterParts!,
      error: readerError(() => ({ code: 'PART_TOO_LARGE', partIndex: afterParts })),
    }),
  ),

  // A part whose body is not JSON: the first one, and the final (hasNext: false) one.
  ...[0, 3].map(
    (partIndex): FaultCase => ({
      name: `invalid JSON in part ${partIndex}`,
      fault: { kind: 'invalid-json', partIndex },
      prefix: partIndex,
      error: readerError(() => ({ code: 'INVALID_JSON', partIndex, cause: expect.any(SyntaxError) })),
    }),
  ),

  // The response Content-Type is wrong.
  {
    name: 'response Content-Type text/html over a multipart body (read as JSON, as HttpLink does)',
    fault: { kind: 'wrong-content-type', contentType: 'text/html' },
    prefix: 0,
    error: readerError(() => ({ code: 'INVALID_JSON', partIndex: 0, cause: expect.any(SyntaxError) })),
  },
  {
    name: 'response Content-Type application/json over a multipart body',
    fault: { kind: 'wrong-content-type', contentType: 'application/json' },
    prefix: 0,
    error: readerError(() => ({ code: 'INVALID_JSON', cause: expect.any(SyntaxError) })),
  },
  {
    name: 'response Content-Type text/event-stream over a multipart body',
    fault: { kind: 'wrong-content-type', contentType: 'text/event-stream' },
    prefix: 0,
    error: readerError(() => ({ code: 'TRUNCATED' })),
  },

  // A part declares a Content-Type that is not JSON: parts are read by their body, as every peer does.
  ...[0, 2].map(
    (partIndex): FaultCase => ({
      name: `part ${partIndex} declaring Content-Type text/html over a JSON body`,
      fault: { kind: 'wrong-part-content-type', partIndex, contentType: 'text/html' },
      prefix: ALL,
    }),
  ),
];

// Every fault kind the server offers is exercised here (`stall` below, on its own: it needs a timeout).
const EXERCISED_KINDS = [
  'none',
  'close-mid-part',
  'stall',
  'status-500',
  'html-halfway',
  'garbage-after-parts',
  'epilogue',
  'oversized-part',
  'invalid-json',
  'wrong-content-type',
  'wrong-part-content-type',
  'premature-end',
  'no-close-delimiter',
] as const satisfies readonly FaultKind[];
// Fails to compile when the fault server gains a kind this file does not list.
const everyKindListed: [Exclude<FaultKind, (typeof EXERCISED_KINDS)[number]>] extends [never] ? true : false = true;

it('covers every fault kind of the fault server', () => {
  expect(everyKindListed).toBe(true);
  const covered = new Set<string>([...CASES.map((testCase) => testCase.fault.kind), 'stall']);
  expect([...covered].sort()).toStrictEqual([...EXERCISED_KINDS].sort());
});

describe.each([
  { writes: 'one write per part', options: {} },
  { writes: '7-byte writes', options: { chunkSize: 7 } },
])('fault server, $writes', ({ options }) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startFaultServer(options);
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const testCase of CASES) {
    const title =
      testCase.error === undefined
        ? `${testCase.name}: all ${testCase.prefix} results, then the end`
        : `${testCase.name}: the first ${testCase.prefix} results, then a ${testCase.error.type.name}`;
    it(
      title,
      async () => {
        const url = faultUrl(server.url, testCase.fault);
        const captured = await captureResponse(url, REQUEST, { timeoutMs: REQUEST_TIMEOUT_MS });
        const wire: Wire = { body: captured.body, parts: layoutOf(captured.body) };
        const states = testCase.payloads === undefined ? STATES : reassembledStates(testCase.payloads);

        const iterator = fetchIncremental(url, REQUEST, { maxPartSize: MAX_PART_SIZE, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        const collected = await within(collect<FetchResult<Record<string, unknown>>>(iterator), REQUEST_TIMEOUT_MS + 1000, 'the iteration');

        expectResultsOfPrefix(collected, states, testCase.prefix);
        if (testCase.error === undefined) {
          expect(collected.error).toBeUndefined();
          expect(collected.threw).toBe(false);
          expect(collected.results.at(-1)?.hasNext).toBe(false);
        } else {
          expect(collected.threw).toBe(true);
          expect(collected.error).toBeInstanceOf(testCase.error.type);
          expect(collected.error).toMatchObject(testCase.error.fields(wire));
        }
        // Finished for good: no more results, no second error, no hang.
        await expect(within(iterator.next(), 1000, 'next() after the end')).resolves.toStrictEqual({ done: true, value: undefined });
      },
      TEST_TIMEOUT_MS,
    );
  }

  it.each([0, 1, 3])(
    'stall after %i parts: the results so far, then the timeout signal’s TimeoutError, promptly',
    async (afterParts) => {
      const signal = AbortSignal.timeout(300);
      let abortedAt = Number.NaN;
      signal.addEventListener('abort', () => (abortedAt = performance.now()), { once: true });
      const iterator = fetchIncremental(faultUrl(server.url, { kind: 'stall', afterParts }), REQUEST, { maxPartSize: MAX_PART_SIZE, signal });
      const collected = await within(collect<FetchResult<Record<string, unknown>>>(iterator), 3000, 'the stalled iteration');

      expectResultsOfPrefix(collected, STATES, afterParts);
      expect(collected.threw).toBe(true);
      expect(collected.error).toBe(signal.reason);
      expect(collected.error).toBeInstanceOf(DOMException);
      expect(collected.error).toMatchObject({ name: 'TimeoutError' });
      // The iteration ended because of the signal, right after it fired.
      expect(collected.endedAt - abortedAt).toBeGreaterThanOrEqual(0);
      expect(collected.endedAt - abortedAt).toBeLessThan(500);
      await expect(within(iterator.next(), 1000, 'next() after the abort')).resolves.toStrictEqual({ done: true, value: undefined });
    },
    TEST_TIMEOUT_MS,
  );
});
