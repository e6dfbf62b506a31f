/**
 * Times the reassembler on N deferred fragments announced at once and completed one per payload, and
 * on N errors accumulated one per payload. Every published result needs its own `pending` and `errors`
 * arrays, so with a result every B payloads the publishing costs N² / B: the script publishes ten
 * results per response (B grows with N, as fetchIncremental's pacing makes it) and checks that the
 * time per payload stays flat as N grows tenfold. A script, not a test (timing in tests is flaky):
 *
 *   cd test && npx tsx --conditions=source reassembler/timeLinearity.ts
 */
import { createReassembler } from '@graphql-incremental/reassembler';

const RESULTS = 10;

function deferredFragments(count: number): unknown[] {
  const initial = {
    data: { items: Array.from({ length: count }, () => ({})) },
    pending: Array.from({ length: count }, (_, index) => ({ id: String(index), path: ['items', index] })),
    hasNext: true,
  };
  const completions = Array.from({ length: count }, (_, index) => ({
    incremental: [{ id: String(index), data: { index } }],
    completed: [{ id: String(index) }],
    hasNext: index < count - 1,
  }));
  return [initial, ...completions];
}

function errors(count: number): unknown[] {
  return [{ data: {}, hasNext: true }, ...Array.from({ length: count }, (_, index) => ({ errors: [{ message: `e${index}` }], hasNext: index < count - 1 }))];
}

/** Microseconds per payload, the best of three runs, applying `payloads` in {@link RESULTS} batches. */
function time(payloads: readonly unknown[]): number {
  const batch = Math.ceil(payloads.length / RESULTS);
  let best = Infinity;
  for (let run = 0; run < 3; run += 1) {
    const reassembler = createReassembler();
    const started = performance.now();
    for (let offset = 0; offset < payloads.length; offset += batch) reassembler.applyAll(payloads.slice(offset, offset + batch));
    best = Math.min(best, performance.now() - started);
  }
  return (best * 1000) / payloads.length;
}

for (const [name, make] of [['deferred fragments', deferredFragments], ['errors', errors]] as const) {
  time(make(10_000)); // warm-up
  const perPayload = [1_000, 10_000, 100_000].map((count) => [count, time(make(count))] as const);
  const cells = perPayload.map(([count, micros]) => `N = ${count.toLocaleString('en')}: ${micros.toFixed(2)} µs/payload`);
  console.log(`${name}, ${RESULTS} results: ${cells.join(', ')}`);
}
