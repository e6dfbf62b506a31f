import { IncrementalError } from '@graphql-incremental/reader';
import { describe, expect, it } from 'vitest';
import { mergeResults, type MergeResultsOptions } from './mergeResults.js';

/** A batch source the test feeds by hand, counting how many batches were taken from it. */
function createSource() {
  const queued: (readonly unknown[] | { error: unknown } | 'end')[] = [];
  let waiting: (() => void) | undefined;
  const source = {
    taken: 0,
    returned: false,
    push(...items: (readonly unknown[] | { error: unknown } | 'end')[]) {
      queued.push(...items);
      waiting?.();
    },
    async *batches(): AsyncGenerator<readonly unknown[], void, undefined> {
      try {
        for (;;) {
          while (queued.length === 0) await new Promise<void>((resolve) => (waiting = resolve));
          const next = queued.shift()!;
          if (next === 'end') return;
          if ('error' in next) throw next.error;
          source.taken++;
          yield next;
        }
      } finally {
        source.returned = true;
      }
    },
  };
  return source;
}

const turns = (count = 5) => new Promise((resolve) => setTimeout(resolve, count));

const initial = { data: { list: [] }, pending: [{ id: '0', path: ['list'] }], hasNext: true };
const items = (...values: number[]) => ({ incremental: [{ id: '0', items: values }], hasNext: true });
const last = { completed: [{ id: '0' }], hasNext: false };

function merge(source: ReturnType<typeof createSource>, options: Partial<MergeResultsOptions> = {}) {
  const stops: unknown[] = [];
  const results = mergeResults<{ list: number[] }, never>(source.batches(), { stop: (reason) => stops.push(reason), pace: false, ...options });
  return { results, stops };
}

describe('mergeResults', () => {
  it('hands out a result per batch to a consumer that keeps up', async () => {
    const source = createSource();
    const { results } = merge(source);
    source.push([initial], [items(1)], [items(2), last], 'end');
    const lists = [];
    for await (const result of results) lists.push(result.data?.list);
    expect(lists).toEqual([[], [1], [1, 2]]);
  });

  it('merges what arrives while the consumer is busy, and keeps reading meanwhile', async () => {
    const source = createSource();
    const { results } = merge(source);
    source.push([initial]);
    expect((await results.next()).value?.data).toEqual({ list: [] });
    // The consumer is away: the whole response is read and merged without it.
    for (let value = 1; value <= 500; value++) source.push([items(value)]);
    source.push([last], 'end');
    await turns();
    expect(source.taken).toBe(502);
    const result = (await results.next()).value;
    expect(result?.data?.list).toHaveLength(500);
    expect(result?.hasNext).toBe(false);
    expect(await results.next()).toEqual({ done: true, value: undefined });
  });

  it('settles every one of several next() calls made at once', async () => {
    const source = createSource();
    const { results } = merge(source);
    const calls = Promise.all([results.next(), results.next(), results.next()]);
    source.push([initial], [items(1), last], 'end');
    const settled = await calls;
    expect(settled.map((result) => result.done)).toEqual([false, false, true]);
  });

  it('hands out every complete result of a sequence (subscription events), pausing the reading while 16 wait', async () => {
    const source = createSource();
    const { results } = merge(source);
    const events = Array.from({ length: 40 }, (_, index) => [{ data: { tick: index } }]);
    source.push(events[0]!);
    expect((await results.next()).value).toMatchObject({ data: { tick: 0 } });
    source.push(...events.slice(1), 'end');
    await turns();
    expect(source.taken).toBeLessThan(20);
    const ticks = [];
    for await (const result of results) ticks.push((result.data as unknown as { tick: number }).tick);
    expect(ticks).toEqual(events.slice(1).map((_, index) => index + 1));
  });

  it('ends a next() waiting on a stalled source when return() is called, and stops the request', async () => {
    const source = createSource();
    const { results, stops } = merge(source);
    source.push([initial]);
    await results.next();
    const waiting = results.next();
    await turns();
    await expect(results.return(undefined)).resolves.toEqual({ done: true, value: undefined });
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
    expect(stops).toEqual([undefined]);
  });

  it('hands out the payloads before one that does not fit, then throws its error and stops the request', async () => {
    const source = createSource();
    const { results, stops } = merge(source);
    source.push([initial, items(1), { incremental: [{ id: '9', items: [2] }], hasNext: true }, items(3)], 'end');
    expect((await results.next()).value?.data).toEqual({ list: [1] });
    const error = await results.next().catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ name: 'IncrementalError', code: 'UNKNOWN_ID', payloadIndex: 2 });
    expect(stops).toEqual([error]);
  });

  it('throws a source error after the results before it', async () => {
    const source = createSource();
    const { results } = merge(source);
    const failure = new IncrementalError('TRUNCATED', 'cut');
    source.push([initial, items(1)], { error: failure });
    expect((await results.next()).value?.data).toEqual({ list: [1] });
    await expect(results.next()).rejects.toBe(failure);
  });

  it('reports a response without payloads, unless allowed, and one that ended while promising more', async () => {
    const empty = createSource();
    empty.push('end');
    await expect(merge(empty).results.next()).rejects.toMatchObject({ code: 'EMPTY_RESPONSE' });
    const allowed = createSource();
    allowed.push('end');
    await expect(merge(allowed, { allowEmpty: () => true }).results.next()).resolves.toEqual({ done: true, value: undefined });
    const cut = createSource();
    cut.push([initial], 'end');
    const { results } = merge(cut);
    await results.next();
    await expect(results.next()).rejects.toMatchObject({ code: 'INCOMPLETE_RESPONSE' });
  });

  it('rejects with the caller’s abort reason', async () => {
    const source = createSource();
    const controller = new AbortController();
    const { results } = merge(source, { signal: controller.signal });
    source.push([initial]);
    await results.next();
    controller.abort(new Error('left the page'));
    source.push([items(1)]);
    await expect(results.next()).rejects.toThrow('left the page');
  });
});

describe('mergeResults: pacing', () => {
  /** A clock the test moves; timers still run in real time. */
  function createClock() {
    let now = 0;
    return { now: () => now, advance: (ms: number) => void (now += ms) };
  }

  it('after a costly result, merges what arrives during as long again; the end of the response ends the wait', async () => {
    const clock = createClock();
    const source = createSource();
    const { results } = merge(source, { pace: true, clock: clock.now });
    source.push([initial]);
    await results.next();
    // The consumer spent ten minutes with that result: the next one may come ten minutes later.
    clock.advance(600_000);
    const next = results.next();
    for (let value = 1; value <= 3; value++) {
      source.push([items(value)]);
      await turns(1);
    }
    let settled = false;
    void next.then(() => (settled = true));
    await turns();
    expect(settled).toBe(false);
    source.push([last], 'end');
    expect((await next).value).toMatchObject({ data: { list: [1, 2, 3] }, hasNext: false });
  });

  it('never waits after cheap results, nor with pace: false', async () => {
    for (const [pace, cost] of [
      [true, 0.1],
      [false, 600_000],
    ] as const) {
      const clock = createClock();
      const source = createSource();
      const { results } = merge(source, { pace, clock: clock.now });
      source.push([initial]);
      await results.next();
      clock.advance(cost);
      source.push([items(1)]);
      expect((await results.next()).value?.data).toEqual({ list: [1] });
      source.push([items(2)]);
      expect((await results.next()).value?.data).toEqual({ list: [1, 2] });
      await results.return(undefined);
    }
  });
});
