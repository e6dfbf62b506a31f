import { readFileSync } from 'node:fs';
import { createPayloadDecoder } from '@graphql-incremental/reader';
import { createReassembler } from '@graphql-incremental/reassembler';
import { buildAcceptHeader, readResults } from '@graphql-incremental/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executePlain } from '../support/executeIncrementally.js';
import { startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';

/** The README's examples must run as written and print what their comments say. */
describe('README 30-second example', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## 30-second example'));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

  it('runs and returns what its comments claim', () => {
    expect(code).toContain("from '@graphql-incremental/reassembler'");
    const body = code.replace(/^import .*$/m, '');
    const result = new Function('createReassembler', `${body}\nreturn result;`)(createReassembler);
    const claimed = (name: string) => {
      const match = new RegExp(`^result\\.${name};\\s*// (.*?)(?: \\(|$)`, 'm').exec(body);
      return new Function(`return (${match?.[1] ?? 'undefined'});`)();
    };
    expect(result.data).toEqual(claimed('data'));
    expect(result.hasNext).toBe(claimed('hasNext'));
    expect(result.pending).toEqual(claimed('pending'));
  });
});

describe('reader README: createPayloadDecoder example', () => {
  const readme = readFileSync(new URL('../../packages/reader/README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## `createPayloadDecoder('));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

  it('logs the payload before its delimiter and finishes, as its comments say', () => {
    const logged: unknown[] = [];
    const body = code.replace(/^import .*$/m, '').replace(/console\.log/g, 'log');
    const finished = new Function('createPayloadDecoder', 'log', `${body}\nreturn decoder.finished;`)(createPayloadDecoder, (value: unknown) => logged.push(value));
    expect(logged).toEqual([{ data: {}, hasNext: true }, { hasNext: false }]);
    expect(finished).toBe(true);
  });
});

describe('fetch README: readResults example', () => {
  const readme = readFileSync(new URL('../../packages/fetch/README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## `readResults('));
  const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  let server: RunningServer;
  beforeAll(async () => void (server = await startGraphqlJsServer()));
  afterAll(() => server.close());

  it('reads a GET it sent itself into merged results, the last one the whole data', async () => {
    expect(code).toContain("from '@graphql-incremental/fetch'");
    const logged: unknown[] = [];
    const body = code.replace(/^import .*$/m, '').replace('http://localhost:4000/graphql', server.url).replace(/console\.log/g, 'log');
    const run = new Function('buildAcceptHeader', 'readResults', 'log', `return (async () => {\n${body}\n})();`) as (...args: unknown[]) => Promise<void>;
    await run(buildAcceptHeader, readResults, (value: unknown) => logged.push(value));
    expect(logged.at(-1)).toEqual((await executePlain({ query: /const query = '([^']+)'/.exec(code)?.[1] ?? '' })).data);
  });
});
