// @vitest-environment happy-dom
/**
 * Smoke test in a browser-like environment: happy-dom's own `Response`, `ReadableStream`-backed body and
 * `AbortController`, not Node's.
 */
import { readPayloads, type Payload } from '@graphql-incremental/reader';
import { describe, expect, it } from 'vitest';
import { multipartBodies, sseBodies } from './happyDomCorpus.js';

async function collect(response: Response, signal?: AbortSignal): Promise<{ payloads: Payload[]; error: unknown }> {
  const payloads: Payload[] = [];
  try {
    for await (const payload of readPayloads(response, { signal })) payloads.push(payload);
    return { payloads, error: undefined };
  } catch (error) {
    return { payloads, error };
  }
}

/** A body that arrives in the server's flush units, through happy-dom's ReadableStream. */
function streamed(chunks: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (index < chunks.length) controller.enqueue(chunks[index++]!);
      else controller.close();
    },
  });
}

describe('under happy-dom', () => {
  it('runs with happy-dom’s Response, not Node’s', () => {
    expect('happyDOM' in window).toBe(true);
    expect(globalThis.Response).toBe(window.Response);
  });

  it.each([...multipartBodies, ...sseBodies].map((body) => [body.name, body] as const))('%s', async (_name, body) => {
    const fromBytes = await collect(new window.Response(body.body.slice(), { headers: { 'content-type': body.contentType } }));
    expect(fromBytes).toEqual({ payloads: body.payloads, error: undefined });
    const fromStream = await collect(new window.Response(streamed(body.flushes), { headers: { 'content-type': body.contentType } }));
    expect(fromStream).toEqual({ payloads: body.payloads, error: undefined });
  });

  it('reports a non-2xx status and aborts with happy-dom’s AbortController', async () => {
    const failed = await collect(new window.Response('{"errors":[{"message":"no"}]}', { status: 400, headers: { 'content-type': 'application/json' } }));
    expect(failed.error).toMatchObject({ name: 'IncrementalError', code: 'HTTP_STATUS', status: 400, body: '{"errors":[{"message":"no"}]}' });

    const controller = new window.AbortController();
    controller.abort();
    const aborted = await collect(new window.Response(multipartBodies[0]!.body.slice(), { headers: { 'content-type': multipartBodies[0]!.contentType } }), controller.signal);
    expect(aborted.payloads).toEqual([]);
    expect(aborted.error).toBe(controller.signal.reason);
  });
});
