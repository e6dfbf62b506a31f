/**
 * `pnpm demo`: builds the browser pages, starts the product page server on 127.0.0.1 (GraphQL and
 * the pages on one origin), prints the URLs, prints the Node SDK example's output once, and serves
 * until Ctrl-C.
 *
 * PORT picks the port (default 4000; any free port when 4000 is taken).
 */
import { buildPages } from './server/buildPages.js';
import { startProductServer, type RunningDemoServer } from './server/startProductServer.js';
import { printResults } from './node/printResults.js';
import { PRODUCT_PAGE_QUERY } from './node/productPageQuery.js';

const requestedPort = Number(process.env['PORT'] ?? 4000);

console.log('Building the pages (Vite)…');
const pagesDir = await buildPages();

let server: RunningDemoServer;
try {
  server = await startProductServer(requestedPort, undefined, { pagesDir });
} catch (error) {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
  console.log(`Port ${requestedPort} is taken; using a free one.`);
  server = await startProductServer(0, undefined, { pagesDir });
}

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the server.`);
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

console.log(`
GraphQL (graphql-js 17):  ${server.url}
Demos:                    ${server.origin}/
  plain page (fetchIncremental, timeline):  ${server.origin}/plain/
  React page (Apollo Client 4 + link):      ${server.origin}/react/
  browser check (window.graphqlIncremental): ${server.origin}/check/
`);

console.log('Node SDK (demo/node/printResults.ts), every merged result as it arrives:');
for (const format of ['current', '2022'] as const) {
  if (stopping) break;
  console.log(`\n=== ${format === 'current' ? 'current format (incrementalSpec=v0.2)' : '2022 format (deferSpec=20220824)'} ===`);
  await printResults(server.url, { query: PRODUCT_PAGE_QUERY }, { format });
}
if (!stopping) console.log(`\nServing on ${server.origin}/ — press Ctrl-C to stop.`);
