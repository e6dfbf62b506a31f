/**
 * The committed inputs and outputs of relay-compiler are current: `schema.graphql` is what
 * `printSchema.ts` prints from the Relay tests' schema, and `__generated__` is what relay-compiler
 * 21 makes of `operations/` (`--validate` exits non-zero when an artifact would change).
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { printRelaySchema, SCHEMA_FILE } from './printSchema.js';

it('schema.graphql is the printed schema (regenerate with printSchema.ts)', () => {
  expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printRelaySchema());
});

it('the generated artifacts are what relay-compiler makes of operations/', async () => {
  const cli = createRequire(import.meta.url).resolve('relay-compiler/cli.js');
  const { stdout } = await promisify(execFile)(process.execPath, [cli, '--validate', '--output', 'quiet-with-errors'], {
    cwd: fileURLToPath(new URL('.', import.meta.url)),
  });
  expect(stdout).toBe('');
}, 30_000);
