import { Client, type Exchange } from '@urql/core';
import { describe, expectTypeOf, it } from 'vitest';
import { incrementalExchange, type IncrementalExchangeOptions } from './index.js';

describe('incrementalExchange types', () => {
  it('is an urql Exchange, with or without options', () => {
    expectTypeOf(incrementalExchange()).toEqualTypeOf<Exchange>();
    expectTypeOf(incrementalExchange({ format: '2022', transport: 'event-stream', maxPartSize: 1024, pace: false })).toEqualTypeOf<Exchange>();
    new Client({ url: '/graphql', exchanges: [incrementalExchange()] });
  });

  it('takes fetchOptions as an object or a function, like the client option', () => {
    expectTypeOf<{ fetchOptions: { credentials: 'include' } }>().toMatchTypeOf<IncrementalExchangeOptions>();
    expectTypeOf<{ fetchOptions: () => RequestInit; headers: [string, string][] }>().toMatchTypeOf<IncrementalExchangeOptions>();
    // @ts-expect-error: only the two formats
    incrementalExchange({ format: 'v0.2' });
    // @ts-expect-error: only the two transports
    incrementalExchange({ transport: 'websocket' });
  });
});
