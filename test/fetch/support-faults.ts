/**
 * Helpers shared by the fault and cancellation tests of `fetchIncremental`: the expected results of
 * the fault server's recording (reassembled from its parts, never hand-typed), collecting results
 * while freezing and snapshotting them, byte offsets of parts in a captured body, bounded waits, and
 * the checks that a request left nothing behind (its client socket, listeners, handles).
 */
import { createReassembler, type IncrementalResult } from '@graphql-incremental/reassembler';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { DEFAULT_FAULT_RECORDING, boundaryOf, loadRecording, recordedBody, splitMultipartBody } from '../support/servers/index.js';

/** The JSON payloads of the recording the fault server replays, in order. */
export function recordedPayloads(name: string = DEFAULT_FAULT_RECORDING): unknown[] {
  const recording = loadRecording(name);
  const { parts } = splitMultipartBody(recordedBody(recording).toString('utf8'), boundaryOf(recording.headers['content-type'] ?? ''));
  return parts.filter((part) => part.body !== '').map((part) => JSON.parse(part.body) as unknown);
}

/**
 * The result after each payload: `states[i]` is what payloads `0 … i` reassemble to, i.e. what a
 * client should show once exactly `i + 1` payloads arrived.
 */
export function reassembledStates(payloads: readonly unknown[]): IncrementalResult[] {
  const reassembler = createReassembler();
  return payloads.map((payload) => reassembler.apply(payload));
}

/** Freezes a value and everything reachable from it, so that any later write to it throws. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<PropertyKey, unknown>)[key]);
  }
  return value;
}

/** What an iteration produced. */
export interface Collected<T> {
  /** The results as received (deep-frozen on arrival). */
  readonly results: readonly T[];
  /** `structuredClone`s of the results, taken on arrival. */
  readonly snapshots: readonly T[];
  /** What the iteration threw, if it threw. */
  readonly error: unknown;
  readonly threw: boolean;
  /** `performance.now()` when the iteration ended (normally or by throwing). */
  readonly endedAt: number;
}

/**
 * Iterates to the end, freezing and snapshotting every result when it arrives.
 *
 * @param onResult Called after each result; return `true` to stop reading (`break`).
 */
export async function collect<T>(iterable: AsyncIterable<T>, onResult?: (result: T, index: number) => boolean): Promise<Collected<T>> {
  const results: T[] = [];
  const snapshots: T[] = [];
  try {
    for await (const result of iterable) {
      snapshots.push(structuredClone(result));
      results.push(deepFreeze(result));
      if (onResult?.(result, results.length - 1) === true) break;
    }
  } catch (error) {
    return { results, snapshots, error, threw: true, endedAt: performance.now() };
  }
  return { results, snapshots, error: undefined, threw: false, endedAt: performance.now() };
}

/**
 * Asserts that the results are exactly the reassembled states of the first `count` payloads, as
 * `fetchIncremental` may merge payloads that arrived together: every result equals some state, in
 * increasing order, and the last one is the state after all `count` payloads (nothing that was
 * complete is withheld). Also asserts that no result changed after it was handed out.
 */
export function expectResultsOfPrefix(collected: Collected<unknown>, states: readonly unknown[], count: number): void {
  const { results, snapshots } = collected;
  expect(results).toStrictEqual(snapshots);
  if (count === 0) {
    expect(results).toStrictEqual([]);
    return;
  }
  // The states all differ (every payload changes something), so each result identifies one.
  const indices = results.map((result) => states.findIndex((state) => isDeepStrictEqual(state, result)));
  expect(indices, 'every result is the reassembled state after some prefix of the payloads').not.toContain(-1);
  expect(
    indices.every((index, position) => position === 0 || index > indices[position - 1]!),
    `results in payload order, none twice (matched states ${indices.join(', ')})`,
  ).toBe(true);
  expect(indices.at(-1), 'the last result holds every payload that was complete').toBe(count - 1);
}

/** Where each part of a multipart body is, as byte offsets in the body. */
export interface PartLayout {
  /** First byte after the part's delimiter line (its first header byte). */
  readonly start: number;
  /** First byte of its body (after the blank line; `start` when the part has no header block). */
  readonly bodyStart: number;
}

/**
 * Finds the parts of a CRLF-framed multipart body by its delimiter lines, for the offsets the reader
 * should report. Independent of the reader: a plain search for `\r\n--boundary`.
 *
 * @param body The bytes the server sent (possibly cut off).
 */
export function layoutOf(body: Buffer, boundary = '-'): PartLayout[] {
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const layouts: PartLayout[] = [];
  for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + delimiter.length)) {
    const after = at + delimiter.length;
    if (body.subarray(after, after + 2).toString('latin1') !== '\r\n') continue; // the close delimiter
    const start = after + 2;
    const next = body.indexOf(delimiter, start);
    const blank = body.indexOf('\r\n\r\n', start);
    const hasHeaders = blank !== -1 && (next === -1 || blank < next) && /^[\w-]+:/.test(body.subarray(start, start + 64).toString('latin1'));
    layouts.push({ start, bodyStart: hasHeaders ? blank + 4 : start });
  }
  return layouts;
}

/**
 * Rejects with a clear message when `promise` does not settle within `ms` (instead of hanging until
 * the test timeout); the timer is cleared either way.
 */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `condition` every 5 ms; rejects when it is still false after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Sleeps `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The client sockets that carried requests while a tracker was running. */
export interface RequestSocketTracker {
  readonly sockets: readonly Socket[];
  /** Stops recording (keeps what was recorded). */
  stop(): void;
}

/**
 * Records the client socket of every request Node's `fetch` (undici) sends, through undici's
 * documented diagnostics channel `undici:client:sendHeaders`. Lets a test check that *its* request's
 * connection was closed, which `process.getActiveResourcesInfo()` cannot tell: undici unrefs idle
 * pooled sockets (they are not listed), and the in-process server's side of a connection is listed
 * but is the server's business.
 */
export function trackRequestSockets(): RequestSocketTracker {
  const sockets: Socket[] = [];
  const onSendHeaders = (message: unknown): void => {
    const socket = (message as { socket?: Socket }).socket;
    if (socket !== undefined) sockets.push(socket);
  };
  subscribe('undici:client:sendHeaders', onSendHeaders);
  let stopped = false;
  return {
    sockets,
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe('undici:client:sendHeaders', onSendHeaders);
    },
  };
}

/** Socket, server and timer handles (the kinds a request could leak), counted by kind. */
export function countHandles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) {
    if (kind.startsWith('TCP') || kind === 'Timeout' || kind === 'Immediate') counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Whether no kind of handle is more numerous in `after` than in `before`. */
export function noMoreHandles(before: Record<string, number>, after: Record<string, number>): boolean {
  return Object.entries(after).every(([kind, count]) => count <= (before[kind] ?? 0));
}
