import { describe, expect, it } from 'vitest';
import { getBoundary, isJsonContentType, isJsonMediaType, parseContentType } from './parseContentType.js';

describe('parseContentType', () => {
  // Exact headers from spec §3.1, plus the variants the issue lists.
  const cases: { header: string; mediaType: string | undefined; boundary?: string; parameters?: Record<string, string> }[] = [
    { header: 'multipart/mixed; boundary="-"; incrementalSpec=v0.2', mediaType: 'multipart/mixed', boundary: '-', parameters: { boundary: '-', incrementalspec: 'v0.2' } },
    { header: 'multipart/mixed; boundary="-"; deferSpec=20220824', mediaType: 'multipart/mixed', boundary: '-' },
    { header: 'multipart/mixed;boundary="graphql";deferSpec=20220824', mediaType: 'multipart/mixed', boundary: 'graphql' },
    { header: 'multipart/mixed; boundary=graphql-response', mediaType: 'multipart/mixed', boundary: 'graphql-response' },
    { header: 'multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json', mediaType: 'multipart/mixed', boundary: 'graphql', parameters: { boundary: 'graphql', subscriptionspec: '1.0' } },
    { header: 'multipart/mixed; boundary="-"; charset=utf-8', mediaType: 'multipart/mixed', boundary: '-' },
    { header: 'Multipart/Mixed; BOUNDARY = "abc" ', mediaType: 'multipart/mixed', boundary: 'abc' },
    { header: "multipart/mixed; boundary='single'", mediaType: 'multipart/mixed', boundary: 'single' },
    { header: 'multipart/mixed; boundary="a;b,c\\"d"; x=1', mediaType: 'multipart/mixed', boundary: 'a;b,c"d', parameters: { boundary: 'a;b,c"d', x: '1' } },
    { header: 'multipart/mixed', mediaType: 'multipart/mixed', boundary: '-' },
    { header: 'multipart/mixed; boundary=""', mediaType: 'multipart/mixed', boundary: '-' },
    { header: 'multipart/mixed; boundary=first; boundary=second', mediaType: 'multipart/mixed', boundary: 'first' },
    { header: 'text/event-stream; charset=utf-8', mediaType: 'text/event-stream' },
    { header: 'application/graphql-response+json; charset=utf-8', mediaType: 'application/graphql-response+json' },
    { header: 'no-slash', mediaType: undefined },
    { header: '', mediaType: undefined },
  ];

  it.each(cases)('$header', ({ header, mediaType, boundary, parameters }) => {
    const parsed = parseContentType(header);
    expect(parsed?.mediaType).toBe(mediaType);
    if (boundary !== undefined) expect(getBoundary(parsed!)).toBe(boundary);
    if (parameters !== undefined) expect(Object.fromEntries(parsed!.parameters)).toEqual(parameters);
  });
});

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['application/graphql-response+json', true],
    ['application/graphql+json', true],
    ['text/json', false],
    ['text/html', false],
    ['application/jsonl', false],
  ])('%s → %s', (mediaType, expected) => expect(isJsonMediaType(mediaType)).toBe(expected));
});

describe('isJsonContentType', () => {
  it('gives the same verdict as parsing, also when headers repeat and alternate (its one-entry memo)', () => {
    const headers = [
      'application/json; charset=utf-8',
      'application/json; charset=utf-8',
      'text/html',
      'application/json; charset=utf-8',
      'Application/GraphQL-Response+JSON',
      'not a media type',
      'text/html',
      'text/html',
      'application/json',
    ];
    for (const header of headers) {
      const parsed = parseContentType(header);
      expect(isJsonContentType(header), header).toBe(parsed !== undefined && isJsonMediaType(parsed.mediaType));
    }
    expect(headers.map(isJsonContentType)).toEqual([true, true, false, true, true, false, false, false, true]);
  });
});
