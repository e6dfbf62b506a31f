/**
 * The Node SDK example on its own (`pnpm --filter @graphql-incremental/demo run sdk`): starts the product page server on 127.0.0.1 and prints, with
 * the Node SDK example, every merged result in both wire formats as it arrives over HTTP.
 */
import { startProductServer } from '../server/startProductServer.js';
import { printResults } from './printResults.js';
import { PRODUCT_PAGE_QUERY } from './productPageQuery.js';


const server = await startProductServer();
console.log(`GraphQL server (graphql-js 17) listening on ${server.url}`);
try {
  for (const format of ['current', '2022'] as const) {
    console.log(`\n=== ${format === 'current' ? 'current format (incrementalSpec=v0.2)' : '2022 format (deferSpec=20220824)'} ===`);
    await printResults(server.url, { query: PRODUCT_PAGE_QUERY }, { format });
  }
} finally {
  await server.close();
}
