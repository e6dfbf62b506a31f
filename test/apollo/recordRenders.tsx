/**
 * Records what a React component sees on every render, for the Apollo Client hook tests (Apollo Client 4
 * in `test/apollo`, 3.14 in `test/apollo3`). The hook runs inside a real React 19 tree rendered with
 * `@testing-library/react`; the test asserts the sequence of states, never timings.
 */
import { act, render, waitFor } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { isDeepStrictEqual } from 'node:util';

/** The renders of one component, and a way to unmount it. */
export interface RenderLog<TSnapshot> {
  /** Every render's snapshot, in order (React may render the same state twice). */
  readonly renders: readonly TSnapshot[];
  /** The renders with consecutive equal snapshots collapsed: the states the user could see. */
  states(): TSnapshot[];
  /** Waits until the latest render satisfies `predicate` (default limit 4 s, inside Vitest's 5 s), and returns it. */
  until(predicate: (snapshot: TSnapshot) => boolean, timeoutMs?: number): Promise<TSnapshot>;
  unmount(): void;
}

/**
 * Renders a component that calls `useSnapshot` and records its value on every render.
 *
 * @param useSnapshot A hook call (e.g. `useQuery`) mapped to a plain, comparable snapshot.
 * @param wrap Puts the component under its providers (e.g. `ApolloProvider`).
 */
export function recordRenders<TSnapshot>(useSnapshot: () => TSnapshot, wrap: (children: ReactNode) => ReactElement): RenderLog<TSnapshot> {
  const renders: TSnapshot[] = [];
  function Recorder(): null {
    renders.push(useSnapshot());
    return null;
  }
  const view = render(wrap(<Recorder />));
  return {
    renders,
    states: () => collapse(renders),
    async until(predicate, timeoutMs = 4000) {
      return waitFor(
        () => {
          const last = renders.at(-1);
          if (last === undefined || !predicate(last)) throw new Error(`not yet; states so far:\n${formatStates(collapse(renders))}`);
          return last;
        },
        { timeout: timeoutMs, interval: 5 },
      );
    },
    unmount: () => act(() => view.unmount()),
  };
}

/** `values` without consecutive deep-equal repetitions. */
export function collapse<T>(values: readonly T[]): T[] {
  const result: T[] = [];
  for (const value of values) if (result.length === 0 || !isDeepStrictEqual(result.at(-1), value)) result.push(value);
  return result;
}

/** One line per state, for failure messages and for reading what a test saw. */
export function formatStates(states: readonly unknown[]): string {
  return states.map((state, index) => `  ${index}: ${JSON.stringify(state)}`).join('\n');
}

/** `value` without Apollo's `__typename` fields, so that assertions read like the query. */
export function withoutTypename(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTypename);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== '__typename').map(([key, field]) => [key, withoutTypename(field)]));
}

/** Resolves after `ms` milliseconds (only to let a server run on; never a timing assertion). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
