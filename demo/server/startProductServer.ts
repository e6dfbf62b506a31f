/**
 * A small GraphQL-over-HTTP server for the demo: POST JSON, answers incremental results as
 * `multipart/mixed` in the format the client's `Accept` prefers (`incrementalSpec=v0.2` → current
 * format, `deferSpec=20220824` → 2022 format), and plain results as JSON. With `pagesDir`, GET
 * requests serve the built browser pages from the same origin, so the pages need no CORS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { servePage } from './servePage.js';
import { experimentalExecuteIncrementally, legacyExecuteIncrementally, parse, validate } from 'graphql';
import { createRootValue, productSchema, type Delays } from './productSchema.js';

export interface RunningDemoServer {
  /** The GraphQL endpoint. */
  readonly url: string;
  /** The server's origin, where the pages are (`http://127.0.0.1:<port>`). */
  readonly origin: string;
  readonly server: Server;
  close(): Promise<void>;
}

/** Picks the format the client lists first; the current one when it names neither. */
function preferredFormat(accept: string): 'current' | '2022' {
  const current = accept.indexOf('incrementalSpec=v0.2');
  const legacy = accept.indexOf('deferSpec=20220824');
  return legacy !== -1 && (current === -1 || legacy < current) ? '2022' : 'current';
}

/**
 * Starts the server on 127.0.0.1.
 *
 * @param port - 0 for any free port.
 * @param delays - How slow the slow fields are.
 * @param options - `pagesDir`: a directory of built pages (demo/dist) to serve to GET and HEAD requests.
 */
export async function startProductServer(port = 0, delays?: Delays, options: { pagesDir?: string } = {}): Promise<RunningDemoServer> {
  const rootValue = createRootValue(delays);
  const { pagesDir } = options;
  const server = createServer(async (request, response) => {
    if ((request.method === 'GET' || request.method === 'HEAD') && pagesDir !== undefined) {
      await servePage(pagesDir, request, response);
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: pagesDir === undefined ? 'POST' : 'GET, HEAD, POST' }).end();
      return;
    }
    let text = '';
    for await (const chunk of request) text += String(chunk);
    const { query, variables, operationName } = JSON.parse(text) as { query: string; variables?: Record<string, unknown>; operationName?: string };
    const document = parse(query);
    const errors = validate(productSchema, document);
    if (errors.length > 0) {
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors }));
      return;
    }
    const format = preferredFormat(request.headers.accept ?? '');
    const execute = format === 'current' ? experimentalExecuteIncrementally : legacyExecuteIncrementally;
    const abort = new AbortController();
    response.on('close', () => abort.abort());
    const result = await execute({ schema: productSchema, document, rootValue, variableValues: variables ?? {}, operationName, abortSignal: abort.signal });
    if (!('initialResult' in result)) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      return;
    }
    const parameter = format === 'current' ? 'incrementalSpec=v0.2' : 'deferSpec=20220824';
    response.writeHead(200, { 'content-type': `multipart/mixed; boundary="-"; ${parameter}` });
    // Each part is followed at once by the next delimiter, so a client knows the part is complete
    // without waiting for the next one (Apollo Server, Router and Yoga do the same).
    const part = (payload: unknown) => `\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${JSON.stringify(payload)}\r\n---`;
    response.write(`\r\n---${part(result.initialResult)}`);
    try {
      for await (const payload of result.subsequentResults) response.write(part(payload));
      response.end('--\r\n');
    } catch {
      response.destroy(); // the client went away; execution was aborted
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/graphql`,
    origin: `http://127.0.0.1:${actual}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
