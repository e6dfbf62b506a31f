/**
 * What every test server returns, and the one way they all listen: on 127.0.0.1, on an ephemeral
 * port, with a `close()` that ends open responses (including streams that would never finish) and
 * frees the port.
 */
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A server started by a test. */
export interface RunningServer {
  /** The GraphQL endpoint, e.g. `http://127.0.0.1:41234/graphql`. */
  readonly url: string;
  /**
   * Stops accepting connections, destroys every open connection (ending streaming responses
   * mid-body) and resolves once the port is free. Safe to call more than once.
   */
  close(): Promise<void>;
}

/** The path every test server answers GraphQL requests on. */
export const GRAPHQL_PATH = '/graphql';

/**
 * Starts `server` on 127.0.0.1 and an ephemeral port.
 *
 * @param server A `node:http` server that is not listening yet.
 * @param afterClose Work to do when `close()` is called, once the connections are destroyed and the
 *   server closed (e.g. stopping a framework). Its error is rethrown after the port is freed.
 * @returns The running server; its `url` ends in {@link GRAPHQL_PATH}.
 */
export async function listenOnLoopback(server: Server, afterClose?: () => Promise<void>): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  // Tracked so that close() can wait until every socket's handle is really gone, not just asked to go.
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}${GRAPHQL_PATH}`,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const socketsClosed = [...sockets].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
        // close() alone waits for open responses; a stalled stream would never end.
        for (const socket of sockets) socket.destroy();
        await Promise.all([closed, ...socketsClosed]);
        let failure: unknown;
        try {
          await afterClose?.();
        } catch (error) {
          failure = error;
        }
        // The listening handle is released by libuv one turn after the 'close' callback.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (failure !== undefined) throw failure;
      })();
      return closing;
    },
  };
}
