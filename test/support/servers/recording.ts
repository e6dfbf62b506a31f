/**
 * Recorded responses of the real test servers: `test/fixtures/recorded/<name>.json`, written by
 * `./record.ts`. Each holds the exact status, response headers and body bytes one request produced,
 * for reader tests and benchmarks that should not need a live server.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where recordings live. Built from a path, not `new URL('…', import.meta.url)`: under happy-dom, Vite
 * rewrites that pattern into a served asset URL, which would break the servers in DOM tests.
 */
export const RECORDINGS_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/recorded/');

/** One recorded exchange. */
export interface Recording {
  /** The file name without `.json`: `<server>-<format>-<transport>-<operation>`. */
  readonly name: string;
  /** `graphql-js`, `yoga` or `apollo-server`. */
  readonly server: string;
  /** Server version(s) and options, for whoever reads the file. */
  readonly serverDetails: string;
  /** What the recording shows. */
  readonly description: string;
  readonly request: {
    readonly method: 'POST';
    readonly headers: Readonly<Record<string, string>>;
    readonly body: { readonly query: string; readonly variables?: Readonly<Record<string, unknown>> };
  };
  readonly status: number;
  /** Response headers as sent (names lower-cased), without `date`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Sizes of the network chunks as they reached the client, in order (indicative: loopback timing). */
  readonly chunkSizes: readonly number[];
  /** The exact body bytes. */
  readonly bodyBase64: string;
  /** The same body as UTF-8 text, for reading the file (redundant with `bodyBase64`). */
  readonly bodyText: string;
}

/**
 * Reads one recording.
 *
 * @param name The file name without `.json`.
 * @throws When the file is missing or is not a recording.
 */
export function loadRecording(name: string): Recording {
  const recording = JSON.parse(readFileSync(join(RECORDINGS_DIRECTORY, `${name}.json`), 'utf8')) as Recording;
  if (typeof recording.bodyBase64 !== 'string' || recording.name !== name) throw new Error(`${name}.json is not a recording`);
  return recording;
}

/** The names of every recording, sorted. */
export function listRecordings(): string[] {
  return readdirSync(RECORDINGS_DIRECTORY)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

/** The exact body bytes of a recording. */
export function recordedBody(recording: Recording): Buffer {
  return Buffer.from(recording.bodyBase64, 'base64');
}
