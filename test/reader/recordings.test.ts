/**
 * The reader against bodies recorded from real servers (graphql-js 17.1, Yoga 5, Apollo Server 5; see
 * test/support/servers/recording.ts): every chunking, including the chunk sizes the client saw,
 * must give the payloads that a naive whole-body reference split gives.
 */
import { describe, expect, it } from 'vitest';
import { allChunkings, splitAt } from '../support/multipartBodies.js';
import { listRecordings, loadRecording, recordedBody, type Recording } from '../support/servers/recording.js';
import { chunkedResponse, decodeChunks, readAll } from './readHelpers.js';

interface Reference {
  readonly payloads: unknown[];
  readonly transportError: boolean;
}

/**
 * The simplest correct reading of a complete, well-formed body: split the whole text on delimiters or
 * blank lines, parse each piece. Independent of the reader's state machines, so it can serve as the
 * oracle for the recordings.
 */
function referenceRead(recording: Recording): Reference {
  const text = recordedBody(recording).toString('utf8');
  const contentType = recording.headers['content-type'] ?? '';
  const bodies: string[] = [];
  if (contentType.startsWith('multipart/mixed')) {
    const boundary = /boundary="?([^";,]+)"?/.exec(contentType)?.[1] ?? '-';
    const escaped = boundary.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
    const segments = text.split(new RegExp(`(?:^|\\r?\\n)--${escaped}`));
    const preamble = segments.shift() ?? '';
    if (/\r?\n\r?\n\s*\{/.test(preamble)) segments.unshift(`\r\n${preamble}`);
    for (const segment of segments) {
      if (segment.startsWith('--')) break;
      const afterDelimiterLine = segment.slice(segment.indexOf('\n') + 1);
      const blank = /\r?\n\r?\n|^\r?\n/.exec(afterDelimiterLine);
      bodies.push(blank === null ? afterDelimiterLine : afterDelimiterLine.slice(blank.index + blank[0].length));
    }
  } else if (contentType.startsWith('text/event-stream')) {
    for (const block of text.split(/\r\n\r\n|\n\n|\r\r/)) {
      const lines = block.split(/\r\n|\n|\r/);
      const type = lines.find((line) => line.startsWith('event:'))?.slice(6).trim() ?? 'message';
      if (type === 'complete') break;
      const data = lines.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).replace(/^ /, ''));
      if (data.length > 0) bodies.push(data.join('\n'));
    }
  } else {
    return { payloads: [JSON.parse(text)], transportError: false };
  }
  const payloads: unknown[] = [];
  for (const body of bodies) {
    if (body.trim() === '') continue;
    const value = JSON.parse(body) as Record<string, unknown>;
    if (Object.keys(value).length === 0) continue;
    if ('payload' in value) {
      if (value['payload'] !== null) payloads.push(value['payload']);
      if (Array.isArray(value['errors']) && value['errors'].length > 0) return { payloads, transportError: true };
      if (value['payload'] === null) break;
      continue;
    }
    payloads.push(value);
    if (value['hasNext'] === false) break;
  }
  return { payloads, transportError: false };
}

function recordedChunks(recording: Recording, body: Uint8Array): Uint8Array[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const size of recording.chunkSizes) offsets.push((offset += size));
  return splitAt(body, offsets);
}

const recordings = listRecordings().map(loadRecording);

describe('recordings of real servers', () => {
  it('has recordings to test', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(20);
  });

  describe.each(recordings.filter((recording) => recording.status === 200).map((recording) => [recording.name, recording] as const))(
    '%s',
    (_name, recording) => {
      const body = new Uint8Array(recordedBody(recording));
      const contentType = recording.headers['content-type']!;
      const reference = referenceRead(recording);

      it('the reference split finds payloads', () => {
        expect(reference.payloads.length).toBeGreaterThan(0);
      });

      it('reads the same payloads in every chunking (and in the recorded chunk sizes)', () => {
        const chunkings = [{ name: 'recorded chunks', chunks: recordedChunks(recording, body) }, ...allChunkings(body, { seed: 13, count: 20 })];
        for (const chunking of chunkings) {
          const result = decodeChunks(contentType, chunking.chunks);
          expect(result.payloads, chunking.name).toEqual(reference.payloads);
          expect(result.errorCode, `${chunking.name}: ${String(result.error)}`).toBe(reference.transportError ? 'TRANSPORT_ERROR' : undefined);
        }
      });

      it('reads the same through readPayloads on a Response', async () => {
        const result = await readAll(chunkedResponse(contentType, recordedChunks(recording, body)));
        expect(result.payloads).toEqual(reference.payloads);
      });
    },
  );

  it.each(recordings.filter((recording) => recording.status !== 200).map((recording) => [recording.name, recording] as const))(
    '%s: a non-2xx status is an HTTP_STATUS error carrying the body',
    async (_name, recording) => {
      const body = new Uint8Array(recordedBody(recording));
      const result = await readAll(chunkedResponse(recording.headers['content-type']!, [body], { status: recording.status }));
      expect(result.payloads).toEqual([]);
      expect(result.error).toMatchObject({ code: 'HTTP_STATUS', status: recording.status, body: recording.bodyText });
    },
  );
});
