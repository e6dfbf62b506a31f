/**
 * The Node SDK example: one call, every merged result printed with the time it arrived.
 *
 *   npx tsx --conditions=source node/printResults.ts http://127.0.0.1:4000/graphql '{ product(id: "42") { name } }'
 */
import { fetchIncremental, type FetchIncrementalInit, type IncrementalRequest } from '@graphql-incremental/fetch';

/**
 * Prints each merged result of `request` as it arrives.
 *
 * @param url - The GraphQL endpoint.
 * @param request - The query (with `@defer` / `@stream`) and its variables.
 * @param init - Format, transport, signal… (see fetchIncremental).
 * @param write - Where lines go; `console.log` by default.
 * @returns The final result.
 */
export async function printResults(
  url: string,
  request: IncrementalRequest,
  init: FetchIncrementalInit = {},
  write: (line: string) => void = console.log,
) {
  const started = performance.now();
  let last;
  for await (const result of fetchIncremental(url, request, init)) {
    const at = `+${Math.round(performance.now() - started)} ms`.padStart(9);
    const pending = result.pending.map(({ label, kind }) => label ?? kind).join(', ');
    write(`${at}  ${result.hasNext ? `waiting for ${pending || 'more'}` : 'complete'}  ${JSON.stringify(result.data)}`);
    last = result;
  }
  return last;
}

if (process.argv[1]?.endsWith('printResults.ts') === true) {
  const [url, query] = process.argv.slice(2);
  if (url === undefined || query === undefined) {
    console.error('usage: printResults.ts <url> <query>');
    process.exitCode = 2;
  } else {
    await printResults(url, { query });
  }
}
