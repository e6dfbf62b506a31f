import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../test/support/multipartBodies.js';
import { readPayloadBatches, readPayloads } from './readPayloads.js';
import type { Payload } from './types.js';

interface Probe {
  pulls: number;
  cancelled: boolean;
  cancelReason: unknown;
}

/** A body that hands out one chunk per pull and then, if `hang`, never ends (a server that stays open). */
function streamOf(chunks: readonly (Uint8Array | ArrayBuffer | string)[], probe: Probe, hang = false): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream({
    pull(controller) {
      probe.pulls++;
      if (index < chunks.length) controller.enqueue(chunks[index++] as Uint8Array);
      else if (hang) return new Promise<void>(() => undefined);
      else controller.close();
      return undefined;
    },
    cancel(reason) {
      probe.cancelled = true;
      probe.cancelReason = reason;
    },
  });
}

function newProbe(): Probe {
  return { pulls: 0, cancelled: false, cancelReason: undefined };
}

function response(contentType: string | undefined, chunks: readonly (Uint8Array | ArrayBuffer | string)[], probe = newProbe(), init: ResponseInit = {}, hang = false): Response {
  const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
  return new Response(streamOf(chunks, probe, hang), { ...init, headers });
}

async function collect(iterable: AsyncIterable<Payload>): Promise<{ payloads: Payload[]; error: unknown }> {
  const payloads: Payload[] = [];
  try {
    for await (const payload of iterable) payloads.push(payload);
    return { payloads, error: undefined };
  } catch (error) {
    return { payloads, error };
  }
}

const MULTIPART = 'multipart/mixed; boundary="-"';
const part = (json: string): string => `\r\n---\r\ncontent-type: application/json\r\n\r\n${json}`;
const CLOSE = '\r\n-----\r\n';

/** Waits (boundedly) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe('readPayloads', () => {
  it('yields every payload in order and reads nothing after the close delimiter', async () => {
    const probe = newProbe();
    const chunks = [utf8(part('{"data":1,"hasNext":true}')), utf8(part('{"data":2}') + CLOSE), utf8('epilogue')];
    const result = await collect(readPayloads(response(MULTIPART, chunks, probe)));
    expect(result).toEqual({ payloads: [{ data: 1, hasNext: true }, { data: 2 }], error: undefined });
    expect(probe.pulls).toBeLessThanOrEqual(3); // The epilogue chunk may be pulled ahead, never parsed.
  });

  it('batches the payloads that one chunk completed', async () => {
    const chunks = [utf8(part('{"n":1}') + part('{"n":2}') + part('{"n":3}')), utf8(part('{"n":4}')), utf8(CLOSE)];
    const batches: Payload[][] = [];
    for await (const batch of readPayloadBatches(response(MULTIPART, chunks))) batches.push(batch);
    // Each part is complete once its object has closed, without waiting for the next delimiter.
    expect(batches).toEqual([[{ n: 1 }, { n: 2 }, { n: 3 }], [{ n: 4 }]]);
  });

  it('stops after hasNext:false and cancels the body even if the server keeps it open', async () => {
    const probe = newProbe();
    const result = await collect(readPayloads(response(MULTIPART, [utf8(part('{"hasNext":true}')), utf8(part('{"hasNext":false}') + '\r\n---')], probe, {}, true)));
    expect(result.payloads).toEqual([{ hasNext: true }, { hasNext: false }]);
    expect(probe.cancelled).toBe(true);
  });

  // readPayloads is a hand-written iterator (for speed); it must answer overlapping calls exactly as an
  // async generator yielding each payload of readPayloadBatches would.
  describe('answers overlapping calls as an async generator would', () => {
    type Call = 'next' | 'return' | 'throw';
    const sequences: readonly (readonly Call[])[] = [
      ['next', 'return', 'next', 'next'],
      ['next', 'next', 'return', 'next'],
      ['next', 'throw', 'next'],
      ['next', 'next', 'next', 'next', 'next'],
      ['return', 'next'],
      ['next', 'next', 'throw', 'next', 'return'],
    ];
    async function* reference(source: Response): AsyncGenerator<Payload, void, undefined> {
      for await (const batch of readPayloadBatches(source)) for (const payload of batch) yield payload;
    }
    async function play(iterator: AsyncGenerator<Payload, void, undefined>, calls: readonly Call[]): Promise<unknown[]> {
      const boom = new Error('boom');
      // All calls are made before any settles, then their outcomes are collected in call order.
      const promises = calls.map((call) => (call === 'next' ? iterator.next() : call === 'return' ? iterator.return(undefined) : iterator.throw(boom)));
      return Promise.all(promises.map((promise) => promise.then((value) => ({ value }), (error: unknown) => ({ error: (error as Error).message }))));
    }
    // Three payloads in one chunk (one batch), then one more: calls overlap within and across batches.
    const body = () => response(MULTIPART, [utf8(part('{"n":1}') + part('{"n":2}') + part('{"n":3}')), utf8(part('{"n":4}') + CLOSE)]);

    it.each(sequences.map((calls) => [calls.join(', '), calls] as const))('%s', async (_name, calls) => {
      const expected = await play(reference(body()), calls);
      expect(await play(readPayloads(body()), calls)).toEqual(expected);
    });
  });

  it('cancels the body when the consumer stops early', async () => {
    const probe = newProbe();
    const iterator = readPayloads(response(MULTIPART, [utf8(part('{"n":1}') + part('{"n":2}'))], probe, {}, true));
    for await (const payload of iterator) {
      expect(payload).toEqual({ n: 1 });
      break;
    }
    expect(probe.cancelled).toBe(true);
  });

  it('cancels the body when return() is called while a read is stalled, and settles every call', async () => {
    const probe = newProbe();
    const iterator = readPayloads(response(MULTIPART, [utf8(part('{"n":1,"hasNext":true}'))], probe, {}, true));
    expect((await iterator.next()).value).toEqual({ n: 1, hasNext: true });
    const pending = iterator.next();
    await until(() => probe.pulls >= 2);
    // A generator would queue return() behind the stalled next(), forever.
    await expect(iterator.return(undefined)).resolves.toEqual({ done: true, value: undefined });
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(probe.cancelled).toBe(true);
  });

  it('settles throw() called while a read is stalled, and cancels the body', async () => {
    const probe = newProbe();
    const iterator = readPayloads(response(MULTIPART, [utf8(part('{"n":1,"hasNext":true}'))], probe, {}, true));
    await iterator.next();
    const pending = iterator.next();
    await until(() => probe.pulls >= 2);
    const boom = new Error('boom');
    await expect(iterator.throw(boom)).rejects.toBe(boom);
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(probe.cancelled).toBe(true);
  });

  it('reads a Response without a body stream whole (React Native’s fetch)', async () => {
    const text = part('{"data":{"a":1},"hasNext":true}') + part('{"hasNext":false}') + CLOSE;
    const bodiless = { ok: true, status: 200, headers: new Headers({ 'content-type': MULTIPART }), body: null, bodyUsed: false, text: () => Promise.resolve(text) };
    expect(await collect(readPayloads(bodiless as unknown as Response))).toEqual({ payloads: [{ data: { a: 1 }, hasNext: true }, { hasNext: false }], error: undefined });
    const json = { ...bodiless, headers: new Headers({ 'content-type': 'application/json' }), text: () => Promise.resolve('{"data":{"b":2}}') };
    expect(await collect(readPayloads(json as unknown as Response))).toEqual({ payloads: [{ data: { b: 2 } }], error: undefined });
  });

  it('reads it where TextDecoder is missing (Hermes without a polyfill), a status error too', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'TextDecoder')!;
    Reflect.deleteProperty(globalThis, 'TextDecoder');
    try {
      const text = part('{"data":{"a":"é"},"hasNext":true}') + part('{"hasNext":false}') + CLOSE;
      const bodiless = { ok: true, status: 200, headers: new Headers({ 'content-type': MULTIPART }), body: null, bodyUsed: false, text: () => Promise.resolve(text) };
      expect(await collect(readPayloads(bodiless as unknown as Response))).toEqual({ payloads: [{ data: { a: 'é' }, hasNext: true }, { hasNext: false }], error: undefined });
      const failed = { ...bodiless, ok: false, status: 502, text: () => Promise.resolve('bad gateway') };
      expect((await collect(readPayloads(failed as unknown as Response))).error).toMatchObject({ code: 'HTTP_STATUS', status: 502, body: 'bad gateway' });
    } finally {
      Object.defineProperty(globalThis, 'TextDecoder', saved);
    }
  });

  it('accepts ArrayBuffer, other buffer views, and text chunks (some polyfills stream strings)', async () => {
    const bytes = utf8(part('{"n":"é"}') + CLOSE);
    const ok = await collect(readPayloads(response(MULTIPART, [bytes.slice(0, 10).buffer, new DataView(bytes.slice(10).buffer) as unknown as Uint8Array])));
    expect(ok).toEqual({ payloads: [{ n: 'é' }], error: undefined });
    const text = await collect(readPayloads(response(MULTIPART, [part('{"n":"é"}'), CLOSE])));
    expect(text).toEqual({ payloads: [{ n: 'é' }], error: undefined });
  });

  it('yields the payloads before a problem, then throws it, and releases the body', async () => {
    const probe = newProbe();
    const result = await collect(readPayloads(response(MULTIPART, [utf8(part('{"n":1}') + part('{"n":')), utf8(part('{"n":3}'))], probe, {}, true)));
    expect(result.payloads).toEqual([{ n: 1 }]);
    expect(result.error).toMatchObject({ code: 'INVALID_JSON', partIndex: 1 });
    expect(probe.cancelled).toBe(true);
  });

  it('reports a truncated body', async () => {
    const result = await collect(readPayloads(response(MULTIPART, [utf8(part('{"n":1,"hasNext":true}') + part('{"n":2'))])));
    expect(result.payloads).toEqual([{ n: 1, hasNext: true }]);
    expect(result.error).toMatchObject({ name: 'IncrementalError', code: 'TRUNCATED', partIndex: 1 });
  });

  it('stops a read over maxPartSize', async () => {
    const result = await collect(readPayloads(response(MULTIPART, [utf8(part('{"n":1}')), utf8(part(`{"n":"${'x'.repeat(200)}"}`) + CLOSE)]), { maxPartSize: 100 }));
    expect(result.payloads).toEqual([{ n: 1 }]);
    expect(result.error).toMatchObject({ code: 'PART_TOO_LARGE', partIndex: 1 });
  });

  it.each([0, -1, Number.NaN])('rejects maxPartSize %s', async (maxPartSize) => {
    await expect(collect(readPayloads(response(MULTIPART, []), { maxPartSize }))).resolves.toMatchObject({ error: expect.any(RangeError) });
  });

  it('wraps a failing body stream in READ_FAILED, after the payloads before it', async () => {
    let sent = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (!sent) {
          sent = true;
          controller.enqueue(utf8(part('{"n":1}') + part('{"n":2}')));
        } else {
          controller.error(new TypeError('terminated'));
        }
      },
    });
    const result = await collect(readPayloads(new Response(body, { headers: { 'content-type': MULTIPART } })));
    expect(result.payloads).toEqual([{ n: 1 }, { n: 2 }]);
    expect(result.error).toMatchObject({ code: 'READ_FAILED' });
    expect((result.error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('reports a body that was already read', async () => {
    const used = response('application/json', [utf8('{"data":1}')]);
    await used.text();
    expect((await collect(readPayloads(used))).error).toMatchObject({ code: 'READ_FAILED' });
  });

  it('treats a missing body like an empty one', async () => {
    const empty = new Response(null, { status: 200, headers: { 'content-type': MULTIPART } });
    expect((await collect(readPayloads(empty))).error).toMatchObject({ code: 'TRUNCATED' });
  });

  it('reads a JSON response as one payload', async () => {
    const result = await collect(readPayloads(response('application/graphql-response+json', [utf8('{"data":{"a":'), utf8('"ü"}}')])));
    expect(result).toEqual({ payloads: [{ data: { a: 'ü' } }], error: undefined });
  });

  it('reads an SSE response', async () => {
    const result = await collect(readPayloads(response('text/event-stream', [utf8(':\n\nevent: next\ndata: {"data":1}\n\n'), utf8('event: complete\ndata:\n\n')])));
    expect(result).toEqual({ payloads: [{ data: 1 }], error: undefined });
  });
});

describe('readPayloads: errors before reading', () => {
  it('reads a non-2xx application/graphql-response+json with errors as a GraphQL response', async () => {
    const body = '{"errors":[{"message":"Syntax Error: Expected Name, found <EOF>."}]}';
    const result = await collect(readPayloads(response('application/graphql-response+json', [utf8(body)], newProbe(), { status: 400, statusText: 'Bad Request' })));
    expect(result).toEqual({ payloads: [JSON.parse(body)], error: undefined });
  });

  it.each([
    ['application/json', '{"errors":[{"message":"no"}]}'],
    ['application/graphql-response+json', '{"message":"not a GraphQL response"}'],
    ['text/html', '<h1>Bad Gateway</h1>'],
  ])('throws HTTP_STATUS with the status and the body for any other non-2xx (%s)', async (contentType, body) => {
    const result = await collect(readPayloads(response(contentType, [utf8(body)], newProbe(), { status: 502 })));
    expect(result.payloads).toEqual([]);
    expect(result.error).toMatchObject({ name: 'IncrementalError', code: 'HTTP_STATUS', status: 502, body });
    expect(String(result.error)).toContain(`the server answered 502: ${body}`);
  });

  it('reads at most maxPartSize bytes of an error body, then releases it', async () => {
    const probe = newProbe();
    const result = await collect(readPayloads(response('text/plain', [utf8('a'.repeat(50)), utf8('b'.repeat(50))], probe, { status: 502 }, true), { maxPartSize: 60 }));
    expect(result.error).toMatchObject({ code: 'HTTP_STATUS', status: 502, body: 'a'.repeat(50) + 'b'.repeat(10) });
    expect(probe.cancelled).toBe(true);
  });

  it.each([['text/html'], [undefined]])('reads a 200 with Content-Type %s as JSON, as HttpLink does', async (contentType) => {
    expect(await collect(readPayloads(response(contentType, [utf8('{"data":{"a":1}}')])))).toEqual({ payloads: [{ data: { a: 1 } }], error: undefined });
    const html = await collect(readPayloads(response(contentType, [utf8('<html>')])));
    expect(html.error).toMatchObject({ code: 'INVALID_JSON', partIndex: 0 });
  });
});

describe('readPayloads: abort', () => {
  it('rejects with the reason and releases the body when the signal is already aborted', async () => {
    const probe = newProbe();
    const controller = new AbortController();
    controller.abort();
    const result = await collect(readPayloads(response(MULTIPART, [utf8(part('{"n":1}'))], probe), { signal: controller.signal }));
    expect(result.payloads).toEqual([]);
    expect(result.error).toBe(controller.signal.reason);
    expect((result.error as Error).name).toBe('AbortError');
    expect(probe.cancelled).toBe(true);
  });

  it('rejects with an AbortError where the signal has no reason (React Native’s AbortController)', async () => {
    const probe = newProbe();
    const controller = new AbortController();
    Object.defineProperty(controller.signal, 'reason', { get: () => undefined });
    const iterator = readPayloads(response(MULTIPART, [utf8(part('{"n":1}'))], probe, {}, true), { signal: controller.signal });
    expect((await iterator.next()).value).toEqual({ n: 1 });
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(probe.cancelled).toBe(true);
  });

  it('interrupts a pending read: rejects with the reason and cancels the body', async () => {
    const probe = newProbe();
    const controller = new AbortController();
    const reason = new Error('user navigated away');
    const payloads: Payload[] = [];
    const reading = (async () => {
      for await (const payload of readPayloads(response(MULTIPART, [utf8(part('{"n":1}') + part('{"n":2}'))], probe, {}, true), { signal: controller.signal })) {
        payloads.push(payload);
      }
    })();
    await until(() => payloads.length === 2);
    controller.abort(reason);
    await expect(reading).rejects.toBe(reason);
    expect(probe.cancelled).toBe(true);
    expect(probe.cancelReason).toBe(reason);
  });

  it('releases the body at once when aborted while the consumer holds a payload, and then rejects', async () => {
    const probe = newProbe();
    const controller = new AbortController();
    const iterator = readPayloads(response(MULTIPART, [utf8(part('{"n":1}') + part('{"n":2}') + part('{"n":3}'))], probe, {}, true), { signal: controller.signal });
    expect((await iterator.next()).value).toEqual({ n: 1 });
    controller.abort();
    expect(probe.cancelled).toBe(true);
    // Payloads already parsed before the abort are still handed out (they were complete), then the abort.
    const rest = await collect({ [Symbol.asyncIterator]: () => iterator });
    expect(rest.payloads).toEqual([{ n: 2 }, { n: 3 }]);
    expect(rest.error).toBe(controller.signal.reason);
  });
});
