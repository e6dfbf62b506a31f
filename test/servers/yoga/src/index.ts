/**
 * GraphQL Yoga 5 with `@graphql-yoga/plugin-defer-stream` as a `node:http` server, for the end-to-end
 * tests (which listen on 127.0.0.1 with `test/support/servers/runningServer.ts`). A package of its own because Yoga 5 needs graphql 15/16 (it executes `@defer`/
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
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createSchema, createYoga } from 'graphql-yoga';

/** Options of {@link createYogaHttpServer}. */
export interface YogaServerOptions {
  /** SDL without `@defer`/`@stream` declarations (the plugin adds them). */
  readonly typeDefs: string;
  /** Resolvers in the graphql-tools shape: `{ Type: { field: resolver | { subscribe, resolve } } }`. */
  readonly resolvers: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/** A Yoga HTTP server, not listening yet. */
export interface YogaHttpServer {
  readonly server: Server;
  /** Disposes Yoga; call it once the server is closed. */
  dispose(): Promise<void>;
}

/**
 * Creates Yoga and the `node:http` server around it.
 *
 * @param options The schema description.
 * @returns The server (not listening) and Yoga's disposer.
 */
export function createYogaHttpServer(options: YogaServerOptions): YogaHttpServer {
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
  return { server: createServer({ noDelay: true }, yoga), dispose: async () => yoga.dispose() };
}
