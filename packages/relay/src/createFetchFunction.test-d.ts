import { Network, type FetchFunction, type SubscribeFunction } from 'relay-runtime';
import { expectTypeOf, test } from 'vitest';
import { createFetchFunction } from './createFetchFunction.js';

test('one function serves as Relay fetch function and subscribe function', () => {
  const fetchFunction = createFetchFunction({ url: '/graphql' });
  expectTypeOf(fetchFunction).toExtend<FetchFunction>();
  expectTypeOf(fetchFunction).toExtend<SubscribeFunction>();
  expectTypeOf(Network.create).toBeCallableWith(fetchFunction, fetchFunction);
});

test('options: url required; fetch, headers, credentials optional', () => {
  expectTypeOf(createFetchFunction).toBeCallableWith({ url: new URL('https://example.com/graphql'), headers: [['authorization', 'Bearer x']], credentials: 'include', fetch });
  // @ts-expect-error -- the endpoint is required
  createFetchFunction({});
});
