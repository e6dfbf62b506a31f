/**
 * `@defer` operations for the Relay tests, compiled by relay-compiler into `../__generated__`. Tests
 * import the artifacts, never this file (its `graphql` tags would need Relay's Babel plugin).
 */
import { graphql } from 'relay-runtime';

export const fragments = [
  graphql`
    fragment RelayDefer_name on Hero {
      name
    }
  `,
  graphql`
    fragment RelayDefer_slow on Hero {
      slowField
    }
  `,
  graphql`
    fragment RelayDefer_nested on Hero {
      name
      ...RelayDefer_slow @defer
    }
  `,
  graphql`
    fragment RelayDefer_homeWorld on Hero {
      homeWorld {
        name
        terrain
        climate {
          kind
        }
      }
    }
  `,
  graphql`
    fragment RelayDefer_climate on Hero {
      homeWorld {
        climate {
          kind
          temperature
        }
      }
    }
  `,
  graphql`
    fragment RelayDefer_root on Query {
      hero {
        id
        name
      }
      colors
    }
  `,
  graphql`
    fragment RelayDefer_d1 on A {
      b {
        c {
          d
        }
      }
    }
  `,
  graphql`
    fragment RelayDefer_d0 on Query {
      a {
        b {
          c {
            e
          }
        }
      }
    }
  `,
];

export const queries = [
  graphql`
    query RelayDeferSimpleQuery {
      hero {
        id
        ...RelayDefer_name @defer
      }
    }
  `,
  graphql`
    query RelayDeferRootQuery {
      ...RelayDefer_root @defer
      colors
    }
  `,
  graphql`
    query RelayDeferNestedQuery {
      hero {
        id
        ...RelayDefer_nested @defer
      }
    }
  `,
  graphql`
    query RelayDeferUnderListQuery {
      heroes {
        id
        ...RelayDefer_name @defer
      }
    }
  `,
  graphql`
    query RelayDeferOverlappingQuery {
      hero {
        id
        ...RelayDefer_homeWorld @defer
        ...RelayDefer_climate @defer
      }
    }
  `,
  graphql`
    query RelayDeferSubPathQuery {
      a {
        ...RelayDefer_d1 @defer
      }
      ...RelayDefer_d0 @defer
    }
  `,
  graphql`
    query RelayDeferIfQuery($on: Boolean!) {
      hero {
        id
        ...RelayDefer_name @defer(if: $on)
      }
    }
  `,
  graphql`
    query RelayDeferByIdQuery($id: ID!) {
      heroById(id: $id) {
        id
        ...RelayDefer_name @defer
        friends {
          id
          ...RelayDefer_slow @defer
        }
      }
    }
  `,
  graphql`
    query RelayDeferRedundantQuery {
      hero {
        id
        name
        ...RelayDefer_name @defer
      }
    }
  `,
];
