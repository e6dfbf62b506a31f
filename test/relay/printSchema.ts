/**
 * Writes `schema.graphql`, the schema relay-compiler compiles the operations in `operations/` against:
 * the Relay tests' schema (`support/relaySchema.ts`), `@defer` and `@stream` included. `schema.test.ts`
 * fails when the file is stale. From `test/relay/`: `npx tsx printSchema.ts`, then
 * `node ../node_modules/relay-compiler/cli.js` (relay.config.json's paths are relative to the
 * directory it runs in).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { relaySchema } from './support/relaySchema.js';

/** The file relay-compiler reads. */
export const SCHEMA_FILE = fileURLToPath(new URL('schema.graphql', import.meta.url));

/** The schema as relay-compiler reads it. */
export const printRelaySchema = (): string => `${printSchema(relaySchema)}\n`;

if (process.argv[1] === fileURLToPath(import.meta.url)) writeFileSync(SCHEMA_FILE, printRelaySchema());
