/**
 * A tiny node:http server on 127.0.0.1 for the reader's network tests: each test registers a handler
 * that writes the response body step by step, and can observe when the client goes away.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Writes one response; `closed` resolves when the client closes the connection or the response ends. */
export type Handler = (request: IncomingMessage, response: ServerResponse, closed: Promise<void>) => Promise<void> | void;

/** A running test server. */
export interface TestServer {
  /** Registers a handler under a path and returns the full URL. */
  route(path: string, handler: Handler): string;
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 and an ephemeral port.
 *
 * @returns The running server.
 */
export async function startTestServer(): Promise<TestServer> {
  const handlers = new Map<string, Handler>();
  const server: Server = createServer((request, response) => {
    const handler = handlers.get(request.url ?? '');
    if (handler === undefined) {
      response.writeHead(404).end();
      return;
    }
    const closed = new Promise<void>((resolve) => response.once('close', () => resolve()));
    Promise.resolve(handler(request, response, closed)).catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    route(path, handler) {
      handlers.set(path, handler);
      return `http://127.0.0.1:${port}${path}`;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/**
 * Writes one chunk and waits until it has been handed to the socket, so consecutive writes leave as
 * separate network chunks more often than not (never relied on for correctness).
 *
 * @param response - The response.
 * @param chunk - Bytes to write.
 */
export async function writeChunk(response: ServerResponse, chunk: Uint8Array): Promise<void> {
  await new Promise<void>((resolve, reject) => response.write(chunk, (error) => (error ? reject(error) : resolve())));
  await new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * Resolves after `milliseconds`, or earlier when `signal` resolves; says which happened.
 *
 * @param signal - Ends the wait early.
 * @param milliseconds - The longest wait.
 * @returns `true` when the wait timed out.
 */
export async function waitOrTimeout(signal: Promise<unknown>, milliseconds: number): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = await Promise.race([
    signal.then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), milliseconds);
    }),
  ]);
  clearTimeout(timer);
  return timedOut;
}
