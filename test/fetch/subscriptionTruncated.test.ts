/**
 * A multipart subscription cut short says so, through the reader and through fetchIncremental; the
 * control shows the same events, well ended, read fine.
 */
import { createPayloadDecoder, isIncrementalError, type Payload } from '@graphql-incremental/reader';
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

describe('a multipart subscription cut between events is TRUNCATED', () => {
  // Apollo Router's framing: every event part ends with the unterminated delimiter
  // line `\r\n--graphql`, so a body cut after any event looks like a clean part boundary. Strawberry's
  // subscription parts end the same way. The graceful ends are the close delimiter or `{"payload":null}`.
  const ROUTER_SUBSCRIPTION = 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0';
  const event = (tick: number) => `\r\ncontent-type: application/json\r\n\r\n{"payload":{"data":{"tick":${tick}}}}\r\n--graphql`;
  const cut = `\r\n--graphql${event(1)}${event(2)}`;

  it('control: the same events followed by the close delimiter end quietly', () => {
    expect(decode(ROUTER_SUBSCRIPTION, `${cut}--\r\n`)).toEqual([{ data: { tick: 1 } }, { data: { tick: 2 } }]);
  });

  it('reader: the body ending after an event, with no close delimiter, is TRUNCATED (Apollo Client: "premature end of multipart body")', () => {
    let error: unknown;
    try {
      decode(ROUTER_SUBSCRIPTION, cut);
    } catch (caught) {
      error = caught;
    }
    expect(isIncrementalError(error) && error.code).toBe('TRUNCATED');
  });

  // Otherwise the loop would just end, like a subscription the server completed, and the app would never
  // learn it should resubscribe (urql's "fake complete").
  it('fetchIncremental: a subscription whose body is cut after an event rejects instead of ending normally', async () => {
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
