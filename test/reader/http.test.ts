/**
 * The reader over real HTTP (node:http on 127.0.0.1, Node's fetch): every corpus body as the server
 * writes it, a part is handed out before the server's next write (latency), and aborting or stopping
 * releases the connection.
 */
import { readPayloads, type Payload } from '@graphql-incremental/reader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartBodies, multipartFramings, STREAM_PAYLOADS, utf8, type BodyCase } from '../support/multipartBodies.js';
import { sseBodies } from '../support/sseBodies.js';
import { readAll } from './readHelpers.js';
import { startTestServer, waitOrTimeout, writeChunk, type TestServer } from './httpServer.js';

/** The pause after the first payload's bytes; the payload must arrive before it ends. Bounded, not measured. */
const PAUSE_MS = 5000;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

function serve(path: string, body: BodyCase): string {
  return server.route(path, async (_request, response) => {
    response.writeHead(200, { 'content-type': body.contentType });
    for (const flush of body.flushes) await writeChunk(response, flush);
    response.end();
  });
}

describe('over HTTP', () => {
  it.each([...multipartBodies, ...sseBodies].map((body, index) => [body.name, body, index] as const))('%s', async (_name, body, index) => {
    const url = serve(`/corpus/${index}`, body);
    const result = await readAll(await fetch(url));
    expect(result.error).toBeUndefined();
    expect(result.payloads).toEqual(body.payloads);
  });
});

describe('latency: a payload arrives before the server writes again', () => {
  const first = STREAM_PAYLOADS[0]!;
  const rest = STREAM_PAYLOADS.slice(1);
  const scenarios: { name: string; contentType: string; beforePause: string; afterPause: string }[] = [
    (() => {
      // Router: the part ends with `\r\n--graphql`, the rest of that line comes with the next part.
      const writes = multipartFramings.router.frame(STREAM_PAYLOADS, 'graphql');
      return { name: 'apollo-router (delimiter line unterminated)', contentType: multipartFramings.router.contentType('graphql'), beforePause: writes[0]!, afterPause: writes.slice(1).join('') };
    })(),
    (() => {
      const writes = multipartFramings.yoga.frame(STREAM_PAYLOADS, '-');
      return { name: 'yoga (held-back delimiter line)', contentType: multipartFramings.yoga.contentType('-'), beforePause: writes[0]! + writes[1]!, afterPause: writes.slice(2).join('') };
    })(),
    (() => {
      const writes = multipartFramings.strawberry.frame(STREAM_PAYLOADS, '-');
      return { name: 'strawberry (no leading CRLF)', contentType: multipartFramings.strawberry.contentType('-'), beforePause: writes[0]! + writes[1]!, afterPause: writes.slice(2).join('') };
    })(),
    (() => {
      // The RFC's framing: each part's delimiter is written before it, none after it; the part is
      // complete at its closing brace, not when the next part's delimiter arrives.
      const writes = multipartFramings.rfc.frame(STREAM_PAYLOADS, '-');
      return { name: 'rfc (delimiter before each part only)', contentType: multipartFramings.rfc.contentType('-'), beforePause: writes[0]!, afterPause: writes.slice(1).join('') };
    })(),
    (() => {
      const writes = multipartFramings.tanka.frame(STREAM_PAYLOADS, 'graphql-response');
      return { name: 'tanka (unterminated parts)', contentType: multipartFramings.tanka.contentType('graphql-response'), beforePause: writes[0]!, afterPause: writes.slice(1).join('') };
    })(),
    (() => {
      const writes = multipartFramings.apolloServer.frame(STREAM_PAYLOADS, '-');
      return { name: 'apollo-server', contentType: multipartFramings.apolloServer.contentType('-'), beforePause: writes[0]!, afterPause: writes.slice(1).join('') };
    })(),
    {
      // No delimiter after the part at all (a one-behind writer that sends Content-Length): the length alone ends it.
      name: 'Content-Length without any following delimiter',
      contentType: 'multipart/mixed; boundary="-"',
      beforePause: `\r\n---\r\nContent-Type: application/json\r\nContent-Length: ${utf8(first).length}\r\n\r\n${first}`,
      afterPause: `${rest.map((payload) => `\r\n---\r\nContent-Type: application/json\r\n\r\n${payload}`).join('')}\r\n-----\r\n`,
    },
    {
      name: 'SSE',
      contentType: 'text/event-stream',
      beforePause: `:\n\nevent: next\ndata: ${first}\n\n`,
      afterPause: `${rest.map((payload) => `event: next\ndata: ${payload}\n\n`).join('')}event: complete\n\n`,
    },
  ];

  it.each(scenarios.map((scenario, index) => [scenario.name, scenario, index] as const))('%s', async (_name, scenario, index) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let pauseEnded = false;
    const url = server.route(`/latency/${index}`, async (_request, response) => {
      response.writeHead(200, { 'content-type': scenario.contentType });
      await writeChunk(response, utf8(scenario.beforePause));
      await waitOrTimeout(released, PAUSE_MS);
      pauseEnded = true;
      await writeChunk(response, utf8(scenario.afterPause));
      response.end();
    });

    const payloads: Payload[] = [];
    let arrivedDuringPause: boolean | undefined;
    for await (const payload of readPayloads(await fetch(url))) {
      if (payloads.length === 0) {
        arrivedDuringPause = !pauseEnded;
        release();
      }
      payloads.push(payload);
    }
    expect(arrivedDuringPause).toBe(true);
    expect(payloads).toEqual(STREAM_PAYLOADS.map((payload) => JSON.parse(payload) as unknown));
  }, PAUSE_MS + 10_000);
});

describe('latency: a deferred payload in the RFC framing arrives before the server pauses', () => {
  /** Bounded: the test needs only the order of events, not a measurement. */
  const DEFERRED_PAUSE_MS = 3000;

  it('the initial payload, then the deferred one, each with its own write; the last after the pause', async () => {
    const writes = multipartFramings.rfc.frame(STREAM_PAYLOADS, '-');
    const events: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const url = server.route('/latency/rfc-deferred', async (_request, response) => {
      response.writeHead(200, { 'content-type': multipartFramings.rfc.contentType('-') });
      await writeChunk(response, utf8(writes[0]!));
      // The deferred payload's part: its delimiter before it, nothing after it (the GraphQL over HTTP incremental delivery RFC's framing).
      await writeChunk(response, utf8(writes[1]!));
      const timedOut = await waitOrTimeout(released, DEFERRED_PAUSE_MS);
      events.push(timedOut ? 'server: pause ended by timeout' : 'server: pause ended by client');
      await writeChunk(response, utf8(writes.slice(2).join('')));
      response.end();
    });

    const payloads: Payload[] = [];
    for await (const payload of readPayloads(await fetch(url))) {
      payloads.push(payload);
      events.push(`client: payload ${payloads.length}`);
      if (payloads.length === 2) release();
    }
    expect(payloads).toEqual(STREAM_PAYLOADS.map((payload) => JSON.parse(payload) as unknown));
    // The client releases the server's pause only when the deferred payload arrives: had it waited for
    // the next part's delimiter, the pause would have ended by timeout first.
    expect(events).toEqual(['client: payload 1', 'client: payload 2', 'server: pause ended by client', 'client: payload 3', 'client: payload 4']);
  }, DEFERRED_PAUSE_MS + 10_000);
});

describe('cancellation and failures over HTTP', () => {
  function holdOpen(path: string, onClosed: () => void): string {
    return server.route(path, async (_request, response, closed) => {
      response.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"' });
      await writeChunk(response, utf8(`\r\n---\r\nContent-Type: application/json\r\n\r\n${STREAM_PAYLOADS[0]!}\r\n---`));
      // Keep the connection open until the client goes away (bounded).
      await waitOrTimeout(closed, 10_000);
      onClosed();
      response.end();
    });
  }

  it('aborting the signal rejects with its reason and closes the connection', async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => {
      serverSawClose = resolve;
    });
    const url = holdOpen('/abort', () => serverSawClose());
    const controller = new AbortController();
    const payloads: Payload[] = [];
    const reading = (async () => {
      for await (const payload of readPayloads(await fetch(url, { signal: controller.signal }), { signal: controller.signal })) {
        payloads.push(payload);
        controller.abort();
      }
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(payloads).toEqual([JSON.parse(STREAM_PAYLOADS[0]!)]);
    expect(await waitOrTimeout(closed, 5000)).toBe(false);
  });

  it('aborting only the reader (not fetch) also releases the body', async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => {
      serverSawClose = resolve;
    });
    const url = holdOpen('/abort-reader', () => serverSawClose());
    const controller = new AbortController();
    const reading = (async () => {
      for await (const _payload of readPayloads(await fetch(url), { signal: controller.signal })) controller.abort();
    })();
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
    expect(await waitOrTimeout(closed, 5000)).toBe(false);
  });

  it('stopping the iteration early closes the connection', async () => {
    let serverSawClose!: () => void;
    const closed = new Promise<void>((resolve) => {
      serverSawClose = resolve;
    });
    const url = holdOpen('/break', () => serverSawClose());
    for await (const payload of readPayloads(await fetch(url))) {
      expect(payload).toEqual(JSON.parse(STREAM_PAYLOADS[0]!));
      break;
    }
    expect(await waitOrTimeout(closed, 5000)).toBe(false);
  });

  it('a connection dropped mid-part is READ_FAILED, after the payloads before it', async () => {
    const url = server.route('/drop', async (_request, response) => {
      response.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"' });
      await writeChunk(response, utf8(`\r\n---\r\n\r\n${STREAM_PAYLOADS[0]!}\r\n---\r\n\r\n{"hasNext":`));
      response.destroy();
    });
    const result = await readAll(await fetch(url));
    expect(result.payloads).toEqual([JSON.parse(STREAM_PAYLOADS[0]!)]);
    expect(result.errorCode).toBe('READ_FAILED');
  });

  it('a body that ends cleanly mid-part is TRUNCATED, after the payloads before it', async () => {
    const url = server.route('/end-early', async (_request, response) => {
      response.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"' });
      await writeChunk(response, utf8(`\r\n---\r\n\r\n${STREAM_PAYLOADS[0]!}\r\n---\r\n\r\n{"hasNext":`));
      response.end();
    });
    const result = await readAll(await fetch(url));
    expect(result.payloads).toEqual([JSON.parse(STREAM_PAYLOADS[0]!)]);
    expect(result.error).toMatchObject({ code: 'TRUNCATED', partIndex: 1 });
  });

  it('a 400 application/graphql-response+json with errors is a GraphQL response: its payload, no error', async () => {
    const body = '{"errors":[{"message":"Cannot query field \\"nope\\" on type \\"Query\\"."}]}';
    const url = server.route('/400', (_request, response) => {
      response.writeHead(400, { 'content-type': 'application/graphql-response+json; charset=utf-8' }).end(body);
    });
    const result = await readAll(await fetch(url));
    expect(result.error).toBeUndefined();
    expect(result.payloads).toEqual([JSON.parse(body)]);
  });

  it('any other non-2xx is HTTP_STATUS with status and body', async () => {
    const body = '<h1>502 Bad Gateway</h1>';
    const url = server.route('/502', (_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end(body);
    });
    const result = await readAll(await fetch(url));
    expect(result.payloads).toEqual([]);
    expect(result.error).toMatchObject({ code: 'HTTP_STATUS', status: 502, body });
  });

  it('a non-2xx whose body stalls is reported with what arrived, without waiting for the rest', async () => {
    const url = server.route('/stall', (_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.write('upstream timed out');
      // Never ends.
    });
    // Were the rest awaited, this would hang until the test times out.
    const result = await readAll(await fetch(url));
    expect(result.error).toMatchObject({ code: 'HTTP_STATUS', status: 500, body: 'upstream timed out' });
  });
});
