/**
 * Operations that mix `@defer` and `@stream` with errors, aliases and variables, for the Relay tests
 * (see `RelayDefer.ts`).
 */
import { graphql } from 'relay-runtime';

export const fragments = [
  graphql`
    fragment RelayMixed_caught on Hero {
      name
      failingField @catch
    }
  `,
  graphql`
    fragment RelayMixed_caughtFailure on Hero {
      failingNonNull @catch
    }
  `,
  graphql`
    fragment RelayMixed_failing on Hero {
      name
      failingNonNull
    }
  `,
  graphql`
    fragment RelayMixed_nullable on Hero {
      name
      failingField
    }
  `,
  graphql`
    fragment RelayMixed_nonNullName on Hero {
      nonNullName
    }
  `,
  graphql`
    fragment RelayMixed_everything on Hero {
      nickname: name
      slowField
      friends @stream(initialCount: 0) {
        id
        ...RelayMixed_nullable @defer
      }
    }
  `,
];

export const queries = [
  graphql`
    query RelayMixedFailingQuery {
      hero {
        id
        ...RelayMixed_failing @defer
      }
    }
  `,
  graphql`
    query RelayMixedNullableErrorQuery {
      hero {
        id
        ...RelayMixed_nullable @defer
      }
    }
  `,
  graphql`
    query RelayMixedFailingInListQuery {
      heroes {
        id
        ...RelayMixed_nonNullName @defer
      }
    }
  `,
  graphql`
    query RelayMixedEverythingQuery($id: ID!, $stream: Boolean!) {
      first: heroById(id: $id) {
        id
        ...RelayMixed_everything @defer
      }
      others: heroes @stream(initialCount: 1, if: $stream) {
        id
        name
        ...RelayMixed_nullable @defer
      }
    }
  `,
  graphql`
    query RelayMixedCaughtQuery {
      hero {
        id
        ...RelayMixed_caught @defer
        ...RelayMixed_caughtFailure @defer
      }
    }
  `,
];
