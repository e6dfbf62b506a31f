import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The link as it ships (tsc's `dist/`, the package.json `exports`), installed next to Apollo Client 3
 * or 4 the way an app installs it, and used from plain Node ESM (Node SSR, unbundled tests) and from
 * TypeScript without `skipLibCheck`. Apollo Client 3 is CommonJS there: Node's loader finds none of
 * its named exports.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const real = (path: string) => realpathSync(join(root, path));
const PACKAGES = ['reader', 'reassembler', 'fetch', 'apollo-link'];
const MAJORS = { 3: real('test/node_modules/@apollo/client-3'), 4: real('test/node_modules/@apollo/client') };

/** An Apollo Client query for a deferred field, against a server that streams it in the current format. */
const SCRIPT = `
import { createServer } from 'node:http';
import * as apolloModule from '@apollo/client';
import { IncrementalHttpLink } from '@graphql-incremental/apollo-link';

const apollo = 'ApolloClient' in apolloModule ? apolloModule : apolloModule.default;
const parts = [
  '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"]}],"hasNext":true}',
  '{"incremental":[{"id":"0","data":{"name":"Luke"}}],"completed":[{"id":"0"}],"hasNext":false}',
];
const server = createServer((request, response) => {
  response.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"' });
  response.end(parts.map((part) => '\\r\\n---\\r\\ncontent-type: application/json\\r\\n\\r\\n' + part).join('') + '\\r\\n-----\\r\\n');
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const handlers = await import('@apollo/client/incremental').catch(() => undefined);
const client = new apollo.ApolloClient({
  link: new IncrementalHttpLink({ uri: 'http://127.0.0.1:' + server.address().port + '/graphql' }),
  cache: new apollo.InMemoryCache(),
  ...(handlers ? { incrementalHandler: new handlers.GraphQL17Alpha9Handler() } : {}),
});
const { data } = await client.query({ query: apollo.gql('{ hero { id ... @defer { name } } }') });
console.log(JSON.stringify(data));
server.close();
`;

/** An app's use of the link's types: options of HttpLink, ours, and the link in a chain. */
const CONSUMER = `
import { ApolloLink, HttpLink } from '@apollo/client';
import { IncrementalHttpLink, type IncrementalHttpLinkOptions } from '@graphql-incremental/apollo-link';

const options: IncrementalHttpLinkOptions = {
  uri: (operation) => '/graphql/' + operation.operationName,
  headers: { authorization: 'Bearer token' },
  useGETForQueries: true,
  includeUnusedVariables: true,
  format: '2022',
  pace: false,
};
export const link: ApolloLink = ApolloLink.from([new ApolloLink((operation, forward) => forward(operation)), new IncrementalHttpLink(options)]);
export const same: ApolloLink = new HttpLink(options);
// @ts-expect-error -- not an option of either link
export const wrong = new IncrementalHttpLink({ uri: '/graphql', retries: 3 });
`;

/** An app's strict settings, and nothing skipped. */
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: false,
    noEmit: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2022', 'dom'],
    types: [],
  },
  files: ['consumer.ts'],
};

let directory: string;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'apollo-majors-'));
  const built = join(directory, 'built');
  // The packages as they ship: tsc's build of each, with its package.json.
  for (const name of PACKAGES) {
    await run(process.execPath, [real('node_modules/typescript/bin/tsc'), '-p', join(root, 'packages', name, 'tsconfig.build.json'), '--outDir', join(built, name, 'dist')]);
    cpSync(join(root, 'packages', name, 'package.json'), join(built, name, 'package.json'));
  }
  for (const [major, apolloClient] of Object.entries(MAJORS)) {
    const modules = join(directory, `apollo${major}`, 'node_modules');
    mkdirSync(join(modules, '@apollo'), { recursive: true });
    for (const name of PACKAGES) cpSync(join(built, name), join(modules, '@graphql-incremental', name), { recursive: true });
    symlinkSync(apolloClient, join(modules, '@apollo', 'client'));
    symlinkSync(real('test/node_modules/graphql'), join(modules, 'graphql'));
    writeFileSync(join(directory, `apollo${major}`, 'script.mjs'), SCRIPT);
    writeFileSync(join(directory, `apollo${major}`, 'consumer.ts'), CONSUMER);
    writeFileSync(join(directory, `apollo${major}`, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    // An ESM app, as the link is ESM: TypeScript then reads Apollo Client's ESM declarations for both.
    writeFileSync(join(directory, `apollo${major}`, 'package.json'), JSON.stringify({ type: 'module' }));
  }
}, 120_000);

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe.each(Object.keys(MAJORS))('the built link with Apollo Client %s', (major) => {
  it('imports and streams under plain Node ESM', async () => {
    const { stdout } = await run(process.execPath, ['script.mjs'], { cwd: join(directory, `apollo${major}`) });
    expect(JSON.parse(stdout)).toEqual({ hero: { id: '1', name: 'Luke' } });
  }, 30_000);

  it('type-checks in an app without skipLibCheck', async () => {
    const project = join(directory, `apollo${major}`);
    const result = await run(process.execPath, [real('node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project }).catch(
      (error: { stdout: string }) => error,
    );
    // Apollo Client's own declarations may need packages an app has (React types); ours must need nothing.
    const ours = result.stdout.split('\n').filter((line) => /^(consumer\.ts|node_modules\/@graphql-incremental)/.test(line));
    expect(ours).toEqual([]);
    expect(readFileSync(join(project, 'node_modules/@graphql-incremental/apollo-link/dist/IncrementalHttpLink.d.ts'), 'utf8')).not.toMatch(/ApolloLink\.Operation/);
  }, 60_000);
});
