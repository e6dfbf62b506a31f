/**
 * Subscriptions and mutations through incrementalExchange in a real urql `Client`.
 *
 * - Subscriptions reach the exchange only with `fetchSubscriptions: true` (client option or operation
 *   context), as with urql's `fetchExchange`; otherwise they go on to the next exchange (e.g. a
 *   graphql-ws `subscriptionExchange`). Apollo's multipart protocol (graphql-js server, Router framing,
 *   heartbeats) and text/event-stream.
 * - Mutations with a deferred fragment, both formats, and subscription events with and without errors
 *   (./ticketServer.ts).
 */
import { Client, subscriptionExchange } from '@urql/core';
import { incrementalExchange } from '@graphql-incremental/urql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countActiveTickSources, startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import { startTicketServer } from './ticketServer.js';
import { collectResults, createRecordingFetch, createUrqlClient, view } from './urqlClient.js';

describe('subscriptions', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // Heartbeats every 15 ms: `{}` parts come before and between the events.
    server = await startGraphqlJsServer({ heartbeatIntervalMs: 15 });
  });
  afterAll(() => server.close());

  const TICK = 'subscription Tick { tick(count: 3, intervalMs: 40) { n } }';
  /** Each event with `hasNext: true`, then, when the response ends, the last one again with `hasNext: false` (as urql's own exchanges end a subscription). */
  const EVENTS = [
    { data: { tick: { n: 0 } }, hasNext: true },
    { data: { tick: { n: 1 } }, hasNext: true },
    { data: { tick: { n: 2 } }, hasNext: true },
    { data: { tick: { n: 2 } }, hasNext: false },
  ];

  it.each([
    ['Apollo multipart subscriptions', {}, /^multipart\/mixed.*subscriptionSpec=1\.0/],
    ['text/event-stream', { transport: 'event-stream' }, /^text\/event-stream/],
  ] as const)('%s: one result per event, heartbeats skipped', async (_name, options, contentType) => {
    const recording = createRecordingFetch();
    const client = createUrqlClient(server.url, { ...options, fetch: recording.fetch }, { fetchSubscriptions: true });
    const results = await collectResults(client.subscription(TICK, {}));
    expect(results.map(view)).toEqual(EVENTS);
    expect(recording.contentTypes).toEqual([expect.stringMatching(contentType)]);
    await vi.waitFor(() => expect(countActiveTickSources()).toBe(0));
  });

  it('keeps the GraphQL errors of each event with that event', async () => {
    const client = createUrqlClient(server.url, {}, { fetchSubscriptions: true });
    const results = (await collectResults(client.subscription('subscription { tick(count: 2, intervalMs: 20) { n failing } }', {}))).map(view);
    expect(results.slice(0, 2)).toEqual(
      [0, 1].map((n) => ({
        data: { tick: { n, failing: null } },
        hasNext: true,
        graphQLErrors: [{ message: 'failing tick field', path: ['tick', 'failing'] }],
      })),
    );
  });

  it('a transport error after two events: a network error, with the last event\'s data', async () => {
    const client = createUrqlClient(server.url, {}, { fetchSubscriptions: true });
    const results = (await collectResults(client.subscription('subscription { tick(count: 5, intervalMs: 20, failAfter: 2) { n } }', {}))).map(view);
    expect(results).toEqual([
      { data: { tick: { n: 0 } }, hasNext: true },
      { data: { tick: { n: 1 } }, hasNext: true },
      {
        data: { tick: { n: 1 } },
        hasNext: false,
        networkError: { name: 'IncrementalError', code: 'TRANSPORT_ERROR', message: expect.stringContaining('tick source failed after 2 events') },
      },
    ]);
  });

  it('without fetchSubscriptions, a subscription goes on to the next exchange; the operation\'s context can opt in', async () => {
    const recording = createRecordingFetch();
    const forwarded: string[] = [];
    // Stands in for a graphql-ws subscriptionExchange after ours.
    const websocketExchange = subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe(sink) {
          forwarded.push(request.query!);
          sink.next({ data: { tick: { n: 42 } } });
          sink.complete();
          return { unsubscribe: () => undefined };
        },
      }),
    });
    const client = new Client({ url: server.url, exchanges: [incrementalExchange({ fetch: recording.fetch }), websocketExchange] });

    const viaWebsocket = await collectResults(client.subscription(TICK, {}));
    expect(viaWebsocket.map(view)).toEqual([
      { data: { tick: { n: 42 } }, hasNext: true },
      { data: { tick: { n: 42 } }, hasNext: false },
    ]);
    expect(forwarded).toHaveLength(1);
    expect(recording.requests).toEqual([]);

    const viaFetch = await collectResults(client.subscription(TICK, {}, { fetchSubscriptions: true }));
    expect(viaFetch.map(view)).toEqual(EVENTS);
    expect(recording.requests).toHaveLength(1);
    expect(forwarded).toHaveLength(1);
  });
});

describe('on the ticket server', () => {
  let server: Awaited<ReturnType<typeof startTicketServer>>;
  beforeAll(async () => {
    server = await startTicketServer();
  });
  afterAll(() => server.close());

  it('a subscription: each event has its own GraphQL errors, none from the events before it', async () => {
    const client = createUrqlClient(server.url, {}, { fetchSubscriptions: true });
    const results = (await collectResults(client.subscription('subscription { numbers(count: 3) { n oddOut } }', {}))).map(view);
    expect(results).toEqual([
      { data: { numbers: { n: 0, oddOut: 'even' } }, hasNext: true },
      { data: { numbers: { n: 1, oddOut: null } }, hasNext: true, graphQLErrors: [{ message: '1 is odd', path: ['numbers', 'oddOut'] }] },
      { data: { numbers: { n: 2, oddOut: 'even' } }, hasNext: true },
      { data: { numbers: { n: 2, oddOut: 'even' } }, hasNext: false },
    ]);
  });

  const ADD = 'mutation Add($title: String!) { addTicket(title: $title) { id title ... @defer { summary } } }';

  it.each(['current', '2022'] as const)('a mutation, %s format: the deferred fragment fills in, each mutation runs once', async (format) => {
    const before = server.mutations();
    const client = createUrqlClient(server.url, { format });
    const results = (await collectResults(client.mutation(ADD, { title: format }))).map(view);
    const id = String(before + 1);
    expect(results).toEqual([
      { data: { addTicket: { id, title: format } }, hasNext: true },
      { data: { addTicket: { id, title: format, summary: `summary of ${format}` } }, hasNext: false },
    ]);
    // `toPromise()` waits for the last result.
    const again = await client.mutation(ADD, { title: 'again' }).toPromise();
    expect(view(again)).toEqual({ data: { addTicket: { id: String(before + 2), title: 'again', summary: 'summary of again' } }, hasNext: false });
    expect(server.mutations()).toBe(before + 2);
  });
});
