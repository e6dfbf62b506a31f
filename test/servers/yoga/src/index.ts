/**
 * GraphQL Yoga 5 with `@graphql-yoga/plugin-defer-stream`, on 127.0.0.1 and an ephemeral port, for the
 * end-to-end tests. A package of its own because Yoga 5 needs graphql 15/16 (it executes `@defer`/
 * `@stream` through `@graphql-tools/executor`, not graphql-js 17).
 *
 * The schema description comes from the caller (the shared SDL and resolvers in `test/support`), so
 * this package depends on nothing of ours and exposes no Yoga or graphql 16 type: a narrow, typed
 * boundary between the two graphql versions.
 *
 * What Yoga sends (graphql-yoga 5.24.1, plugin 3.24.1): `multipart/mixed; boundary="-"` for any
 * `Accept: multipart/mixed` (spec parameters ignored), `text/event-stream` for SSE, the 2022 payload
 * format with one stream item per payload, 406 when only JSON is accepted for an incremental result.
 * SSE starts with a `:\n\n` ping and repeats it every 12 s, or every 300 ms when `NODE_ENV` is `test`
 * (as under vitest): hard-coded in Yoga's SSE result processor, not configurable.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createSchema, createYoga } from 'graphql-yoga';

/** Options of {@link startYogaServer}. */
export interface YogaServerOptions {
  /** SDL without `@defer`/`@stream` declarations (the plugin adds them). */
  readonly typeDefs: string;
  /** Resolvers in the graphql-tools shape: `{ Type: { field: resolver | { subscribe, resolve } } }`. */
  readonly resolvers: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A running Yoga server. */
export interface RunningYogaServer {
  /** The GraphQL endpoint, `http://127.0.0.1:<port>/graphql`. */
  readonly url: string;
  /** Ends every open response, disposes Yoga and frees the port. Safe to call more than once. */
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/**
 * Starts Yoga on 127.0.0.1.
 *
 * @param options The schema description and Yoga settings.
 * @returns The running server.
 */
export async function startYogaServer(options: YogaServerOptions): Promise<RunningYogaServer> {
  const yoga = createYoga({
    schema: createSchema<Record<string, unknown>>({
      typeDefs: options.typeDefs,
      // graphql-tools' IResolvers type is wider than what we pass; the shapes are the same.
      resolvers: options.resolvers as NonNullable<Parameters<typeof createSchema<Record<string, unknown>>>[0]['resolvers']>,
    }),
    plugins: [useDeferStream()],
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: false,
    maskedErrors: false,
  });
  const server = createServer({ noDelay: true }, yoga);
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const socketsClosed = [...sockets].map((socket) => new Promise<void>((resolve) => socket.once('close', () => resolve())));
        for (const socket of sockets) socket.destroy();
        await Promise.all([closed, ...socketsClosed]);
        await yoga.dispose();
        await new Promise<void>((resolve) => setImmediate(resolve));
      })();
      return closing;
    },
  };
}
