import { createReassembler, type IncrementalResult, type Reassembler } from '@graphql-incremental/reassembler';
import { FetchIncrementalError } from './FetchIncrementalError.js';

/**
 * Turns batches of payloads (one batch per network chunk) into merged results, reading ahead of the
 * consumer: whatever arrived while the consumer was busy is applied at once and handed out as one
 * result, the latest state. So a slow consumer never falls behind a fast stream, a fast consumer sees
 * every batch, and long streams stay linear (the reassembler publishes once per result, not once per
 * payload).
 *
 * Results are also paced by their own cost: publishing copies every list the batch appended to, so
 * with a fast consumer and lists of tens of thousands of items one result per network chunk would
 * spend ever more time copying (quadratic in the list's length). Once a response has delivered
 * {@link PACE_AFTER_PAYLOADS} payloads, after a merge that took `t` ≥ {@link PACE_THRESHOLD_MS} the
 * next one waits until `4t` more has passed (or the response ended), reading meanwhile: the batches
 * then grow with the list, and at most a fifth of the time goes to merging. Shorter responses are never
 * paced, whatever a merge happened to cost (a cold start, a GC pause).
 *
 * A response whose first payload is a plain result (no `hasNext`) followed by more plain results is a
 * subscription (Apollo's multipart protocol): each event then gets its own result, never merged.
 *
 * @param batches - Payload batches in arrival order (the reader's `readPayloadBatches`).
 * @param stop - Called when the consumer stops early (`return()`) or a payload does not fit, to abort
 *   the request.
 * @param options - `allowEmpty` for subscriptions, which may end without any event.
 * @returns The results; the iteration ends after the last one, or throws the first problem after
 *   every result that was complete before it.
 * @throws {FetchIncrementalError} `INCOMPLETE_RESPONSE` when the body ended while the last payload
 *   promised more (`hasNext: true`) without the reader noticing (a JSON body, say), and `EMPTY_RESPONSE`
 *   when it carried no payload at all.
 */
export function coalesceResults<TResult, TExtensions>(
  batches: AsyncIterable<readonly unknown[]>,
  stop: (reason: unknown) => void,
  options: CoalesceOptions = {},
): AsyncIterableIterator<IncrementalResult<TResult, TExtensions>> {
  type Result = IncrementalResult<TResult, TExtensions>;
  const queue: unknown[] = [];
  let head = 0;
  let sourceDone = false;
  let sourceError: { readonly error: unknown } | undefined;
  let wake: (() => void) | undefined;
  let pumping: Promise<void> | undefined;
  let stopped = false;
  const clock = options.clock ?? (() => performance.now());
  // When the next merge may start: after a costly one, the stream gets four times as long to deliver more.
  let notBefore = 0;
  let taken = 0;

  let reassembler: Reassembler<TResult, TExtensions> = createReassembler();
  let lastYielded: Result | undefined;
  let everYielded = false;
  // A reassembly error found while results were still owed: thrown on the next call.
  let deferredError: { readonly error: unknown } | undefined;

  async function pump(): Promise<void> {
    try {
      for await (const batch of batches) {
        for (const payload of batch) queue.push(payload);
        wake?.();
        if (stopped) return;
      }
    } catch (error) {
      sourceError = { error };
    } finally {
      sourceDone = true;
      wake?.();
    }
  }

  function waitForMore(): Promise<void> {
    return new Promise((resolve) => {
      wake = () => {
        wake = undefined;
        resolve();
      };
    });
  }

  /** Takes the payloads of the open response, up to and including one that ends it. */
  function takeOpenPayloads(): unknown[] {
    const start = head;
    while (head < queue.length && promisesMore(queue[head++]));
    taken += head - start;
    return queue.slice(start, head);
  }

  /** Applies what is queued and returns the next result to hand out, if there is one. */
  function drain(): Result | undefined {
    if (head === queue.length) return undefined;
    const current = reassembler.current;
    if (current !== undefined && !current.hasNext && reassembler.format === 'single') {
      // Another plain result after a plain result: a subscription event. One result per event.
      reassembler = createReassembler();
      const result = reassembler.apply(queue[head]);
      head += 1;
      return result;
    }
    try {
      const result = reassembler.applyAll(takeOpenPayloads());
      return result === current ? undefined : result;
    } catch (error) {
      // The payloads before the bad one were applied and published: hand that result out first.
      const published = reassembler.current;
      if (published !== undefined && published !== current) {
        deferredError = { error };
        return published;
      }
      throw error;
    } finally {
      if (head > 1024 && head * 2 > queue.length) {
        queue.splice(0, head);
        head = 0;
      }
    }
  }

  const iterator: AsyncIterableIterator<Result> = {
    async next(): Promise<IteratorResult<Result>> {
      if (stopped) return { done: true, value: undefined };
      pumping ??= pump();
      for (;;) {
        if (deferredError !== undefined) {
          const { error } = deferredError;
          deferredError = undefined;
          stopped = true;
          stop(error);
          throw error;
        }
        const wait = notBefore - clock();
        if (wait > 0 && head < queue.length && !sourceDone) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            // Batches arriving meanwhile wait too; the end of the response does not (the last result is due).
            wake = () => {
              if (sourceDone) {
                clearTimeout(timer);
                resolve();
              }
            };
          });
          wake = undefined;
          if (stopped) return { done: true, value: undefined };
        }
        let result: Result | undefined;
        try {
          const started = clock();
          result = drain();
          if (result !== undefined) {
            const cost = clock() - started;
            notBefore = taken >= PACE_AFTER_PAYLOADS && cost >= PACE_THRESHOLD_MS ? started + 5 * cost : 0;
          }
        } catch (error) {
          stopped = true;
          stop(error);
          throw error;
        }
        if (result !== undefined) {
          lastYielded = result;
          everYielded = true;
          return { done: false, value: result };
        }
        if (sourceDone) {
          stopped = true;
          if (sourceError !== undefined) throw sourceError.error;
          if (!everYielded && options.allowEmpty !== true) {
            throw new FetchIncrementalError('EMPTY_RESPONSE', 'the response ended without a single payload; expected at least a GraphQL result.');
          }
          if (lastYielded?.hasNext === true) {
            throw new FetchIncrementalError(
              'INCOMPLETE_RESPONSE',
              'the response ended while the last payload promised more (hasNext: true). The results so far are partial; retry the request.',
            );
          }
          return { done: true, value: undefined };
        }
        await waitForMore();
      }
    },
    async return(): Promise<IteratorResult<Result>> {
      if (!stopped) {
        stopped = true;
        stop(new DOMException('The consumer stopped reading the results.', 'AbortError'));
      }
      // Not awaiting the pump: `stop` aborts the request and the read ends by itself; a source that
      // ignores the abort must not hang the consumer's `break`.
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** Options of {@link coalesceResults}. */
export interface CoalesceOptions {
  /** Whether a response without any payload is fine (a subscription that produced no event). */
  readonly allowEmpty?: boolean;
  /** Milliseconds from any fixed point, to time merges (`performance.now` unless a test controls time). */
  readonly clock?: () => number;
}

/**
 * Responses shorter than this many payloads are never paced. Below it, copying lists costs little next
 * to reading (test/bench/results/fetch.md).
 */
export const PACE_AFTER_PAYLOADS = 10_000;

/** Merges faster than this are never paced (a list of about 20,000 items copies in this time here). */
export const PACE_THRESHOLD_MS = 0.1;

function promisesMore(payload: unknown): boolean {
  return typeof payload === 'object' && payload !== null && (payload as { hasNext?: unknown }).hasNext === true;
}
