/**
 * packages/urql/README.md: the example runs as written against the graphql-js server and prints what
 * its comments say; the snippets name only what the package exports.
 */
import { readFileSync } from 'node:fs';
import { cacheExchange, Client } from '@urql/core';
import * as urqlPackage from '@graphql-incremental/urql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';

const readme = readFileSync(new URL('../../packages/urql/README.md', import.meta.url), 'utf8');

let server: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
});
afterAll(() => server.close());

describe('packages/urql/README.md', () => {
  it('Example: runs and prints what its comments claim', async () => {
    const section = readme.slice(readme.indexOf('## Example'));
    const code = /```ts\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    expect(code).toContain("from '@graphql-incremental/urql'");
    const body = code.replace(/^import .*$/gm, '').replace('http://localhost:4000/graphql', server.url);
    const claimed = (prefix: string) => new RegExp(`^\\s*// (${prefix} .*)$`, 'm').exec(body)?.[1];
    const printed: string[] = [];
    const console = { log: (...parts: unknown[]) => printed.push(parts.join(' ')), error: (...parts: unknown[]) => printed.push(`error ${parts.join(' ')}`) };
    new Function('Client', 'cacheExchange', 'incrementalExchange', 'console', body)(Client, cacheExchange, urqlPackage.incrementalExchange, console);
    await vi.waitFor(() => expect(printed.at(-1)).toMatch(/^final: /));
    expect(printed.at(-1)).toBe(claimed('final:'));
    for (const line of printed.slice(0, -1)) expect(line).toBe(claimed('partial:'));
  });

  it('imports only what the package exports', () => {
    const imported = [...readme.matchAll(/import \{([^}]*)\} from '@graphql-incremental\/urql'/g)].flatMap((match) => match[1]!.split(',').map((name) => name.trim()));
    expect(imported.length).toBeGreaterThan(0);
    for (const name of imported) expect(urqlPackage, name).toHaveProperty(name);
  });
});
