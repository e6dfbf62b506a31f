import { ApolloClient, InMemoryCache, gql } from '@apollo/client';
import { Defer20220824Handler, GraphQL17Alpha9Handler } from '@apollo/client/incremental';
import { IncrementalHttpLink } from '@graphql-incremental/apollo-link';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
});
afterAll(() => server.close());

describe.each([
  ['Defer20220824Handler', (): NonNullable<ApolloClient.Options['incrementalHandler']> => new Defer20220824Handler()],
  // Apollo's own typings reject this handler under exactOptionalPropertyTypes (its streamInfo type).
  ['GraphQL17Alpha9Handler', () => new GraphQL17Alpha9Handler() as unknown as NonNullable<ApolloClient.Options['incrementalHandler']>],
] as const)('Apollo Client 4 with %s', (_name, handler) => {
  it.each(['current', '2022'] as const)('streams a %s-format response through watchQuery', async (format) => {
    const client = new ApolloClient({ link: new IncrementalHttpLink({ uri: server.url, format }), cache: new InMemoryCache(), incrementalHandler: handler() });
    const query = gql`
      query { hero { id ... @defer(label: "slow") { name slowField } } asyncColors @stream(initialCount: 1) }
    `;
    const seen: unknown[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = client.watchQuery({ query }).subscribe({
        next: (result) => {
          seen.push({ data: result.data, loading: result.loading, dataState: result.dataState, networkStatus: result.networkStatus });
          if (!result.loading) {
            subscription.unsubscribe();
            resolve();
          }
        },
        error: reject,
      });
    });
    expect(seen.at(-1)).toMatchObject({ loading: false, data: { hero: { id: '1', name: 'Luke' }, asyncColors: ['red', 'green', 'blue'] } });
  });
});
