import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** What npm shows and ships for each published package: where it lives, its license, how to install it. */
const root = fileURLToPath(new URL('../../', import.meta.url));
const names = readdirSync(join(root, 'packages'));

describe.each(names)('packages/%s', (name) => {
  const directory = join(root, 'packages', name);
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Record<string, unknown>;

  it('says where it lives, and ships a license, ESM exports and types', () => {
    expect(manifest).toMatchObject({
      name: `@graphql-incremental/${name}`,
      license: 'MIT',
      type: 'module',
      repository: { type: 'git', directory: `packages/${name}` },
      homepage: expect.stringContaining(`/packages/${name}`),
      bugs: { url: expect.stringMatching(/^https:\/\//) },
      exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' } },
    });
    expect(readFileSync(join(directory, 'LICENSE'), 'utf8')).toBe(readFileSync(join(root, 'LICENSE'), 'utf8'));
  });

  it('has a README with its install line that links nothing outside the repository', () => {
    const readme = readFileSync(join(directory, 'README.md'), 'utf8');
    expect(readme).toContain(`npm i @graphql-incremental/${name}`);
    for (const [, target] of readme.matchAll(/\]\(([^)#]+)[^)]*\)/g)) {
      if (/^https?:/.test(target!)) continue;
      expect(existsSync(join(directory, target!)), target).toBe(true);
      expect(join(directory, target!).startsWith(root), target).toBe(true);
    }
    expect(readme).not.toMatch(/\.\.\/\.\.\/\.\.\/|shared\/research|conventions\.md/);
  });
});
