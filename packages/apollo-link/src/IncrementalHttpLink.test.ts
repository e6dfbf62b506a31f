import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, Observable, ServerError, gql } from '@apollo/client';
import { Defer20220824Handler, GraphQL17Alpha9Handler } from '@apollo/client/incremental';
import { describe, expect, it } from 'vitest';
import { IncrementalHttpLink } from './IncrementalHttpLink.js';

/**
 * How the link builds requests from its options and the operation's context, and what it emits, with
 * a `fetch` answering from memory. Rendering with Apollo Client against live servers is in test/apollo/.
 */
interface Sent {
  url: string;
  init: RequestInit;
  body: Record<string, unknown>;
}

function recordingFetch(respond: () => Response = () => json({ data: { hero: { id: '1' } } })) {
  const sent: Sent[] = [];
  const fetchImpl = (async (url: string | URL | Request, init: RequestInit = {}) => {
    sent.push({ url: String(url), init, body: (init.body === undefined ? {} : JSON.parse(String(init.body))) as Record<string, unknown> });
    init.signal?.throwIfAborted();
    return respond();
  }) as typeof fetch;
  return { fetchImpl, sent };
}

const json = (value: unknown) => new Response(JSON.stringify(value), { headers: { 'content-type': 'application/json' } });

const client = new ApolloClient({ link: ApolloLink.empty(), cache: new InMemoryCache() });
const query = gql`
  query Hero($id: ID) {
    hero(id: $id) {
      id
    }
  }
`;

function run(link: ApolloLink, context: Record<string, unknown> = {}, extensions?: Record<string, unknown>, document = query) {
  const results: unknown[] = [];
  return new Promise<unknown[]>((resolve, reject) => {
    ApolloLink.execute(link, { query: document, variables: { id: '1' }, context, ...(extensions === undefined ? {} : { extensions }) }, { client }).subscribe({
      next: (result) => results.push(result),
      error: reject,
      complete: () => resolve(results),
    });
  });
}

describe('IncrementalHttpLink', () => {
  /** What reaches `fetch`, but the signal. */
  const comparable = ({ url, init: { signal: _signal, ...init } }: Sent) => ({ url, init });

  it.each([
    ['link options, context winning', { headers: { authorization: 'link', 'x-link': '1' }, credentials: 'same-origin', fetchOptions: { mode: 'cors' } }, { headers: { authorization: 'context' }, credentials: 'include', fetchOptions: { cache: 'no-store' } }],
    ['GET for queries', { useGETForQueries: true }, {}],
    ['extensions off', { includeExtensions: false }, { http: { includeExtensions: false } }],
    ['hash only (persisted queries)', {}, { http: { includeQuery: false, includeExtensions: true } }],
    ['header case kept', { headers: { 'X-Link': '1' }, preserveHeaderCase: true }, {}],
    ['unused variables kept', { includeUnusedVariables: true }, {}],
  ] as const)('sends exactly what HttpLink sends when nothing is deferred: %s', async (_name, options, context) => {
    const ours = recordingFetch();
    const apollos = recordingFetch();
    await run(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/graphql', fetch: ours.fetchImpl, ...options }), context, { persistedQuery: { version: 1, sha256Hash: 'abc' } });
    await run(new HttpLink({ uri: 'http://127.0.0.1:1/graphql', fetch: apollos.fetchImpl, ...options }), context, { persistedQuery: { version: 1, sha256Hash: 'abc' } });
    expect(ours.sent.map(comparable)).toEqual(apollos.sent.map(comparable));
  });

  it.each([
    ['@defer', gql`query Hero { hero { id ... @defer { name } } }`],
    ['@stream in a fragment', gql`query Hero { ...Friends } fragment Friends on Query { friends @stream { id } }`],
  ])('asks for both incremental formats first, then what HttpLink accepts, for %s', async (_name, document) => {
    const ours = recordingFetch();
    const apollos = recordingFetch();
    await run(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: ours.fetchImpl }), {}, undefined, document);
    await run(new HttpLink({ uri: 'http://127.0.0.1:1/', fetch: apollos.fetchImpl }), {}, undefined, document);
    const accept = (sent: Sent[]) => new Headers(sent[0]?.init.headers).get('accept');
    expect(accept(apollos.sent)).toBe('application/graphql-response+json,application/json;q=0.9');
    expect(accept(ours.sent)).toBe('multipart/mixed;incrementalSpec=v0.2, multipart/mixed;deferSpec=20220824;q=0.9, application/graphql-response+json,application/json;q=0.9');
    const withoutAccept = (sent: Sent[]) => sent.map(comparable).map(({ init: { headers, ...init }, url }) => ({ url, init, headers: Object.entries(headers as object).filter(([name]) => name !== 'accept') }));
    expect(withoutAccept(ours.sent)).toEqual(withoutAccept(apollos.sent));
  });

  it('takes the URI from context.uri, then a function of the operation, then /graphql', async () => {
    const { fetchImpl, sent } = recordingFetch();
    await run(new IncrementalHttpLink({ uri: (operation) => `http://127.0.0.1:1/${operation.operationName}`, fetch: fetchImpl }));
    await run(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/ignored', fetch: fetchImpl }), { uri: 'http://127.0.0.1:1/context' });
    await run(new IncrementalHttpLink({ fetch: fetchImpl }));
    expect(sent.map(({ url }) => url)).toEqual(['http://127.0.0.1:1/Hero', 'http://127.0.0.1:1/context', '/graphql']);
  });

  it('keeps an Accept header the app sets', async () => {
    const { fetchImpl, sent } = recordingFetch();
    await run(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: fetchImpl, headers: { Accept: 'application/json' } }));
    await run(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: fetchImpl }), { headers: { accept: 'text/event-stream' } });
    expect(sent.map(({ init }) => new Headers(init.headers).get('accept'))).toEqual(['application/json', 'text/event-stream']);
  });

  it('emits cumulative results with hasNext, and puts the response in the context', async () => {
    const chunks = [
      '\r\n---\r\ncontent-type: application/json\r\n\r\n{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"]}],"hasNext":true}\r\n---\r\n',
      'content-type: application/json\r\n\r\n{"incremental":[{"id":"0","data":{"name":"Luke"}}],"completed":[{"id":"0"}],"errors":[{"message":"e"}],"extensions":{"x":1},"hasNext":false}\r\n-----\r\n',
    ];
    // Two network chunks, a macrotask apart: one result each (payloads of one chunk would be merged).
    const body = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(chunks[0]));
          setTimeout(() => {
            controller.enqueue(new TextEncoder().encode(chunks[1]));
            controller.close();
          }, 10);
        },
      });
    const { fetchImpl } = recordingFetch(() => new Response(body(), { headers: { 'content-type': 'multipart/mixed; boundary="-"' } }));
    const responses: unknown[] = [];
    const spy = new ApolloLink((operation, forward) => {
      const observable = forward(operation);
      return new Observable<ApolloLink.Result>((observer) =>
        observable.subscribe({
          next: (value) => {
            responses.push(operation.getContext()['response']);
            observer.next(value);
          },
          error: (error: unknown) => observer.error(error),
          complete: () => observer.complete(),
        }),
      );
    });
    const results = await run(ApolloLink.from([spy, new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: fetchImpl })]));
    // Apollo Client 4: the deferred fragment is announced and completed for GraphQL17Alpha9Handler.
    expect(results).toEqual([
      { data: { hero: { id: '1' } }, pending: [{ id: '0', path: ['hero'] }], hasNext: true },
      { data: { hero: { id: '1', name: 'Luke' } }, errors: [{ message: 'e' }], extensions: { x: 1 }, completed: [{ id: '0' }], hasNext: false },
    ]);
    expect(responses[0]).toBeInstanceOf(Response);
  });

  it('aborts the request when the subscriber unsubscribes', async () => {
    let signal: AbortSignal | undefined;
    const hanging = (async (_url: string | URL | Request, init: RequestInit = {}) => {
      signal = init.signal ?? undefined;
      return new Response(new ReadableStream(), { headers: { 'content-type': 'multipart/mixed; boundary="-"' } });
    }) as typeof fetch;
    const subscription = ApolloLink.execute(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: hanging }), { query }, { client }).subscribe({
      error: (error: unknown) => {
        throw new Error(`no error expected after unsubscribe, got ${String(error)}`);
      },
    });
    await expect.poll(() => signal).toBeDefined();
    subscription.unsubscribe();
    expect(signal?.aborted).toBe(true);
    expect((signal?.reason as DOMException).name).toBe('AbortError');
  });

  describe('React Native', () => {
    // React Native's fetch gives a Response without `body`: the text arrives whole.
    const bodiless = (type: string, text: string) =>
      (async () => ({ ok: true, status: 200, headers: new Headers({ 'content-type': type }), body: null, bodyUsed: false, text: () => Promise.resolve(text) })) as unknown as typeof fetch;
    const deferred = gql`query Hero { hero { id ... @defer { name } } }`;

    it('reads a streamed response whole without a streaming body: the final result, correct', async () => {
      const multipart = [
        '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"]}],"hasNext":true}',
        '{"incremental":[{"id":"0","data":{"name":"Luke"}}],"completed":[{"id":"0"}],"hasNext":false}',
      ].map((part) => `\r\n---\r\ncontent-type: application/json\r\n\r\n${part}`).join('') + '\r\n-----\r\n';
      const results = await run(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: bodiless('multipart/mixed; boundary="-"', multipart) }), {}, undefined, deferred);
      expect(results.at(-1)).toMatchObject({ data: { hero: { id: '1', name: 'Luke' } }, hasNext: false });
    });

    it('reads plain JSON as HttpLink does', async () => {
      const results = await run(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: bodiless('application/json', '{"data":{"hero":{"id":"1"}}}') }));
      expect(results).toEqual([{ data: { hero: { id: '1' } } }]);
    });

    it('unsubscribes where DOMException is missing (Hermes)', async () => {
      const saved = Object.getOwnPropertyDescriptor(globalThis, 'DOMException')!;
      Reflect.deleteProperty(globalThis, 'DOMException');
      try {
        let signal: AbortSignal | undefined;
        const hanging = (async (_url: string | URL | Request, init: RequestInit = {}) => {
          signal = init.signal ?? undefined;
          return new Response(new ReadableStream(), { headers: { 'content-type': 'multipart/mixed; boundary="-"' } });
        }) as typeof fetch;
        const errors: unknown[] = [];
        const subscription = ApolloLink.execute(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: hanging }), { query: deferred }, { client }).subscribe({ error: (error: unknown) => errors.push(error) });
        await expect.poll(() => signal).toBeDefined();
        expect(() => subscription.unsubscribe()).not.toThrow();
        expect(signal?.aborted).toBe(true);
        expect(errors).toEqual([]);
      } finally {
        Object.defineProperty(globalThis, 'DOMException', saved);
      }
    });
  });

  describe('pacing', () => {
    const ITEMS = 40;
    // A stream of ITEMS friends in the current format, one payload per network chunk, each chunk in its
    // own event-loop turn: a server flushing one payload at a time, exactly as fast as the client's turns.
    const oneChunkPerTurn = (() => {
      const chunks = [
        '\r\n---\r\ncontent-type: application/json\r\n\r\n{"data":{"hero":{"id":"1","friends":[]}},"pending":[{"id":"0","path":["hero","friends"]}],"hasNext":true}\r\n---',
      ];
      for (let index = 0; index < ITEMS; index += 1) {
        const last = index === ITEMS - 1;
        chunks.push(
          `\r\ncontent-type: application/json\r\n\r\n{"incremental":[{"id":"0","items":[{"id":"f${index}"}]}],${last ? '"completed":[{"id":"0"}],' : ''}"hasNext":${String(!last)}}\r\n---${last ? '--\r\n' : ''}`,
        );
      }
      return (async () => {
        const left = [...chunks];
        return new Response(
          new ReadableStream<Uint8Array>({
            async pull(controller) {
              const chunk = left.shift();
              if (chunk === undefined) return controller.close();
              await new Promise((resolve) => setImmediate(resolve));
              controller.enqueue(new TextEncoder().encode(chunk));
            },
          }),
          { headers: { 'content-type': 'multipart/mixed; boundary="-"' } },
        );
      }) as typeof fetch;
    })();

    /** Subscribes with a consumer that spends `busyMs` synchronously on every result, as Apollo's cache write does. */
    function consume(link: ApolloLink, busyMs: number) {
      const lengths: number[] = [];
      return new Promise<number[]>((resolve, reject) => {
        ApolloLink.execute(link, { query }, { client }).subscribe({
          next: (result) => {
            const until = performance.now() + busyMs;
            while (performance.now() < until);
            lengths.push((result.data as { hero: { friends: unknown[] } }).hero.friends.length);
          },
          error: reject,
          complete: () => resolve(lengths),
        });
      });
    }

    it('merges what arrives while an expensive result is being used, and still updates progressively', async () => {
      const lengths = await consume(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: oneChunkPerTurn }), 8);
      expect(lengths.at(-1)).toBe(ITEMS);
      expect(lengths.length).toBeGreaterThan(1);
      expect(lengths.length).toBeLessThan((ITEMS + 1) / 2);
    });

    it('emits one result per network chunk with pace: false, or when results are cheap', async () => {
      const unpaced = await consume(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: oneChunkPerTurn, pace: false }), 8);
      expect(unpaced).toEqual(Array.from({ length: ITEMS + 1 }, (_, index) => index));
      // Cheap results are not delayed; on a loaded machine a rare one costs 0.5 ms and the next waits.
      const cheap = await consume(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: oneChunkPerTurn }), 0);
      expect(cheap.length).toBeGreaterThanOrEqual(ITEMS * 0.8);
      expect(cheap.at(-1)).toBe(ITEMS);
    });
  });

  it('leaves responses it does not stream to Apollo: a 502 is a ServerError, as with HttpLink', async () => {
    const { fetchImpl } = recordingFetch(() => new Response('<html>bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    const error = await run(new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: fetchImpl })).catch((caught: unknown) => caught);
    expect(ServerError.is(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 502, bodyText: '<html>bad gateway</html>' });
  });
});

describe('IncrementalHttpLink on Apollo Client 4', () => {
  const chunks = [
    '\r\n---\r\ncontent-type: application/json\r\n\r\n{"data":{"hero":{"id":"1","bad":null}},"errors":[{"message":"bad failed","path":["hero","bad"]}],"pending":[{"id":"0","path":["hero"],"label":"D"}],"hasNext":true}\r\n---',
    '\r\ncontent-type: application/json\r\n\r\n{"incremental":[{"id":"0","data":{"name":"Luke"}}],"hasNext":true}\r\n---',
    '\r\ncontent-type: application/json\r\n\r\n{"completed":[{"id":"0"}],"hasNext":false}\r\n-----\r\n',
  ];
  // One network chunk per payload, a macrotask apart, so Apollo gets three results.
  const paced = (async () =>
    new Response(
      new ReadableStream<Uint8Array>({
        async start(controller) {
          for (const chunk of chunks) {
            controller.enqueue(new TextEncoder().encode(chunk));
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          controller.close();
        },
      }),
      { headers: { 'content-type': 'multipart/mixed; boundary="-"' } },
    )) as typeof fetch;

  it.each([
    ['Defer20220824Handler', () => new Defer20220824Handler()],
    ['GraphQL17Alpha9Handler', () => new GraphQL17Alpha9Handler() as unknown as Defer20220824Handler],
  ] as const)('reports each error once through %s (its handler appends every result\'s errors)', async (_name, handler) => {
    const apollo = new ApolloClient({ link: new IncrementalHttpLink({ uri: 'http://127.0.0.1:1/', fetch: paced }), cache: new InMemoryCache(), incrementalHandler: handler() });
    const result = await apollo.query({ query: gql`{ hero { id bad ... @defer(label: "D") { name } } }`, errorPolicy: 'all', fetchPolicy: 'no-cache' });
    expect(result.data).toEqual({ hero: { id: '1', bad: null, name: 'Luke' } });
    expect((result.error as { errors?: unknown[] } | undefined)?.errors).toEqual([{ message: 'bad failed', path: ['hero', 'bad'] }]);
  });
});
