import { describe, expect, it } from 'vitest';
import { buildAcceptHeader } from './buildAcceptHeader.js';
import { isSubscription } from './isSubscription.js';
import { parse } from 'graphql';

describe('buildAcceptHeader', () => {
  it.each([
    [undefined, undefined, false, 'multipart/mixed;incrementalSpec=v0.2, multipart/mixed;deferSpec=20220824;q=0.9, application/graphql-response+json;q=0.8, application/json;q=0.7'],
    ['2022', 'multipart', false, 'multipart/mixed;deferSpec=20220824, multipart/mixed;incrementalSpec=v0.2;q=0.9, application/graphql-response+json;q=0.8, application/json;q=0.7'],
    ['current', 'event-stream', false, 'text/event-stream, application/graphql-response+json;q=0.8, application/json;q=0.7'],
    ['current', 'multipart', true, 'multipart/mixed;subscriptionSpec=1.0, application/graphql-response+json;q=0.8, application/json;q=0.7'],
  ] as const)('format %s, transport %s, subscription %s', (format, transport, subscription, expected) => {
    expect(buildAcceptHeader(format, transport, subscription)).toBe(expected);
  });
});

describe('isSubscription', () => {
  it.each([
    ['subscription { tick }', undefined, true],
    ['  # a comment\n subscription OnTick { tick }', undefined, true],
    ['{ subscriptionCount }', undefined, false],
    ['query Q { a } # subscription { x }', undefined, false],
    ['fragment F on Tick { n } subscription S { tick { ...F } }', undefined, true],
    ['query { hero { id } }', undefined, false],
  ] as const)('%j → %s', (text, operationName, expected) => {
    expect(isSubscription(text, operationName)).toBe(expected);
    expect(isSubscription(parse(text), operationName)).toBe(expected);
  });

  it.each(['query A { a } subscription B { b }', 'subscription B { b } query A { a }', 'subscription B($n: Int) { b(n: $n) } query A { a }'])(
    'picks the named operation of a document with several: %j',
    (text) => {
      for (const document of [text, parse(text)]) {
        expect(isSubscription(document, 'A')).toBe(false);
        expect(isSubscription(document, 'B')).toBe(true);
      }
    },
  );
});
