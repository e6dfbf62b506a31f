/**
 * graphql-ws and graphql-sse servers on graphql@17.1.0 for the recipe tests, serving the shared server
 * schema (`../support/servers/serverSchema.ts`). Both libraries send each item of an async iterable that
 * `execute` returns as one `next` message; graphql-js 17 returns an initial result and an iterator of
 * later payloads instead, so the `execute` hook chains them (the reassembler README's
 * `executeAsIterable`). The executor picks the wire format: `experimentalExecuteIncrementally` (current)
 * or `legacyExecuteIncrementally` (2022).
 */
import { createServer } from 'node:http';
import {
  buildSchema,
  execute,
  GraphQLDeferDirective,
  GraphQLSchema,
  GraphQLStreamDirective,
  legacyExecuteIncrementally,
  NoUnusedVariablesRule,
  parse,
  specifiedDirectives,
  specifiedRules,
  subscribe,
  validate,
  type ExecutionArgs,
  type GraphQLFieldResolver,
} from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { executeAsIterable } from './executeAsIterable.js';
import { stripIncrementalDirectives, type OperationInput, type WirePayload } from '../support/executeIncrementally.js';
import { GRAPHQL_PATH, listenOnLoopback, type IncrementalFormat, type RunningServer } from '../support/servers/index.js';
import { resolveServerField, serverTypeDefs, subscribeServerField } from '../support/servers/serverSchema.js';

const fieldResolver = resolveServerField as GraphQLFieldResolver<unknown, unknown>;
const subscribeFieldResolver = subscribeServerField as GraphQLFieldResolver<unknown, unknown>;

const plainSchema = buildSchema(serverTypeDefs);

const schema = new GraphQLSchema({
  ...plainSchema.toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

/** The README's `executeAsIterable`, and the same for the 2022 format (`legacyExecuteIncrementally`). */
function executeAsPayloads(format: IncrementalFormat) {
  if (format === 'current') return (args: ExecutionArgs) => executeAsIterable({ ...args, fieldResolver });
  return async (args: ExecutionArgs) => {
    const result = await legacyExecuteIncrementally({ ...args, fieldResolver });
    if (!('initialResult' in result)) return result;
    return (async function* () {
      yield result.initialResult;
      yield* result.subsequentResults;
    })();
  };
}

function subscribeWithResolvers(args: ExecutionArgs) {
  return subscribe({ ...args, fieldResolver, subscribeFieldResolver });
}

/** Options of the recipe servers. */
export interface RecipeServerOptions {
  /** The executor: `'current'` (`experimentalExecuteIncrementally`) or `'legacy'` (2022 format). */
  readonly format: IncrementalFormat;
}

/**
 * Starts a graphql-ws server (`useServer` over a `ws` WebSocketServer) on 127.0.0.1.
 *
 * @returns The running server; `url` is its `ws://…/graphql` endpoint.
 */
export async function startGraphqlWsServer({ format }: RecipeServerOptions): Promise<RunningServer> {
  const server = createServer();
  const sockets = new WebSocketServer({ server, path: GRAPHQL_PATH });
  const graphqlWs = useServer({ schema, execute: executeAsPayloads(format), subscribe: subscribeWithResolvers }, sockets);
  const running = await listenOnLoopback(server, async () => {
    await graphqlWs.dispose();
  });
  return { url: running.url.replace(/^http:/, 'ws:'), close: running.close };
}

/**
 * Starts a graphql-sse server (`createHandler` from `graphql-sse/lib/use/http` on `node:http`) on
 * 127.0.0.1; clients use its distinct connections mode (one request per operation).
 *
 * @returns The running server; `url` is its `/graphql` endpoint.
 */
export function startGraphqlSseServer({ format }: RecipeServerOptions): Promise<RunningServer> {
  const handler = createHandler({ schema, execute: executeAsPayloads(format), subscribe: subscribeWithResolvers });
  const server = createServer((request, response) => {
    if (new URL(request.url ?? '/', 'http://127.0.0.1').pathname !== GRAPHQL_PATH) {
      response.writeHead(404).end();
      return;
    }
    handler(request, response).catch((error: unknown) => response.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  return listenOnLoopback(server);
}

/**
 * The oracle for operations on the server schema (`wait`, `ticks`, subscriptions aside): graphql@17.1.0
 * `execute()` of the operation without `@defer`/`@stream`, on a schema that does not declare them.
 *
 * @returns The single result, as JSON.
 */
export async function executePlainOnServerSchema(operation: OperationInput): Promise<WirePayload> {
  const document = stripIncrementalDirectives(parse(operation.query));
  // Stripping `@defer(if: $on)` can leave `$on` unused.
  const errors = validate(plainSchema, document, specifiedRules.filter((rule) => rule !== NoUnusedVariablesRule));
  if (errors.length > 0) throw new Error(`invalid operation: ${errors.map((error) => error.message).join('\n')}`);
  const result = await execute({ schema: plainSchema, document, variableValues: operation.variables ?? {}, fieldResolver });
  return JSON.parse(JSON.stringify(result)) as WirePayload;
}
