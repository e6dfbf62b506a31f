/**
 * A `null` that an error put into the result stays `null`. In these operations an object (or a list
 * item) is nulled in one payload, and a deferred fragment on a parent re-sends fields below it: the
 * 2022 format (branching) sends them as `{"data":{"hero":{"name":"Luke"}},"path":[]}` after
 * `"hero":null`, which a plain deep merge turns back into an object. The payloads come from the real
 * graphql-js executors; the final data must equal plain execution without `@defer`.
 */
import { createReassembler } from '@graphql-incremental/reassembler';
import { describe, expect, it } from 'vitest';
import { EXECUTORS, executeIncrementally, executePlain } from '../support/executeIncrementally.js';

const OPERATIONS = [
  { name: 'root fragment re-selects a nulled object', query: '{ hero { id failingNonNull } ... @defer { hero { name } } }' },
  {
    name: 'nested root fragment re-selects a nulled object',
    query: '{ hero { id failingNonNull } ... @defer { a { b { someField } } ... @defer { hero { name } } } }',
  },
  { name: 'root fragment re-selects a list with a nulled item', query: '{ heroes { id nonNullName } ... @defer { heroes { name } } }' },
  { name: 'fragment re-selects a nested list with a nulled item', query: '{ hero { friends { id nonNullName } ... @defer { friends { name } } } }' },
];

describe.each(EXECUTORS)('%s', (executor) => {
  it.each(OPERATIONS)('$name: the final data equals plain execution', async ({ query }) => {
    const [payloads, plain] = await Promise.all([executeIncrementally(executor, { query }), executePlain({ query })]);
    const reassembler = createReassembler();
    for (const payload of payloads) reassembler.apply(payload);
    const final = reassembler.current!;
    expect(final.hasNext).toBe(false);
    expect(final.data).toStrictEqual(plain['data']);
    expect(final.errors?.map(({ message, path }) => ({ message, path }))).toEqual(
      (plain['errors'] as { message: string; path: unknown }[]).map(({ message, path }) => ({ message, path })),
    );
  });
});

it('the 2022 executors do re-send data below the null (so the cases above test something)', async () => {
  for (const executor of EXECUTORS.filter((name) => name !== '17.1.0 experimental')) {
    for (const { query } of OPERATIONS) {
      const payloads = await executeIncrementally(executor, { query });
      const resent = payloads.slice(1).some((payload) => JSON.stringify(payload['incremental']).includes('"name"'));
      expect(resent, `${executor}: ${query}`).toBe(true);
    }
  }
});
