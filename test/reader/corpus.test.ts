import { describe, expect, it } from 'vitest';
import {
  allChunkings,
  badMultipartBodies,
  byteByByte,
  findSplitPoints,
  flushChunking,
  multipartBodies,
  seededRandomSplits,
  splitAt,
  wholeBody,
  type BodyCase,
} from '../support/multipartBodies.js';
import { badSseBodies, sseBodies } from '../support/sseBodies.js';
import { chunkedResponse, decodeChunks, readAll } from './readHelpers.js';

const goodBodies = [...multipartBodies, ...sseBodies];
const badBodies = [...badMultipartBodies, ...badSseBodies];
const everyBody = [...goodBodies, ...badBodies];

function expectCase(body: BodyCase, result: ReturnType<typeof decodeChunks>, chunking: string): void {
  expect(result.payloads, `${body.name}, ${chunking}`).toEqual(body.payloads);
  expect(result.errorCode, `${body.name}, ${chunking}: ${String(result.error)}`).toBe(body.errorCode);
}

describe.each(everyBody.map((body) => [body.name, body] as const))('%s', (_name, body) => {
  it('gives the same payloads (and error) for every chunking: whole, byte by byte, every two-way split, seeded random', () => {
    const chunkings = [...allChunkings(body.body, { seed: 7, count: 30 }), flushChunking(body)];
    for (const chunking of chunkings) expectCase(body, decodeChunks(body.contentType, chunking.chunks), chunking.name);
  });

  it('reads the same through readPayloads on a Response (whole, flushes, byte by byte, random)', async () => {
    const chunkings = [wholeBody(body.body), flushChunking(body), byteByByte(body.body), ...seededRandomSplits(body.body, { seed: 3, count: 5 })];
    for (const chunking of chunkings) {
      expectCase(body, await readAll(chunkedResponse(body.contentType, chunking.chunks)), chunking.name);
    }
  });
});

describe('split points the issue names', () => {
  const kinds = ['insideCrlf', 'insideDelimiter', 'insideUtf8Two', 'insideUtf8Three', 'insideUtf8Four'] as const;

  it.each(kinds)('the corpus has splits %s, and each gives the expected payloads even with a second split right after', (kind) => {
    let covered = 0;
    for (const body of goodBodies) {
      for (const offset of findSplitPoints(body.body, body.boundary)[kind]) {
        covered++;
        // Three pieces: the split itself, and one byte later, so a piece can be a lone CR, a lone
        // continuation byte or one byte of a delimiter.
        expectCase(body, decodeChunks(body.contentType, splitAt(body.body, [offset, offset + 1])), `${kind} at ${offset}`);
      }
    }
    expect(covered).toBeGreaterThan(10);
  });
});
