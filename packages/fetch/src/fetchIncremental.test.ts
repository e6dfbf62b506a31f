import { IncrementalError } from '@graphql-incremental/reader';
import { parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { fetchIncremental } from './fetchIncremental.js';


/**
 * Unit tests with a `fetch` that answers from bytes in memory (a real `Response` over a real
 * `ReadableStream`); the tests against live servers are in test/fetch/.
 */
const encoder = new TextEncoder();

interface Captured {
  url: string;
  init: RequestInit;
}

function multipartBody(payloads: readonly unknown[]): string {
  return `${payloads.map((payload) => `\r\n---\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(payload)}`).join('')}\r\n-----\r\n`;
}

/** A fetch whose body is written by `write` on demand, so tests control when bytes arrive. */
function controlledFetch(contentType: string, status = 200) {
  const captured: Captured[] = [];
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let cancelled: unknown = 'not cancelled';
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel(reason) {
      cancelled = reason;
    },
  });
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    captured.push({ url: String(url), init: init ?? {} });
    init?.signal?.throwIfAborted();
    return new Response(body, { status, headers: { 'content-type': contentType } });
  }) as typeof fetch;
  return {
    fetchImpl,
    captured,
    write: (text: string) => controller.enqueue(encoder.encode(text)),
    close: () => controller.close(),
    get cancelled() {
      return cancelled;
    },
  };
}

const initial = { data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true };
const deferred = { incremental: [{ id: '0', data: { name: 'Luke' } }], completed: [{ id: '0' }], hasNext: false };

describe('fetchIncremental', () => {
  it('sends the request as JSON with the default Accept and yields merged results', async () => {
    const server = controlledFetch('multipart/mixed; boundary="-"; incrementalSpec=v0.2');
    server.write(multipartBody([initial, deferred]));
    server.close();
    const results = [];
    for await (const result of fetchIncremental(
      'http://127.0.0.1:1/graphql',
      { query: parse('query Hero($id: ID) { hero(id: $id) { id ... @defer { name } } }'), variables: { id: '1' }, operationName: 'Hero' },
      { fetch: server.fetchImpl },
    )) {
      results.push(result);
    }
    expect(results.at(-1)).toEqual({ data: { hero: { id: '1', name: 'Luke' } }, hasNext: false, pending: [], failed: [] });
    const [request] = server.captured;
    expect(request?.init.method).toBe('POST');
    const headers = new Headers(request?.init.headers);
    expect(headers.get('content-type')).toBe('application/json');
    expect(headers.get('accept')).toMatch(/^multipart\/mixed;incrementalSpec=v0\.2, multipart\/mixed;deferSpec=20220824;q=0\.9/);
    expect(JSON.parse(String(request?.init.body))).toEqual({
      query: 'query Hero($id: ID) { hero(id: $id) { id ... @defer { name } } }',
      variables: { id: '1' },
      operationName: 'Hero',
    });
  });

  it('sends a DocumentNode as printed by `print`, and refuses one without source text and without `print`', async () => {
    const document = parse('query Hero { hero { id } }');
    const server = controlledFetch('application/json');
    server.write('{"data":{"hero":null}}');
    server.close();
    const printed = fetchIncremental('http://127.0.0.1:1/graphql', { query: document }, { fetch: server.fetchImpl, print });
    expect((await printed.next()).value).toMatchObject({ data: { hero: null } });
    expect(JSON.parse(String(server.captured[0]?.init.body)).query).toBe(print(document));

    const { loc: _loc, ...withoutSource } = document;
    const refused = fetchIncremental('http://127.0.0.1:1/graphql', { query: withoutSource }, { fetch: controlledFetch('application/json').fetchImpl });
    await expect(refused.next()).rejects.toThrow(/pass `print` from "graphql"/);
  });

  it("lets the caller's headers win, accept included", async () => {
    const server = controlledFetch('application/json');
    server.write('{"data":{"a":1}}');
    server.close();
    const results = fetchIncremental(
      'http://127.0.0.1:1/graphql',
      { query: '{ a }' },
      { fetch: server.fetchImpl, headers: { Accept: 'application/json', authorization: 'Bearer x' }, credentials: 'include' },
    );
    expect((await results.next()).value).toEqual({ data: { a: 1 }, hasNext: false, pending: [], failed: [] });
    expect(await results.next()).toEqual({ done: true, value: undefined });
    const headers = new Headers(server.captured[0]?.init.headers);
    expect(headers.get('accept')).toBe('application/json');
    expect(headers.get('authorization')).toBe('Bearer x');
    expect(server.captured[0]?.init.credentials).toBe('include');
  });

  it('passes fetchOptions through (its headers under the headers option) and reports the response', async () => {
    const server = controlledFetch('application/json');
    server.write('{"data":{"a":1}}');
    server.close();
    const responses: Response[] = [];
    const results = fetchIncremental(
      'http://127.0.0.1:1/graphql',
      { query: '{ a }' },
      {
        fetch: server.fetchImpl,
        fetchOptions: { mode: 'cors', cache: 'no-store', headers: { 'x-from': 'fetchOptions', 'x-both': 'fetchOptions' } },
        headers: { 'x-both': 'headers' },
        onResponse: (response) => responses.push(response),
      },
    );
    await results.next();
    const { init } = server.captured[0]!;
    expect(init.mode).toBe('cors');
    expect(init.cache).toBe('no-store');
    expect(init.method).toBe('POST');
    const headers = new Headers(init.headers);
    expect(headers.get('x-from')).toBe('fetchOptions');
    expect(headers.get('x-both')).toBe('headers');
    expect(responses).toHaveLength(1);
    expect(responses[0]?.headers.get('content-type')).toBe('application/json');
  });

  it('does not send anything until iteration starts', async () => {
    const server = controlledFetch('application/json');
    const results = fetchIncremental('http://127.0.0.1:1/graphql', { query: '{ a }' }, { fetch: server.fetchImpl });
    expect(server.captured).toHaveLength(0);
    server.write('{"data":{"a":1}}');
    server.close();
    await results.next();
    expect(server.captured).toHaveLength(1);
  });

  it('yields the initial result before the rest of the body exists', async () => {
    const server = controlledFetch('multipart/mixed; boundary="-"');
    server.write(`\r\n---\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(initial)}\r\n---`);
    const results = fetchIncremental('http://127.0.0.1:1/graphql', { query: '{ hero { id ... @defer { name } } }' }, { fetch: server.fetchImpl });
    const first = await results.next();
    expect(first.value).toMatchObject({ data: { hero: { id: '1' } }, hasNext: true });
    server.write(`\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(deferred)}\r\n-----\r\n`);
    server.close();
    expect((await results.next()).value).toMatchObject({ data: { hero: { id: '1', name: 'Luke' } }, hasNext: false });
  });

  it('aborts the request when the consumer breaks out of the loop', async () => {
    const server = controlledFetch('multipart/mixed; boundary="-"');
    server.write(`\r\n---\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(initial)}\r\n---`);
    let signal: AbortSignal | undefined;
    const spying = (async (url: string | URL | Request, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      return server.fetchImpl(url, init);
    }) as typeof fetch;
    for await (const result of fetchIncremental('http://127.0.0.1:1/graphql', { query: '{ a }' }, { fetch: spying })) {
      expect(result.hasNext).toBe(true);
      break;
    }
    expect(signal?.aborted).toBe(true);
    await expect.poll(() => (server.cancelled as DOMException | undefined)?.name).toBe('AbortError');
  });

  it("ends with the signal's reason when the caller aborts mid-stream", async () => {
    const server = controlledFetch('multipart/mixed; boundary="-"');
    server.write(`\r\n---\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(initial)}\r\n---`);
    const controller = new AbortController();
    const results = fetchIncremental('http://127.0.0.1:1/graphql', { query: '{ a }' }, { fetch: server.fetchImpl, signal: controller.signal });
    await results.next();
    const pending = results.next();
    controller.abort();
    const error = await pending.catch((caught: unknown) => caught);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('rejects at once with an already aborted signal, without sending', async () => {
    const server = controlledFetch('application/json');
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    const results = fetchIncremental('http://127.0.0.1:1/graphql', { query: '{ a }' }, { fetch: server.fetchImpl, signal: controller.signal });
    await expect(results.next()).rejects.toThrow('gone');
    expect(server.captured).toHaveLength(0);
  });

  it('wraps a network failure in a NETWORK error naming the URL', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const error = await fetchIncremental('http://127.0.0.1:1/graphql', { query: '{ a }' }, { fetch: failing })
      .next()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IncrementalError);
    expect((error as IncrementalError).code).toBe('NETWORK');
    expect((error as IncrementalError).message).toContain('http://127.0.0.1:1/graphql');
    expect((error as IncrementalError).cause).toBeInstanceOf(TypeError);
  });

  it('surfaces a non-2xx status as the reader error, with the body', async () => {
    const server = controlledFetch('application/json', 406);
    server.write('{"errors":[{"message":"not acceptable"}]}');
    server.close();
    const error = await fetchIncremental('http://127.0.0.1:1/graphql', { query: '{ a }' }, { fetch: server.fetchImpl })
      .next()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(IncrementalError);
    expect((error as IncrementalError).status).toBe(406);
    expect((error as IncrementalError).body).toContain('not acceptable');
  });

  it('asks for the multipart subscription protocol for subscriptions and yields each event', async () => {
    const server = controlledFetch('multipart/mixed;boundary=graphql;subscriptionSpec=1.0');
    server.write(
      '\r\n--graphql\r\ncontent-type: application/json\r\n\r\n{}\r\n--graphql\r\ncontent-type: application/json\r\n\r\n{"payload":{"data":{"tick":1}}}\r\n--graphql\r\ncontent-type: application/json\r\n\r\n{"payload":{"data":{"tick":2}}}\r\n--graphql--\r\n',
    );
    server.close();
    const events = [];
    for await (const result of fetchIncremental('http://127.0.0.1:1/graphql', { query: 'subscription { tick }' }, { fetch: server.fetchImpl })) {
      events.push(result.data);
    }
    expect(events).toEqual([{ tick: 1 }, { tick: 2 }]);
    expect(new Headers(server.captured[0]?.init.headers).get('accept')).toMatch(/^multipart\/mixed;subscriptionSpec=1\.0/);
  });
});

describe('fetchIncremental with an AbortController that sets no reason (React Native’s)', () => {
  it('rejects with an AbortError, not with undefined, and aborts the request', async () => {
    const controller = new AbortController();
    Object.defineProperty(controller.signal, 'reason', { get: () => undefined });
    const server = controlledFetch('multipart/mixed; boundary="-"');
    server.write(multipartBody([initial]).replace(/\r\n-----\r\n$/, ''));
    const results = fetchIncremental('http://127.0.0.1:1/graphql', { query: '{ hero { id } }' }, { fetch: server.fetchImpl, signal: controller.signal });
    expect((await results.next()).value).toMatchObject({ data: { hero: { id: '1' } }, hasNext: true });
    const pending = results.next();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError', message: 'This operation was aborted' });
    expect(server.captured[0]?.init.signal?.aborted).toBe(true);
  });
});

describe('fetchIncremental where DOMException is missing (React Native’s Hermes)', () => {
  it('stops early without a ReferenceError and aborts the request with an AbortError', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'DOMException')!;
    // Hermes has no DOMException.
    Reflect.deleteProperty(globalThis, 'DOMException');
    try {
      const server = controlledFetch('multipart/mixed; boundary="-"');
      server.write(multipartBody([initial]).replace(/\r\n-----\r\n$/, ''));
      const results = fetchIncremental('http://127.0.0.1:1/graphql', { query: '{ hero { id } }' }, { fetch: server.fetchImpl });
      expect((await results.next()).value).toMatchObject({ data: { hero: { id: '1' } }, hasNext: true });
      await expect(results.return!(undefined)).resolves.toEqual({ done: true, value: undefined });
      expect(server.captured[0]?.init.signal?.aborted).toBe(true);
      expect(server.captured[0]?.init.signal?.reason).toMatchObject({ name: 'AbortError' });
    } finally {
      Object.defineProperty(globalThis, 'DOMException', saved);
    }
  });
});
