import { IncrementalError } from '@graphql-incremental/reader';
import { createReassembler, type IncrementalResult } from '@graphql-incremental/reassembler';

/** Options of {@link mergeResults}. */
export interface MergeResultsOptions {
  /**
   * Called when merging stops early: with the error of a payload that did not fit, or with `undefined`
   * when the consumer returned (abort with the platform's own `AbortError` then).
   */
  readonly stop: (reason: unknown) => void;
  /** The caller's signal: once it aborts, the results reject with its reason. */
  readonly signal?: AbortSignal | undefined;
  /** See {@link PACE_MIN_MS}; default `true`. */
  readonly pace?: boolean | undefined;
  /** Whether a response without any payload is fine (a subscription without events). */
  readonly allowEmpty?: () => boolean;
  /** Milliseconds from any fixed point; tests pass their own. */
  readonly clock?: () => number;
}

/**
 * A result that cost less than this (merging it, plus the consumer's time with it) is followed by the
 * next one as soon as there is news. After a costlier one, the next waits {@link PACE_RATIO} times as
 * long while payloads keep merging, so merging and consuming get at most a quarter of the time: on a
 * long `@stream`, whose lists every result copies, or with a consumer as busy as Apollo's cache,
 * batches then grow with the cost and the whole stays linear.
 */
export const PACE_MIN_MS = 0.5;

/** How many times a costly result's cost the next one waits. */
export const PACE_RATIO = 3;

/** What an abort rejects with where the signal has no reason: React Native's AbortController sets none. */
function abortError(): Error {
  const error = new Error('This operation was aborted');
  error.name = 'AbortError';
  return error;
}

/** Complete results of a sequence (subscription events) that may wait for a busy consumer; then reading pauses. */
const MAX_WAITING_RESULTS = 16;

/**
 * Merges payload batches into results as they arrive, and hands out the latest one whenever the
 * consumer asks: a slow consumer never falls behind and memory stays bounded by the result, since
 * payloads are applied as they come. A sequence of complete results (Apollo multipart subscriptions,
 * snapshot streams) is handed out result by result instead, reading pausing while
 * {@link MAX_WAITING_RESULTS} wait.
 *
 * @param batches - Payloads, one batch per network chunk (`readPayloadBatches`).
 * @param options - How to stop the source, the caller's signal, pacing.
 * @returns The results. Every problem is thrown after the results that were complete before it.
 * @throws {IncrementalError} `EMPTY_RESPONSE`, `INCOMPLETE_RESPONSE`, and whatever the source throws.
 */
export function mergeResults<TData, TExtensions>(
  batches: AsyncIterable<readonly unknown[]>,
  { stop, signal, pace = true, allowEmpty, clock = () => performance.now() }: MergeResultsOptions,
): AsyncGenerator<IncrementalResult<TData, TExtensions>, void, undefined> {
  type Result = IncrementalResult<TData, TExtensions>;
  const reassembler = createReassembler<TData, TExtensions>();
  const waiting: Result[] = [];
  let handedOut: Result | undefined;
  let failure: { readonly error: unknown } | undefined;
  let ended = false;
  // The consumer stopped: it called `return()`, or the results ended.
  let closing = false;
  // Time spent merging since the last result was handed out.
  let merging = 0;
  // The consumer waiting for news (`final`: the source ended), and the reading waiting for room.
  let wake: ((final: boolean) => void) | undefined;
  let room: (() => void) | undefined;

  async function read(): Promise<void> {
    try {
      for await (const batch of batches) {
        const started = clock();
        for (const payload of batch) {
          // A payload after a complete plain result starts the next result of a sequence.
          const complete = reassembler.format === 'single' ? reassembler.current : undefined;
          if (complete && complete !== handedOut && complete !== waiting[waiting.length - 1]) waiting.push(complete);
          reassembler.push(payload);
        }
        merging += clock() - started;
        wake?.(false);
        while (waiting.length >= MAX_WAITING_RESULTS && !closing) await new Promise<void>((resolve) => (room = resolve));
        if (closing) return;
      }
    } catch (error) {
      failure = { error };
      // A payload that did not fit: nothing after it can be merged.
      if (error instanceof IncrementalError && error.payloadIndex !== undefined) stop(error);
    } finally {
      ended = true;
      wake?.(true);
    }
  }

  /** Waits for news from the reading, or only for its end (or `until`) while pacing. */
  function news(until?: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = until === undefined ? undefined : setTimeout(resolve, until - clock());
      wake = (final) => {
        if (until !== undefined && !final) return;
        clearTimeout(timer);
        resolve();
      };
    }).then(() => void (wake = undefined));
  }

  /** Once the last result of an incremental response was handed out, nothing after it matters. */
  const complete = (): boolean => handedOut?.hasNext === false && reassembler.format !== 'single';

  async function* results(): AsyncGenerator<Result, void, undefined> {
    void read();
    let notBefore = 0;
    try {
      for (;;) {
        if (signal?.aborted && !complete()) throw signal.reason ?? abortError();
        if (pace && !ended && clock() < notBefore) await news(notBefore);
        if (closing) return;
        const started = clock();
        const result = waiting.shift() ?? (reassembler.current === handedOut ? undefined : reassembler.current);
        room?.();
        if (result) {
          handedOut = result;
          // What this result cost: merging since the last one (copies made after it included), and
          // publishing; then the consumer's time with it.
          let cost = merging + clock() - started;
          merging = 0;
          const yielded = clock();
          yield result;
          const back = clock();
          cost += back - yielded;
          notBefore = cost >= PACE_MIN_MS ? back + PACE_RATIO * cost : 0;
          continue;
        }
        if (failure && !complete()) throw failure.error;
        if (ended) break;
        await news();
        if (closing) return;
      }
    } finally {
      if (!ended && !closing) stop(undefined);
      closing = true;
      room?.();
    }
    if (!handedOut && !allowEmpty?.()) throw new IncrementalError('EMPTY_RESPONSE', 'the response had no payload');
    if (handedOut?.hasNext) throw new IncrementalError('INCOMPLETE_RESPONSE', 'the response ended after a payload with "hasNext": true');
  }

  // `return()` ends a `next()` that waits for a stalled server: a generator would queue it behind that.
  const generator = results();
  const close = generator.return;
  generator.return = (value) => {
    closing = true;
    wake?.(true);
    stop(undefined);
    return close.call(generator, value);
  };
  return generator;
}
