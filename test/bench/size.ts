/**
 * The bundle-size check: deterministic, so it runs in CI (`pnpm size`), unlike the timed benchmarks.
 *
 * Two limits per entry point. The **target** is the lean-core budget (`fetchIncremental` ≤ 5.0 KB with
 * nothing external, the link ≤ 1.5 KB on top of it); it is reported, with ✗ while missed. The **ceiling**
 * is what the entry measures today, rounded up: exceeding it fails the process (and CI), so the size
 * can only go down. Lower a ceiling whenever a change shrinks its entry; raising one needs a reason in
 * the commit message. Each entry point is bundled the way an application bundler would ship it to a
 * browser (esbuild, ESM, ES2020, minified, tree-shaken, `process.env.NODE_ENV` = "production", nothing
 * external but what the row says), then gzipped at level 9. The table, with the peers for comparison,
 * goes to stdout and to `results/size.md`; the process exits with code 1 when a ceiling is exceeded.
 *
 * Our packages are bundled from their sources (the `source` export condition), so the bytes are those
 * an application's bundler makes of the published code, without requiring a build first.
 *
 * Flags: `--no-write` (do not write the results file).
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { markdownTable, writeResults } from './harness.js';

interface Entry {
  /** Row title. */
  readonly name: string;
  /** The module an application would write: what it imports. */
  readonly contents: string;
  /** Packages left out of the bundle (the app has them anyway). */
  readonly external?: readonly string[];
  /** Our own entry (bundled with the `source` condition) or a peer's. */
  readonly ours: boolean;
}

interface Measured {
  readonly minified: number;
  readonly gzipped: number;
  /** Minified bytes each source file contributes, largest first. */
  readonly inputs: readonly (readonly [file: string, bytes: number])[];
}

const KB = 1024;
/** The lean-core targets, min + gzip. */
const FETCH_TARGET = 5.0 * KB;
const LINK_ON_TOP_TARGET = 1.5 * KB;
/** Issue 15: the urql exchange and the Relay fetch function, each on top of `fetchIncremental`. */
const CLIENT_ON_TOP_TARGET = 1.0 * KB;
const APOLLO = ['graphql', 'graphql/*', '@apollo/client', '@apollo/client/*'];
const URQL = ['graphql', 'graphql/*', '@urql/core', '@urql/core/*', 'wonka'];
const RELAY = ['graphql', 'graphql/*', 'relay-runtime', 'relay-runtime/*'];
/** The client integrations, each measured bundled together with `fetchIncremental`, minus it alone. */
const ON_TOP = [
  { name: 'IncrementalHttpLink on top of fetchIncremental', module: `export { IncrementalHttpLink } from '@graphql-incremental/apollo-link';`, external: APOLLO },
  { name: 'incrementalExchange on top of fetchIncremental', module: `export { incrementalExchange } from '@graphql-incremental/urql';`, external: URQL },
  { name: 'createFetchFunction on top of fetchIncremental', module: `export { createFetchFunction } from '@graphql-incremental/relay';`, external: RELAY },
] as const;

const entries: readonly Entry[] = [
  { name: 'fetchIncremental (reader + reassembler + fetch)', contents: `export { fetchIncremental } from '@graphql-incremental/fetch';`, ours: true },
  { name: 'reassembler: createReassembler', contents: `export { createReassembler } from '@graphql-incremental/reassembler';`, ours: true },
  { name: 'reader: readPayloads', contents: `export { readPayloads } from '@graphql-incremental/reader';`, ours: true },
  { name: 'reader: createPayloadDecoder', contents: `export { createPayloadDecoder } from '@graphql-incremental/reader';`, ours: true },
  {
    name: 'IncrementalHttpLink (includes fetchIncremental; graphql, @apollo/client external)',
    contents: `export { IncrementalHttpLink } from '@graphql-incremental/apollo-link';`,
    external: APOLLO,
    ours: true,
  },
  {
    name: 'incrementalExchange, urql (includes fetchIncremental; graphql, @urql/core, wonka external)',
    contents: `export { incrementalExchange } from '@graphql-incremental/urql';`,
    external: URQL,
    ours: true,
  },
  {
    name: 'createFetchFunction, Relay (reader + reassembler; graphql, relay-runtime external)',
    contents: `export { createFetchFunction } from '@graphql-incremental/relay';`,
    external: RELAY,
    ours: true,
  },
  { name: 'meros/browser (parts only, no merging)', contents: `export { meros } from 'meros/browser';`, ours: false },
  { name: 'fetch-multipart-graphql (no merging)', contents: `export { default } from 'fetch-multipart-graphql';`, ours: false },
  { name: 'urql mergeResultPatch', contents: `export { mergeResultPatch } from '@urql/core';`, ours: false },
  { name: 'urql fetch path (makeFetchSource)', contents: `export { makeFetchSource } from '@urql/core/internal';`, ours: false },
  { name: 'graphql-tools mergeIncrementalResult', contents: `export { mergeIncrementalResult } from '@graphql-tools/utils';`, ours: false },
];

const resolveDir = fileURLToPath(new URL('.', import.meta.url));

async function measure(entry: Entry): Promise<Measured> {
  const result = await build({
    stdin: { contents: entry.contents, resolveDir, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    treeShaking: true,
    legalComments: 'none',
    // Consumers' bundlers resolve `default`/`import` to `dist/`; `source` points at the same code untranspiled.
    conditions: entry.ours ? ['source'] : [],
    define: { 'process.env.NODE_ENV': '"production"' },
    external: [...(entry.external ?? [])],
    logLevel: 'silent',
    metafile: true,
  });
  const code = result.outputFiles[0]!.contents;
  const output = Object.values(result.metafile.outputs)[0]!;
  const inputs = Object.entries(output.inputs)
    .map(([file, { bytesInOutput }]) => [file.replace(/^(\.\.\/)+/, ''), bytesInOutput] as const)
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  return { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength, inputs };
}

const kb = (bytes: number): string => `${(bytes / KB).toFixed(2)} KB`;

const sizes = new Map<string, Measured>();
const failures: string[] = [];
for (const entry of entries) {
  try {
    sizes.set(entry.name, await measure(entry));
  } catch (error) {
    if (entry.ours) throw error;
    // A peer that does not bundle is reported, not fatal.
    failures.push(`${entry.name}: ${(error as Error).message.split('\n')[0]}`);
  }
}

const fetchSize = sizes.get(entries[0]!.name)!;
const onTop = new Map<string, number>();
for (const { name, module, external } of ON_TOP) {
  const together = await measure({ name, contents: `${entries[0]!.contents}\n${module}`, external, ours: true });
  onTop.set(name, together.gzipped - fetchSize.gzipped);
}

/** One checked size: the target (reported) and today's ceiling (enforced). */
interface Limits {
  readonly target?: number;
  readonly ceiling: number;
}

/**
 * Ceilings in bytes, min + gzip: today's sizes rounded up to the next 0.1 KB. Lower them when an entry
 * shrinks; never raise one without saying why.
 */
const LIMITS: Readonly<Record<string, Limits>> = {
  [entries[0]!.name]: { target: FETCH_TARGET, ceiling: 7.3 * KB },
  [entries[1]!.name]: { ceiling: 2.8 * KB },
  [entries[2]!.name]: { ceiling: 3.7 * KB },
  [entries[3]!.name]: { ceiling: 2.8 * KB },
  [entries[4]!.name]: { ceiling: 8.0 * KB },
  [entries[5]!.name]: { ceiling: 7.7 * KB },
  [entries[6]!.name]: { ceiling: 7.1 * KB },
  // Measured together with fetchIncremental since the urql and Relay rows (0.69 KB as the link alone minus fetchIncremental).
  [ON_TOP[0].name]: { target: LINK_ON_TOP_TARGET, ceiling: 1.1 * KB },
  [ON_TOP[1].name]: { target: CLIENT_ON_TOP_TARGET, ceiling: 0.9 * KB },
  [ON_TOP[2].name]: { target: CLIENT_ON_TOP_TARGET, ceiling: 1.0 * KB },
};

const overCeiling: string[] = [];
const targetsMissed: string[] = [];
function limitColumns(name: string, gzipped: number): [string, string] {
  const limits = LIMITS[name];
  if (limits === undefined) return ['', ''];
  const { target, ceiling } = limits;
  if (gzipped > ceiling) overCeiling.push(`${name}: ${kb(gzipped)} > ceiling ${kb(ceiling)}`);
  if (target !== undefined && gzipped > target) targetsMissed.push(`${name}: ${kb(gzipped)} > target ${kb(target)}`);
  return [
    target === undefined ? '' : `≤ ${kb(target)} ${gzipped <= target ? '✓' : '✗'}`,
    `≤ ${kb(ceiling)} ${gzipped <= ceiling ? '✓' : '✗ exceeded'}`,
  ];
}

const rows: string[][] = [];
for (const entry of entries) {
  const size = sizes.get(entry.name);
  if (size === undefined) continue;
  rows.push([entry.ours ? entry.name : `*peer:* ${entry.name}`, kb(size.minified), kb(size.gzipped), ...(entry.ours ? limitColumns(entry.name, size.gzipped) : ['', ''])]);
}
for (const [name, bytes] of onTop) rows.push([name, '', kb(bytes), ...limitColumns(name, bytes)]);

const table = markdownTable(['entry point', 'minified', 'min + gzip -9', 'target', 'ceiling (enforced)'], rows);
const markdown = [
  '# Bundle size',
  '',
  'Generated by `pnpm size` (test/bench/size.ts); deterministic, checked in CI. esbuild, ESM, ES2020,',
  'minified, tree-shaken, `NODE_ENV=production`, nothing external unless the row says so; gzip level 9.',
  'Each row is what an application importing only that export ships. "On top" is the link\'s bundle',
  "minus `fetchIncremental`'s (the link contains it).",
  '',
  'The targets are the lean-core budget; while one is missed (✗) it is reported, not enforced. The',
  'ceilings are the sizes the entries had when they were last lowered: CI fails when an entry grows past one.',
  '',
  table,
  '',
  `## Where the bytes of \`fetchIncremental\` go (minified, before gzip)`,
  '',
  markdownTable(
    ['source file', 'minified'],
    fetchSize.inputs.map(([file, bytes]) => [file, `${bytes.toLocaleString('en-US')} B`]),
  ),
  ...(failures.length > 0 ? ['', 'Peers that could not be bundled:', ...failures.map((failure) => `- ${failure}`)] : []),
  '',
].join('\n');

process.stdout.write(`${table}\n`);
if (!process.argv.includes('--no-write')) await writeResults(fileURLToPath(new URL('results/size.md', import.meta.url)), markdown);
if (targetsMissed.length > 0) process.stdout.write(`size targets missed (reported, not enforced): ${targetsMissed.join('; ')}\n`);
if (overCeiling.length > 0) {
  process.stderr.write(`size ceiling exceeded: ${overCeiling.join('; ')}\n`);
  process.exitCode = 1;
}
