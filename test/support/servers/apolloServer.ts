/**
 * Apollo Server 5 serving the shared test schema (`./serverSchema.ts`). Apollo Server lives in its
 * own workspace package (`test/servers/apollo-server`) because it streams only with graphql
 * 17.0.0-alpha.9 exactly; this module only hands it our schema description.
 *
 * One server speaks both formats, chosen by the request's `Accept`:
 * `multipart/mixed;incrementalSpec=v0.2` (current format, graphql alpha.9) and
 * `multipart/mixed;deferSpec=20220824` (2022 format through `@yaacovcr/transform`, unless
 * `legacyFormat` is false). A plain `multipart/mixed` gets 406. No subscriptions over HTTP.
 */
import { createApolloHttpServer } from '@graphql-incremental/test-server-apollo';
import { listenOnLoopback, type RunningServer } from './runningServer.js';
import { resolveServerField, serverTypeDefs } from './serverSchema.js';

/** Options of {@link startApolloServer}. */
export interface ApolloServerOptions {
  /** Serve `deferSpec=20220824` (Apollo's `legacyExperimentalExecuteIncrementally`). Default `true`. */
  readonly legacyFormat?: boolean;
}

/**
 * Starts Apollo Server on 127.0.0.1 (ephemeral port) with the shared test schema.
 *
 * @param options Which formats to serve.
 * @returns The running server; `url` is its `/graphql` endpoint.
 */
export async function startApolloServer(options: ApolloServerOptions = {}): Promise<RunningServer> {
  const { server, dispose } = await createApolloHttpServer({
    typeDefs: serverTypeDefs,
    fieldResolver: resolveServerField,
    ...(options.legacyFormat === undefined ? {} : { legacyFormat: options.legacyFormat }),
  });
  return listenOnLoopback(server, dispose);
}
