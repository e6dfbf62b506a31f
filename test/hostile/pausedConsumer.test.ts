/**
 * A consumer that pauses while the server streams far more than the merged result: `fetchIncremental`
 * merges payloads as they arrive, so the heap holds the result, not the payloads; a sequence of plain
 * results (a subscription) is not merged, so reading pauses instead and the server waits.
 *
 * Heap used is compared after a full GC (`gc` via `v8.setFlagsFromString('--expose-gc')`, as in
 * soak.test.ts). The server writes with backpressure (it waits for `drain`), as real servers do.
 */
import { fetchIncremental } from '@graphql-incremental/fetch';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const PARTS = 200_000;
const PAD = 'x'.repeat(200);
/** Far below the ~50 MB the server streams while the consumer pauses. */
const HEAP_MARGIN_BYTES = 16 * 1024 * 1024;

interface Progress {
  written: number;
  done: boolean;
}

let server: Server;
let url: string;
const progress = new Map<string, Progress>();

/** Writes `parts` multipart parts, waiting for `drain` whenever the socket's buffer is full. */
async function stream(response: ServerResponse, part: (index: number) => string, state: Progress): Promise<void> {
  response.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"' });
  for (let index = 0; index < PARTS; index++) {
    const text = `\r\n---\r\ncontent-type: application/json\r\n\r\n${part(index)}`;
    state.written += text.length;
    if (!response.write(text)) await new Promise<void>((resolve, reject) => response.once('drain', resolve).once('close', reject));
  }
  response.end('\r\n-----\r\n');
  state.done = true;
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const kind = request.url!.slice(1);
    const state: Progress = { written: 0, done: false };
    progress.set(kind, state);
    // Deferred data re-sent at the root: every payload replaces `pad` and `n`, the result stays small.
    const deferred = (index: number) =>
      index === 0
        ? '{"data":{"n":0},"hasNext":true}'
        : `{"incremental":[{"data":{"pad":"${PAD}","n":${index}},"path":[]}],"hasNext":${index < PARTS - 1}}`;
    const event = (index: number) => `{"payload":{"data":{"pad":"${PAD}","n":${index}}}}`;
    stream(response, kind === 'incremental' ? deferred : event, state).catch(() => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function heapAfterGc(): Promise<number> {
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  return process.memoryUsage().heapUsed;
}

describe('a consumer that pauses while the server streams', () => {
  it('incremental payloads: reading goes on, the heap holds the merged result, the next result is the latest state', async () => {
    const results = fetchIncremental<{ n: number; pad?: string }>(`${url}/incremental`, { query: '{ n ... @defer { n pad } }' });
    expect((await results.next()).value).toMatchObject({ hasNext: true });
    const baseline = await heapAfterGc();
    // Paused: the whole response arrives meanwhile.
    for (let wait = 0; wait < 600 && !progress.get('incremental')?.done; wait++) await new Promise((resolve) => setTimeout(resolve, 50));
    const state = progress.get('incremental')!;
    expect(state.done).toBe(true);
    expect(state.written).toBeGreaterThan(40 * 1024 * 1024);
    expect((await heapAfterGc()) - baseline).toBeLessThan(HEAP_MARGIN_BYTES);
    const rest = [];
    for await (const result of results) rest.push(result);
    expect(rest.at(-1)).toMatchObject({ data: { n: PARTS - 1, pad: PAD }, hasNext: false });
    // Everything that arrived during the pause is one result (or a few, while the last bytes came).
    expect(rest.length).toBeLessThan(10);
  }, 60_000);

  it('a sequence of plain results: none is lost, and reading pauses while they wait', async () => {
    const results = fetchIncremental<{ n: number }>(`${url}/events`, { query: 'subscription { n }' });
    expect((await results.next()).value).toMatchObject({ data: { n: 0 } });
    const baseline = await heapAfterGc();
    let before = -1;
    // Paused until the server stops making progress: it waits for the client to read.
    for (let wait = 0; wait < 100 && progress.get('events')!.written !== before; wait++) {
      before = progress.get('events')!.written;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(progress.get('events')!.done).toBe(false);
    expect((await heapAfterGc()) - baseline).toBeLessThan(HEAP_MARGIN_BYTES);
    let expected = 1;
    for await (const result of results) {
      expect(result.data?.n).toBe(expected++);
      if (expected === 1_000) break;
    }
  }, 60_000);
});
