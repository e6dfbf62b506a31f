/**
 * Property: for random payload lists, random boundaries, every framing (server framings, leniency
 * framings, subscriptions, SSE) and random chunkings, the reader yields exactly the payloads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  MULTIPART_FRAMINGS,
  splitAt,
  subscriptionFramings,
  utf8,
  withEnvelopesAndHeartbeats,
  type MultipartFraming,
} from '../support/multipartBodies.js';
import { decodeChunks } from './readHelpers.js';

/** RFC 2046 `bchars` (a space may not be last). */
const BOUNDARY_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ";

const boundaryArbitrary = fc
  .array(fc.constantFrom(...BOUNDARY_CHARACTERS), { minLength: 1, maxLength: 70 })
  .map((characters) => characters.join(''))
  .filter((boundary) => !boundary.endsWith(' '));

/** A payload: a non-empty object that does not end the stream early and is not a subscription envelope. */
const payloadArbitrary = fc
  .record({
    data: fc.jsonValue({ maxDepth: 3, stringUnit: 'grapheme' }),
    hasNext: fc.constant(true),
    label: fc.option(fc.string({ unit: 'grapheme', maxLength: 8 }), { nil: undefined }),
  })
  .map((payload) => JSON.parse(JSON.stringify(payload)) as Record<string, unknown>);

const payloadsArbitrary = fc
  .array(payloadArbitrary, { minLength: 0, maxLength: 6 })
  .map((payloads) => [...payloads, { hasNext: false, extensions: { note: 'last ✓' } }]);

/** Split offsets as fractions of the body length, so they shrink well. */
const splitsArbitrary = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 });

function chunk(bytes: Uint8Array, fractions: readonly number[]): Uint8Array[] {
  const offsets = [...new Set(fractions.map((fraction) => Math.floor(fraction * bytes.length)))].sort((a, b) => a - b);
  return splitAt(bytes, offsets);
}

function frame(framing: MultipartFraming, bodies: readonly string[], boundary: string): Uint8Array {
  return concatBytes(framing.frame(bodies, boundary).map(utf8));
}

describe('property: every framing, boundary, payload list and chunking', () => {
  it('multipart framings', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MULTIPART_FRAMINGS), boundaryArbitrary, payloadsArbitrary, splitsArbitrary, (framing, boundary, payloads, splits) => {
        const body = frame(framing, payloads.map((payload) => JSON.stringify(payload)), boundary);
        const result = decodeChunks(framing.contentType(boundary), chunk(body, splits));
        expect(result.error).toBeUndefined();
        expect(result.payloads).toEqual(payloads);
      }),
      { numRuns: 400 },
    );
  });

  it('Apollo multipart subscriptions (envelopes, heartbeats, Strawberry preamble part)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(subscriptionFramings.router, subscriptionFramings.strawberry),
        boundaryArbitrary.filter((boundary) => !/[ ;,"']/.test(boundary)), // Strawberry does not quote it.
        fc.array(fc.record({ data: fc.jsonValue({ maxDepth: 2, stringUnit: 'grapheme' }) }), { maxLength: 5 }),
        splitsArbitrary,
        (framing, boundary, results, splits) => {
          const expected = results.map((result) => JSON.parse(JSON.stringify(result)) as unknown);
          const body = frame(framing, withEnvelopesAndHeartbeats(results.map((result) => JSON.stringify(result))), boundary);
          const result = decodeChunks(framing.contentType(boundary), chunk(body, splits));
          expect(result.error).toBeUndefined();
          expect(result.payloads).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('SSE with any line ends, pings, pretty-printed multi-line data and an optional event line', () => {
    fc.assert(
      fc.property(payloadsArbitrary, fc.constantFrom('\n', '\r\n', '\r'), fc.boolean(), fc.boolean(), splitsArbitrary, (payloads, newline, pretty, named, splits) => {
        let text = `:${newline}${newline}`;
        for (const payload of payloads) {
          const json = JSON.stringify(payload, undefined, pretty ? 2 : undefined);
          const data = json
            .split('\n')
            .map((line) => `data: ${line}${newline}`)
            .join('');
          text += `${named ? `event: next${newline}` : ''}${data}: ping${newline}${newline}`;
        }
        text += `event: complete${newline}${newline}`;
        const result = decodeChunks('text/event-stream', chunk(utf8(text), splits));
        expect(result.error).toBeUndefined();
        expect(result.payloads).toEqual(payloads);
      }),
      { numRuns: 300 },
    );
  });
});
