/**
 * Run as its own Node process by fetchExchange.test.ts: `await client.query(…).toPromise()` of a
 * `@defer` query, the everyday server-side pattern, then a pause for stray rejections to surface.
 * Prints the data; the exit code says whether the process survived.
 *
 * Usage: node --conditions=source --import tsx toPromiseInNode.ts <url> <ours|fetchExchange>
 */
import { Client, fetchExchange } from '@urql/core';
import { incrementalExchange } from '@graphql-incremental/urql';

const [url, exchange] = process.argv.slice(2);
const client = new Client({ url: url!, exchanges: [exchange === 'ours' ? incrementalExchange() : fetchExchange] });
const result = await client.query('{ hero { id ... @defer { name } } }', {}).toPromise();
process.stdout.write(JSON.stringify(result.data));
await new Promise((resolve) => setTimeout(resolve, 100));
