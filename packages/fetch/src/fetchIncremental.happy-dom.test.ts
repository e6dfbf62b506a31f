// @vitest-environment happy-dom
/**
 * Smoke test in a browser-like environment: happy-dom's own `fetch`, `Response`, `Headers` and
 * `AbortController` replace Node's. (The real-browser check in Chromium is in test/e2e.)
 */
import { describe, expect, it } from 'vitest';
import { fetchIncremental } from './fetchIncremental.js';

describe('fetchIncremental under happy-dom', () => {
  it("reads a multipart response built with the environment's Response", async () => {
    // The globals really are happy-dom's, not Node's.
    expect('happyDOM' in window).toBe(true);
    expect(globalThis.Response).toBe((window as unknown as { Response: typeof Response }).Response);
    const body = [
      '\r\n---\r\nContent-Type: application/json\r\n\r\n{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"]}],"hasNext":true}\r\n---',
      '\r\nContent-Type: application/json\r\n\r\n{"incremental":[{"id":"0","data":{"name":"Lüke ✓ 𝄞"}}],"completed":[{"id":"0"}],"hasNext":false}\r\n-----\r\n',
    ];
    const bytes = new TextEncoder().encode(body.join(''));
    const fakeNetwork = (async () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          // Split inside the multi-byte characters: the decoder must keep them whole.
          for (let index = 0; index < bytes.length; index += 7) controller.enqueue(bytes.slice(index, index + 7));
          controller.close();
        },
      });
      return new Response(stream, { headers: { 'content-type': 'multipart/mixed; boundary="-"' } });
    }) as typeof fetch;
    const results = [];
    for await (const result of fetchIncremental('http://127.0.0.1/graphql', { query: '{ hero { id ... @defer { name } } }' }, { fetch: fakeNetwork })) {
      results.push(result);
    }
    expect(results.at(-1)?.data).toEqual({ hero: { id: '1', name: 'Lüke ✓ 𝄞' } });
  });
});
