/**
 * A graphql-js 17 server for Relay's `@stream_connection`: it serves `./relaySchema.ts` (the shared
 * schema plus a connection), negotiates like the shared graphql-js server (`incrementalSpec=v0.2` →
 * `experimentalExecuteIncrementally`, `deferSpec=20220824` → `legacyExecuteIncrementally`) and writes
 * each payload as soon as it exists, in the RFC framing. Queries over POST only: everything else the
 * Relay tests need is served by `startGraphqlJsServer`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { experimentalExecuteIncrementally, legacyExecuteIncrementally, parse, validate, type ExecutionArgs } from 'graphql';
import { createMultipartWriter, FORMAT_PARAMETERS, listenOnLoopback, negotiate, type RunningServer } from '../../support/servers/index.js';
import { relayFieldResolver, relaySchema } from './relaySchema.js';

async function readJson(request: IncomingMessage): Promise<{ query: string; variables?: Record<string, unknown>; operationName?: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { query, variables, operationName } = await readJson(request);
  const document = parse(query);
  const errors = validate(relaySchema, document);
  if (errors.length > 0) {
    response.writeHead(400, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ errors }));
    return;
  }
  const { streaming } = negotiate(request.headers.accept, false, 'current');
  const format = streaming?.transport === 'multipart' ? streaming.format : 'current';
  const args: ExecutionArgs = { schema: relaySchema, document, variableValues: variables, operationName, fieldResolver: relayFieldResolver };
  const result = await (format === 'legacy' ? legacyExecuteIncrementally : experimentalExecuteIncrementally)(args);
  if (!('initialResult' in result)) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(result));
    return;
  }
  const writer = createMultipartWriter('rfc');
  response.writeHead(200, { 'content-type': writer.contentType([FORMAT_PARAMETERS[format]]) });
  response.write(writer.begin());
  response.write(writer.part(JSON.stringify(result.initialResult), false));
  for await (const payload of result.subsequentResults) response.write(writer.part(JSON.stringify(payload), !payload.hasNext));
  response.end(writer.end());
}

/**
 * Starts the connection server on 127.0.0.1 (ephemeral port).
 *
 * @returns The running server; `url` is its `/graphql` endpoint.
 */
export function startConnectionServer(): Promise<RunningServer> {
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => response.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  return listenOnLoopback(server);
}
