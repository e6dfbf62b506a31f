/**
 * `@stream` and `@stream_connection` operations for the Relay tests (see `RelayDefer.ts`). Relay
 * streams lists of objects only.
 */
import { graphql } from 'relay-runtime';

export const fragments = [
  graphql`
    fragment RelayStream_friends on Hero {
      friends @stream(initialCount: 1) {
        id
        name
      }
    }
  `,
  graphql`
    fragment RelayStream_card on Hero {
      name
      homeWorld {
        name
      }
    }
  `,
];

export const queries = [
  graphql`
    query RelayStreamSyncQuery {
      heroes @stream(initialCount: 1) {
        id
        name
      }
    }
  `,
  graphql`
    query RelayStreamAsyncQuery {
      asyncHeroes @stream(initialCount: 0) {
        id
        name
      }
    }
  `,
  graphql`
    query RelayStreamDeferInItemsQuery {
      heroes @stream(initialCount: 1) {
        id
        ...RelayStream_card @defer
      }
    }
  `,
  graphql`
    query RelayStreamInDeferQuery {
      hero {
        id
        ...RelayStream_friends @defer
      }
    }
  `,
  graphql`
    query RelayStreamNestedQuery {
      heroes @stream(initialCount: 0) {
        id
        friends @stream(initialCount: 0) {
          id
          name
        }
      }
    }
  `,
  graphql`
    query RelayStreamNestedAsyncQuery {
      heroes: asyncHeroes @stream(initialCount: 0) {
        id
        friends: asyncFriends @stream(initialCount: 0) {
          id
          ...RelayStream_card @defer
        }
      }
    }
  `,
  graphql`
    query RelayStreamNullItemQuery {
      asyncHeroes @stream(initialCount: 0) {
        id
        nonNullName
      }
    }
  `,
  graphql`
    query RelayStreamConnectionQuery($first: Int) {
      heroConnection(first: $first) @stream_connection(key: "RelayStream_heroConnection", initial_count: 1) {
        edges {
          node {
            id
            name
            ...RelayStream_card @defer
          }
        }
      }
    }
  `,
  graphql`
    query RelayStreamAsyncConnectionQuery {
      asyncHeroConnection(first: 3) @stream_connection(key: "RelayStream_asyncHeroConnection", initial_count: 0) {
        edges {
          node {
            id
            name
          }
        }
      }
    }
  `,
];
