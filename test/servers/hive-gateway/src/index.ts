/**
 * Hive Gateway in proxy mode as a `node:http` server, for the end-to-end tests (which listen on
 * 127.0.0.1 with `test/support/servers/runningServer.ts`): `createGatewayRuntime({ proxy: { endpoint } })`
 * from `@graphql-hive/gateway-runtime`, the runtime the `@graphql-hive/gateway` CLI serves with
 * `hive-gateway proxy <endpoint>`. It introspects the upstream once, validates against that schema and
 * forwards every operation to the upstream with `@graphql-tools/executor-http`
 * (through `@graphql-mesh/transport-http`, which the runtime loads by name).
 *
 * What it sends (2.12.1, in front of Yoga 5): the upstream executor asks for
 * `application/graphql-response+json, application/json, multipart/mixed`, merges every upstream
 * payload into one result object (`mergeIncrementalResult` of `@graphql-tools/utils`, which knows the
 * 2022 format only) and yields that object after each part. The gateway's Yoga streams each of them
 * whole: `multipart/mixed; boundary="-"` in Yoga's framing, or SSE events, every part the complete
 * result so far with no `hasNext`, `incremental`, `path` or `label`, and the close delimiter (or
 * `event: complete`) at the end. `deferStream: true` changes nothing on the wire. In front of a
 * current-format upstream (`pending`/`id`) the snapshots are wrong: deferred fields land at the root and
 * stream items replace `data`.
 *
 * The upstream is any GraphQL-over-HTTP endpoint (a test server started by the caller); this package
 * depends on nothing of ours and exposes no gateway or graphql 16 type.
 */
import { createServer, type Server } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

/** Options of {@link createHiveGatewayHttpServer}. */
export interface HiveGatewayOptions {
  /** The upstream GraphQL endpoint, e.g. `http://127.0.0.1:41234/graphql`. */
  readonly upstreamUrl: string;
  /**
   * The runtime's `deferStream` option (`@graphql-yoga/plugin-defer-stream` on the gateway). Default
   * `false`, the runtime's own default.
   */
  readonly deferStream?: boolean;
}

/** A Hive Gateway HTTP server, not listening yet. */
export interface HiveGatewayHttpServer {
  readonly server: Server;
  /** Disposes the gateway (its upstream executor and schema polling); call it once the server is closed. */
  dispose(): Promise<void>;
}

/**
 * Creates the gateway runtime in proxy mode and the `node:http` server around it.
 *
 * @param options The upstream and the gateway options.
 * @returns The server (not listening) and the gateway's disposer.
 */
export function createHiveGatewayHttpServer(options: HiveGatewayOptions): HiveGatewayHttpServer {
  const gateway = createGatewayRuntime({
    proxy: { endpoint: options.upstreamUrl },
    deferStream: options.deferStream ?? false,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: false,
    maskedErrors: false,
  });
  return { server: createServer({ noDelay: true }, gateway), dispose: async () => gateway.dispose() };
}
