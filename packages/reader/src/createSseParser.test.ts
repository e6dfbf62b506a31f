import { describe, expect, it } from 'vitest';
import { allChunkings, utf8 } from '../../../test/support/multipartBodies.js';
import { createSseParser, type SseEvent } from './createSseParser.js';
import { ReaderError } from './ReaderError.js';

interface Parsed {
  readonly events: SseEvent[];
  readonly error: unknown;
}

function parse(chunks: readonly Uint8Array[], maxEventSize?: number): Parsed {
  const events: SseEvent[] = [];
  const parser = createSseParser({ maxEventSize, onEvent: (event) => events.push(event) });
  try {
    for (const chunk of chunks) parser.write(chunk);
    parser.end();
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

type Expected = readonly (readonly [type: string, data: string])[];

function expectEveryChunking(text: string, expected: Expected, errorCode?: string): void {
  for (const chunking of allChunkings(utf8(text), { seed: 5, count: 25 })) {
    const parsed = parse(chunking.chunks);
    expect(parsed.events.map((event) => [event.type, event.data]), chunking.name).toEqual(expected);
    expect(parsed.error instanceof ReaderError ? parsed.error.code : parsed.error, chunking.name).toBe(errorCode);
  }
}

describe('createSseParser (every chunking)', () => {
  const cases: { name: string; text: string; events: Expected; errorCode?: string }[] = [
    { name: 'Yoga: ping, next, complete with empty data', text: ':\n\nevent: next\ndata: {"a":"é"}\n\nevent: complete\ndata:\n\n', events: [['next', '{"a":"é"}'], ['complete', '']] },
    { name: 'Hot Chocolate: complete without data', text: 'event: next\ndata: {"a":1}\n\nevent: complete\n\n', events: [['next', '{"a":1}'], ['complete', '']] },
    { name: 'Strawberry: CRLF and ": ping"', text: ': ping\r\n\r\nevent: next\r\ndata: {"a":"漢"}\r\n\r\nevent: complete\r\ndata: \r\n\r\n', events: [['next', '{"a":"漢"}'], ['complete', '']] },
    { name: 'CR line ends', text: 'event: next\rdata: {"a":"😀"}\r\revent: complete\r\r', events: [['next', '{"a":"😀"}'], ['complete', '']] },
    { name: 'multi-line data joined with LF', text: 'data: {\ndata:"a":\r\ndata:  1}\n\n', events: [['message', '{\n"a":\n 1}']] },
    { name: 'no event line: type message', text: 'data: 1\n\ndata: 2\n\n', events: [['message', '1'], ['message', '2']] },
    { name: 'only one space is stripped after the colon', text: 'data:   x\n\n', events: [['message', '  x']] },
    { name: 'field without colon', text: 'data\n\nevent\ndata: y\n\n', events: [['message', ''], ['message', 'y']] },
    { name: 'a comment between fields does not end the event', text: 'event: next\n: keep-alive\ndata: 1\n\n', events: [['next', '1']] },
    { name: 'blank lines without fields dispatch nothing', text: '\n\n\r\n\r\r:\n\nid: 3\n\ndata: x\n\n', events: [['message', 'x']] },
    { name: 'leading byte order mark is skipped', text: '\uFEFFevent: next\ndata: 1\n\n', events: [['next', '1']] },
    { name: 'unknown fields are ignored', text: 'retry: 10\nfoo: bar\ndata: 1\n\n', events: [['message', '1']] },
    { name: 'stream ending inside an event', text: 'data: 1\n\ndata: 2\n', events: [['message', '1']], errorCode: 'TRUNCATED' },
    { name: 'stream ending inside a line', text: 'data: 1\n\ndata: 2', events: [['message', '1']], errorCode: 'TRUNCATED' },
    { name: 'stream ending inside a comment is fine', text: 'data: 1\n\n: pi', events: [['message', '1']] },
  ];

  it.each(cases)('$name', ({ text, events, errorCode }) => expectEveryChunking(text, events, errorCode));
});

describe('createSseParser', () => {
  it('reports event index, id and the byte offset of the first line', () => {
    const text = ':\n\nid: a\nevent: next\ndata: 1\n\ndata: 2\n\n';
    for (const chunking of allChunkings(utf8(text), { count: 5 })) {
      const { events } = parse(chunking.chunks);
      expect(events.map(({ index, id, offset }) => ({ index, id, offset })), chunking.name).toEqual([
        { index: 0, id: 'a', offset: 3 },
        { index: 1, id: undefined, offset: text.indexOf('data: 2') },
      ]);
    }
  });

  it('treats CR then LF in the next chunk as one line end', () => {
    const { events } = parse([utf8('data: 1\r'), utf8('\ndata: 2\r'), utf8('\n\r'), utf8('\n')]);
    expect(events.map((event) => event.data)).toEqual(['1\n2']);
  });

  it('limits an event to maxEventSize bytes, in every chunking, after the events before it', () => {
    const text = `data: ok\n\ndata: ${'x'.repeat(20)}\n\ndata: never\n\n`;
    for (const chunking of allChunkings(utf8(text), { count: 5 })) {
      const tooSmall = parse(chunking.chunks, 25);
      expect(tooSmall.events.map((event) => event.data), chunking.name).toEqual(['ok']);
      expect(tooSmall.error, chunking.name).toMatchObject({ code: 'PART_TOO_LARGE', partIndex: 1 });
      expect(parse(chunking.chunks, 26).events).toHaveLength(3);
    }
  });

  it('bounds an endless line (even a comment) without waiting for its end', () => {
    const parser = createSseParser({ maxEventSize: 1000, onEvent: () => undefined });
    const filler = utf8(':'.repeat(100));
    let written = 0;
    expect(() => {
      for (; written < 100; written++) parser.write(filler);
    }).toThrow(/larger than maxPartSize/);
    expect(written).toBeLessThanOrEqual(10);
  });

  it('parses a 4 MiB data line in 64-byte chunks in linear time', () => {
    const data = 'b'.repeat(4 * 1024 * 1024);
    const bytes = utf8(`event: next\ndata: ${data}\n\n`);
    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < bytes.length; offset += 64) chunks.push(bytes.subarray(offset, offset + 64));
    const started = performance.now();
    const { events } = parse(chunks);
    expect(events[0]?.data.length).toBe(data.length);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('parses 50,000 LF-only lines in one chunk without searching for CR per line', () => {
    let text = '';
    for (let index = 0; index < 50_000; index++) text += `data: ${index}\n\n`;
    const started = performance.now();
    const { events } = parse([utf8(text)]);
    expect(events).toHaveLength(50_000);
    expect(events[49_999]?.data).toBe('49999');
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
