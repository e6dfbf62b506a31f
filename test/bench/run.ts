/**
 * Runs the benchmarks in this folder (`*.bench.ts`), one after the other in this process, or only those
 * whose names contain one of the arguments: `pnpm bench` runs all, `pnpm bench apollo` the Apollo one.
 * Flags (`--quick`, `--no-write`) are passed on to the benchmarks through `process.argv`.
 *
 * Targets: `apollo` (Apollo Client end to end), `fetch` (a long `@stream` end to end), `growth` (deferred
 * list items and accumulated errors at 100,000), `memory` (a paused consumer while ~200 MB stream),
 * `reader` (multipart reading against the peers), `reassembler` (merging against the peers). `size.ts`
 * is separate (`pnpm size`).
 *
 * Benchmarks are not tests: vitest never collects them (its pattern is `*.test.ts`).
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';

const folder = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const files = (await readdir(folder))
  .filter((file) => file.endsWith('.bench.ts'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) throw new Error(`no benchmark in ${folder} matches ${filters.join(', ')}`);
for (const file of files) {
  process.stdout.write(`\n=== ${file}\n`);
  await import(pathToFileURL(join(folder, file)).href);
}
