/**
 * A server that replays a valid multipart response recorded from our graphql-js server and breaks it
 * on purpose, for the client's failure tests. Every request gets the same replay, whatever it asks;
 * the fault comes from the URL (`faultUrl(server.url, fault)`) or else from the server's option.
 *
 * The replayed body is byte-for-byte the recording (RFC framing, boundary `-`, each part written as
 * one chunk ending with its delimiter line, as Apollo Server writes it), so "N parts" below means N
 * complete, delimiter-terminated parts have been written.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { frameParts } from './multipartFraming.js';
import { loadRecording, recordedBody, type Recording } from './recording.js';
import { listenOnLoopback, type RunningServer } from './runningServer.js';
import { boundaryOf, splitMultipartBody } from './splitBody.js';

/** The faults {@link startFaultServer} can inject. */
export type Fault =
  /** The recording, unchanged. */
  | { readonly kind: 'none' }
  /** `afterParts` parts, then the first half of the next part, then the connection is destroyed. */
  | { readonly kind: 'close-mid-part'; readonly afterParts: number }
  /** `afterParts` parts, then nothing: the response never ends (until the client gives up or `close()`). */
  | { readonly kind: 'stall'; readonly afterParts: number }
  /** A 500 before any streaming, with a JSON `{errors}` body or a plain-text body. */
  | { readonly kind: 'status-500'; readonly body: 'json' | 'text' }
  /** `afterParts` parts, then an HTML error page (as a failing proxy appends), then a clean end. */
  | { readonly kind: 'html-halfway'; readonly afterParts: number }
  /** `afterParts` parts, then bytes that are not multipart at all, then a clean end. */
  | { readonly kind: 'garbage-after-parts'; readonly afterParts: number }
  /** The whole valid body, then trailing text after the close delimiter (an epilogue: must be ignored). */
  | { readonly kind: 'epilogue' }
  /** `afterParts` parts, then a valid part whose body is exactly `bytes` bytes of JSON, then the rest. */
  | { readonly kind: 'oversized-part'; readonly afterParts: number; readonly bytes: number }
  /** Part `partIndex` (0-based) has a body that is not JSON. */
  | { readonly kind: 'invalid-json'; readonly partIndex: number }
  /** The valid body under a response Content-Type that is not multipart (e.g. `text/html`). */
  | { readonly kind: 'wrong-content-type'; readonly contentType: string }
  /** Part `partIndex` (0-based) declares a part Content-Type that is not JSON. */
  | { readonly kind: 'wrong-part-content-type'; readonly partIndex: number; readonly contentType: string }
  /** `afterParts` parts (the last still `hasNext: true`), then a clean end without close delimiter. */
  | { readonly kind: 'premature-end'; readonly afterParts: number }
  /** Every part (the last with `hasNext: false`) but no close delimiter, then a clean end (valid). */
  | { readonly kind: 'no-close-delimiter' };

/** The kinds of {@link Fault}. */
export type FaultKind = Fault['kind'];

/** Options of {@link startFaultServer}. */
export interface FaultServerOptions {
  /** The fault for requests whose URL names none. Default `{ kind: 'none' }`. */
  readonly fault?: Fault;
  /** The recording to replay (name in `test/fixtures/recorded`). Default {@link DEFAULT_FAULT_RECORDING}. */
  readonly recording?: string;
  /** Split every write into pieces of at most this many bytes (a live "every chunking" test). Default: no split. */
  readonly chunkSize?: number;
  /** Wait this many ms between writes (and between pieces). Default 0 (still one event-loop turn apart). */
  readonly writeDelayMs?: number;
}

/** A graphql-js current-format recording with five parts (defer + async stream). */
export const DEFAULT_FAULT_RECORDING = 'graphql-js-current-multipart-async-stream';

/** The HTML page `html-halfway` appends, as a misbehaving proxy would. */
export const HTML_ERROR_PAGE =
  '<!DOCTYPE html>\r\n<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>\r\n';

/** The bytes `garbage-after-parts` appends: NUL, invalid UTF-8, and text that mimics nothing. */
export const GARBAGE = Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x0d, 0x0a]), Buffer.from('%%garbage%% not a part\r\n')]);

/** The text `epilogue` appends after the close delimiter. */
export const EPILOGUE = 'This epilogue is not a part and must be ignored.\r\n';

/**
 * Builds the URL that asks a fault server for `fault`.
 *
 * @example captureResponse(faultUrl(server.url, { kind: 'stall', afterParts: 1 }), body)
 */
export function faultUrl(baseUrl: string, fault: Fault): string {
  const url = new URL(baseUrl);
  for (const [name, value] of Object.entries(fault)) url.searchParams.set(name === 'kind' ? 'fault' : name, String(value));
  return url.href;
}

function integerParameter(url: URL, name: string): number {
  const value = Number(url.searchParams.get(name));
  if (!Number.isInteger(value) || value < 0) throw new Error(`fault parameter ${name} must be a non-negative integer`);
  return value;
}

function stringParameter(url: URL, name: string): string {
  const value = url.searchParams.get(name);
  if (value === null) throw new Error(`fault parameter ${name} is missing`);
  return value;
}

function faultFromUrl(url: URL): Fault | undefined {
  const kind = url.searchParams.get('fault');
  switch (kind) {
    case null:
      return undefined;
    case 'none':
    case 'epilogue':
    case 'no-close-delimiter':
      return { kind };
    case 'close-mid-part':
    case 'stall':
    case 'html-halfway':
    case 'garbage-after-parts':
    case 'premature-end':
      return { kind, afterParts: integerParameter(url, 'afterParts') };
    case 'status-500': {
      const body = stringParameter(url, 'body');
      if (body !== 'json' && body !== 'text') throw new Error('status-500 body must be json or text');
      return { kind, body };
    }
    case 'oversized-part':
      return { kind, afterParts: integerParameter(url, 'afterParts'), bytes: integerParameter(url, 'bytes') };
    case 'invalid-json':
      return { kind, partIndex: integerParameter(url, 'partIndex') };
    case 'wrong-content-type':
      return { kind, contentType: stringParameter(url, 'contentType') };
    case 'wrong-part-content-type':
      return { kind, partIndex: integerParameter(url, 'partIndex'), contentType: stringParameter(url, 'contentType') };
    default:
      throw new Error(`unknown fault ${kind}`);
  }
}

/** A replayable recording: its part bodies and its writes (one per part). */
interface Replay {
  readonly contentType: string;
  readonly bodies: readonly string[];
  readonly writes: readonly string[];
}

/**
 * Prepares a recording for replay. Only RFC-framed recordings of our graphql-js server qualify: the
 * body is re-framed from its parts and must come out byte-identical, which proves the replay is exact.
 */
function prepareReplay(recording: Recording): Replay {
  const contentType = recording.headers['content-type'] ?? '';
  const body = recordedBody(recording).toString('utf8');
  const { parts, closed } = splitMultipartBody(body, boundaryOf(contentType));
  const bodies = parts.map((part) => part.body);
  const writes = frameParts('rfc', bodies);
  if (!closed || writes.join('') !== body) throw new Error(`${recording.name} is not an RFC-framed recording; the fault server cannot replay it`);
  return { contentType, bodies, writes };
}

/** An oversized but valid payload: `{"hasNext":true,"extensions":{"padding":"xxx…"}}` of exactly `bytes` bytes. */
function paddedPayload(bytes: number): string {
  const empty = JSON.stringify({ hasNext: true, extensions: { padding: '' } });
  return JSON.stringify({ hasNext: true, extensions: { padding: 'x'.repeat(Math.max(0, bytes - empty.length)) } });
}

/**
 * Rejects a fault the recording cannot carry (before any byte is sent).
 *
 * @throws When a part index or count is out of range.
 */
function validateFault(fault: Fault, replay: Replay): void {
  const count = replay.bodies.length;
  const check = (ok: boolean, what: string): void => {
    if (!ok) throw new Error(`${fault.kind}: ${what} is out of range; the recording has ${count} parts`);
  };
  switch (fault.kind) {
    case 'stall':
    case 'html-halfway':
    case 'garbage-after-parts':
    case 'premature-end':
      return check(fault.afterParts <= count, 'afterParts');
    case 'close-mid-part':
    case 'oversized-part':
      return check(fault.afterParts < count, 'afterParts');
    case 'invalid-json':
    case 'wrong-part-content-type':
      return check(fault.partIndex < count, 'partIndex');
    default:
      return;
  }
}

async function writeAll(response: ServerResponse, writes: readonly (string | Buffer)[], options: FaultServerOptions): Promise<void> {
  for (const write of writes) {
    const bytes = typeof write === 'string' ? Buffer.from(write, 'utf8') : write;
    const size = options.chunkSize ?? bytes.length;
    for (let offset = 0; offset < bytes.length; offset += Math.max(1, size)) {
      if (response.destroyed) return;
      response.write(bytes.subarray(offset, offset + Math.max(1, size)));
      // One event-loop turn at least, so that writes reach the socket as separate chunks.
      await sleep(options.writeDelayMs ?? 0);
    }
  }
}

async function serve(fault: Fault, replay: Replay, response: ServerResponse, options: FaultServerOptions): Promise<void> {
  const headers = { 'content-type': replay.contentType, 'cache-control': 'no-cache' };
  switch (fault.kind) {
    case 'status-500':
      if (fault.body === 'json') {
        response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ errors: [{ message: 'Internal server error (injected)' }] }));
      } else {
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        response.end('Internal Server Error (injected)\n');
      }
      return;
    case 'wrong-content-type':
      response.writeHead(200, { ...headers, 'content-type': fault.contentType });
      await writeAll(response, replay.writes, options);
      response.end();
      return;
    default:
      break;
  }
  response.writeHead(200, headers);
  switch (fault.kind) {
    case 'none':
      await writeAll(response, replay.writes, options);
      response.end();
      return;
    case 'epilogue':
      await writeAll(response, [...replay.writes, EPILOGUE], options);
      response.end();
      return;
    case 'no-close-delimiter': {
      // The last write is `{…hasNext:false}\r\n-----\r\n`; drop the close delimiter only.
      const writes = [...replay.writes];
      writes[writes.length - 1] = writes.at(-1)!.replace(/\r\n-----\r\n$/, '');
      await writeAll(response, writes, options);
      response.end();
      return;
    }
    case 'premature-end':
      await writeAll(response, replay.writes.slice(0, fault.afterParts), options);
      response.end();
      return;
    case 'close-mid-part': {
      const next = Buffer.from(replay.writes[fault.afterParts]!, 'utf8');
      await writeAll(response, [...replay.writes.slice(0, fault.afterParts), next.subarray(0, Math.floor(next.length / 2))], options);
      // Let the bytes leave before the connection goes (destroy discards what is still buffered).
      await new Promise<void>((resolve) => (response.writableNeedDrain ? response.once('drain', resolve) : setImmediate(resolve)));
      response.socket?.destroy();
      return;
    }
    case 'stall':
      await writeAll(response, replay.writes.slice(0, fault.afterParts), options);
      // Nothing more, ever; no timer is kept either, so the test process can still exit.
      return;
    case 'html-halfway':
      await writeAll(response, [...replay.writes.slice(0, fault.afterParts), HTML_ERROR_PAGE], options);
      response.end();
      return;
    case 'garbage-after-parts':
      await writeAll(response, [...replay.writes.slice(0, fault.afterParts), GARBAGE], options);
      response.end();
      return;
    case 'oversized-part': {
      // A middle part like the others (framed by the same writer), inserted before part `afterParts`.
      const bodies = [...replay.bodies];
      bodies.splice(fault.afterParts, 0, paddedPayload(fault.bytes));
      await writeAll(response, frameParts('rfc', bodies), options);
      response.end();
      return;
    }
    case 'invalid-json': {
      // A trailing comma: almost JSON, the way a truncating or buggy serializer would fail.
      const bodies = replay.bodies.map((body, index) => (index === fault.partIndex ? `${body.slice(0, -1)},}` : body));
      await writeAll(response, frameParts('rfc', bodies), options);
      response.end();
      return;
    }
    case 'wrong-part-content-type': {
      const writes = replay.writes.map((write, index) =>
        index === fault.partIndex ? write.replace('Content-Type: application/json; charset=utf-8', `Content-Type: ${fault.contentType}`) : write,
      );
      await writeAll(response, writes, options);
      response.end();
      return;
    }
  }
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const _chunk of request) {
    // The request does not matter: every request gets the replay.
  }
}

/**
 * Starts the fault server on 127.0.0.1 (ephemeral port).
 *
 * @param options The default fault, the recording to replay, and write pacing.
 * @returns The running server. `close()` also ends stalled responses.
 * @throws When the recording is not an RFC-framed graphql-js recording.
 * @example
 * const server = await startFaultServer();
 * const response = await fetch(faultUrl(server.url, { kind: 'close-mid-part', afterParts: 2 }), { method: 'POST', body: '{}' });
 */
export async function startFaultServer(options: FaultServerOptions = {}): Promise<RunningServer> {
  const replay = prepareReplay(loadRecording(options.recording ?? DEFAULT_FAULT_RECORDING));
  if (options.fault !== undefined) validateFault(options.fault, replay);
  const server = createServer({ noDelay: true }, (request, response) => {
    void (async () => {
      let fault: Fault;
      try {
        fault = faultFromUrl(new URL(request.url ?? '/', 'http://127.0.0.1')) ?? options.fault ?? { kind: 'none' };
        validateFault(fault, replay);
        await drain(request);
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(error instanceof Error ? error.message : String(error));
        return;
      }
      await serve(fault, replay, response, options);
    })().catch(() => response.destroy());
  });
  return listenOnLoopback(server);
}
