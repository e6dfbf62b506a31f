/**
 * The package README's example runs as written against the graphql-js 17 server and prints what its
 * comments say.
 */
import { readFileSync } from 'node:fs';
import { createFetchFunction } from '@graphql-incremental/relay';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';

const readme = readFileSync(new URL('../../packages/relay/README.md', import.meta.url), 'utf8');
const example = readme.slice(readme.indexOf('## Example'));
const code = /```ts\n([\s\S]*?)```/.exec(example)?.[1] ?? '';

let server: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
});
afterAll(() => server.close());

it('the example prints what its comments say', async () => {
  expect(code).toContain("from '@graphql-incremental/relay'");
  const printed: string[] = [];
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const log = (line: string) => {
    printed.push(line);
    if (line === 'done') done();
  };
  const body = code
    .replace(/^import .*$/m, '')
    .replace(' as const', '')
    .replace('http://localhost:4000/graphql', server.url)
    .replace(/console\.log/g, 'log');
  new Function('createFetchFunction', 'log', body)(createFetchFunction, log);
  await finished;
  const claimed = [...code.matchAll(/^\/\/ (.*)$/gm)].map((match) => match[1]);
  expect(printed).toEqual(claimed);
});
