// @vitest-environment happy-dom
// @vitest-environment-options { "settings": { "fetch": { "disableSameOriginPolicy": true } } }
/**
 * React 19 with react-relay 21 in happy-dom: `useLazyLoadQuery` renders the initial payload, and a
 * component reading a deferred fragment with `useFragment` suspends until its payload arrives, then
 * renders it, against the graphql-js 17 server in both formats. The deferred fragment waits 300 ms on
 * the server, so the two states are apart; assertions are about order and content, never timing. The
 * test server sends no CORS headers, so happy-dom's same-origin check is off.
 */
import { cleanup, render, waitFor } from '@testing-library/react';
import { Suspense, type ReactNode } from 'react';
import { RelayEnvironmentProvider, useFragment, useLazyLoadQuery } from 'react-relay';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDomFetch } from '../apollo/domFetch.js';
import { startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import failingQuery, { type RelayMixedFailingQuery } from './__generated__/RelayMixedFailingQuery.graphql.js';
import failingFragment, { type RelayMixed_failing$key } from './__generated__/RelayMixed_failing.graphql.js';
import reactQuery, { type RelayReactQuery } from './__generated__/RelayReactQuery.graphql.js';
import waitedFragment, { type RelayReact_waited$key } from './__generated__/RelayReact_waited.graphql.js';
import { createIncrementalEnvironment } from './support/relayEnvironment.js';

const ACCEPT = {
  current: 'multipart/mixed;incrementalSpec=v0.2, application/json;q=0.5',
  '2022': 'multipart/mixed;deferSpec=20220824, application/json;q=0.5',
} as const;

let server: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
});
afterAll(() => server.close());
afterEach(() => cleanup());

/** What the components rendered, in order, consecutive repeats collapsed. */
function createRenderLog() {
  const renders: string[] = [];
  return {
    add: (render: string) => void (renders.at(-1) === render || renders.push(render)),
    renders,
  };
}

function Fallback({ what, log }: { what: string; log: (render: string) => void }): ReactNode {
  log(`loading ${what}`);
  return <p>loading {what}</p>;
}

describe.each(['current', '2022'] as const)('server format %s', (format) => {
  it('useLazyLoadQuery renders the initial payload; useFragment suspends on the deferred fragment, then renders it', async () => {
    const log = createRenderLog();
    const dom = createDomFetch();

    function Waited({ query }: { query: RelayReact_waited$key }): ReactNode {
      const data = useFragment(waitedFragment, query);
      log.add(`waited: ${data.waited}, ${data.hero?.slowField}`);
      return <p>{data.waited}</p>;
    }

    function Page(): ReactNode {
      const data = useLazyLoadQuery<RelayReactQuery>(reactQuery, {});
      log.add(`page: ${data.hero?.name}`);
      return (
        <>
          <h1>{data.hero?.name}</h1>
          <Suspense fallback={<Fallback what="waited" log={log.add} />}>
            <Waited query={data} />
          </Suspense>
        </>
      );
    }

    const environment = createIncrementalEnvironment({ url: server.url, fetch: dom.fetch, headers: { accept: ACCEPT[format] } });
    const view = render(
      <RelayEnvironmentProvider environment={environment}>
        <Suspense fallback={<Fallback what="page" log={log.add} />}>
          <Page />
        </Suspense>
      </RelayEnvironmentProvider>,
    );
    await waitFor(() => expect(view.container.textContent).toBe('Lukewaited 300'), { timeout: 4000 });

    expect(dom.contentTypes).toEqual([expect.stringContaining(format === 'current' ? 'incrementalSpec=v0.2' : 'deferSpec=20220824')]);
    expect(log.renders).toEqual(['loading page', 'page: Luke', 'loading waited', 'waited: waited 300, slow Luke']);
  });

  it('a deferred fragment that fails renders (the failed field null, the others missing), and nothing throws', async () => {
    const log = createRenderLog();

    function Failing({ hero }: { hero: RelayMixed_failing$key }): ReactNode {
      const data = useFragment(failingFragment, hero);
      log.add(`failing: ${String(data.name)}, ${String(data.failingNonNull)}`);
      return <p>fragment rendered</p>;
    }

    function Page(): ReactNode {
      const data = useLazyLoadQuery<RelayMixedFailingQuery>(failingQuery, {});
      log.add(`page: ${data.hero?.id}`);
      return <Suspense fallback={<Fallback what="fragment" log={log.add} />}>{data.hero && <Failing hero={data.hero} />}</Suspense>;
    }

    const environment = createIncrementalEnvironment({ url: server.url, fetch: createDomFetch().fetch, headers: { accept: ACCEPT[format] } });
    const view = render(
      <RelayEnvironmentProvider environment={environment}>
        <Suspense fallback={<Fallback what="page" log={log.add} />}>
          <Page />
        </Suspense>
      </RelayEnvironmentProvider>,
    );
    await waitFor(() => expect(view.container.textContent).toBe('fragment rendered'), { timeout: 4000 });
    expect(log.renders.at(-1)).toBe('failing: undefined, null');
    expect(log.renders).toContain('page: 1');
  });
});
