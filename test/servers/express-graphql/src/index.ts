/**
 * express-graphql's experimental `@defer`/`@stream` build (0.12.0-experimental-stream-defer.1, on
 * graphql 15.4.0-experimental-stream-defer.1) as an express app in a `node:http` server, for the
 * end-to-end tests (which listen on 127.0.0.1 with `test/support/servers/runningServer.ts`).
 *
 * What it sends, whatever the request's `Accept` says (it never reads it for this): an operation whose
 * execution returns an async iterable is answered `multipart/mixed; boundary="-"` with pre-2022 flat
 * patches, one stream item per payload (`{data, path: [...list, index], label?, hasNext}`, a deferred
 * fragment as `{data, path, label?, errors?, hasNext}`, and often a bare `{"hasNext":false}` last).
 * Each part is written as one `response.write` of
 * `\r\n---\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: <JSON bytes>\r\n\r\n<JSON>\r\n`
 * so the part body before the next `\r\n---` is the JSON *plus* a CRLF that `Content-Length` does not
 * count; the body ends with `\r\n-----\r\n`. Anything else is `application/json`.
 *
 * graphql 15.4's experimental `@stream` declares `initialCount: Int!` without a default: a bare
 * `@stream` is a validation error (400) here.
 *
 * The schema description comes from the caller (the shared SDL and field resolver in `test/support`),
 * so this package depends on nothing of ours and exposes no express or graphql 15 type.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';
import type * as ExpressGraphql from 'express-graphql';

// Everything through `require`: express-graphql is CommonJS and checks `instanceof GraphQLSchema`
// against the CommonJS graphql; vitest's resolver would pick graphql's `module` field (`index.mjs`),
// a second copy ("Cannot use GraphQLSchema from another module or realm").
const require = createRequire(import.meta.url);
const { buildSchema, version: graphqlVersion } = require('graphql') as typeof GraphQL;
const { graphqlHTTP } = require('express-graphql') as typeof ExpressGraphql;

/** The express app, typed as far as this file uses it (express has no types installed here). */
interface ExpressApp {
  (request: IncomingMessage, response: ServerResponse): void;
  use(path: string, handler: ReturnType<typeof graphqlHTTP>): void;
}
const express = require('express') as () => ExpressApp;

/** The parts of a resolve info the caller's field resolver may read. */
export interface FieldInfo {
  readonly parentType: { readonly name: string };
  readonly fieldName: string;
}

/** Options of {@link createExpressGraphqlHttpServer}. */
export interface ExpressGraphqlServerOptions {
  /**
   * SDL without `@defer`/`@stream` declarations: graphql 15.4.0-experimental-stream-defer.1 has them
   * in `specifiedDirectives`, so every schema it builds knows them.
   */
  readonly typeDefs: string;
  /** Resolves every field (graphql `fieldResolver`). */
  readonly fieldResolver: (source: unknown, args: Record<string, unknown>, context: unknown, info: FieldInfo) => unknown;
}

/** An express-graphql HTTP server, not listening yet. */
export interface ExpressGraphqlHttpServer {
  readonly server: Server;
  /** The graphql version that executes (`graphql.version`), for recordings. */
  readonly graphqlVersion: string;
}

/**
 * Creates the express app with express-graphql on `/graphql` and the `node:http` server around it.
 *
 * @param options The schema description.
 * @returns The server (not listening).
 */
export function createExpressGraphqlHttpServer(options: ExpressGraphqlServerOptions): ExpressGraphqlHttpServer {
  const schema = buildSchema(options.typeDefs);
  const app = express();
  app.use(
    '/graphql',
    graphqlHTTP({
      schema,
      fieldResolver: options.fieldResolver as GraphQL.GraphQLFieldResolver<unknown, unknown>,
      graphiql: false,
    }),
  );
  return { server: createServer({ noDelay: true }, app), graphqlVersion };
}
