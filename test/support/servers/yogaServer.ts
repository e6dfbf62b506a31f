/**
 * GraphQL Yoga 5 with `@graphql-yoga/plugin-defer-stream`, serving the shared test schema
 * (`./serverSchema.ts`). Yoga lives in its own workspace package (`test/servers/yoga`) because it needs
 * graphql 16; this module only hands it our schema description.
 *
 * Yoga answers any `multipart/mixed` (spec parameters ignored) with the 2022 format, one stream item
 * per payload, in its own framing (`Content-Length` per part, delimiter line held back), and
 * `text/event-stream` with SSE (GraphQL over SSE, distinct connections mode). Subscriptions go over SSE
 * only (Yoga does not implement Apollo's multipart subscription protocol).
 */
import { createYogaHttpServer } from '@graphql-incremental/test-server-yoga';
import { listenOnLoopback, type RunningServer } from './runningServer.js';
import { serverResolvers, serverTypeDefs } from './serverSchema.js';

/**
 * Starts Yoga on 127.0.0.1 (ephemeral port) with the shared test schema.
 *
 * @returns The running server; `url` is its `/graphql` endpoint.
 */
export function startYogaServer(): Promise<RunningServer> {
  const { server, dispose } = createYogaHttpServer({ typeDefs: serverTypeDefs, resolvers: serverResolvers });
  return listenOnLoopback(server, dispose);
}
