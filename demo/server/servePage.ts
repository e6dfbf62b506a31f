/**
 * Static files for the demo's built pages (demo/dist): enough of a file server for one origin on
 * loopback, and no more. Paths are resolved inside the pages directory; anything else is a 404.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/**
 * Answers a GET or HEAD request with a file from `pagesDir`; `/plain/` serves `/plain/index.html`.
 *
 * @param pagesDir - The built pages (Vite's outDir).
 * @param request - The request; only its URL path is used.
 * @param response - Answered with the file, or 404.
 */
export async function servePage(pagesDir: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const root = resolve(pagesDir);
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  let file = resolve(join(root, pathname));
  // resolve() collapses `..`: whatever is not inside the pages directory does not exist here.
  if (file !== root && !file.startsWith(root + sep)) {
    response.writeHead(404).end();
    return;
  }
  let info = await stat(file).catch(() => undefined);
  if (info?.isDirectory() === true) {
    file = join(file, 'index.html');
    info = await stat(file).catch(() => undefined);
  }
  if (info?.isFile() !== true) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}\n`);
    return;
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': info.size,
    'cache-control': 'no-cache',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
