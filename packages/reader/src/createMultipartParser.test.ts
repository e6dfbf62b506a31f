import { describe, expect, it } from 'vitest';
import {
  allChunkings,
  badMultipartBodies,
  flushChunking,
  multipartBodies,
  multipartFramings,
  splitAt,
  STREAM_PAYLOADS,
  utf8,
} from '../../../test/support/multipartBodies.js';
import { createMultipartParser, type MultipartPart } from './createMultipartParser.js';
import { ReaderError } from './ReaderError.js';

interface Parsed {
  readonly parts: MultipartPart[];
  readonly closed: boolean;
  readonly error: unknown;
}

function parse(boundary: string, chunks: readonly Uint8Array[], maxPartSize?: number, completeJsonEarly?: boolean): Parsed {
  const parts: MultipartPart[] = [];
  const parser = createMultipartParser({ boundary, maxPartSize, completeJsonEarly, onPart: (part) => parts.push(part) });
  try {
    for (const chunk of chunks) parser.write(chunk);
    parser.end();
    return { parts, closed: parser.closed, error: undefined };
  } catch (error) {
    return { parts, closed: parser.closed, error };
  }
}

function bodies(parsed: Parsed): string[] {
  return parsed.parts.map((part) => part.body);
}

function headersOf(part: MultipartPart | undefined): Record<string, string> {
  return Object.fromEntries(part?.headers ?? []);
}

/** Parses the body in every chunking and checks they all agree with the expectation. */
function expectEveryChunking(boundary: string, text: string, expected: { bodies: string[]; errorCode?: string }): void {
  const bytes = utf8(text);
  for (const chunking of allChunkings(bytes, { seed: 11, count: 25 })) {
    const parsed = parse(boundary, chunking.chunks);
    expect(bodies(parsed), chunking.name).toEqual(expected.bodies);
    expect(parsed.error instanceof ReaderError ? parsed.error.code : parsed.error, chunking.name).toBe(expected.errorCode);
  }
}

describe('createMultipartParser: framings (every chunking)', () => {
  const cases: { name: string; boundary: string; body: string; bodies: string[]; errorCode?: string }[] = [
    { name: 'RFC framing', boundary: '-', body: '\r\n---\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n---\r\nContent-Type: application/json\r\n\r\n{"b":"é"}\r\n-----\r\n', bodies: ['{"a":1}', '{"b":"é"}'] },
    { name: 'first delimiter at byte 0 (Strawberry)', boundary: '-', body: '---\r\nContent-Length: 7\r\n\r\n{"a":1}\r\n-----\r\n', bodies: ['{"a":1}'] },
    { name: 'LF only', boundary: 'b', body: '\n--b\ncontent-type: application/json\n\n{"a":"漢"}\n--b\n\n{"b":2}\n--b--\n', bodies: ['{"a":"漢"}', '{"b":2}'] },
    { name: 'mixed LF and CRLF', boundary: 'b', body: '\r\n--b\n\r\n{"a":1}\n--b\r\nX: y\n\n{"b":2}\r\n--b--', bodies: ['{"a":1}', '{"b":2}'] },
    { name: 'no headers and no blank line', boundary: '-', body: '\r\n---\r\n{"a":1}\r\n---\r\n{"b":2}\r\n-----\r\n', bodies: ['{"a":1}', '{"b":2}'] },
    { name: 'header then body without a blank line', boundary: '-', body: '\r\n---\r\ncontent-type: application/json\r\n{"a":1}\r\n-----', bodies: ['{"a":1}'] },
    { name: 'empty part with headers and blank line', boundary: '-', body: '\r\n---\r\nContent-Type: application/json\r\n\r\n\r\n-----\r\n', bodies: [''] },
    { name: 'empty part right after the delimiter line (Strawberry subscription end)', boundary: 'graphql', body: '\r\n--graphql\r\n\r\n{}\r\n--graphql\r\n--graphql--\r\n', bodies: ['{}', ''] },
    { name: 'body keeps inner line breaks, loses only the one before the delimiter', boundary: '-', body: '\r\n---\r\n\r\n{\r\n"a":\n1}\r\n\r\n-----', bodies: ['{\r\n"a":\n1}\r\n'] },
    { name: 'transport padding after delimiters', boundary: '-', body: '\r\n---  \t\r\n\r\n{"a":1}\r\n---\t\r\n\r\n{"b":2}\r\n-----  \r\n', bodies: ['{"a":1}', '{"b":2}'] },
    { name: 'boundary-like text inside a line is content', boundary: '-', body: '\r\n---\r\n\r\n{"a":"x---y\\r\\n---"}\r\n-----', bodies: ['{"a":"x---y\\r\\n---"}'] },
    { name: 'boundary that is a prefix of a longer dash run', boundary: 'graphql', body: '\r\n--graphql\r\n\r\n{"a":"--graphql"}\r\n--graphql--', bodies: ['{"a":"--graphql"}'] },
    { name: 'epilogue is ignored, even if it looks like parts', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n-----\r\n---\r\n\r\n{"never":1}\r\n-----\r\ngarbage', bodies: ['{"a":1}'] },
    { name: 'preamble text is ignored', boundary: '-', body: 'preamble, line one\r\nline: two has a colon but spaces\r\n\r\nand a blank line\r\n---\r\n\r\n{"a":1}\r\n-----', bodies: ['{"a":1}'] },
    { name: 'a preamble that is a part (Strawberry subscription) is emitted', boundary: 'graphql', body: '\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}\r\n--graphql\r\nContent-Type: application/json\r\n\r\n{"payload":1}\r\n--graphql--', bodies: ['{}', '{"payload":1}'] },
    { name: 'Content-Length that matches', boundary: '-', body: '\r\n---\r\nContent-Length: 11\r\n\r\n{"a":"€"}\r\n---\r\ncontent-length:7\r\n\r\n{"b":2}\r\n-----\r\n', bodies: ['{"a":"€"}', '{"b":2}'] },
    { name: 'Content-Length 0', boundary: '-', body: '\r\n---\r\nContent-Length: 0\r\n\r\n\r\n-----\r\n', bodies: [''] },
    { name: 'invalid Content-Length is ignored', boundary: '-', body: '\r\n---\r\nContent-Length: 3x\r\n\r\n{"a":1}\r\n---\r\nContent-Length: 7\r\nContent-Length: 9\r\n\r\n{"b":2}\r\n-----', bodies: ['{"a":1}', '{"b":2}'] },
    { name: 'truncated inside a body', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n---\r\n\r\n{"b":', bodies: ['{"a":1}'], errorCode: 'TRUNCATED' },
    { name: 'truncated inside headers', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n---\r\nContent-Ty', bodies: ['{"a":1}'], errorCode: 'TRUNCATED' },
    { name: 'missing close delimiter', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n---\r\n', bodies: ['{"a":1}'], errorCode: 'TRUNCATED' },
    { name: 'missing close delimiter, delimiter line unterminated', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n---', bodies: ['{"a":1}'], errorCode: 'TRUNCATED' },
    { name: 'no delimiter at all', boundary: 'x', body: '{"data":{}}', bodies: [], errorCode: 'TRUNCATED' },
    { name: 'empty body', boundary: '-', body: '', bodies: [], errorCode: 'TRUNCATED' },
    { name: 'garbage after a delimiter', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n---?\r\n', bodies: ['{"a":1}'], errorCode: 'MALFORMED_MULTIPART' },
    { name: 'single hyphen after a delimiter', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n----\r\n', bodies: ['{"a":1}'], errorCode: 'MALFORMED_MULTIPART' },
    { name: 'bare CR after a delimiter', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n---\rX', bodies: ['{"a":1}'], errorCode: 'MALFORMED_MULTIPART' },
    { name: 'Content-Length too long swallows the delimiter and is cut short', boundary: '-', body: '\r\n---\r\nContent-Length: 30\r\n\r\n{"a":1}\r\n-----\r\n', bodies: [], errorCode: 'TRUNCATED' },
    { name: 'Content-Length too short', boundary: '-', body: '\r\n---\r\nContent-Length: 5\r\n\r\n{"a":1}\r\n-----\r\n', bodies: ['{"a":'], errorCode: 'MALFORMED_MULTIPART' },
  ];

  it.each(cases)('$name', ({ boundary, body, bodies: expected, errorCode }) => {
    expectEveryChunking(boundary, body, errorCode === undefined ? { bodies: expected } : { bodies: expected, errorCode });
  });
});

describe('createMultipartParser: parts', () => {
  it('reports headers lower-cased and trimmed, repeated ones joined, folded lines continued', () => {
    const parsed = parse('-', [
      utf8('\r\n---\r\nContent-TYPE :application/json; charset=utf-8  \r\nX-A: 1\r\nx-a:2\r\nX-Folded: one\r\n  two\r\n\r\n{}\r\n-----'),
    ]);
    expect(headersOf(parsed.parts[0])).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'x-a': '1, 2',
      'x-folded': 'one two',
    });
  });

  it('numbers parts from 0 and gives the byte offset and size of each body', () => {
    const text = '\r\n---\r\nContent-Type: application/json\r\n\r\n{"a":"😀"}\r\n---\r\n\r\n{"b":2}\r\n-----\r\n';
    const bytes = utf8(text);
    for (const chunking of allChunkings(bytes, { count: 5 })) {
      const parsed = parse('-', chunking.chunks);
      expect(parsed.parts.map(({ index, offset, size }) => ({ index, offset, size })), chunking.name).toEqual([
        { index: 0, offset: utf8('\r\n---\r\nContent-Type: application/json\r\n\r\n').length, size: utf8('{"a":"😀"}').length },
        { index: 1, offset: bytes.length - utf8('{"b":2}\r\n-----\r\n').length, size: 7 },
      ]);
    }
  });

  it('keeps multi-byte characters intact wherever the chunks split them', () => {
    const characters = 'é€😀漢ü𝄞';
    const text = `\r\n---\r\n\r\n"${characters}"\r\n-----`;
    expectEveryChunking('-', text, { bodies: [`"${characters}"`] });
  });

  it('emits a part as soon as \\r\\n--boundary arrives, before the rest of the delimiter line (Router, Yoga)', () => {
    const parts: MultipartPart[] = [];
    const parser = createMultipartParser({ boundary: 'graphql', onPart: (part) => parts.push(part) });
    parser.write(utf8('\r\n--graphql\r\ncontent-type: application/json\r\n\r\n{"data":{}}\r\n--gra'));
    expect(parts).toHaveLength(0);
    parser.write(utf8('phql'));
    expect(parts.map((part) => part.body)).toEqual(['{"data":{}}']);
    expect(parser.closed).toBe(false);
    parser.write(utf8('--\r\n'));
    expect(parser.closed).toBe(true);
  });

  it('emits a Content-Length part as soon as its last byte arrives, before any delimiter', () => {
    const parts: MultipartPart[] = [];
    const parser = createMultipartParser({ boundary: '-', onPart: (part) => parts.push(part) });
    parser.write(utf8('---\r\nContent-Length: 11\r\n\r\n{"data":{}'));
    expect(parts).toHaveLength(0);
    parser.write(utf8('}'));
    expect(parts.map((part) => part.body)).toEqual(['{"data":{}}']);
  });

  it('passes on the parts completed before a problem, then throws the problem, then keeps throwing it', () => {
    const parts: MultipartPart[] = [];
    const parser = createMultipartParser({ boundary: '-', onPart: (part) => parts.push(part) });
    const write = (): void => parser.write(utf8('\r\n---\r\n\r\n{"a":1}\r\n---\r\n\r\n{"b":2}\r\n---!'));
    expect(write).toThrow(ReaderError);
    expect(parts.map((part) => part.body)).toEqual(['{"a":1}', '{"b":2}']);
    let thrown: unknown;
    try {
      parser.write(utf8('more'));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'ReaderError', code: 'MALFORMED_MULTIPART', partIndex: 2 });
    expect(() => parser.end()).toThrow(thrown as Error);
  });

  it('says where a truncated part stopped', () => {
    const text = '\r\n---\r\n\r\n{"a":1}\r\n---\r\n\r\n{"b":';
    const parsed = parse('-', [utf8(text)]);
    expect(parsed.error).toMatchObject({ code: 'TRUNCATED', partIndex: 1, offset: text.length - 5 });
    expect(String(parsed.error)).toMatch(/part 1 was cut short: 5 bytes of its body arrived/);
  });

  it('rejects an empty boundary or one with a line break', () => {
    expect(() => createMultipartParser({ boundary: '', onPart: () => undefined })).toThrow(RangeError);
    expect(() => createMultipartParser({ boundary: 'a\r\nb', onPart: () => undefined })).toThrow(RangeError);
  });

  it('does not keep a reference to the caller’s chunk', () => {
    const parts: MultipartPart[] = [];
    const parser = createMultipartParser({ boundary: '-', onPart: (part) => parts.push(part) });
    const chunk = utf8('\r\n---\r\n\r\n{"a":1}');
    parser.write(chunk);
    chunk.fill(0x20); // The caller reuses its buffer.
    parser.write(utf8('\r\n-----'));
    expect(parts.map((part) => part.body)).toEqual(['{"a":1}']);
  });
});

describe('createMultipartParser: maxPartSize', () => {
  const part = '{"a":"0123456789"}'; // 18 bytes
  const text = `\r\n---\r\n\r\n{"ok":1}\r\n---\r\n\r\n${part}\r\n---\r\n\r\n{"never":1}\r\n-----\r\n`;

  it('accepts a part of exactly maxPartSize bytes (blank line + body) in every chunking', () => {
    for (const chunking of allChunkings(utf8(text), { count: 10 })) {
      const parsed = parse('-', chunking.chunks, 2 + part.length);
      expect(parsed.error, chunking.name).toBeUndefined();
      expect(bodies(parsed)).toEqual(['{"ok":1}', part, '{"never":1}']);
    }
  });

  it('fails on a part one byte over, in every chunking, after the parts before it', () => {
    for (const chunking of allChunkings(utf8(text), { count: 10 })) {
      const parsed = parse('-', chunking.chunks, 1 + part.length);
      expect(bodies(parsed), chunking.name).toEqual(['{"ok":1}']);
      expect(parsed.error, chunking.name).toMatchObject({ code: 'PART_TOO_LARGE', partIndex: 1 });
    }
  });

  it('fails before buffering a whole endless part', () => {
    const parts: MultipartPart[] = [];
    const parser = createMultipartParser({ boundary: '-', maxPartSize: 1000, onPart: (p) => parts.push(p) });
    parser.write(utf8('\r\n---\r\n\r\n'));
    const filler = utf8('x'.repeat(100));
    let thrown: unknown;
    let written = 0;
    try {
      for (; written < 1000; written++) parser.write(filler);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'PART_TOO_LARGE', partIndex: 0 });
    expect(written).toBeLessThanOrEqual(11);
  });

  it('fails at once on a Content-Length over the limit', () => {
    const parts: MultipartPart[] = [];
    const parser = createMultipartParser({ boundary: '-', maxPartSize: 1000, onPart: (p) => parts.push(p) });
    expect(() => parser.write(utf8('\r\n---\r\nContent-Length: 5000\r\n\r\n{'))).toThrow(/larger than maxPartSize \(1000 bytes\)/);
  });

  it('bounds the preamble too', () => {
    const parsed = parse('-', [utf8('x'.repeat(200)), utf8('\r\n---\r\n\r\n{}\r\n-----')], 100);
    expect(parsed.error).toMatchObject({ code: 'PART_TOO_LARGE' });
    expect(String(parsed.error)).toMatch(/preamble/);
  });
});

describe('createMultipartParser: linear time', () => {
  it('parses a 4 MiB part arriving in 64-byte chunks without rescanning (a quadratic parser takes minutes)', () => {
    const body = `{"data":"${'a'.repeat(4 * 1024 * 1024)}"}`;
    const bytes = utf8(`\r\n---\r\nContent-Type: application/json\r\n\r\n${body}\r\n-----\r\n`);
    const offsets: number[] = [];
    for (let offset = 64; offset < bytes.length; offset += 64) offsets.push(offset);
    const chunks = splitAt(bytes, offsets);
    const started = performance.now();
    const parsed = parse('-', chunks);
    const elapsed = performance.now() - started;
    expect(parsed.parts).toHaveLength(1);
    expect(parsed.parts[0]!.size).toBe(body.length);
    // Generous: linear parsing takes well under a second here; a rescan per chunk would be ~65,000 scans of up to 4 MiB.
    expect(elapsed).toBeLessThan(10_000);
  });

  it('parses 20,000 small parts delivered in one chunk', () => {
    const count = 20_000;
    let text = '';
    for (let index = 0; index < count; index++) text += `\r\n---\r\nContent-Type: application/json\r\n\r\n{"i":${index}}`;
    text += '\r\n-----\r\n';
    const parsed = parse('-', [utf8(text)]);
    expect(parsed.parts).toHaveLength(count);
    expect(parsed.parts[count - 1]!.body).toBe(`{"i":${count - 1}}`);
  });
});

describe('createMultipartParser: completeJsonEarly', () => {
  /** Parses with the option in every chunking; all must agree with the expectation. */
  function expectEveryChunkingEarly(boundary: string, text: string, expected: { bodies: string[]; errorCode?: string }, maxPartSize?: number): void {
    for (const chunking of allChunkings(utf8(text), { seed: 13, count: 25 })) {
      const parsed = parse(boundary, chunking.chunks, maxPartSize, true);
      expect(bodies(parsed), chunking.name).toEqual(expected.bodies);
      expect(parsed.error instanceof ReaderError ? parsed.error.code : parsed.error, chunking.name).toBe(expected.errorCode);
    }
  }

  function collector(boundary: string, maxPartSize?: number): { parser: ReturnType<typeof createMultipartParser>; bodies: () => string[] } {
    const parts: MultipartPart[] = [];
    const parser = createMultipartParser({ boundary, maxPartSize, completeJsonEarly: true, onPart: (part) => parts.push(part) });
    return { parser, bodies: () => parts.map((part) => part.body) };
  }

  it('emits a JSON part at its closing brace; the delimiter that comes with the next part only ends it', () => {
    const { parser, bodies: seen } = collector('-');
    parser.write(utf8('\r\n---\r\nContent-Type: application/json; charset=utf-8\r\n\r\n{"data":{"a":"}"}'));
    expect(seen()).toEqual([]);
    parser.write(utf8(',"hasNext":true}'));
    expect(seen()).toEqual(['{"data":{"a":"}"},"hasNext":true}']);
    parser.write(utf8('\r\n---\r\n\r\n{"hasNext":false}'));
    expect(seen()).toEqual(['{"data":{"a":"}"},"hasNext":true}', '{"hasNext":false}']);
    expect(parser.closed).toBe(false);
    parser.write(utf8('\r\n-----\r\n'));
    expect(parser.closed).toBe(true);
    expect(seen()).toHaveLength(2);
    parser.end();
  });

  it('without the option, the same bytes wait for the next delimiter (the behaviour it fixes)', () => {
    const parts: MultipartPart[] = [];
    const parser = createMultipartParser({ boundary: '-', onPart: (part) => parts.push(part) });
    parser.write(utf8('\r\n---\r\nContent-Type: application/json\r\n\r\n{"data":{}}'));
    expect(parts).toHaveLength(0);
    parser.write(utf8('\r\n---'));
    expect(parts).toHaveLength(1);
  });

  it('leaves alone parts that are not JSON objects, not JSON, or have a Content-Length', () => {
    const { parser, bodies: seen } = collector('-');
    parser.write(utf8('\r\n---\r\nContent-Type: text/plain\r\n\r\n{"a":1}'));
    expect(seen()).toEqual([]);
    parser.write(utf8('\r\n---\r\n\r\n[{"a":1}]'));
    expect(seen()).toEqual(['{"a":1}']);
    parser.write(utf8('\r\n---\r\nContent-Length: 9\r\n\r\n{"b":2}  '));
    expect(seen()).toEqual(['{"a":1}', '[{"a":1}]', '{"b":2}  ']);
  });

  it('scans only parts whose bytes end with "}" at the end of a write, and resumes where it stopped', () => {
    // 64-byte writes of a 4 MiB object full of braces: most writes end with "}", so a scanner that
    // restarted from the body's start each time would take minutes.
    const body = `{"items":[${'{},'.repeat(1_400_000)}{}]}`;
    const bytes = utf8(`\r\n---\r\n\r\n${body}`);
    const offsets: number[] = [];
    for (let offset = 64; offset < bytes.length; offset += 64) offsets.push(offset);
    const { parser, bodies: seen } = collector('-');
    const started = performance.now();
    for (const chunk of splitAt(bytes, offsets)) parser.write(chunk);
    const elapsed = performance.now() - started;
    expect(seen().map((text) => text.length)).toEqual([body.length]);
    expect(elapsed).toBeLessThan(10_000);
  });

  const cases: { name: string; boundary: string; body: string; bodies: string[]; errorCode?: string }[] = [
    { name: 'RFC/Tanka framing', boundary: 'graphql-response', body: '\r\n--graphql-response\r\nContent-Type: application/json\r\n\r\n{"a":"}"}\r\n--graphql-response\r\nContent-Type: application/json\r\n\r\n{"b":"é"}\r\n--graphql-response--\r\n', bodies: ['{"a":"}"}', '{"b":"é"}'] },
    { name: 'whitespace between the object and the delimiter is not part of the body', boundary: '-', body: '\r\n---\r\n\r\n{\r\n"a":\n1}\r\n \t\r\n\r\n---\r\n\r\n  {"b":2} \r\n-----', bodies: ['{\r\n"a":\n1}', '  {"b":2}'] },
    { name: 'escapes and braces in strings, nested arrays', boundary: '-', body: '\r\n---\r\n\r\n{"a":"\\\\","b":"\\"}","c":[[{}],[]]}\r\n-----', bodies: ['{"a":"\\\\","b":"\\"}","c":[[{}],[]]}'] },
    { name: 'a body that is not an object keeps its trailing whitespace', boundary: '-', body: '\r\n---\r\n\r\n[1] \r\n\r\n---\r\n\r\n"x" \r\n-----', bodies: ['[1] \r\n', '"x" '] },
    { name: 'parts without headers and blank line', boundary: '-', body: '\r\n---\r\n{"a":1}\r\n---\r\n{"b":2}\r\n-----', bodies: ['{"a":1}', '{"b":2}'] },
    { name: 'the body ends after a complete object without the close delimiter', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n---\r\n\r\n{"b":2}\r\n', bodies: ['{"a":1}', '{"b":2}'], errorCode: 'TRUNCATED' },
    { name: 'the body ends inside an object', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n---\r\n\r\n{"b":{}', bodies: ['{"a":1}'], errorCode: 'TRUNCATED' },
    { name: 'an object that never closes ends at its delimiter as before', boundary: '-', body: '\r\n---\r\n\r\n{"a":"}\r\n-----', bodies: ['{"a":"}'] },
    { name: 'garbage after the delimiter that follows an early part', boundary: '-', body: '\r\n---\r\n\r\n{"a":1}\r\n---x', bodies: ['{"a":1}'], errorCode: 'MALFORMED_MULTIPART' },
  ];

  it.each(cases)('same parts in every chunking: $name', ({ boundary, body, bodies: expected, errorCode }) => {
    expectEveryChunkingEarly(boundary, body, errorCode === undefined ? { bodies: expected } : { bodies: expected, errorCode });
  });

  it('reports bytes after an early-ended object as MALFORMED_MULTIPART, after the part', () => {
    const text = '\r\n---\r\n\r\n{"a":1} \r\n x\r\n-----';
    const prefix = '\r\n---\r\n\r\n{"a":1}';
    const parsed = parse('-', [utf8(prefix), utf8(text.slice(prefix.length))], undefined, true);
    expect(bodies(parsed)).toEqual(['{"a":1}']);
    expect(parsed.error).toMatchObject({ code: 'MALFORMED_MULTIPART', partIndex: 1, offset: text.indexOf('x') });
    // When the delimiter arrives in the same write, the parser does not look: the bytes stay in the
    // body and make it invalid JSON (createMultipartDecoder reports both cases alike).
    expect(bodies(parse('-', [utf8(text)], undefined, true))).toEqual(['{"a":1} \r\n x']);
  });

  it('counts the body up to its closing brace against maxPartSize, in every chunking', () => {
    const part = '{"a":"0123456789"}'; // 18 bytes
    const text = `\r\n---\r\n\r\n${part}${' '.repeat(50)}\r\n---\r\n\r\n{"b":1}\r\n-----`;
    expectEveryChunkingEarly('-', text, { bodies: [part, '{"b":1}'] }, 2 + part.length);
    expectEveryChunkingEarly('-', text, { bodies: [], errorCode: 'PART_TOO_LARGE' }, 1 + part.length);
  });

  it('agrees with the delimiter-driven parser on the whole corpus, in every chunking', () => {
    let early = 0;
    for (const body of [...multipartBodies, ...badMultipartBodies]) {
      // Bytes after an object: the parser reports them only when it ended the part early; the decoder
      // makes that the same in every chunking (checked by the corpus tests in test/reader).
      if (body.boundary === undefined || body.name === 'bytes after the JSON object of a part') continue;
      // Without the option: the same parts, with trailing whitespace after objects, and without a last
      // part that is complete but has no delimiter after it.
      const delimited = bodies(parse(body.boundary, [body.body])).map((text) => (/^\s*\{/.test(text) ? text.replace(/[ \t\r\n]+$/, '') : text));
      const reference = parse(body.boundary, [body.body], undefined, true);
      expect(bodies(reference).slice(0, delimited.length), body.name).toEqual(delimited);
      expect(bodies(reference).length - delimited.length, body.name).toBeLessThanOrEqual(1);
      for (const chunking of [...allChunkings(body.body, { seed: 17, count: 10 }), flushChunking(body)]) {
        const parsed = parse(body.boundary, chunking.chunks, undefined, true);
        const name = `${body.name}, ${chunking.name}`;
        expect(bodies(parsed), name).toEqual(bodies(reference));
        expect(parsed.parts.map(({ index, offset }) => ({ index, offset })), name).toEqual(reference.parts.map(({ index, offset }) => ({ index, offset })));
        expect(parsed.error instanceof ReaderError ? parsed.error.code : parsed.error, name).toBe(
          reference.error instanceof ReaderError ? reference.error.code : reference.error,
        );
      }
      // Count the bodies written one-behind, whose parts now arrive with their own write.
      const { parser, bodies: seen } = collector(body.boundary);
      let seenWithout = 0;
      const withoutOption = createMultipartParser({ boundary: body.boundary, onPart: () => seenWithout++ });
      let behind = 0;
      try {
        for (const flush of body.flushes) {
          parser.write(flush);
          withoutOption.write(flush);
          behind = Math.max(behind, seen().length - seenWithout);
        }
      } catch {
        // Bad bodies fail somewhere; compared above.
      }
      if (behind > 0) early++;
    }
    // rfc, tanka, LF-only, lenient headers, preamble/epilogue, heartbeats, ... all write one-behind.
    expect(early).toBeGreaterThanOrEqual(5);
  });

  it('hands out each RFC-framed part with its own write (the server flushes)', () => {
    for (const framing of [multipartFramings.rfc, multipartFramings.tanka]) {
      const writes = framing.frame(STREAM_PAYLOADS, 'b').map(utf8);
      const { parser, bodies: seen } = collector('b');
      writes.forEach((write, index) => {
        parser.write(write);
        expect(seen(), `${framing.name} after write ${index}`).toEqual(STREAM_PAYLOADS.slice(0, Math.min(index + 1, STREAM_PAYLOADS.length)));
      });
      expect(parser.closed).toBe(true);
    }
  });
});
