/**
 * Operations of the Apollo Client hook tests (4 and 3.14) and the data they resolve to on the test
 * servers (`test/support/servers/serverSchema.ts`). Payloads are separated by real waits on the server
 * (`Query.wait`, `Query.ticks`), so each one reaches React on its own.
 */
import { parse } from 'graphql';

/** `hero` at once; a deferred fragment 100 ms later adds `wait` and the hero's friends. */
export const DEFERRED_HERO = parse(/* GraphQL */ `
  query DeferredHero {
    hero {
      id
      name
    }
    ... @defer(label: "later") {
      wait(ms: 100)
      hero {
        friends {
          id
          name
        }
      }
    }
  }
`);

export const HERO = { id: '1', name: 'Luke' };

/** The complete data of {@link DEFERRED_HERO}. */
export const DEFERRED_HERO_DATA = {
  hero: {
    ...HERO,
    friends: [
      { id: '2', name: 'Han' },
      { id: '3', name: 'Leia' },
    ],
  },
  wait: 'waited 100',
};

/** A deferred fragment with a nullable field that throws (`failingField`) next to one that works. */
export const FAILING_DEFERRED = parse(/* GraphQL */ `
  query FailingDeferred {
    hero {
      id
      name
    }
    ... @defer(label: "failing") {
      wait(ms: 100)
      hero {
        failingField
        slowField
      }
    }
  }
`);

/** The complete data of {@link FAILING_DEFERRED} (with its one error, `failingField failed`). */
export const FAILING_DEFERRED_DATA = { hero: { ...HERO, failingField: null, slowField: 'slow Luke' }, wait: 'waited 100' };

/** Five integers, one every 40 ms, the first in the initial payload. */
export const TICKS = parse(/* GraphQL */ `
  query Ticks {
    ticks(count: 5, intervalMs: 40) @stream(initialCount: 1)
  }
`);

export const ALL_TICKS = [0, 1, 2, 3, 4];

/** The list `ticks` of a render's data, if there is one. */
export function ticksOf(data: unknown): readonly number[] | undefined {
  return (data as { ticks?: number[] } | undefined)?.ticks;
}

/** The two wire formats, as the link's `format` option names them. */
export const FORMATS = ['current', '2022'] as const;

/** The response Content-Type parameter that names each format (the graphql-js server echoes it). */
export const FORMAT_PARAMETER = { current: 'incrementalSpec=v0.2', '2022': 'deferSpec=20220824' } as const;
