/**
 * Our own small GraphQL-over-HTTP server on graphql@17.1.0: the reference the end-to-end tests read
 * every format and every framing from, over a live socket.
 *
 * - `POST` JSON `{query, variables, operationName}` or `GET ?query=…&variables=…` (queries only).
 * - `Accept` negotiation like Apollo Server 5 (see `./negotiate.ts`):
 *   `multipart/mixed;incrementalSpec=v0.2` → `experimentalExecuteIncrementally` (current format),
 *   `multipart/mixed;deferSpec=20220824` → `legacyExecuteIncrementally` (2022 format), a plain
 *   `multipart/mixed` → `defaultFormat`; `text/event-stream` → SSE; an incremental result the client
 *   cannot take (JSON-only `Accept`) → 406.
 * - A single result is answered as JSON (as a one-part multipart body or one SSE event when the client
 *   accepts no JSON, like Yoga).
 * - Subscriptions: Apollo's multipart subscription protocol (`subscriptionSpec=1.0`) or SSE.
 * - Every payload is written as soon as the executor yields it; when the client disconnects, the
 *   execution is aborted (`abortSignal`) and the payload iterator returned.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  buildSchema,
  experimentalExecuteIncrementally,
  getOperationAST,
  GraphQLDeferDirective,
  GraphQLError,
  GraphQLSchema,
  GraphQLStreamDirective,
  legacyExecuteIncrementally,
  parse,
  specifiedDirectives,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldResolver,
} from 'graphql';
import { createMultipartWriter, type FramingName } from './multipartFraming.js';
import { FORMAT_PARAMETERS, negotiate, type IncrementalFormat, type Negotiation } from './negotiate.js';
import { GRAPHQL_PATH, listenOnLoopback, type RunningServer } from './runningServer.js';
import { resolveServerField, serverTypeDefs, subscribeServerField } from './serverSchema.js';

/** Options of {@link startGraphqlJsServer}. */
export interface GraphqlJsServerOptions {
  /** Format for `multipart/mixed` without `incrementalSpec`/`deferSpec`, and for SSE. Default `'current'`. */
  readonly defaultFormat?: IncrementalFormat;
  /** Send this format whatever the `Accept` parameters say. */
  readonly format?: IncrementalFormat;
  /** Framing of incremental multipart responses (`./multipartFraming.ts`). Default `'rfc'`. */
  readonly framing?: FramingName;
  /** Framing of multipart subscription responses. Default `'router'` (boundary `graphql`, like Apollo Router). */
  readonly subscriptionFraming?: FramingName;
  /**
   * Whether the response `Content-Type` names the format (`; incrementalSpec=v0.2` or
   * `; deferSpec=20220824`) as Apollo Server and Router do. Default `true`; `false` is Yoga-like.
   */
  readonly echoFormatParameter?: boolean;
  /** Interval of `{}` heartbeat parts in multipart subscriptions, in ms. Default 5000 (Router); 0 = none. */
  readonly heartbeatIntervalMs?: number;
  /** Line ending of SSE responses. Default `'\n'` (Yoga); `'\r\n'` is Strawberry-like. */
  readonly sseLineEnding?: '\n' | '\r\n';
}

/** A GraphQL request as received. */
interface GraphqlParams {
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
  readonly operationName: string | undefined;
}

/** An HTTP-level failure before any streaming starts, answered as JSON `{errors}`. */
class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 1 << 20;

const schema = new GraphQLSchema({
  ...buildSchema(serverTypeDefs).toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

const fieldResolver = resolveServerField as GraphQLFieldResolver<unknown, unknown>;
const subscribeFieldResolver = subscribeServerField as GraphQLFieldResolver<unknown, unknown>;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new RequestError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RequestError(400, `${what} is not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RequestError(400, `${what} must be a JSON object`);
  return value as Record<string, unknown>;
}

function toParams(raw: Record<string, unknown>): GraphqlParams {
  const { query, variables, operationName } = raw;
  if (typeof query !== 'string') throw new RequestError(400, 'query must be a string');
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
    throw new RequestError(400, 'variables must be an object');
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw new RequestError(400, 'operationName must be a string');
  }
  return {
    query,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: operationName ?? undefined,
  };
}

async function readParams(request: IncomingMessage, url: URL): Promise<GraphqlParams> {
  if (request.method === 'GET') {
    const variables = url.searchParams.get('variables');
    return toParams({
      query: url.searchParams.get('query') ?? undefined,
      variables: variables === null ? undefined : parseJsonObject(variables, 'variables'),
      operationName: url.searchParams.get('operationName') ?? undefined,
    });
  }
  if (request.method === 'POST') {
    const contentType = request.headers['content-type'] ?? '';
    if (!/^application\/(graphql-response\+)?json\b/i.test(contentType) && !/^application\/json/i.test(contentType)) {
      throw new RequestError(415, `expected Content-Type application/json, got ${contentType || 'none'}`);
    }
    return toParams(parseJsonObject(await readBody(request), 'request body'));
  }
  throw new RequestError(405, `method ${request.method ?? '?'} not allowed`, { allow: 'GET, POST' });
}

function sendJson(response: ServerResponse, status: number, contentType: string, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  response.writeHead(status, { ...headers, 'content-type': `${contentType}; charset=utf-8`, 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function errorBody(message: string): { errors: { message: string }[] } {
  return { errors: [{ message }] };
}

type Executed = ExecutionResult | { readonly initialResult: { readonly hasNext: boolean }; readonly subsequentResults: AsyncGenerator<{ readonly hasNext: boolean }, void, void> };

function isIncremental(result: Executed): result is Exclude<Executed, ExecutionResult> {
  return 'initialResult' in result;
}

/** Resolved options. */
interface Settings {
  readonly defaultFormat: IncrementalFormat;
  readonly format: IncrementalFormat | undefined;
  readonly framing: FramingName;
  readonly subscriptionFraming: FramingName;
  readonly echoFormatParameter: boolean;
  readonly heartbeatIntervalMs: number;
  readonly sseLineEnding: '\n' | '\r\n';
}

/**
 * Writes payloads as the negotiated stream, each as soon as it exists; stops as soon as the client is
 * gone. Apollo multipart subscriptions wrap each event in `{payload}` and interleave `{}` heartbeats.
 *
 * @param first The initial payload (`undefined` for subscriptions, whose events all come from `rest`).
 * @param rest The later payloads.
 */
async function writeStream(
  response: ServerResponse,
  settings: Settings,
  choice: NonNullable<Negotiation['streaming']>,
  first: unknown,
  rest: AsyncIterator<unknown>,
  isClientGone: () => boolean,
): Promise<void> {
  if (choice.transport === 'sse') {
    const eol = settings.sseLineEnding;
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const event = (payload: unknown): string => `event: next${eol}data: ${JSON.stringify(payload)}${eol}${eol}`;
    if (first !== undefined) response.write(event(first));
    for (let step = await rest.next(); step.done !== true && !isClientGone(); step = await rest.next()) {
      response.write(event(step.value));
    }
    response.end(`event: complete${eol}data:${eol}${eol}`);
    return;
  }
  if (choice.transport === 'multipart-subscription') {
    const writer = createMultipartWriter(settings.subscriptionFraming);
    response.writeHead(200, { 'content-type': writer.contentType(['subscriptionSpec=1.0']), 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
    response.write(writer.begin());
    const heartbeat =
      settings.heartbeatIntervalMs > 0 ? setInterval(() => response.write(writer.part('{}', false)), settings.heartbeatIntervalMs) : undefined;
    try {
      for (let step = await rest.next(); step.done !== true && !isClientGone(); step = await rest.next()) {
        response.write(writer.part(JSON.stringify({ payload: step.value }), false));
      }
    } catch (error) {
      // The source stream failed mid-way: Apollo's fatal transport error, then the close delimiter.
      const message = error instanceof Error ? error.message : String(error);
      if (!isClientGone()) response.write(writer.part(JSON.stringify({ payload: null, errors: [{ message }] }), false));
    } finally {
      clearInterval(heartbeat);
    }
    response.end(writer.end());
    return;
  }
  const writer = createMultipartWriter(settings.framing);
  const parameters = settings.echoFormatParameter ? [FORMAT_PARAMETERS[choice.format]] : [];
  response.writeHead(200, { 'content-type': writer.contentType(parameters), 'cache-control': 'no-cache', 'x-accel-buffering': 'no' });
  response.write(writer.begin());
  const isLast = (payload: unknown): boolean => (payload as { hasNext?: unknown }).hasNext !== true;
  response.write(writer.part(JSON.stringify(first), isLast(first)));
  for (let step = await rest.next(); step.done !== true && !isClientGone(); step = await rest.next()) {
    response.write(writer.part(JSON.stringify(step.value), isLast(step.value)));
  }
  response.end(writer.end());
}

function emptyIterator(): AsyncIterator<unknown> {
  return { next: async () => ({ done: true, value: undefined }) };
}

async function handle(request: IncomingMessage, response: ServerResponse, settings: Settings): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== GRAPHQL_PATH) throw new RequestError(404, `no GraphQL endpoint at ${url.pathname}; use ${GRAPHQL_PATH}`);
  const params = await readParams(request, url);

  let document: DocumentNode;
  try {
    document = parse(params.query);
  } catch (error) {
    if (error instanceof GraphQLError) return sendJson(response, 400, 'application/json', { errors: [error.toJSON()] });
    throw error;
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length > 0) {
    return sendJson(response, 400, 'application/json', { errors: validationErrors.map((error) => error.toJSON()) });
  }
  const operation = getOperationAST(document, params.operationName);
  if (operation === null || operation === undefined) throw new RequestError(400, 'could not determine which operation to run');
  if (request.method === 'GET' && operation.operation !== 'query') {
    throw new RequestError(405, `${operation.operation} operations need POST`, { allow: 'POST' });
  }

  const isSubscription = operation.operation === 'subscription';
  const negotiation = negotiate(request.headers.accept, isSubscription, settings.defaultFormat);
  const streaming =
    negotiation.streaming?.transport === 'multipart' && settings.format !== undefined
      ? { transport: 'multipart' as const, format: settings.format }
      : negotiation.streaming;

  // Abort the execution when the client goes away before the response is complete.
  const abortController = new AbortController();
  const onClose = (): void => {
    if (!response.writableFinished) abortController.abort(new Error('client disconnected'));
  };
  response.on('close', onClose);
  const isClientGone = (): boolean => abortController.signal.aborted;

  const args: ExecutionArgs = {
    schema,
    document,
    variableValues: params.variables,
    operationName: params.operationName,
    fieldResolver,
    subscribeFieldResolver,
    abortSignal: abortController.signal,
  };

  if (isSubscription) {
    if (streaming === undefined) {
      throw new RequestError(
        406,
        'subscriptions need Accept: multipart/mixed;subscriptionSpec=1.0 (Apollo multipart subscriptions) or text/event-stream',
      );
    }
    const events = await subscribe(args);
    if (!(Symbol.asyncIterator in events)) {
      return sendJson(response, 200, negotiation.json ?? 'application/json', events);
    }
    try {
      await writeStream(response, settings, streaming, undefined, events, isClientGone);
    } finally {
      await events.return();
    }
    return;
  }

  const format = streaming?.transport === 'multipart' ? streaming.format : (settings.format ?? settings.defaultFormat);
  const execute = format === 'legacy' ? legacyExecuteIncrementally : experimentalExecuteIncrementally;
  const result = (await execute(args)) as Executed;

  if (!isIncremental(result)) {
    if (negotiation.json !== undefined) return sendJson(response, 200, negotiation.json, result);
    if (streaming !== undefined && streaming.transport !== 'multipart-subscription') {
      // No JSON accepted: one part (or one event) without hasNext, like Yoga.
      return writeStream(response, settings, streaming, result, emptyIterator(), isClientGone);
    }
    throw new RequestError(406, 'the Accept header allows neither JSON nor multipart/mixed nor text/event-stream');
  }

  try {
    if (streaming === undefined || streaming.transport === 'multipart-subscription') {
      throw new RequestError(
        406,
        'this operation uses @defer/@stream but the Accept header allows no incremental response: ' +
          `send Accept: multipart/mixed;${FORMAT_PARAMETERS.current} (current format) or multipart/mixed;${FORMAT_PARAMETERS.legacy} (2022 format), or text/event-stream`,
      );
    }
    await writeStream(response, settings, streaming, result.initialResult, result.subsequentResults, isClientGone);
  } finally {
    // Ends the execution if it is still running (406, or the client went away).
    abortController.abort(new Error('response finished'));
    await result.subsequentResults.return().catch(() => undefined);
  }
}

/**
 * Starts the graphql-js server on 127.0.0.1 (ephemeral port).
 *
 * @param options Format, framing and subscription settings; every one has a default.
 * @returns The running server; `url` is its `/graphql` endpoint.
 * @example
 * const server = await startGraphqlJsServer({ framing: 'yoga' });
 * const response = await fetch(server.url, {
 *   method: 'POST',
 *   headers: { 'content-type': 'application/json', accept: 'multipart/mixed;deferSpec=20220824, application/json' },
 *   body: JSON.stringify({ query: '{ hero { id ... @defer { name } } }' }),
 * });
 * await server.close();
 */
export async function startGraphqlJsServer(options: GraphqlJsServerOptions = {}): Promise<RunningServer> {
  const settings: Settings = {
    defaultFormat: options.defaultFormat ?? 'current',
    format: options.format,
    framing: options.framing ?? 'rfc',
    subscriptionFraming: options.subscriptionFraming ?? 'router',
    echoFormatParameter: options.echoFormatParameter ?? true,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 5000,
    sseLineEnding: options.sseLineEnding ?? '\n',
  };
  const server = createServer({ noDelay: true }, (request, response) => {
    handle(request, response, settings).catch((error: unknown) => {
      if (response.headersSent) {
        // Mid-stream failure: nothing sensible can be written any more.
        response.destroy(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (error instanceof RequestError) return sendJson(response, error.status, 'application/json', errorBody(error.message), error.headers);
      const message = error instanceof Error ? error.message : String(error);
      sendJson(response, 500, 'application/json', errorBody(`internal error: ${message}`));
    });
  });
  return listenOnLoopback(server);
}
