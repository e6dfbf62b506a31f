import { describe, expect, it } from 'vitest';
import { allChunkings, utf8 } from '../../../test/support/multipartBodies.js';
import { createPayloadDecoder } from './createPayloadDecoder.js';
import { isIncrementalError, IncrementalError } from './IncrementalError.js';
import type { Payload } from './types.js';

interface Decoded {
  readonly payloads: Payload[];
  readonly error: unknown;
  readonly finished: boolean;
}

function decode(contentType: string, chunks: readonly Uint8Array[], maxPartSize?: number): Decoded {
  const payloads: Payload[] = [];
  let finished = false;
  try {
    const decoder = createPayloadDecoder({ contentType, maxPartSize, onPayload: (payload) => payloads.push(payload) });
    for (const chunk of chunks) {
      decoder.write(chunk);
      if (decoder.finished) break;
    }
    if (!decoder.finished) decoder.end();
    finished = decoder.finished;
    return { payloads, error: undefined, finished };
  } catch (error) {
    return { payloads, error, finished };
  }
}

function multipart(...bodies: string[]): Uint8Array {
  return utf8(`${bodies.map((body) => `\r\n---\r\ncontent-type: application/json\r\n\r\n${body}`).join('')}\r\n-----\r\n`);
}

const MULTIPART = 'multipart/mixed; boundary="-"';

describe('createPayloadDecoder: dispatch on Content-Type', () => {
  it.each([
    [MULTIPART, multipart('{"data":{"a":1}}')],
    ['multipart/mixed', multipart('{"data":{"a":1}}')],
    ['text/event-stream', utf8('event: next\ndata: {"data":{"a":1}}\n\nevent: complete\n\n')],
    ['application/json', utf8('{"data":{"a":1}}')],
    ['application/graphql-response+json; charset=utf-8', utf8(' {"data":{"a":1}} \n')],
  ])('%s', (contentType, bytes) => {
    for (const chunking of allChunkings(bytes, { count: 3 })) {
      expect(decode(contentType, chunking.chunks).payloads, chunking.name).toEqual([{ data: { a: 1 } }]);
    }
  });

  it.each([
    ['multipart/mixed; boundary="a b:c"', 'a b:c'],
    ['multipart/mixed;Boundary = graphql-response', 'graphql-response'],
    ['multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json', 'graphql'],
    ["multipart/mixed; boundary='q'", "'q'"], // `'` is a boundary character, not a quote (RFC 2046)
    ['multipart/mixed; charset=utf-8', '-'],
  ])('takes the boundary of %s', (contentType, boundary) => {
    const bytes = utf8(`\r\n--${boundary}\r\n\r\n{"data":1}\r\n--${boundary}--\r\n`);
    expect(decode(contentType, [bytes])).toEqual({ payloads: [{ data: 1 }], error: undefined, finished: true });
  });

  it.each([['text/html; charset=utf-8'], ['text/plain'], [''], [null], [undefined]])('reads %s as one JSON body, as HttpLink does', (contentType) => {
    expect(decode(contentType as string, [utf8('{"data":{"a":1}}')]).payloads).toEqual([{ data: { a: 1 } }]);
    expect(decode(contentType as string, [utf8('<html>')]).error).toMatchObject({ code: 'INVALID_JSON' });
  });

  it.each([['application/jsonl'], ['application/graphql-response+jsonl; charset=utf-8'], ['application/x-ndjson']])('reads %s one payload per line (Hot Chocolate, NDJSON)', (contentType) => {
    const bytes = utf8('{"data":{"a":[]},"hasNext":true}\r\n{"incremental":[{"items":["ü"],"path":["a",0]}],"hasNext":true}\n\n{"hasNext":false}\n');
    for (const chunking of allChunkings(bytes, { count: 5 })) {
      const result = decode(contentType, chunking.chunks);
      expect(result.payloads, chunking.name).toEqual([
        { data: { a: [] }, hasNext: true },
        { incremental: [{ items: ['ü'], path: ['a', 0] }], hasNext: true },
        { hasNext: false },
      ]);
      expect(result.finished).toBe(true);
    }
    expect(decode(contentType, [utf8('{"hasNext":true}\n{"hasNe')]).error).toMatchObject({ code: 'TRUNCATED', partIndex: 1 });
    expect(decode(contentType, [utf8('{"data":{}}')]).payloads).toEqual([{ data: {} }]);
  });
});

describe('createPayloadDecoder: payload rules', () => {
  it('skips empty parts, whitespace parts and {} heartbeats', () => {
    const result = decode(MULTIPART, [multipart('', '{}', ' \r\n ', '{"data":1}', '{ }', '{"hasNext":false}')]);
    expect(result.payloads).toEqual([{ data: 1 }, { hasNext: false }]);
  });

  it('stops at a payload with hasNext:false and ignores whatever follows it', () => {
    const bytes = utf8('\r\n---\r\n\r\n{"data":1,"hasNext":true}\r\n---\r\n\r\n{"hasNext":false}\r\n---\r\n\r\nnot json\r\n---garbage');
    for (const chunking of allChunkings(bytes, { count: 5 })) {
      const result = decode(MULTIPART, chunking.chunks);
      expect(result.payloads, chunking.name).toEqual([{ data: 1, hasNext: true }, { hasNext: false }]);
      expect(result.error, chunking.name).toBeUndefined();
      expect(result.finished, chunking.name).toBe(true);
    }
  });

  it('unwraps Apollo subscription envelopes and ends quietly on {"payload":null}', () => {
    const result = decode(MULTIPART, [multipart('{}', '{"payload":{"data":{"n":1}}}', '{}', '{"payload":{"data":{"n":2}}}', '{"payload":null}', '{"payload":{"data":{"n":3}}}')]);
    expect(result.payloads).toEqual([{ data: { n: 1 } }, { data: { n: 2 } }]);
    expect(result.error).toBeUndefined();
  });

  it('keeps GraphQL errors inside an envelope payload as data', () => {
    const result = decode(MULTIPART, [multipart('{"payload":{"data":null,"errors":[{"message":"boom"}]}}')]);
    expect(result.payloads).toEqual([{ data: null, errors: [{ message: 'boom' }] }]);
    expect(result.error).toBeUndefined();
  });

  it('throws transport errors after the payloads before them, and after a payload sent with them', () => {
    const fatal = decode(MULTIPART, [multipart('{"payload":{"data":1}}', '{"payload":null,"errors":[{"message":"subgraph down"},{"message":"retry later"}]}')]);
    expect(fatal.payloads).toEqual([{ data: 1 }]);
    expect(fatal.error).toMatchObject({ code: 'TRANSPORT_ERROR', partIndex: 1, errors: [{ message: 'subgraph down' }, { message: 'retry later' }] });
    expect(String(fatal.error)).toMatch(/subgraph down; retry later/);

    const withPayload = decode(MULTIPART, [multipart('{"payload":{"data":2},"errors":[{"message":"x"}]}')]);
    expect(withPayload.payloads).toEqual([{ data: 2 }]);
    expect(withPayload.error).toMatchObject({ code: 'TRANSPORT_ERROR' });
  });

  it('names the part of malformed JSON, after the parts before it', () => {
    const bytes = multipart('{"data":1}', '{"data":', '{"data":3}');
    for (const chunking of allChunkings(bytes, { count: 5 })) {
      const result = decode(MULTIPART, chunking.chunks);
      expect(result.payloads, chunking.name).toEqual([{ data: 1 }]);
      expect(result.error, chunking.name).toMatchObject({ name: 'IncrementalError', code: 'INVALID_JSON', partIndex: 1 });
      expect((result.error as Error).cause).toBeInstanceOf(SyntaxError);
      expect(String(result.error)).toMatch(/^IncrementalError: part 1: expected JSON, got "\{\\"data\\":"/);
    }
  });

  it.each([['an array', '[{"data":1}]'], ['a string', '"hello"'], ['null', 'null'], ['a number', '42']])('rejects a payload that is %s', (_kind, body) => {
    const result = decode(MULTIPART, [multipart(body)]);
    expect(result.error).toMatchObject({ code: 'INVALID_PAYLOAD', partIndex: 0 });
    expect(String(result.error)).toContain(`got ${JSON.stringify(body)}`);
  });

  it('rejects an envelope whose payload is not an object', () => {
    expect(decode(MULTIPART, [multipart('{"payload":[1]}')]).error).toMatchObject({ code: 'INVALID_PAYLOAD' });
  });

  it('reads a part by its body, whatever Content-Type or Content-Length it declares (every peer splits on the delimiter)', () => {
    const text = '\r\n---\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\n{"a":1}\r\n---\r\ncontent-type: APPLICATION/JSON;charset=UTF-8\r\n\r\n{"b":2}\r\n-----';
    for (const chunking of allChunkings(utf8(text), { count: 5 })) {
      expect(decode(MULTIPART, chunking.chunks).payloads, chunking.name).toEqual([{ a: 1 }, { b: 2 }]);
    }
  });

  it('reads express-graphql’s framing: Content-Length of the JSON, then an extra CRLF before the delimiter', () => {
    const parts = ['{"data":{"a":1},"hasNext":true}', '{"data":{"b":"ü"},"path":["a"],"hasNext":false}'];
    const text = `\r\n---${parts.map((json) => `\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${utf8(json).length}\r\n\r\n${json}\r\n\r\n---`).join('')}--\r\n`;
    for (const chunking of allChunkings(utf8(text), { count: 10 })) {
      expect(decode(MULTIPART, chunking.chunks), chunking.name).toEqual({ payloads: parts.map((json) => JSON.parse(json)), error: undefined, finished: true });
    }
  });

  it('reads a part that starts with a byte order mark at its closing brace, like any other', () => {
    const payloads: Payload[] = [];
    const decoder = createPayloadDecoder({ contentType: MULTIPART, onPayload: (payload) => payloads.push(payload) });
    decoder.write(utf8('\r\n---\r\nContent-Type: application/json\r\n\r\n\uFEFF{"data":{"a":1},"hasNext":true}'));
    expect(payloads).toEqual([{ data: { a: 1 }, hasNext: true }]);
    decoder.write(utf8('\r\n---\r\n\r\n\uFEFF{"hasNext":false}'));
    expect(decoder.finished).toBe(true);
  });

  it('keeps __proto__ keys as plain data', () => {
    const result = decode(MULTIPART, [multipart('{"data":{"__proto__":{"polluted":true}}}')]);
    const data = result.payloads[0]!['data'] as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.keys(data)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('createPayloadDecoder: multipart parts that end at their closing brace', () => {
  const rfcPart = (json: string): string => `\r\n---\r\nContent-Type: application/json; charset=utf-8\r\n\r\n${json}`;

  it('passes a payload on before the delimiter that ends its part (RFC / Tanka framing)', () => {
    const payloads: Payload[] = [];
    const decoder = createPayloadDecoder({ contentType: MULTIPART, onPayload: (payload) => payloads.push(payload) });
    decoder.write(utf8(rfcPart('{"data":{"a":"}"},"hasNext":true}')));
    expect(payloads).toEqual([{ data: { a: '}' }, hasNext: true }]);
    decoder.write(utf8(rfcPart('{"hasNext":false}')));
    expect(payloads).toEqual([{ data: { a: '}' }, hasNext: true }, { hasNext: false }]);
    expect(decoder.finished).toBe(true);
  });

  it('reads a body that ends after hasNext:false without the close delimiter as complete, in every chunking', () => {
    const bytes = utf8(rfcPart('{"data":{"a":1},"hasNext":true}') + rfcPart('{"hasNext":false}'));
    for (const chunking of allChunkings(bytes, { count: 10 })) {
      const result = decode(MULTIPART, chunking.chunks);
      expect(result, chunking.name).toEqual({ payloads: [{ data: { a: 1 }, hasNext: true }, { hasNext: false }], error: undefined, finished: true });
    }
  });

  it('reports bytes after a part’s object the same way in every chunking: the payload, then MALFORMED_MULTIPART', () => {
    const text = `${rfcPart('{"n":1,"hasNext":true}')}${rfcPart('{"n":"漢}","hasNext":true} \r\n{"n":3}')}${rfcPart('{"n":4}')}\r\n-----\r\n`;
    for (const chunking of allChunkings(utf8(text), { count: 20 })) {
      const result = decode(MULTIPART, chunking.chunks);
      expect(result.payloads, chunking.name).toEqual([
        { n: 1, hasNext: true },
        { n: '漢}', hasNext: true },
      ]);
      expect(result.error, chunking.name).toMatchObject({ code: 'MALFORMED_MULTIPART', partIndex: 1 });
    }
  });

  it('ignores bytes after a part’s object when that payload was the last (hasNext:false), in every chunking', () => {
    const text = `${rfcPart('{"n":1,"hasNext":true}')}${rfcPart('{"hasNext":false} trailing')}\r\n-----\r\n`;
    for (const chunking of allChunkings(utf8(text), { count: 10 })) {
      expect(decode(MULTIPART, chunking.chunks), chunking.name).toEqual({ payloads: [{ n: 1, hasNext: true }, { hasNext: false }], error: undefined, finished: true });
    }
  });

  it('still reports a broken object, or one that never closes, as INVALID_JSON of its part', () => {
    for (const json of ['{"a":]}', '{"a":"x}', '{"a":1']) {
      const text = `${rfcPart('{"n":1,"hasNext":true}')}${rfcPart(json)}\r\n-----\r\n`;
      for (const chunking of allChunkings(utf8(text), { count: 5 })) {
        const result = decode(MULTIPART, chunking.chunks);
        expect(result.payloads, `${json} ${chunking.name}`).toEqual([{ n: 1, hasNext: true }]);
        expect(result.error, `${json} ${chunking.name}`).toMatchObject({ code: 'INVALID_JSON', partIndex: 1 });
      }
    }
  });

  it('ignores Content-Length: bytes after the JSON inside the length are bytes after the object', () => {
    const body = '{"n":1} x';
    const text = `\r\n---\r\nContent-Length: ${body.length}\r\n\r\n${body}\r\n-----\r\n`;
    expect(decode(MULTIPART, [utf8(text)])).toMatchObject({ payloads: [{ n: 1 }], error: { code: 'MALFORMED_MULTIPART', partIndex: 0 } });
  });
});

describe('createPayloadDecoder: SSE endings', () => {
  const SSE = 'text/event-stream';

  it('finishes at complete, ignoring what follows', () => {
    const result = decode(SSE, [utf8('data: {"data":1}\n\nevent: complete\n\ndata: {"never":1}\n\n')]);
    expect(result.payloads).toEqual([{ data: 1 }]);
    expect(result.finished).toBe(true);
  });

  it('accepts an end between events after a payload that promised nothing more', () => {
    expect(decode(SSE, [utf8('event: next\ndata: {"data":{"tick":1}}\n\n')])).toMatchObject({ payloads: [{ data: { tick: 1 } }], error: undefined });
  });

  it('reports an end after hasNext:true, and an empty stream', () => {
    expect(decode(SSE, [utf8('data: {"hasNext":true}\n\n')]).error).toMatchObject({ code: 'TRUNCATED' });
    expect(decode(SSE, [utf8(':\n\n')]).error).toMatchObject({ code: 'TRUNCATED' });
  });
});

describe('createPayloadDecoder: JSON bodies', () => {
  const JSON_TYPE = 'application/json';

  it('decodes multi-byte characters split across chunks', () => {
    const bytes = utf8('{"data":{"name":"Lüke 天行者 🚀"}}');
    for (const chunking of allChunkings(bytes, { count: 5 })) {
      expect(decode(JSON_TYPE, chunking.chunks).payloads, chunking.name).toEqual([{ data: { name: 'Lüke 天行者 🚀' } }]);
    }
  });

  it('reports an empty body, bad JSON, a non-object and a body over maxPartSize', () => {
    expect(decode(JSON_TYPE, []).error).toMatchObject({ code: 'INVALID_JSON' });
    expect(decode(JSON_TYPE, [utf8('{"data":')]).error).toMatchObject({ code: 'INVALID_JSON' });
    expect(decode(JSON_TYPE, [utf8('[1]')]).error).toMatchObject({ code: 'INVALID_PAYLOAD' });
    expect(decode(JSON_TYPE, [utf8('{"data":"0123456789"}')], 10).error).toMatchObject({ code: 'PART_TOO_LARGE' });
    expect(decode(JSON_TYPE, [utf8('{"a":1}')], 7).payloads).toEqual([{ a: 1 }]);
  });

  it('does not treat {} or payload keys specially', () => {
    expect(decode(JSON_TYPE, [utf8('{}')]).payloads).toEqual([{}]);
    expect(decode(JSON_TYPE, [utf8('{"payload":null}')]).payloads).toEqual([{ payload: null }]);
  });
});

describe('IncrementalError', () => {
  it('has a name, a code, context fields and a message that leads with the location', () => {
    const cause = new SyntaxError('bad');
    const error = new IncrementalError('INVALID_JSON', 'expected JSON.', { partIndex: 3, status: 200, cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('IncrementalError');
    expect(error.message).toBe('part 3: expected JSON.');
    expect(error).toMatchObject({ code: 'INVALID_JSON', partIndex: 3, status: 200 });
    expect(error.cause).toBe(cause);
    expect(new IncrementalError('TRUNCATED', 'ended.').message).toBe('ended.');
    expect(new IncrementalError('PATH_NOT_FOUND', 'no list.', { payloadIndex: 2, path: ['hero', 'friends', 0] }).message).toBe('payload 2 (hero.friends.0): no list.');
  });

  it('isIncrementalError recognises copies from another bundle by name and code', () => {
    const foreign = new Error('x');
    foreign.name = 'IncrementalError';
    Object.defineProperty(foreign, 'code', { value: 'TRUNCATED' });
    expect(isIncrementalError(foreign)).toBe(true);
    expect(isIncrementalError(new Error('x'))).toBe(false);
    expect(isIncrementalError({ name: 'IncrementalError', code: 'TRUNCATED' })).toBe(false);
  });
});
