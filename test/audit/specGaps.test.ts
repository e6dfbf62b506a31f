/**
 * Audit of the client-side requirements in the team's research notes (spec.md, anchors.md) against the
 * reader, reassembler and fetch packages. Each `it.fails` is a gap that still exists: it passes while the
 * gap does, and starts failing (so it must become a plain `it`) once the gap is fixed. Each has a control
 * `it` next to it showing the same bytes or payloads, well formed, are read fine.
 */
import { createPayloadDecoder, isIncrementalError, type Payload } from '@graphql-incremental/reader';
import { createReassembler } from '@graphql-incremental/reassembler';
import { fetchIncremental } from '@graphql-incremental/fetch';
import { describe, expect, it } from 'vitest';

/** Decodes `text` in one write, then ends the body unless the decoder says the response is complete. */
function decode(contentType: string, text: string): Payload[] {
  const payloads: Payload[] = [];
  const decoder = createPayloadDecoder({ contentType, onPayload: (payload) => payloads.push(payload) });
  decoder.write(new TextEncoder().encode(text));
  if (!decoder.finished) decoder.end();
  return payloads;
}

/** A fetch that answers every request with `body` as a 200 response of `contentType`. */
function answer(contentType: string, body: string): typeof fetch {
  return (async () => new Response(body, { headers: { 'content-type': contentType } })) as typeof fetch;
}

describe('spec.md §3.4.6 / anchors.md §8.1: a multipart subscription cut between events is not reported', () => {
  // Apollo Router's framing (spec.md §3.3/§3.6): every event part ends with the unterminated delimiter
  // line `\r\n--graphql`, so a body cut after any event looks like a clean part boundary. Strawberry's
  // subscription parts end the same way. The graceful ends are the close delimiter or `{"payload":null}`.
  const ROUTER_SUBSCRIPTION = 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0';
  const event = (tick: number) => `\r\ncontent-type: application/json\r\n\r\n{"payload":{"data":{"tick":${tick}}}}\r\n--graphql`;
  const cut = `\r\n--graphql${event(1)}${event(2)}`;

  it('control: the same events followed by the close delimiter end quietly', () => {
    expect(decode(ROUTER_SUBSCRIPTION, `${cut}--\r\n`)).toEqual([{ data: { tick: 1 } }, { data: { tick: 2 } }]);
  });

  // Gap: decodePayloads only reports TRUNCATED after `hasNext: true` or before any payload; events of a
  // subscription carry no `hasNext`, so the end of the body reads as a complete response.
  it.fails('reader: the body ending after an event, with no close delimiter, is TRUNCATED (Apollo Client: "premature end of multipart body")', () => {
    let error: unknown;
    try {
      decode(ROUTER_SUBSCRIPTION, cut);
    } catch (caught) {
      error = caught;
    }
    expect(isIncrementalError(error) && error.code).toBe('TRUNCATED');
  });

  // Gap, as a user sees it: the loop just ends, like a subscription the server completed, so the app
  // never learns it should resubscribe (urql's "fake complete", anchors.md §1b).
  it.fails('fetchIncremental: a subscription whose body is cut after an event rejects instead of ending normally', async () => {
    const ticks: unknown[] = [];
    const run = async () => {
      for await (const result of fetchIncremental('http://127.0.0.1:1/graphql', { query: 'subscription { tick }' }, { fetch: answer(ROUTER_SUBSCRIPTION, cut) })) {
        ticks.push(result.data);
      }
    };
    await expect(run()).rejects.toSatisfy(isIncrementalError);
    expect(ticks).toEqual([{ tick: 1 }, { tick: 2 }]);
  });
});

describe('spec.md §5.6.4 / §4 (Tanka): an initial payload with nothing but hasNext', () => {
  // Tanka's ExecutionResult (src/GraphQL/ExecutionResult.cs, read from source, not captured) turns an
  // empty `data` into null and omits it when writing, so `{ ... @defer { slow } }`, whose root fields
  // are all deferred, starts with `{"hasNext":true}` instead of `{"data":{},"hasNext":true}`.
  const deferred = { incremental: [{ path: [], data: { slow: 'done' } }], hasNext: false };

  it('control: the same response with `data: {}` first (graphql-js, Apollo Router) merges', () => {
    const reassembler = createReassembler();
    reassembler.apply({ data: {}, hasNext: true });
    expect(reassembler.apply(deferred)).toMatchObject({ data: { slow: 'done' }, hasNext: false });
  });

  // Gap: createReassembler throws INVALID_PAYLOAD "expected data or errors" for a first payload without
  // either, so nothing at all is rendered.
  it.fails('merges a root-level defer after an initial {"hasNext": true}', () => {
    const reassembler = createReassembler();
    reassembler.apply({ hasNext: true });
    expect(reassembler.apply(deferred)).toMatchObject({ data: { slow: 'done' }, hasNext: false });
  });
});

describe('anchors.md §6 (gqlgen#3381): two payloads in one part, the delimiter between them missing', () => {
  // gqlgen's multipart aggregator (PR #3357, fixed by PR #3382) wrote the initial and a deferred payload
  // that were ready in the same cycle without the delimiter between them (bytes from the issue).
  const GQLGEN = 'multipart/mixed; boundary="graphql"; deferSpec=20220824';
  const initial = '{"data":{"todos":[{"id":"1","user":null}]},"hasNext":true}';
  const later = '{"incremental":[{"data":{"user":{"id":"1"}},"path":["todos",0]}],"hasNext":false}';
  const expected = [JSON.parse(initial), JSON.parse(later)];

  it('control: with the delimiter, both payloads are read', () => {
    const body = `--graphql\nContent-Type: application/json\n\n${initial}\n--graphql\nContent-Type: application/json\n\n${later}\n--graphql--\n`;
    expect(decode(GQLGEN, body)).toEqual(expected);
  });

  // Gap: the reader hands out the initial payload, then throws MALFORMED_MULTIPART for what follows its
  // object, so the deferred data is lost.
  it.fails('reads the headers-and-JSON that follow a part’s object as the next part', () => {
    const body = `--graphql\nContent-Type: application/json\n\n${initial}Content-Type: application/json\n\n${later}\n--graphql--\n`;
    expect(decode(GQLGEN, body)).toEqual(expected);
  });
});
