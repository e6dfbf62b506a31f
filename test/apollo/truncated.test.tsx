// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "fetch": { "disableSameOriginPolicy": true } } }
/**
 * A stream that breaks off: the fault server replays a recorded `asyncColors @stream(initialCount: 1)`
 * response (red, green, blue) and, after two parts, either ends the body cleanly without the close
 * delimiter (`premature-end`) or destroys the connection in the middle of the third part
 * (`close-mid-part`). What `useQuery` shows on Apollo Client 4, compared with HttpLink.
 *
 * What Apollo does with a link error depends on the errorPolicy, identically for both links:
 * - `none`: the hook keeps the data already rendered (red, green) next to the error, networkStatus 8,
 *   and calls it `dataState: "complete"`;
 * - `all`: the hook drops the rendered data (`data: undefined`, `dataState: "empty"`) and shows only
 *   the error. A link cannot change that: the data is gone by Apollo's decision for network errors.
 */
import type { ApolloLink } from '@apollo/client';
import { cleanup } from '@testing-library/react';
import { parse } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { faultUrl, startFaultServer, type FaultKind, type RunningServer } from '../support/servers/index.js';
import { createClient, createHttpLink, createIncrementalLink, HANDLER_NAMES, recordQuery, type HandlerName, type QueryState } from './apolloClient4.js';
import { formatStates } from './recordRenders.js';

/** The recorded responses the fault server breaks, one per format. */
const RECORDINGS = {
  current: 'graphql-js-current-multipart-async-stream',
  '2022': 'graphql-js-legacy-multipart-async-stream',
} as const;
type Format = keyof typeof RECORDINGS;

/** The format each handler reads, for the HttpLink comparison (the fault server ignores `Accept`). */
const HANDLER_FORMAT: Record<HandlerName, Format> = { Defer20220824Handler: '2022', GraphQL17Alpha9Handler: 'current' };

const servers = {} as Record<Format, RunningServer>;
beforeAll(async () => {
  // 60 ms between parts, so that each part renders on its own.
  servers.current = await startFaultServer({ recording: RECORDINGS.current, writeDelayMs: 60 });
  servers['2022'] = await startFaultServer({ recording: RECORDINGS['2022'], writeDelayMs: 60 });
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});
afterEach(() => cleanup());

const COLORS = parse('query Colors { asyncColors @stream(initialCount: 1) }');
const KINDS = ['premature-end', 'close-mid-part'] as const satisfies readonly FaultKind[];
const ERROR_POLICIES = ['none', 'all'] as const;

async function statesOf(link: ApolloLink, handler: HandlerName, errorPolicy: 'none' | 'all'): Promise<QueryState[]> {
  const log = recordQuery(createClient(link, handler), COLORS, { errorPolicy });
  await log.until((state) => !state.loading);
  return log.states();
}

function brokenUrl(format: Format, kind: (typeof KINDS)[number]): string {
  return faultUrl(servers[format].url, { kind, afterParts: 2 });
}

/** The states before the failure: nothing, then red, then red and green, all while streaming. */
const STREAMED: QueryState[] = [
  { data: undefined, loading: true, dataState: 'empty', networkStatus: 1 },
  { data: { asyncColors: ['red'] }, loading: true, dataState: 'complete', networkStatus: 9 },
  { data: { asyncColors: ['red', 'green'] }, loading: true, dataState: 'complete', networkStatus: 9 },
];

/** How our error reads, per fault: a typed error naming where the body broke off. */
const OUR_ERROR: Record<(typeof KINDS)[number], RegExp> = {
  'premature-end': /^IncrementalError: the body ended after a payload with "hasNext": true$/,
  'close-mid-part': /^IncrementalError: reading the body failed: /,
};

describe.each(HANDLER_NAMES)('Apollo Client 4 with %s', (handler) => {
  describe.each(KINDS)('%s', (kind) => {
    it.each(
      (Object.keys(RECORDINGS) as Format[]).flatMap((format) => ERROR_POLICIES.map((errorPolicy) => [format, errorPolicy] as const)),
    )('IncrementalHttpLink, server format %s, errorPolicy %s: shows the error; keeps the rendered data under "none"', async (format, errorPolicy) => {
      const states = await statesOf(createIncrementalLink({ uri: brokenUrl(format, kind) }), handler, errorPolicy);
      expect(states.slice(0, -1), formatStates(states)).toEqual(STREAMED);
      const last = states.at(-1)!;
      expect(last.error, formatStates(states)).toMatch(OUR_ERROR[kind]);
      expect({ ...last, error: undefined }).toEqual(
        errorPolicy === 'none'
          ? { data: { asyncColors: ['red', 'green'] }, loading: false, dataState: 'complete', networkStatus: 8, error: undefined }
          : { data: undefined, loading: false, dataState: 'empty', networkStatus: 8, error: undefined },
      );
    });

    it.each(ERROR_POLICIES)('HttpLink on the format of the handler, errorPolicy %s: the same states, its own error message', async (errorPolicy) => {
      const format = HANDLER_FORMAT[handler];
      const ours = await statesOf(createIncrementalLink({ uri: brokenUrl(format, kind) }), handler, errorPolicy);
      const theirs = await statesOf(createHttpLink({ uri: brokenUrl(format, kind) }), handler, errorPolicy);
      const withoutError = (states: QueryState[]) => states.map((state) => ({ ...state, error: state.error === undefined ? undefined : 'an error' }));
      expect(withoutError(ours), `ours:\n${formatStates(ours)}\nHttpLink:\n${formatStates(theirs)}`).toEqual(withoutError(theirs));
      expect(theirs.at(-1)?.error).toBe(kind === 'premature-end' ? 'Error: premature end of multipart body' : 'Error: aborted');
    });
  });
});
