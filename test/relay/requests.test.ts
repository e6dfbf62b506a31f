/**
 * What `createFetchFunction` sends, and subscriptions: the request (method, headers, body,
 * credentials), persisted queries (`request.id` without text, sent as `documentId`), and Relay
 * subscriptions over Apollo's multipart protocol with the same function as `Network.create`'s
 * subscribe function, against the graphql-js 17 server.
 */
import { createFetchFunction, isIncrementalError } from '@graphql-incremental/relay';
import { requestSubscription, type ConcreteRequest, type Disposable, type GraphQLSubscriptionConfig } from 'relay-runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countActiveTickSources, startGraphqlJsServer, startYogaServer, type RunningServer } from '../support/servers/index.js';
import nested from './__generated__/RelayDeferNestedQuery.graphql.js';
import tickSubscription, { type RelayReactTickSubscription } from './__generated__/RelayReactTickSubscription.graphql.js';
import { createIncrementalEnvironment, createOracleEnvironment, executeToEnd, expectSameStore } from './support/relayEnvironment.js';

let server: RunningServer;
beforeAll(async () => {
  // Heartbeats every few milliseconds, between and around the subscription's events.
  server = await startGraphqlJsServer({ heartbeatIntervalMs: 3 });
});
afterAll(() => server.close());

interface Sent {
  readonly url: string;
  readonly init: RequestInit;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

/** A `fetch` that records each request and lets `rewrite` change its body before sending it on. */
function createRecordingFetch(rewrite: (body: Record<string, unknown>) => Record<string, unknown> = (body) => body) {
  const sent: Sent[] = [];
  const recordingFetch: typeof fetch = async (input, init = {}) => {
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    sent.push({ url: String(input), init, headers: new Headers(init.headers), body });
    return fetch(input, { ...init, body: JSON.stringify(rewrite(body)) });
  };
  return { fetch: recordingFetch, sent };
}

describe('the request', () => {
  it('POSTs { query, operationName, variables } as JSON, asking for both incremental formats', async () => {
    const recording = createRecordingFetch();
    await executeToEnd(createIncrementalEnvironment({ url: server.url, fetch: recording.fetch }), nested);
    expect(recording.sent).toHaveLength(1);
    const [{ url, init, headers, body }] = recording.sent as [Sent];
    expect({ url, method: init.method, contentType: headers.get('content-type') }).toEqual({ url: server.url, method: 'POST', contentType: 'application/json' });
    expect(headers.get('accept')).toMatch(/^multipart\/mixed;incrementalSpec=v0\.2, multipart\/mixed;deferSpec=20220824;q=0\.9, /);
    expect(body).toEqual({ query: nested.params.text, operationName: 'RelayDeferNestedQuery', variables: {} });
    expect(init.credentials).toBeUndefined();
  });

  it('sends your headers over the defaults (accept too), and credentials', async () => {
    const recording = createRecordingFetch();
    const environment = createIncrementalEnvironment({
      url: server.url,
      fetch: recording.fetch,
      headers: { authorization: 'Bearer token', Accept: 'multipart/mixed;deferSpec=20220824' },
      credentials: 'include',
    });
    await executeToEnd(environment, nested);
    const [{ init, headers }] = recording.sent as [Sent];
    expect(Object.fromEntries(headers)).toEqual({ accept: 'multipart/mixed;deferSpec=20220824', authorization: 'Bearer token', 'content-type': 'application/json' });
    expect(init.credentials).toBe('include');
  });

  it('a persisted query (id, no text) is sent as { documentId, operationName, variables }', async () => {
    const persisted = { ...nested, params: { ...nested.params, id: 'sha256:relay-defer-nested', text: null, cacheID: undefined } } as unknown as ConcreteRequest;
    // The server's document store, in front of the real server.
    const documents = new Map([['sha256:relay-defer-nested', nested.params.text]]);
    const recording = createRecordingFetch(({ documentId, ...rest }) => ({ ...rest, query: documents.get(String(documentId)) }));
    const environment = createIncrementalEnvironment({ url: server.url, fetch: recording.fetch });
    await executeToEnd(environment, persisted);
    expect(recording.sent.map((sent) => sent.body)).toEqual([{ documentId: 'sha256:relay-defer-nested', operationName: 'RelayDeferNestedQuery', variables: {} }]);
    expectSameStore(environment, await createOracleEnvironment(nested), nested);
  });
});

describe('subscriptions (Network.create(fetchFunction, fetchFunction))', () => {
  /** Subscribes, and resolves with every event's data and the end (`complete` or the error). */
  function subscribe(variables: RelayReactTickSubscription['variables'], url = server.url, headers?: HeadersInit) {
    const recording = createRecordingFetch();
    const environment = createIncrementalEnvironment({ url, fetch: recording.fetch, ...(headers && { headers }) });
    const events: unknown[] = [];
    let disposable: Disposable | undefined;
    const ended = new Promise<unknown>((resolve) => {
      const config: GraphQLSubscriptionConfig<RelayReactTickSubscription> = {
        subscription: tickSubscription,
        variables,
        onNext: (response) => void events.push(response),
        onError: resolve,
        onCompleted: () => resolve('complete'),
      };
      disposable = requestSubscription(environment, config);
    });
    return { events, ended, recording, dispose: () => disposable?.dispose() };
  }

  it('each event reaches Relay, over Apollo multipart subscriptions with heartbeats', async () => {
    const { events, ended, recording } = await subscribe({ count: 3 });
    expect(await ended).toBe('complete');
    expect(events).toEqual([
      { tick: { n: 0, failing: null } },
      { tick: { n: 1, failing: null } },
      { tick: { n: 2, failing: null } },
    ]);
    expect(recording.sent[0]!.headers.get('accept')).toMatch(/^multipart\/mixed;subscriptionSpec=1\.0,/);
  });

  it('each event comes as a plain result, with its own errors', async () => {
    const responses: unknown[] = [];
    await new Promise<void>((resolve, reject) =>
      createFetchFunction({ url: server.url })(tickSubscription.params, { count: 2 }).subscribe({ next: (response) => void responses.push(response), error: reject, complete: resolve }),
    );
    const error = { message: 'failing tick field', locations: [{ line: 7, column: 5 }], path: ['tick', 'failing'] };
    expect(responses).toEqual([
      { data: { tick: { n: 0, failing: null } }, errors: [error], hasNext: false },
      { data: { tick: { n: 1, failing: null } }, errors: [error], hasNext: false },
    ]);
  });

  it('a source that fails mid-way ends the Observable with IncrementalError TRANSPORT_ERROR after the events before', async () => {
    const { events, ended } = await subscribe({ count: 5, failAfter: 2 });
    const error = await ended;
    expect(isIncrementalError(error) && { code: error.code, errors: error.errors }).toEqual({
      code: 'TRANSPORT_ERROR',
      errors: [{ message: 'tick source failed after 2 events' }],
    });
    expect(events).toEqual([{ tick: { n: 0, failing: null } }, { tick: { n: 1, failing: null } }]);
  });

  it('disposing the subscription aborts the request: the server releases its source', async () => {
    const { events, dispose } = await subscribe({ count: 100000 });
    await vi.waitFor(() => expect(events.length).toBeGreaterThan(0));
    expect(countActiveTickSources()).toBe(1);
    dispose();
    await vi.waitFor(() => expect(countActiveTickSources()).toBe(0));
  });

  it('over server-sent events when asked for (GraphQL Yoga streams subscriptions only so)', async () => {
    const yoga = await startYogaServer();
    try {
      const { events, ended } = await subscribe({ count: 3 }, yoga.url, { accept: 'text/event-stream' });
      expect(await ended).toBe('complete');
      expect(events).toEqual([{ tick: { n: 0, failing: null } }, { tick: { n: 1, failing: null } }, { tick: { n: 2, failing: null } }]);
    } finally {
      await yoga.close();
    }
  });
});
