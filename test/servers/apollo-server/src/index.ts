/**
 * Apollo Server 5 as a `node:http` server, for the end-to-end tests (which listen on 127.0.0.1 with
 * `test/support/servers/runningServer.ts`), in both of its incremental modes:
 *
 * - `Accept: multipart/mixed;incrementalSpec=v0.2` → the current format, through graphql's own
 *   `experimentalExecuteIncrementally`. Apollo Server enables it only when `graphql.version` is exactly
 *   `17.0.0-alpha.9`, hence this package with its own graphql.
 * - `Accept: multipart/mixed;deferSpec=20220824` → the 2022 format, through the
 *   `legacyExperimentalExecuteIncrementally` option, here `@yaacovcr/transform`'s
 *   `legacyExecuteIncrementally` (turned off with `legacyFormat: false`: Apollo then answers 406).
 *
 * A plain `multipart/mixed` gets 406 from Apollo Server. The HTTP layer is a small `node:http`
 * handler around `executeHTTPGraphQLRequest` (not `startStandaloneServer`) so that a client
 * disconnect returns the body iterator, which returns graphql's payload iterator and ends execution.
 *
 * The schema description comes from the caller; this package exposes no Apollo or graphql alpha.9
 * type.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { legacyExecuteIncrementally } from '@yaacovcr/transform';
import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';

// graphql 17.0.0-alpha.9 has no `exports` map: Node (and so Apollo Server and @yaacovcr/transform)
// loads its CommonJS `index.js`, while bundler-style resolvers (vitest) pick its `module` field,
// `index.mjs`, a second copy whose schema Apollo would reject ("Cannot use GraphQLSchema from another
// module or realm"). Requiring it gets the same copy Apollo Server uses.
const { buildSchema, GraphQLDeferDirective, GraphQLSchema, GraphQLStreamDirective, specifiedDirectives } = createRequire(import.meta.url)(
  'graphql',
) as typeof GraphQL;

/** The parts of a resolve info the caller's field resolver may read. */
export interface FieldInfo {
  readonly parentType: { readonly name: string };
  readonly fieldName: string;
}

/** Options of {@link createApolloHttpServer}. */
export interface ApolloServerOptions {
  /** SDL without `@defer`/`@stream` declarations (added here, from graphql 17.0.0-alpha.9). */
  readonly typeDefs: string;
  /** Resolves every field (graphql `fieldResolver`). */
  readonly fieldResolver: (source: unknown, args: Record<string, unknown>, context: unknown, info: FieldInfo) => unknown;
  /** Serve `deferSpec=20220824` through `@yaacovcr/transform`. Default `true`. */
  readonly legacyFormat?: boolean;
}

/** An Apollo Server HTTP server, not listening yet. */
export interface ApolloHttpServer {
  readonly server: Server;
  /** Stops Apollo Server; call it once the server is closed. */
  dispose(): Promise<void>;
}

const MAX_BODY_BYTES = 1 << 20;

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  // Apollo Server answers a missing/invalid body itself (400); hand it the raw text then.
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

async function handle(apollo: ApolloServer, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/graphql') {
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('use /graphql');
    return;
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const httpGraphQLRequest: HTTPGraphQLRequest = {
    method: (request.method ?? 'GET').toUpperCase(),
    headers,
    search: url.search,
    body: request.method === 'POST' ? await readJsonBody(request) : undefined,
  };
  const result = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => ({}) });
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  const chunks = result.body.asyncIterator;
  // On disconnect, return() ends Apollo's body generator and, through it, graphql's payload iterator.
  response.once('close', () => {
    if (!response.writableFinished) void chunks.return?.(undefined);
  });
  for await (const chunk of { [Symbol.asyncIterator]: () => chunks }) {
    if (response.destroyed) break;
    response.write(chunk);
  }
  response.end();
}

/**
 * Starts Apollo Server and creates the `node:http` server around it.
 *
 * @param options The schema description and which formats to serve.
 * @returns The server (not listening) and Apollo Server's `stop`.
 */
export async function createApolloHttpServer(options: ApolloServerOptions): Promise<ApolloHttpServer> {
  const schema = new GraphQLSchema({
    ...buildSchema(options.typeDefs).toConfig(),
    directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
  });
  const apollo = new ApolloServer({
    schema,
    fieldResolver: options.fieldResolver as GraphQL.GraphQLFieldResolver<unknown, unknown>,
    includeStacktraceInErrorResponses: false,
    // The test process owns its signals.
    stopOnTerminationSignals: false,
    ...(options.legacyFormat === false ? {} : { legacyExperimentalExecuteIncrementally: legacyExecuteIncrementally }),
  });
  await apollo.start();

  const server = createServer({ noDelay: true }, (request, response) => {
    handle(apollo, request, response).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify({ errors: [{ message: error instanceof Error ? error.message : String(error) }] }));
    });
  });
  return { server, dispose: () => apollo.stop() };
}
