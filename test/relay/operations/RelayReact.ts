/**
 * Operations for the React, abort and subscription tests (see `RelayDefer.ts`).
 */
import { graphql } from 'relay-runtime';

export const fragments = [
  graphql`
    fragment RelayReact_waited on Query {
      waited: wait(ms: 300)
      hero {
        slowField
      }
    }
  `,
  graphql`
    fragment RelayReact_ticks on Query {
      ticks(count: 100000, intervalMs: 5)
    }
  `,
];

export const operations = [
  graphql`
    query RelayReactQuery {
      hero {
        id
        name
      }
      ...RelayReact_waited @defer
    }
  `,
  graphql`
    query RelayReactTicksQuery {
      hero {
        id
        name
      }
      ...RelayReact_ticks @defer
    }
  `,
  graphql`
    subscription RelayReactTickSubscription($count: Int!, $failAfter: Int) {
      tick(count: $count, intervalMs: 10, failAfter: $failAfter) {
        n
        failing
      }
    }
  `,
];
