/**
 * Sends one GraphQL request with `node:http` (not `fetch`: we want the raw bytes, every response
 * header as sent, and when each network chunk arrived) and collects the response. Used by the
 * recording script and by the server tests; the reader package is deliberately not involved.
 */
import { request as httpRequest } from 'node:http';

/** A GraphQL request body. */
export interface GraphqlRequestBody {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
  readonly operationName?: string;
}

/** One network chunk as it arrived. */
export interface ReceivedChunk {
  readonly bytes: Buffer;
  /** Milliseconds since the request was sent. */
  readonly atMs: number;
}

/** A complete (or cut-off) response. */
export interface CapturedResponse {
  readonly status: number;
  /** Header names lower-cased; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly chunks: readonly ReceivedChunk[];
  /** Set when the connection failed before the body ended (e.g. the server destroyed it). */
  readonly error?: Error;
}

/** Options of {@link captureResponse}. */
export interface CaptureOptions {
  /** Request headers; `content-type: application/json` is added for POST. */
  readonly headers?: Readonly<Record<string, string>>;
  /** `'GET'` sends the operation in the query string. Default `'POST'`. */
  readonly method?: 'GET' | 'POST';
  /** Gives up (destroying the request) after this many ms; the result then has `error` set. Default 5000. */
  readonly timeoutMs?: number;
  /** Called for every chunk as it arrives; return `true` to disconnect now (the result has no `error`). */
  readonly onChunk?: (chunk: ReceivedChunk, soFar: Buffer) => unknown;
}

/**
 * Sends `body` to `url` and collects the response.
 *
 * @returns The response; never rejects for a status code or a cut-off body (see `error`).
 * @throws Only when no response head arrives at all (connection refused, timeout before headers).
 */
export function captureResponse(url: string, body: GraphqlRequestBody, options: CaptureOptions = {}): Promise<CapturedResponse> {
  const method = options.method ?? 'POST';
  const target = new URL(url);
  if (method === 'GET') {
    target.searchParams.set('query', body.query);
    if (body.variables !== undefined) target.searchParams.set('variables', JSON.stringify(body.variables));
    if (body.operationName !== undefined) target.searchParams.set('operationName', body.operationName);
  }
  const payload = method === 'POST' ? JSON.stringify(body) : undefined;
  const headers: Record<string, string> = { ...options.headers };
  if (payload !== undefined) headers['content-type'] ??= 'application/json';
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // Set once the response head has arrived: from then on, failures resolve with `error`.
    let finishResponse: ((error?: Error) => void) | undefined;
    const request = httpRequest(target, { method, headers, agent: false }, (response) => {
      const chunks: ReceivedChunk[] = [];
      const responseHeaders: Record<string, string> = {};
      for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
        const name = response.rawHeaders[index]!.toLowerCase();
        const value = response.rawHeaders[index + 1]!;
        responseHeaders[name] = name in responseHeaders ? `${responseHeaders[name]}, ${value}` : value;
      }
      let settled = false;
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          status: response.statusCode ?? 0,
          headers: responseHeaders,
          body: Buffer.concat(chunks.map((chunk) => chunk.bytes)),
          chunks,
          ...(error === undefined ? {} : { error }),
        });
      };
      finishResponse = finish;
      response.on('data', (bytes: Buffer) => {
        const chunk = { bytes, atMs: performance.now() - started };
        chunks.push(chunk);
        if (options.onChunk?.(chunk, Buffer.concat(chunks.map((each) => each.bytes))) === true) {
          finish();
          request.destroy();
        }
      });
      response.on('end', () => finish());
      response.on('error', (error) => finish(error));
      response.on('close', () => finish(response.complete ? undefined : new Error('connection closed before the body ended')));
    });
    const timeoutMs = options.timeoutMs ?? 5000;
    const timer = setTimeout(() => {
      const error = new Error(`no complete response within ${timeoutMs} ms`);
      finishResponse?.(error);
      request.destroy(error);
    }, timeoutMs);
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(payload);
  });
}
