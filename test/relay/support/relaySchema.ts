/**
 * The schema the Relay tests compile against and run on: the shared test schema
 * (`../../support/servers/serverSchema.ts`) plus a Relay connection, which `@stream_connection` needs
 * and the shared schema does not have. `../printSchema.ts` writes it as `../schema.graphql` for
 * relay-compiler; `./connectionServer.ts` serves it.
 */
import {
  buildSchema,
  execute,
  GraphQLDeferDirective,
  GraphQLSchema,
  GraphQLStreamDirective,
  parse,
  specifiedDirectives,
  type GraphQLFieldResolver,
} from 'graphql';
import { stripIncrementalDirectives } from '../../support/executeIncrementally.js';
import { serverResolvers, serverTypeDefs } from '../../support/servers/index.js';
import { resolveServerField } from '../../support/servers/serverSchema.js';

/** The connection fields, added to the shared schema. */
export const connectionTypeDefs = /* GraphQL */ `
  extend type Query {
    """The heroes as a Relay connection: the first \`first\` of them (all by default)."""
    heroConnection(first: Int, after: String): HeroConnection
    """The same connection, its edges coming from an async iterator, one per event-loop turn."""
    asyncHeroConnection(first: Int, after: String): HeroConnection
  }

  type HeroConnection {
    edges: [HeroEdge]
    pageInfo: PageInfo!
  }

  type HeroEdge {
    cursor: String!
    node: Hero
  }

  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }
`;

/** The whole SDL this server serves (and relay-compiler compiles against). */
export const relayTypeDefs = `${serverTypeDefs}\n${connectionTypeDefs}`;

const plainSchema = buildSchema(relayTypeDefs);

/** The schema with `@defer` and `@stream` declared (graphql 17.1's `execute()` refuses it). */
export const relaySchema = new GraphQLSchema({
  ...plainSchema.toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

interface HeroLike {
  readonly id: string;
}

function connectionOf(args: Record<string, unknown>, asynchronous: boolean): unknown {
  const heroes = (serverResolvers.Query['heroes']!(undefined, {}) as readonly HeroLike[]).slice(0, typeof args['first'] === 'number' ? args['first'] : undefined);
  const edges = heroes.map((hero) => ({ cursor: `cursor:${hero.id}`, node: hero }));
  async function* slowly() {
    for (const edge of edges) {
      await new Promise((resolve) => setImmediate(resolve));
      yield edge;
    }
  }
  return {
    edges: asynchronous ? slowly() : edges,
    pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** The shared resolvers, and the connections. */
export const relayFieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, args, context, info) => {
  if (info.parentType.name === 'Query' && info.fieldName === 'heroConnection') return connectionOf(args, false);
  if (info.parentType.name === 'Query' && info.fieldName === 'asyncHeroConnection') return connectionOf(args, true);
  return resolveServerField(source, args, context, info);
};

/**
 * Runs `query` with graphql-js 17 `execute()` after removing `@defer`/`@stream`: the oracle for what
 * this server streams.
 */
export async function executePlainRelay(query: string, variables: Record<string, unknown> = {}): Promise<unknown> {
  const document = stripIncrementalDirectives(parse(query));
  return JSON.parse(JSON.stringify(await execute({ schema: plainSchema, document, variableValues: variables, fieldResolver: relayFieldResolver })));
}
