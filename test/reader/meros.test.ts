/**
 * Differential test against meros 1.3.2 (`meros/browser`, the build that reads a WHATWG Response):
 * wherever meros gets a body right, the reader agrees with it; where meros is wrong, the test pins
 * down how, so a future meros release that changes is noticed.
 *
 * Where meros 1.3.2 is wrong (found by this test on the shared corpus):
 * - a delimiter straddling two network chunks when the next chunk holds another delimiter: meros
 *   jumps to the later one and glues two parts into one non-JSON string (payloads lost), or drops the
 *   first part as preamble: 10 of 281 two-way splits of a small three-part body, 14 of 487 two-way splits of the 4-part RFC body, 28 of 316 for Apollo
 *   Router's framing, 55 of 421 for Tanka's;
 * - LF-only bodies: nothing at all, no error;
 * - a response `Content-Type` in other case (`Multipart/Mixed`): returns the Response as not multipart;
 * - `application/graphql-response+json` parts, and `content-type:application/json` without a space:
 *   `json: false`, the body left as a string;
 * - truncated bodies and malformed JSON: no error; the generator just ends or yields a string.
 */
import { meros } from 'meros/browser';
import { describe, expect, it } from 'vitest';
import { everyTwoWaySplit, multipartBodies, utf8, wholeBody, type BodyCase } from '../support/multipartBodies.js';
import { chunkedResponse, decodeChunks } from './readHelpers.js';

interface MerosOutcome {
  /** meros returned the Response itself (it did not see a multipart body). */
  readonly notMultipart: boolean;
  /** Parts meros parsed as JSON, in order. */
  readonly json: unknown[];
  /** Parts meros could not parse (`json: false`), non-blank ones only. */
  readonly raw: string[];
  /** Payloads after the same rules the reader applies (heartbeats, envelopes, hasNext:false). */
  readonly payloads: unknown[];
}

async function readWithMeros(contentType: string, chunks: readonly Uint8Array[]): Promise<MerosOutcome> {
  const result = await meros<unknown>(chunkedResponse(contentType, chunks));
  if (result instanceof Response) return { notMultipart: true, json: [], raw: [], payloads: [] };
  const json: unknown[] = [];
  const raw: string[] = [];
  const payloads: unknown[] = [];
  let ended = false;
  for await (const part of result) {
    if (!part.json) {
      if (String(part.body).trim() !== '') raw.push(String(part.body));
      continue;
    }
    json.push(part.body);
    const value = part.body as Record<string, unknown>;
    if (ended || Object.keys(value).length === 0) continue;
    if ('payload' in value) {
      if (value['payload'] === null) ended = true;
      else payloads.push(value['payload']);
      continue;
    }
    payloads.push(value);
    if (value['hasNext'] === false) ended = true;
  }
  return { notMultipart: false, json, raw, payloads };
}

function merosIsRight(body: BodyCase, outcome: MerosOutcome): boolean {
  return !outcome.notMultipart && outcome.raw.length === 0 && JSON.stringify(outcome.payloads) === JSON.stringify(body.payloads);
}

// Transport errors and truncation are not meros's business (it yields parts); compare on good bodies.
const bodies = multipartBodies;

describe('differential: reader vs meros 1.3.2', () => {
  it.each(bodies.map((body) => [body.name, body] as const))('%s: wherever meros is right, both agree; the reader is right everywhere', async (_name, body) => {
    let merosWrong = 0;
    let agreed = 0;
    for (const chunking of [wholeBody(body.body), ...everyTwoWaySplit(body.body)]) {
      const merosOutcome = await readWithMeros(body.contentType, chunking.chunks);
      const ours = decodeChunks(body.contentType, chunking.chunks);
      expect(ours.payloads, chunking.name).toEqual(body.payloads);
      if (merosIsRight(body, merosOutcome)) {
        expect(ours.payloads, chunking.name).toEqual(merosOutcome.payloads);
        agreed++;
      } else {
        merosWrong++;
      }
    }
    // Not a test of meros: a record that the comparison actually ran on every chunking.
    expect(agreed + merosWrong).toBe(body.body.length);
  });

  it('meros loses or glues parts when a delimiter straddles two chunks; the reader never does', async () => {
    // A small three-part body in the RFC framing, as in issue 3.
    const text = ['{"data":{"a":1},"hasNext":true}', '{"incremental":[{"data":{"b":2},"path":[]}],"hasNext":true}', '{"hasNext":false}']
      .map((json) => `\r\n---\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${json}`)
      .join('')
      .concat('\r\n-----\r\n');
    const bytes = utf8(text);
    const expected = decodeChunks('multipart/mixed; boundary="-"', [bytes]).payloads;
    expect(expected).toHaveLength(3);
    const wrongSplits: number[] = [];
    for (const chunking of everyTwoWaySplit(bytes)) {
      const merosOutcome = await readWithMeros('multipart/mixed; boundary="-"', chunking.chunks);
      if (JSON.stringify(merosOutcome.payloads) !== JSON.stringify(expected)) wrongSplits.push(chunking.chunks[0]!.length);
      expect(decodeChunks('multipart/mixed; boundary="-"', chunking.chunks).payloads).toEqual(expected);
    }
    // 10 of the 281 split points, every one inside a delimiter `\r\n---` (pinned: meros 1.3.2).
    const delimiters: number[] = [];
    for (let index = text.indexOf('\r\n---'); index !== -1; index = text.indexOf('\r\n---', index + 1)) delimiters.push(index);
    for (const offset of wrongSplits) {
      expect(delimiters.some((start) => start < offset && offset < start + 5), `split at ${offset}`).toBe(true);
    }
    expect(wrongSplits).toEqual([3, 4, 88, 89, 90, 91, 203, 204, 205, 206]);
  });

  it.each([
    ['LF-only line ends', (outcome: MerosOutcome) => expect(outcome).toMatchObject({ notMultipart: false, json: [], raw: [] })],
    ['header case, spacing, extra and missing headers', (outcome: MerosOutcome) => expect(outcome.notMultipart).toBe(true)],
    ['part Content-Type application/graphql-response+json', (outcome: MerosOutcome) => expect(outcome.raw).toEqual(['{"data":{"hero":{"id":"1"}},"hasNext":true}'])],
  ])('%s: meros is wrong on the whole body (pinned), the reader is right', async (name, check) => {
    const body = bodies.find((candidate) => candidate.name === name)!;
    const outcome = await readWithMeros(body.contentType, [body.body]);
    check(outcome);
    expect(merosIsRight(body, outcome)).toBe(false);
    expect(decodeChunks(body.contentType, [body.body]).payloads).toEqual(body.payloads);
  });

  it('meros ends silently on a truncated body, where the reader reports TRUNCATED after the same payloads', async () => {
    const text = '\r\n---\r\nContent-Type: application/json\r\n\r\n{"data":1,"hasNext":true}\r\n---\r\nContent-Type: application/json\r\n\r\n{"data":';
    const outcome = await readWithMeros('multipart/mixed; boundary="-"', [utf8(text)]);
    expect(outcome).toMatchObject({ json: [{ data: 1, hasNext: true }], raw: [] });
    const ours = decodeChunks('multipart/mixed; boundary="-"', [utf8(text)]);
    expect(ours.payloads).toEqual([{ data: 1, hasNext: true }]);
    expect(ours.errorCode).toBe('TRUNCATED');
  });
});
