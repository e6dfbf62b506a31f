/**
 * The server of memory.bench.ts, run as a child process so that its buffers and garbage are not in
 * the measured process: an HTTP server on 127.0.0.1 that answers every request with `parts`
 * multipart parts, writing with backpressure (it waits for `drain`, as real servers do).
 *
 * The parts are 2022-format deferred data at the root, each replacing the same two fields, so the
 * merged result stays ~1 KB however many bytes go by. graphql-js sends no such sequence; it is the
 * smallest valid one whose merged result does not grow.
 *
 * IPC: sends `{ port }` once listening; `{ written }` every 50 ms while a response is being written,
 * and `{ written, done }` when it is complete (`done: false`: its client went away); exits when the
 * parent disconnects.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PAD, TITLE, type StreamingServerMessage } from './streamingParts.js';

const send = (message: StreamingServerMessage): void => void process.send?.(message);

function part(index: number, parts: number): string {
  const json =
    index === 0
      ? `{"data":{"title":"${TITLE}","n":0},"hasNext":true}`
      : `{"incremental":[{"data":{"pad":"${PAD}","n":${index}},"path":[]}],"hasNext":${index < parts - 1}}`;
  return `\r\n---\r\ncontent-type: application/json; charset=utf-8\r\n\r\n${json}`;
}

/** Waits for the socket to drain or close, leaving no listener behind. */
function drainOrClose(response: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      response.off('drain', done).off('close', done);
      resolve();
    };
    response.on('drain', done).on('close', done);
  });
}

async function stream(response: ServerResponse, parts: number, id: number): Promise<void> {
  response.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"; deferSpec=20220824' });
  let written = 0;
  let closed = false;
  response.once('close', () => (closed = true));
  // Parts are written in batches of 64 KB or so: one `write` per part would make the server the bottleneck.
  let buffer = '';
  const progress = setInterval(() => send({ id, written }), 50);
  for (let index = 0; index < parts && !closed; index += 1) {
    buffer += part(index, parts);
    if (buffer.length < 64 * 1024 && index < parts - 1) continue;
    written += buffer.length;
    const flushed = response.write(buffer);
    buffer = '';
    if (!flushed) await drainOrClose(response);
  }
  clearInterval(progress);
  if (!closed) response.end('\r\n-----\r\n');
  send({ id, written, done: !closed });
}

const server = createServer((request, response) => {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams;
  request.resume();
  request.once('end', () => void stream(response, Number(query.get('parts')), Number(query.get('id'))));
});
server.listen(0, '127.0.0.1', () => send({ port: (server.address() as AddressInfo).port }));
process.once('disconnect', () => {
  server.closeAllConnections();
  server.close();
});
