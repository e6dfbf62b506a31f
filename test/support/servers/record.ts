/**
 * Records what the real test servers send, byte for byte, into `test/fixtures/recorded/*.json`
 * (see `./recording.ts` for the file format).
 *
 * Run from the repository root: `pnpm --filter @graphql-incremental/test run record`
 * (or `cd test && npx tsx support/servers/record.ts`).
 *
 * Deterministic operations from `../operations.ts` (the shared schema waits in `setImmediate` hops,
 * never timers), so re-recording changes a file only when a server changes what it sends. Only the
 * heartbeat sample depends on timing.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATIONS } from '../operations.js';
import { ACCEPT } from './acceptHeaders.js';
import { startApolloServer } from './apolloServer.js';
import { captureResponse, type GraphqlRequestBody } from './captureResponse.js';
import { startGraphqlJsServer, type GraphqlJsServerOptions } from './graphqlJsServer.js';
import type { FramingName } from './multipartFraming.js';
import { RECORDINGS_DIRECTORY, type Recording } from './recording.js';
import type { RunningServer } from './runningServer.js';
import { startYogaServer } from './yogaServer.js';

function operation(name: string): GraphqlRequestBody {
  const found = OPERATIONS.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no operation ${name} in test/support/operations.ts`);
  return found.variables === undefined ? { query: found.query } : { query: found.query, variables: found.variables };
}

interface Plan {
  readonly name: string;
  readonly description: string;
  readonly accept: string;
  readonly body: GraphqlRequestBody;
}

interface ServerPlan {
  readonly server: string;
  readonly serverDetails: string;
  readonly start: () => Promise<RunningServer>;
  readonly plans: readonly Plan[];
}

const GRAPHQL_JS_DETAILS = 'our node:http server (test/support/servers/graphqlJsServer.ts) on graphql@17.1.0';

function graphqlJsFraming(framing: FramingName, operationName: string): ServerPlan {
  return {
    server: 'graphql-js',
    serverDetails: `${GRAPHQL_JS_DETAILS}, framing '${framing}'`,
    start: () => startGraphqlJsServer({ framing }),
    plans: [
      {
        name: `graphql-js-current-multipart+${framing}-${operationName}`,
        description: `current format in the '${framing}' framing (test/support/servers/multipartFraming.ts)`,
        accept: ACCEPT.current,
        body: operation(operationName),
      },
    ],
  };
}

function graphqlJsSubscriptions(options: GraphqlJsServerOptions, plans: readonly Plan[]): ServerPlan {
  return {
    server: 'graphql-js',
    serverDetails: `${GRAPHQL_JS_DETAILS}, heartbeat every ${options.heartbeatIntervalMs ?? 5000} ms`,
    start: () => startGraphqlJsServer(options),
    plans,
  };
}

const SERVER_PLANS: readonly ServerPlan[] = [
  {
    server: 'graphql-js',
    serverDetails: `${GRAPHQL_JS_DETAILS}, framing 'rfc'`,
    start: () => startGraphqlJsServer(),
    plans: [
      ...['simple-defer', 'async-stream', 'nested-defer', 'nullable-error-in-defer'].flatMap((name) => [
        { name: `graphql-js-current-multipart-${name}`, description: 'experimentalExecuteIncrementally', accept: ACCEPT.current, body: operation(name) },
        { name: `graphql-js-legacy-multipart-${name}`, description: 'legacyExecuteIncrementally', accept: ACCEPT.legacy, body: operation(name) },
      ]),
      {
        name: 'graphql-js-current-sse-async-stream',
        description: 'text/event-stream, one `next` event per payload, then `complete`',
        accept: ACCEPT.sse,
        body: operation('async-stream'),
      },
      {
        name: 'graphql-js-single-json-defer-if-false',
        description: 'nothing deferred: a plain application/json answer to a multipart request',
        accept: ACCEPT.current,
        body: operation('defer-if-false'),
      },
    ],
  },
  ...(['yoga', 'router', 'strawberry', 'lf', 'tanka'] as const).map((framing) => graphqlJsFraming(framing, 'simple-defer')),
  graphqlJsSubscriptions({ heartbeatIntervalMs: 0 }, [
    {
      name: 'graphql-js-subscription-multipart-tick',
      description: 'Apollo multipart subscription (subscriptionSpec=1.0), Router framing, `{payload}` parts',
      accept: ACCEPT.subscription,
      body: { query: 'subscription { tick(count: 3, intervalMs: 5) { n } }' },
    },
    {
      name: 'graphql-js-subscription-multipart-fatal-error',
      description: 'errors inside each payload (Tick.failing), then the source throws after 2 events: `{payload: null, errors}` and the close delimiter',
      accept: ACCEPT.subscription,
      body: { query: 'subscription { tick(count: 5, intervalMs: 5, failAfter: 2) { n failing } }' },
    },
  ]),
  graphqlJsSubscriptions({ heartbeatIntervalMs: 20 }, [
    {
      name: 'graphql-js-subscription-multipart-heartbeats',
      description: '`{}` heartbeat parts between events (how many depends on timing)',
      accept: ACCEPT.subscription,
      body: { query: 'subscription { tick(count: 2, intervalMs: 50) { n } }' },
    },
  ]),
  {
    server: 'yoga',
    serverDetails: 'graphql-yoga@5.24.1 + @graphql-yoga/plugin-defer-stream@3.24.1 on graphql@16.15.0',
    start: startYogaServer,
    plans: [
      { name: 'yoga-legacy-multipart-simple-defer', description: 'Yoga multipart (Content-Length, held-back delimiter)', accept: ACCEPT.multipart, body: operation('simple-defer') },
      { name: 'yoga-legacy-multipart-async-stream', description: 'one stream item per payload', accept: ACCEPT.multipart, body: operation('async-stream') },
      { name: 'yoga-legacy-sse-simple-defer', description: 'Yoga SSE: `:` ping first, `event: complete` with an empty data line', accept: ACCEPT.sse, body: operation('simple-defer') },
      { name: 'yoga-legacy-sse-async-stream', description: 'Yoga SSE, stream', accept: ACCEPT.sse, body: operation('async-stream') },
      {
        name: 'yoga-single-multipart-defer-if-false',
        description: 'nothing deferred and only multipart accepted: one part without hasNext',
        accept: ACCEPT.multipartOnly,
        body: operation('defer-if-false'),
      },
    ],
  },
  {
    server: 'apollo-server',
    serverDetails: '@apollo/server@5.5.1 on graphql@17.0.0-alpha.9, legacy format through @yaacovcr/transform@0.0.8',
    start: () => startApolloServer(),
    plans: [
      { name: 'apollo-server-current-multipart-simple-defer', description: 'incrementalSpec=v0.2 (graphql alpha.9)', accept: ACCEPT.current, body: operation('simple-defer') },
      { name: 'apollo-server-current-multipart-async-stream', description: 'incrementalSpec=v0.2 (graphql alpha.9)', accept: ACCEPT.current, body: operation('async-stream') },
      { name: 'apollo-server-legacy-multipart-simple-defer', description: 'deferSpec=20220824 (@yaacovcr/transform)', accept: ACCEPT.legacy, body: operation('simple-defer') },
      { name: 'apollo-server-legacy-multipart-async-stream', description: 'deferSpec=20220824 (@yaacovcr/transform)', accept: ACCEPT.legacy, body: operation('async-stream') },
      {
        name: 'apollo-server-error-406-plain-multipart',
        description: 'Apollo Server refuses a plain multipart/mixed Accept for an incremental operation',
        accept: ACCEPT.multipart,
        body: operation('simple-defer'),
      },
    ],
  },
];

async function record(serverPlan: ServerPlan, plan: Plan): Promise<Recording> {
  const server = await serverPlan.start();
  try {
    // Keep-alive like a browser, so that the recorded headers are the ones browsers see.
    const headers = { accept: plan.accept, connection: 'keep-alive' };
    const response = await captureResponse(server.url, plan.body, { headers });
    if (response.error !== undefined) throw response.error;
    const { date: _date, ...responseHeaders } = response.headers;
    return {
      name: plan.name,
      server: serverPlan.server,
      serverDetails: serverPlan.serverDetails,
      description: plan.description,
      request: { method: 'POST', headers: { accept: plan.accept, 'content-type': 'application/json' }, body: plan.body },
      status: response.status,
      headers: responseHeaders,
      chunkSizes: response.chunks.map((chunk) => chunk.bytes.length),
      bodyBase64: response.body.toString('base64'),
      bodyText: response.body.toString('utf8'),
    };
  } finally {
    await server.close();
  }
}

mkdirSync(RECORDINGS_DIRECTORY, { recursive: true });
for (const serverPlan of SERVER_PLANS) {
  for (const plan of serverPlan.plans) {
    const recording = await record(serverPlan, plan);
    writeFileSync(join(RECORDINGS_DIRECTORY, `${plan.name}.json`), `${JSON.stringify(recording, null, 2)}\n`);
    console.log(`${plan.name}: ${recording.status}, ${recording.bodyText.length} bytes in ${recording.chunkSizes.length} chunks`);
  }
}
