/**
 * A server that records every request exactly as it arrived (method, URL, raw header names and values,
 * body bytes) and answers it with whatever the test says: a canned response, or the real graphql-js
 * server behind it. Differential tests send the same operation through two clients and compare the
 * recordings.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, type RunningServer } from './runningServer.js';

/** One request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query string, e.g. `/graphql?query=…`. */
  readonly url: string;
  /** Node's `rawHeaders`: names in the case the client sent, in order, alternating with values. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** Answers one recorded request. */
export type Responder = (request: RecordedRequest, response: ServerResponse) => Promise<void> | void;

/** A {@link RunningServer} that records requests. */
export interface RecordingServer extends RunningServer {
  /** Every request since the last {@link RecordingServer.respondWith}, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Clears the recording and answers the following requests with `responder`. */
  respondWith(responder: Responder): void;
}

/** The GraphQL request inside a recorded GET or POST request. */
export interface GraphqlParams {
  readonly query?: string;
  readonly variables?: unknown;
  readonly operationName?: string;
  readonly extensions?: { readonly persistedQuery?: { readonly sha256Hash?: string } } & Record<string, unknown>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Starts a recording server on 127.0.0.1; until told otherwise it answers 503.
 *
 * @returns The server; its `url` ends in `/graphql`.
 */
export async function startRecordingServer(): Promise<RecordingServer> {
  let requests: RecordedRequest[] = [];
  let responder: Responder = (_request, response) => {
    response.writeHead(503).end('no responder');
  };
  const server = createServer({ noDelay: true }, (incoming, response) => {
    readBody(incoming)
      .then(async (body) => {
        const request = { method: incoming.method ?? '', url: incoming.url ?? '', rawHeaders: incoming.rawHeaders, body };
        requests.push(request);
        await responder(request, response);
      })
      .catch((error: unknown) => {
        if (response.headersSent) response.destroy();
        else response.writeHead(500, { 'content-type': 'text/plain' }).end(`recording server: ${String(error)}`);
      });
  });
  const running = await listenOnLoopback(server);
  return {
    ...running,
    get requests() {
      return requests;
    },
    respondWith(next) {
      requests = [];
      responder = next;
    },
  };
}

/**
 * Reads the GraphQL request from a GET query string or a JSON POST body (`{}` when there is none).
 *
 * @param request A recorded request.
 * @returns Its `query`, `variables`, `operationName` and `extensions`, as sent.
 */
export function readGraphqlParams(request: RecordedRequest): GraphqlParams {
  if (request.method !== 'GET') return request.body.length === 0 ? {} : (JSON.parse(request.body.toString('utf8')) as GraphqlParams);
  const search = new URL(request.url, 'http://127.0.0.1').searchParams;
  const json = (name: string): unknown => {
    const value = search.get(name);
    return value === null ? undefined : JSON.parse(value);
  };
  return {
    ...(search.has('query') ? { query: search.get('query') ?? '' } : {}),
    ...(search.has('variables') ? { variables: json('variables') } : {}),
    ...(search.has('operationName') ? { operationName: search.get('operationName') ?? '' } : {}),
    ...(search.has('extensions') ? { extensions: json('extensions') as NonNullable<GraphqlParams['extensions']> } : {}),
  };
}

/**
 * The first value of a request header.
 *
 * @param name The header name, lower-case.
 */
export function headerOf(request: RecordedRequest, name: string): string | undefined {
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    if (request.rawHeaders[index]?.toLowerCase() === name) return request.rawHeaders[index + 1];
  }
  return undefined;
}

/**
 * A responder that runs the request on a real GraphQL server (e.g. `startGraphqlJsServer()`): GET or POST
 * alike, it is forwarded as a JSON POST with the client's `Accept`, and the answer is streamed back
 * chunk by chunk with its status and `Content-Type`.
 *
 * @param upstreamUrl The GraphQL endpoint that executes.
 * @param params The request to run; by default the one recorded.
 */
export function forwardTo(upstreamUrl: string, params?: (request: RecordedRequest) => GraphqlParams): Responder {
  return async (request, response) => {
    const upstream = await fetch(upstreamUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: headerOf(request, 'accept') ?? 'application/json' },
      body: JSON.stringify(params?.(request) ?? readGraphqlParams(request)),
    });
    response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
    if (upstream.body !== null) for await (const chunk of upstream.body) response.write(chunk);
    response.end();
  };
}

/**
 * A responder that answers every request with the same status, headers and body.
 *
 * @param status The HTTP status.
 * @param contentType The `Content-Type` header.
 * @param body The body: a string as is, anything else as JSON.
 */
export function reply(status: number, contentType: string, body: unknown): Responder {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (_request, response) => {
    response.writeHead(status, { 'content-type': contentType }).end(text);
  };
}

/**
 * A responder with Automatic Persisted Queries like Apollo Server's: a request that carries only
 * `extensions.persistedQuery.sha256Hash` runs the query stored under that hash, or, for an unknown hash,
 * gets `PersistedQueryNotFound` (status 200, as Apollo Server answers); a request with the query stores
 * it. Execution is forwarded to `upstreamUrl`.
 *
 * @param upstreamUrl The GraphQL endpoint that executes.
 */
export function persistedQueries(upstreamUrl: string): Responder {
  const queries = new Map<string, string>();
  return (request, response) => {
    const params = readGraphqlParams(request);
    const hash = params.extensions?.persistedQuery?.sha256Hash;
    const query = params.query ?? (hash === undefined ? undefined : queries.get(hash));
    if (query === undefined) {
      const notFound = { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }] };
      return reply(200, 'application/json', notFound)(request, response);
    }
    if (hash !== undefined) queries.set(hash, query);
    return forwardTo(upstreamUrl, () => ({ ...params, query }))(request, response);
  };
}
