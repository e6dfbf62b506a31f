/**
 * What the Apollo behaviour tests (`test/apollo/behaviour.test.tsx` on Apollo Client 4,
 * `test/apollo3/behaviour.test.tsx` on 3.14) share: a graphql-js 17 server whose schema adds what those
 * scenarios need to the shared test schema (a paginated list, a mutation), the operations, and the
 * oracle each final result is compared with.
 *
 * The server is `./servers/graphqlJsServer.ts` cut down to POST queries and mutations over JSON or
 * multipart in both formats (negotiated by `Accept`), plus a log of how every response ended, so that a
 * test can tell from the server's side that a client went away mid-stream.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  buildSchema,
  execute,
  experimentalExecuteIncrementally,
  GraphQLDeferDirective,
  GraphQLSchema,
  GraphQLStreamDirective,
  legacyExecuteIncrementally,
  parse,
  specifiedDirectives,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFieldResolver,
} from 'graphql';
import { stripIncrementalDirectives } from './executeIncrementally.js';
import {
  createMultipartWriter,
  FORMAT_PARAMETERS,
  listenOnLoopback,
  negotiate,
  serverResolvers,
  serverTypeDefs,
  type RunningServer,
} from './servers/index.js';
import { resolveServerField } from './servers/serverSchema.js';

const behaviourTypeDefs = /* GraphQL */ `
  ${serverTypeDefs}

  extend type Query {
    """Posts offset … offset+limit-1 of an endless feed, one every intervalMs (an async list)."""
    feed(offset: Int!, limit: Int!, intervalMs: Int!): [Post]
  }

  type Post {
    id: ID!
    title: String
  }

  extend type Hero {
    """Resolves to 'waited <ms>' after ms milliseconds (a deferred field that arrives visibly later)."""
    wait(ms: Int!): String
  }

  type Mutation {
    """The hero with a new name (nothing is stored: every request sees the original heroes)."""
    renameHero(id: ID!, name: String!): Hero
  }
`;

type Resolver = (source: unknown, args: Record<string, unknown>, info: ResolveInfo) => unknown;

interface ResolveInfo {
  readonly parentType: { readonly name: string };
  readonly fieldName: string;
  readonly getAbortSignal?: () => AbortSignal | undefined;
}

/** Posts are ticks under another name: `Query.ticks` already is a cancellable, timer-driven async list. */
async function* feed(_source: unknown, args: Record<string, unknown>): AsyncGenerator<{ id: string; title: string }> {
  const offset = args['offset'] as number;
  const ticks = serverResolvers.Query['ticks']!(undefined, { count: args['limit'], intervalMs: args['intervalMs'] }) as AsyncIterable<number>;
  for await (const tick of ticks) yield { id: String(offset + tick), title: `Post ${offset + tick}` };
}

/**
 * `Query.wait`, but a request that goes away takes its timer with it (some waits here last a minute).
 * A plain timer: under happy-dom the execution's signal is happy-dom's, which `node:timers` rejects.
 */
function wait(_source: unknown, args: Record<string, unknown>, info: ResolveInfo): Promise<string> {
  const ms = args['ms'] as number;
  const signal = info.getAbortSignal?.();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => resolve(`waited ${ms}`), ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new Error('request aborted'));
    });
  });
}

const BEHAVIOUR_RESOLVERS: Readonly<Record<string, Readonly<Record<string, Resolver>>>> = {
  Query: { feed, wait },
  Hero: { wait },
  Mutation: {
    renameHero: (_source, args) => {
      const hero = resolveField(undefined, { id: args['id'] }, undefined, { parentType: { name: 'Query' }, fieldName: 'heroById' });
      return hero === null ? null : { ...(hero as object), name: args['name'] };
    },
  },
};

function resolveField(source: unknown, args: Record<string, unknown>, context: unknown, info: ResolveInfo): unknown {
  const resolver = BEHAVIOUR_RESOLVERS[info.parentType.name]?.[info.fieldName];
  return resolver === undefined ? resolveServerField(source, args, context, info) : resolver(source, args, info);
}

const fieldResolver = resolveField as GraphQLFieldResolver<unknown, unknown>;
const plainSchema = buildSchema(behaviourTypeDefs);
const incrementalSchema = new GraphQLSchema({ ...plainSchema.toConfig(), directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective] });

/**
 * The oracle: `document` without `@defer`/`@stream`, run by graphql-js `execute()` on the same schema.
 *
 * @returns The result as JSON (`data`, and `errors` when there are some).
 */
export async function executePlain(document: DocumentNode, variables: Record<string, unknown> = {}): Promise<ExecutionResult> {
  const result = await execute({ schema: plainSchema, document: stripIncrementalDirectives(document), variableValues: variables, fieldResolver });
  return JSON.parse(JSON.stringify(result)) as ExecutionResult;
}

/** How a response ended, as the server saw it. */
export type ResponseEnd = 'finished' | 'closed early';

/** One request the server answered. */
export interface ServedRequest {
  readonly operationName: string | undefined;
  readonly variables: Record<string, unknown> | undefined;
  /** `Content-Type` of the response. */
  readonly contentType: string;
  /** Resolves once the response is over: written to the end, or closed by the client before that. */
  readonly ended: Promise<ResponseEnd>;
}

/** The running server and every request it has served, in order. */
export interface BehaviourServer extends RunningServer {
  readonly requests: readonly ServedRequest[];
}

interface RequestBody {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}

async function readJson(request: IncomingMessage): Promise<RequestBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as RequestBody;
}

function sendJson(response: ServerResponse, status: number, body: unknown): string {
  const contentType = 'application/json; charset=utf-8';
  response.writeHead(status, { 'content-type': contentType }).end(JSON.stringify(body));
  return contentType;
}

type Executed = ExecutionResult | { initialResult: unknown; subsequentResults: AsyncGenerator<unknown, void, void> };

/** Answers one request; returns the response's `Content-Type`. */
async function answer(request: IncomingMessage, response: ServerResponse, signal: AbortSignal, body: RequestBody): Promise<string> {
  const document = parse(body.query);
  const errors = validate(incrementalSchema, document);
  if (errors.length > 0) return sendJson(response, 400, { errors: errors.map((error) => error.toJSON()) });
  const { streaming } = negotiate(request.headers.accept, false, 'current');
  const format = streaming?.transport === 'multipart' ? streaming.format : 'current';
  const args: ExecutionArgs = { schema: incrementalSchema, document, variableValues: body.variables, operationName: body.operationName, fieldResolver, abortSignal: signal };
  const result = (await (format === 'legacy' ? legacyExecuteIncrementally : experimentalExecuteIncrementally)(args)) as Executed;
  if (!('initialResult' in result)) return sendJson(response, 200, result);
  if (streaming?.transport !== 'multipart') {
    await result.subsequentResults.return();
    return sendJson(response, 406, { errors: [{ message: 'send Accept: multipart/mixed for @defer/@stream' }] });
  }
  const writer = createMultipartWriter('rfc');
  const contentType = writer.contentType([FORMAT_PARAMETERS[format]]);
  response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
  const isLast = (payload: unknown) => (payload as { hasNext?: unknown }).hasNext !== true;
  try {
    response.write(writer.part(JSON.stringify(result.initialResult), isLast(result.initialResult)));
    for await (const payload of result.subsequentResults) {
      if (signal.aborted) break;
      response.write(writer.part(JSON.stringify(payload), isLast(payload)));
    }
  } finally {
    await result.subsequentResults.return();
  }
  response.end(writer.end());
  return contentType;
}

/**
 * Starts the behaviour server on 127.0.0.1 (ephemeral port). Every payload is written as soon as the
 * executor yields it; when the client goes away, the execution is aborted.
 */
export async function startBehaviourServer(): Promise<BehaviourServer> {
  const requests: ServedRequest[] = [];
  const server = createServer({ noDelay: true }, (request, response) => {
    const controller = new AbortController();
    const ended = new Promise<ResponseEnd>((resolve) => {
      response.once('close', () => {
        const end = response.writableFinished ? 'finished' : 'closed early';
        if (end === 'closed early') controller.abort(new Error('client went away'));
        resolve(end);
      });
    });
    void (async () => {
      const body = await readJson(request);
      const served = { operationName: body.operationName, variables: body.variables, contentType: '', ended };
      requests.push(served);
      served.contentType = await answer(request, response, controller.signal, body);
    })().catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else sendJson(response, 500, { errors: [{ message: String(error) }] });
    });
  });
  const running = await listenOnLoopback(server);
  return { ...running, requests };
}

// ---------------------------------------------------------------------------------------------------
// Operations

/**
 * The data of `DEFERRED_HERO` (../apollo/queries.ts, like `FAILING_DEFERRED`) as a cache might hold it from an
 * earlier visit: every value differs from the server's.
 */
export const CACHED_HERO_DATA = {
  hero: { __typename: 'Hero', id: '1', name: 'Luke (cached)', friends: [{ __typename: 'Hero', id: '2', name: 'Han (cached)' }] },
  wait: 'cached',
};

/** A deferred fragment inside the hero: Apollo writes the hero before the fragment's fields exist. */
export const NESTED_DEFERRED = parse(/* GraphQL */ `
  query NestedDeferred {
    hero {
      id
      name
      ... @defer(label: "friends") {
        wait(ms: 100)
        friends {
          id
          name
        }
      }
    }
  }
`);

/** Ticks 0 … 5, one every 50 ms, the first in the initial payload. */
export const TICKS = parse(/* GraphQL */ `
  query Ticks {
    ticks(count: 6, intervalMs: 50) @stream(initialCount: 1)
  }
`);

/** A stream that would take minutes: only an unmount ends it. */
export const ENDLESS_TICKS = parse(/* GraphQL */ `
  query EndlessTicks {
    ticks(count: 10000, intervalMs: 20) @stream(initialCount: 1)
  }
`);

/** A deferred fragment that would take a minute: only an unmount ends it. */
export const SLOW_DEFERRED = parse(/* GraphQL */ `
  query SlowDeferred {
    hero {
      id
      ... @defer {
        wait(ms: 60000)
      }
    }
  }
`);

/** One page of the feed, streamed: the first post in the initial payload, the others 50 ms apart. */
export const FEED = parse(/* GraphQL */ `
  query Feed($offset: Int!, $limit: Int!) {
    feed(offset: $offset, limit: $limit, intervalMs: 50) @stream(initialCount: 1) {
      id
      title
    }
  }
`);

export const PAGE_SIZE = 3;

/**
 * Offset pagination for `Query.feed`: one list whatever the arguments, each page written at its offset.
 * The same type policy works on Apollo Client 3 and 4.
 */
export const FEED_TYPE_POLICIES = {
  Query: {
    fields: {
      feed: {
        keyArgs: false as const,
        merge(existing: readonly unknown[] | undefined, incoming: readonly unknown[], { args }: { args: Record<string, unknown> | null }): unknown[] {
          const merged = existing?.slice() ?? [];
          const offset = (args?.['offset'] as number | undefined) ?? 0;
          incoming.forEach((post, index) => {
            merged[offset + index] = post;
          });
          return merged;
        },
      },
    },
  },
};

/** Renames Luke; his friends and a slow field come in a deferred fragment 100 ms later. */
export const RENAME_HERO = parse(/* GraphQL */ `
  mutation RenameHero($name: String!) {
    renameHero(id: "1", name: $name) {
      id
      name
      ... @defer(label: "details") {
        wait(ms: 100)
        friends {
          id
          name
        }
      }
    }
  }
`);

/** What another component shows of the hero's friends (read from the cache with `useFragment`). */
export const HERO_FRIENDS = parse(/* GraphQL */ `
  fragment HeroFriends on Hero {
    friends {
      id
      name
    }
  }
`);

/** What a component elsewhere on the page shows of the hero the mutation renames. */
export const HERO_NAME = parse(/* GraphQL */ `
  query HeroName {
    hero {
      id
      name
    }
  }
`);

// ---------------------------------------------------------------------------------------------------
// Watching for what must not happen

/**
 * Collects unhandled promise rejections (Node's and the DOM's event) until `stop()`.
 *
 * @returns The rejections seen so far, and a function that stops listening.
 */
export function watchUnhandledRejections(): { readonly reasons: unknown[]; stop(): void } {
  const reasons: unknown[] = [];
  const onNode = (reason: unknown) => reasons.push(reason);
  const onDom = (event: Event) => reasons.push((event as PromiseRejectionEvent).reason);
  process.on('unhandledRejection', onNode);
  globalThis.addEventListener?.('unhandledrejection', onDom);
  return {
    reasons,
    stop() {
      process.off('unhandledRejection', onNode);
      globalThis.removeEventListener?.('unhandledrejection', onDom);
    },
  };
}
