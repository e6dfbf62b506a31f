import { describe, expect, it } from 'vitest';
import { allChunkings, utf8 } from '../../../test/support/multipartBodies.js';
import { createJsonObjectScanner, findJsonObjectEnd, isJsonWhitespace } from './createJsonObjectScanner.js';

/** Feeds the chunks one by one; returns the absolute end of the object (or -1) and the scanner. */
function scanChunks(chunks: readonly Uint8Array[]): { end: number; rejected: boolean; done: boolean } {
  const scanner = createJsonObjectScanner();
  let offset = 0;
  for (const chunk of chunks) {
    const local = scanner.scan(chunk, 0, chunk.length);
    if (local !== -1) return { end: offset + local, rejected: scanner.rejected, done: scanner.done };
    offset += chunk.length;
  }
  return { end: -1, rejected: scanner.rejected, done: scanner.done };
}

describe('createJsonObjectScanner: where the object ends, in every chunking', () => {
  const cases: { name: string; text: string; object: string | undefined }[] = [
    { name: 'flat object', text: '{"a":1}', object: '{"a":1}' },
    { name: 'braces and brackets inside strings', text: '{"a":"}{][","b":"}"}', object: '{"a":"}{][","b":"}"}' },
    { name: 'escaped quote inside a string', text: '{"a":"say \\"}\\" twice"}', object: '{"a":"say \\"}\\" twice"}' },
    { name: 'escaped backslash before the closing quote', text: '{"a":"C:\\\\"}', object: '{"a":"C:\\\\"}' },
    { name: 'escaped backslash then an escaped quote', text: '{"a":"\\\\\\"}"}', object: '{"a":"\\\\\\"}"}' },
    { name: '\\u escapes', text: '{"a":"\\u007d\\u0022"}', object: '{"a":"\\u007d\\u0022"}' },
    { name: 'nested objects and arrays', text: '{"a":[{"b":[1,{"c":{}}]},[]],"d":{"e":[[]]}}', object: '{"a":[{"b":[1,{"c":{}}]},[]],"d":{"e":[[]]}}' },
    { name: 'multi-byte text (2, 3, 4 bytes) next to quotes and braces', text: '{"é":"漢}","😀":["ø"]}', object: '{"é":"漢}","😀":["ø"]}' },
    { name: 'leading whitespace, trailing bytes not scanned', text: ' \r\n\t{"a":{}}\r\n--- junk {', object: ' \r\n\t{"a":{}}' },
    { name: 'stops at the first close: a second object follows', text: '{"a":1}{"b":2}', object: '{"a":1}' },
    { name: 'empty object', text: '{}', object: '{}' },
    { name: 'unterminated string', text: '{"a":"}}}', object: undefined },
    { name: 'unclosed object', text: '{"a":{"b":1}', object: undefined },
    { name: 'trailing backslash at the end of the bytes', text: '{"a":"\\', object: undefined },
  ];

  it.each(cases)('$name', ({ text, object }) => {
    const bytes = utf8(text);
    const expected = object === undefined ? -1 : utf8(object).length;
    expect(findJsonObjectEnd(bytes)).toBe(expected);
    for (const chunking of allChunkings(bytes, { seed: 5, count: 20 })) {
      const result = scanChunks(chunking.chunks);
      expect(result.end, chunking.name).toBe(expected);
      expect(result.done, chunking.name).toBe(object !== undefined);
      expect(result.rejected, chunking.name).toBe(false);
    }
  });

  it('gives up on text that is not an object (array, string, number, nothing but whitespace stays undecided)', () => {
    for (const text of ['[{"a":1}]', '"{}"', '1', 'null', 'x{}']) {
      const scanner = createJsonObjectScanner();
      const bytes = utf8(text);
      expect(scanner.scan(bytes, 0, bytes.length), text).toBe(-1);
      expect(scanner.rejected, text).toBe(true);
      // And stays that way.
      expect(scanner.scan(utf8('{}'), 0, 2), text).toBe(-1);
    }
    const blank = createJsonObjectScanner();
    expect(blank.scan(utf8(' \r\n'), 0, 3)).toBe(-1);
    expect(blank.rejected).toBe(false);
    expect(blank.scan(utf8('{}'), 0, 2)).toBe(2);
  });

  it('resumes inside a string after a backslash that ended the previous bytes', () => {
    const scanner = createJsonObjectScanner();
    expect(scanner.scan(utf8('{"a":"\\'), 0, 7)).toBe(-1);
    // The escaped quote must not end the string, so the brace after it is text.
    expect(scanner.scan(utf8('"}"}'), 0, 4)).toBe(4);
  });

  it('scans only the given range of a larger buffer and returns indices in it', () => {
    const bytes = utf8('xx{"a":1}yy');
    const scanner = createJsonObjectScanner();
    expect(scanner.scan(bytes, 2, 5)).toBe(-1);
    expect(scanner.scan(bytes, 5, bytes.length)).toBe(9);
    expect(scanner.done).toBe(true);
    expect(scanner.scan(bytes, 9, bytes.length)).toBe(-1);
  });

  it('knows the four JSON whitespace bytes and nothing else', () => {
    const whitespace = [];
    for (let byte = 0; byte < 256; byte++) if (isJsonWhitespace(byte)) whitespace.push(byte);
    expect(whitespace).toEqual([9, 10, 13, 32]);
  });
});
