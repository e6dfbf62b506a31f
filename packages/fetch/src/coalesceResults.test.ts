import { ReassemblyError } from '@graphql-incremental/reassembler';
import { describe, expect, it } from 'vitest';
import { coalesceResults, PACE_AFTER_PAYLOADS, PACE_THRESHOLD_MS } from './coalesceResults.js';
import { FetchIncrementalError } from './FetchIncrementalError.js';

/** A batch source the test feeds by hand, like a network delivering chunks. */
function createSource() {
  const batches: (readonly unknown[])[] = [];
  let failure: { error: unknown } | undefined;
  let ended = false;
  let notify: (() => void) | undefined;
  let returned = false;
  const iterable: AsyncIterable<readonly unknown[]> = {
    [Symbol.asyncIterator]() {
      return {
        async next() {
          for (;;) {
            const batch = batches.shift();
            if (batch !== undefined) return { done: false, value: batch };
            if (failure !== undefined) throw failure.error;
            if (ended || returned) return { done: true, value: undefined };
            await new Promise<void>((resolve) => (notify = resolve));
          }
        },
        async return() {
          returned = true;
          notify?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
  const wakeUp = () => {
    const resolve = notify;
    notify = undefined;
    resolve?.();
  };
  return {
    iterable,
    push(...payloads: unknown[]) {
      batches.push(payloads);
      wakeUp();
    },
    fail(error: unknown) {
      failure = { error };
      wakeUp();
    },
    end() {
      ended = true;
      wakeUp();
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const initial = { data: { list: [] }, pending: [{ id: '0', path: ['list'] }], hasNext: true };
const item = (value: number) => ({ incremental: [{ id: '0', items: [value] }], hasNext: true });
const last = { completed: [{ id: '0' }], hasNext: false };

describe('coalesceResults', () => {
  it('yields one result per batch to a consumer that keeps up', async () => {
    const source = createSource();
    const results = coalesceResults(source.iterable, () => {});
    source.push(initial);
    expect((await results.next()).value.data).toEqual({ list: [] });
    source.push(item(1), item(2));
    expect((await results.next()).value.data).toEqual({ list: [1, 2] });
    source.push(item(3));
    expect((await results.next()).value.data).toEqual({ list: [1, 2, 3] });
    source.push(last);
    const final = await results.next();
    expect(final.value).toMatchObject({ hasNext: false, data: { list: [1, 2, 3] } });
    source.end();
    expect(await results.next()).toEqual({ done: true, value: undefined });
  });

  it('merges everything that arrived while the consumer was busy into one result', async () => {
    const source = createSource();
    const results = coalesceResults(source.iterable, () => {});
    source.push(initial);
    const first = await results.next();
    expect(first.value.data).toEqual({ list: [] });
    source.push(item(1));
    source.push(item(2), item(3));
    source.push(item(4));
    await settle(); // the consumer is busy rendering; the reader runs ahead
    const second = await results.next();
    expect(second.value.data).toEqual({ list: [1, 2, 3, 4] });
    // The result handed out before is untouched.
    expect(first.value.data).toEqual({ list: [] });
  });

  it('yields every subscription event on its own, never merged', async () => {
    const source = createSource();
    const results = coalesceResults(source.iterable, () => {});
    source.push({ data: { tick: 1 } }, { data: { tick: 2 } });
    source.push({ data: { tick: 3 } });
    source.end();
    const ticks: unknown[] = [];
    for await (const result of results) ticks.push(result.data);
    expect(ticks).toEqual([{ tick: 1 }, { tick: 2 }, { tick: 3 }]);
  });

  it('hands out the payloads before a bad one, then throws the ReassemblyError and stops the request', async () => {
    const source = createSource();
    const stops: unknown[] = [];
    const results = coalesceResults(source.iterable, (reason) => stops.push(reason));
    source.push(initial, item(1), { incremental: [{ id: '9', items: [2] }], hasNext: true }, item(3));
    expect((await results.next()).value.data).toEqual({ list: [1] });
    const error = await results.next().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReassemblyError);
    expect((error as ReassemblyError).code).toBe('UNKNOWN_ID');
    expect(stops).toEqual([error]);
    expect(await results.next()).toEqual({ done: true, value: undefined });
  });

  it('throws a source error after every result that was complete before it', async () => {
    const source = createSource();
    const results = coalesceResults(source.iterable, () => {});
    const boom = new Error('truncated');
    source.push(initial, item(1));
    source.fail(boom);
    expect((await results.next()).value.data).toEqual({ list: [1] });
    await expect(results.next()).rejects.toBe(boom);
  });

  it('reports a body that ended while more was promised', async () => {
    const source = createSource();
    const results = coalesceResults(source.iterable, () => {});
    source.push(initial);
    source.end();
    await results.next();
    const error = await results.next().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchIncrementalError);
    expect((error as FetchIncrementalError).code).toBe('INCOMPLETE_RESPONSE');
  });

  it('reports an empty response, unless empty is allowed (a subscription without events)', async () => {
    const empty = createSource();
    empty.end();
    const error = await coalesceResults(empty.iterable, () => {}).next().catch((caught: unknown) => caught);
    expect((error as FetchIncrementalError).code).toBe('EMPTY_RESPONSE');
    const allowed = createSource();
    allowed.end();
    expect(await coalesceResults(allowed.iterable, () => {}, { allowEmpty: true }).next()).toEqual({ done: true, value: undefined });
  });

  it('stops the request when the consumer breaks out', async () => {
    const source = createSource();
    const stops: unknown[] = [];
    const results = coalesceResults(source.iterable, (reason) => stops.push(reason));
    source.push(initial);
    for await (const result of results) {
      expect(result.hasNext).toBe(true);
      break;
    }
    expect(stops).toHaveLength(1);
    expect((stops[0] as DOMException).name).toBe('AbortError');
    expect(await results.next()).toEqual({ done: true, value: undefined });
  });

  describe('pacing by the cost of merging', () => {
    /**
     * A clock that only moves when a payload is merged: `costly(value, ms)` is an item whose merge
     * "takes" `ms` (the reassembler reads its `incremental`). Real time still runs the pauses.
     */
    function createClock() {
      let time = 0;
      return {
        clock: () => time,
        costly: (value: number, ms: number) => ({
          get incremental() {
            time += ms;
            return [{ id: '0', items: [value] }];
          },
          hasNext: true,
        }),
      };
    }

    /** Starts a response that has delivered `count` payloads, the last of them a costly one. */
    async function afterPayloads(count: number, costMs: number) {
      const { clock, costly } = createClock();
      const source = createSource();
      const results = coalesceResults(source.iterable, () => {}, { clock });
      const items = Array.from({ length: count - 2 }, (_, index) => item(index));
      source.push(initial, ...items, costly(-1, costMs));
      expect((await results.next()).value.data.list).toHaveLength(count - 1);
      return { source, results };
    }

    /** Pushes one batch, asks for the next result, pushes another batch before that result is out. */
    async function nextAfterTwoBatches({ source, results }: Awaited<ReturnType<typeof afterPayloads>>) {
      source.push(item(1));
      await settle();
      const next = results.next();
      source.push(item(2));
      return (await next).value.data.list.slice(-2);
    }

    it('after a costly merge late in a long response, waits four times as long and merges what arrived meanwhile', async () => {
      const paced = await afterPayloads(PACE_AFTER_PAYLOADS, 5);
      expect(await nextAfterTwoBatches(paced)).toEqual([1, 2]);
    });

    it('never paces a shorter response, or a merge below the threshold', async () => {
      // A consumer that keeps up gets one result per batch: the second batch comes after the first result.
      const short = await afterPayloads(PACE_AFTER_PAYLOADS - 1, 5);
      expect(await nextAfterTwoBatches(short)).toEqual([-1, 1]);
      const cheap = await afterPayloads(PACE_AFTER_PAYLOADS, PACE_THRESHOLD_MS / 2);
      expect(await nextAfterTwoBatches(cheap)).toEqual([-1, 1]);
    });

    it('hands out the last result as soon as the response ends, without waiting out the pause', async () => {
      // A merge that "took" ten minutes: waiting as long again would time the test out.
      const { source, results } = await afterPayloads(PACE_AFTER_PAYLOADS, 600_000);
      source.push(item(1));
      await settle();
      const next = results.next();
      source.push(last);
      source.end();
      expect((await next).value).toMatchObject({ hasNext: false });
      expect(await results.next()).toEqual({ done: true, value: undefined });
    });
  });
});
