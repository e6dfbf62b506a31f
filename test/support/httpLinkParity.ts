/**
 * The differential suite for IncrementalHttpLink against Apollo's own HttpLink: every scenario runs
 * through both links, one after the other, against the same recording server on 127.0.0.1, inside a real
 * ApolloClient, and the two runs must agree on
 * - the requests: method, URL with query string, every header but `Accept` (names in the case sent),
 *   body byte for byte, and what a custom `fetch` receives;
 * - the outcome the app sees: data, or the error's class (as the app tells it apart) and fields.
 *
 * It imports `@apollo/client`, so it runs on whichever major the vitest project resolves: Apollo
 * Client 4 by default, Apollo Client 3 under the `apollo3` project. Types are Apollo Client 4's.
 * Each row also states what HttpLink itself does, so that a row cannot pass by both links failing alike.
 */
import * as apollo from '@apollo/client';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { IncrementalHttpLink, type IncrementalHttpLinkOptions } from '@graphql-incremental/apollo-link';
import { parse, type DocumentNode } from 'graphql';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGraphqlJsServer } from './servers/graphqlJsServer.js';
import {
  forwardTo,
  headerOf,
  persistedQueries,
  reply,
  startRecordingServer,
  type RecordingServer,
  type Responder,
} from './servers/recordingServer.js';
import { listenOnLoopback, type RunningServer } from './servers/runningServer.js';

/** The Apollo Client major this module was loaded with. */
export const APOLLO_MAJOR: 3 | 4 = 'CombinedGraphQLErrors' in apollo ? 4 : 3;

type Major = 3 | 4;
type LinkOptions = Record<string, unknown>;
type Context = Record<string, unknown>;

/** What a row may use: the servers and this side's recording `fetch`. */
export interface Env {
  /** The recording server's endpoint. */
  readonly url: string;
  /** The graphql-js 17 server that executes (behind the recording server). */
  readonly upstream: string;
  /** An endpoint nobody listens on (connection refused). */
  readonly refusedUrl: string;
  /** A `fetch` that records what it is called with, then calls the global one. */
  readonly fetch: typeof fetch;
}

interface Operation {
  readonly kind: 'query' | 'mutation' | 'subscription';
  readonly document: string;
  readonly variables?: Record<string, unknown>;
  /** The operation's context, fresh per link when a function. */
  readonly context?: Context | (() => Context);
  readonly errorPolicy?: 'none' | 'all' | 'ignore';
  /** How many times the operation runs, one after the other (default 1). */
  readonly times?: number;
}

/** What the app sees, as one word: `data`, or the error's class (Apollo Client 4 names). */
type Kind =
  | 'data'
  | 'ServerError'
  | 'ServerParseError'
  | 'CombinedGraphQLErrors'
  | 'CombinedProtocolErrors'
  | 'TypeError'
  | 'AbortError'
  | 'TimeoutError';

/** One row of the table. */
export interface Scenario {
  readonly name: string;
  /** The majors the row applies to; both by default. */
  readonly majors?: readonly Major[];
  /** Options of both links; `uri` defaults to the recording server. */
  readonly link?: LinkOptions | ((env: Env) => LinkOptions);
  /** Links in front of the terminating link, created per run. */
  readonly front?: (env: Env) => readonly apollo.ApolloLink[];
  /** More `ApolloClient` options. */
  readonly client?: Record<string, unknown>;
  /** Apollo Client 4's `incrementalHandler` (Apollo Client 3 has none). */
  readonly handler?: 'Defer20220824Handler' | 'GraphQL17Alpha9Handler';
  readonly operation: Operation;
  /** How the server answers, created per run. */
  readonly answer: (env: Env) => Responder;
  /** What HttpLink's app sees; per major where they differ. */
  readonly sees: Kind | Readonly<Record<Major, Kind>>;
  /** More about what HttpLink does (its requests, mostly). */
  readonly check?: (http: SideRecord) => void;
  /** Compare `Accept` too (where the app set it, it must be sent as is). */
  readonly compareAccept?: boolean;
}

/** A request as the server saw it. */
export interface RequestView {
  readonly method: string;
  readonly url: string;
  /** `Name: value` lines as sent (name case kept), sorted, without `Accept`. */
  readonly headers: readonly string[];
  readonly body: string;
}

/** What one link's run produced. */
export interface SideRecord {
  readonly requests: readonly RequestView[];
  /** The `Accept` headers, apart: the links may ask for different formats. */
  readonly accept: readonly (string | undefined)[];
  /** What the recording `fetch` was called with (rows that pass `env.fetch`). */
  readonly fetchCalls: readonly unknown[];
  /** Per run: query/mutation → `{data}` or `{error}`; subscription → its events. */
  readonly outcome: readonly (readonly unknown[])[];
  /** `operation.getContext().response` as a link in front sees it when the operation ends. */
  readonly contextResponse: readonly unknown[];
}

const HERO = 'query Hero { hero { id name } }';
const HERO_BY_ID = 'query HeroById($id: ID!) { heroById(id: $id) { id name } }';
const RENAME = 'mutation Rename($id: ID!, $name: String!) { renameHero(id: $id, name: $name) { id name } }';
const RENAMED = { data: { renameHero: { __typename: 'Hero', id: '1', name: 'Leia' } } };
const DEFERRED = 'query Deferred { hero { id ... @defer(label: "slow") { name slowField } } }';
const STREAMED = 'query Streamed { hero { id } asyncColors @stream(initialCount: 1) }';
const TICKS = 'subscription Ticks { tick(count: 2, intervalMs: 1) { n } }';
const TICKS_WITH_FIELD_ERRORS = 'subscription TicksWithFieldErrors { tick(count: 2, intervalMs: 1) { n failing } }';
const FAILING_TICKS = 'subscription FailingTicks { tick(count: 3, intervalMs: 1, failAfter: 1) { n } }';

/**
 * A validation error from a server that follows GraphQL over HTTP (Yoga, for one): 400 with
 * `application/graphql-response+json` when the client accepts it, else 200 with `application/json`.
 */
const validationError = (): Responder => (request, response) => {
  const errors = { errors: [{ message: 'Cannot query field "x" on type "Query".', locations: [{ line: 1, column: 3 }] }] };
  const modern = /application\/graphql-response\+json/i.test(headerOf(request, 'accept') ?? '');
  return reply(modern ? 400 : 200, modern ? 'application/graphql-response+json; charset=utf-8' : 'application/json; charset=utf-8', errors)(request, response);
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const graphql = (env: Env) => forwardTo(env.upstream);

/** Sets `operation.extensions.custom`, as a link in front of the terminating one would. */
const extensionsLink = () => [
  new apollo.ApolloLink((operation, forward) => {
    operation.extensions['custom'] = { set: 'by a link in front' };
    return forward(operation);
  }),
];

function requestOf(http: SideRecord, index = 0): RequestView {
  const request = http.requests[index];
  if (request === undefined) throw new Error(`no request ${index}`);
  return request;
}
const bodyOf = (http: SideRecord, index = 0) => JSON.parse(requestOf(http, index).body) as Record<string, unknown>;
const searchOf = (http: SideRecord, index = 0) => new URL(requestOf(http, index).url, 'http://127.0.0.1').searchParams;

/**
 * The table. Rows are independent; each runs on every major in `majors`.
 * `link`, `front` and `answer` are created afresh for each link, so stateful links and servers start clean.
 */
export const SCENARIOS: readonly Scenario[] = [
  // Plain operations
  { name: 'plain query', operation: { kind: 'query', document: '{ hero { id name } }' }, answer: graphql, sees: 'data' },
  {
    name: 'query with variables',
    operation: { kind: 'query', document: HERO_BY_ID, variables: { id: '2' } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(bodyOf(http)['variables']).toEqual({ id: '2' }),
  },
  {
    name: 'mutation',
    operation: { kind: 'mutation', document: RENAME, variables: { id: '1', name: 'Leia' } },
    answer: () => reply(200, 'application/json', RENAMED),
    sees: 'data',
  },
  {
    name: 'operationName',
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(bodyOf(http)['operationName']).toBe('Hero'),
  },
  {
    name: '@defer, 2022 format (Defer20220824Handler)',
    handler: 'Defer20220824Handler',
    operation: { kind: 'query', document: DEFERRED },
    answer: graphql,
    sees: 'data',
  },
  {
    name: '@defer, current format (GraphQL17Alpha9Handler)',
    majors: [4],
    handler: 'GraphQL17Alpha9Handler',
    operation: { kind: 'query', document: DEFERRED },
    answer: graphql,
    sees: 'data',
  },
  {
    name: '@stream, 2022 format (Defer20220824Handler)',
    majors: [4],
    handler: 'Defer20220824Handler',
    operation: { kind: 'query', document: STREAMED },
    answer: graphql,
    sees: 'data',
  },
  {
    name: '@stream, current format (GraphQL17Alpha9Handler)',
    majors: [4],
    handler: 'GraphQL17Alpha9Handler',
    operation: { kind: 'query', document: STREAMED },
    answer: graphql,
    sees: 'data',
  },
  {
    name: 'subscription over multipart',
    operation: { kind: 'subscription', document: TICKS },
    answer: graphql,
    sees: 'data',
  },

  {
    name: 'subscription with an error inside an event',
    operation: { kind: 'subscription', document: TICKS_WITH_FIELD_ERRORS },
    answer: graphql,
    sees: 'CombinedGraphQLErrors',
  },

  // Errors
  {
    name: '500 with a text body',
    operation: { kind: 'query', document: HERO },
    answer: () => reply(500, 'text/plain', 'Internal Server Error'),
    sees: 'ServerError',
  },
  {
    name: '401 with a JSON body',
    operation: { kind: 'query', document: HERO },
    answer: () => reply(401, 'application/json', { errors: [{ message: 'not signed in', extensions: { code: 'UNAUTHENTICATED' } }] }),
    sees: 'ServerError',
  },
  {
    name: '503 with JSON data and errors',
    operation: { kind: 'query', document: HERO },
    answer: () => reply(503, 'application/json', { data: { hero: null }, errors: [{ message: 'hero service down', path: ['hero'] }] }),
    // Apollo Client 3 first emits the body's result when it has both data and errors, then the ServerError.
    sees: { 4: 'ServerError', 3: 'CombinedGraphQLErrors' },
  },
  {
    name: '400 application/graphql-response+json with errors',
    operation: { kind: 'query', document: HERO },
    answer: () => reply(400, 'application/graphql-response+json; charset=utf-8', { errors: [{ message: 'Cannot query field "x" on type "Query".' }] }),
    // Apollo Client 3 knows no graphql-response+json: any status over 299 is a ServerError.
    sees: { 4: 'CombinedGraphQLErrors', 3: 'ServerError' },
  },
  {
    name: '200 with GraphQL errors',
    operation: { kind: 'query', document: HERO },
    answer: () => reply(200, 'application/json', { data: { hero: null }, errors: [{ message: 'no hero today', path: ['hero'], extensions: { code: 'GONE' } }] }),
    sees: 'CombinedGraphQLErrors',
  },
  {
    name: '200 with data and GraphQL errors, errorPolicy all',
    operation: { kind: 'query', document: HERO, errorPolicy: 'all' },
    answer: () => reply(200, 'application/json', { data: { hero: null }, errors: [{ message: 'no hero today', path: ['hero'] }] }),
    // Apollo Client 4 hands the errors over as `error`, Apollo Client 3 as `errors`.
    sees: { 4: 'CombinedGraphQLErrors', 3: 'data' },
  },
  {
    name: 'validation error from a GraphQL-over-HTTP server (status by Accept)',
    operation: { kind: 'query', document: HERO },
    answer: validationError,
    sees: 'CombinedGraphQLErrors',
  },
  {
    name: '200 with invalid JSON',
    operation: { kind: 'query', document: HERO },
    answer: () => reply(200, 'application/json', '{"data": {"hero": '),
    sees: 'ServerParseError',
  },
  {
    name: '200 JSON that is not a GraphQL response',
    operation: { kind: 'query', document: HERO },
    answer: () => reply(200, 'application/json', { foo: 1 }),
    sees: 'ServerError',
  },
  {
    name: 'connection refused',
    link: (env) => ({ uri: env.refusedUrl }),
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'TypeError',
  },
  {
    name: 'multipart subscription transport error ({payload: null, errors})',
    operation: { kind: 'subscription', document: FAILING_TICKS },
    answer: graphql,
    // Apollo Client 3 reports protocol errors on an ApolloError, as `protocolErrors`.
    sees: 'CombinedProtocolErrors',
  },
  {
    name: 'multipart subscription answered 500 text',
    operation: { kind: 'subscription', document: TICKS },
    answer: () => reply(500, 'text/plain', 'no subscriptions here'),
    sees: 'ServerError',
  },

  // GET
  {
    name: 'useGETForQueries: variables, operationName and extensions in the query string',
    link: { useGETForQueries: true, includeExtensions: true },
    front: extensionsLink,
    operation: { kind: 'query', document: HERO_BY_ID, variables: { id: '1' } },
    answer: graphql,
    sees: 'data',
    check: (http) => {
      expect(requestOf(http).method).toBe('GET');
      expect(JSON.parse(searchOf(http).get('extensions') ?? '{}')).toMatchObject({ custom: { set: 'by a link in front' } });
      expect(searchOf(http).get('operationName')).toBe('HeroById');
    },
  },
  {
    name: 'useGETForQueries: mutations still POST',
    link: { useGETForQueries: true },
    operation: { kind: 'mutation', document: RENAME, variables: { id: '1', name: 'Leia' } },
    answer: () => reply(200, 'application/json', RENAMED),
    sees: 'data',
    check: (http) => expect(requestOf(http).method).toBe('POST'),
  },
  {
    name: "fetchOptions: { method: 'GET' }",
    link: { fetchOptions: { method: 'GET' } },
    operation: { kind: 'query', document: HERO_BY_ID, variables: { id: '1' } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).method).toBe('GET'),
  },
  {
    name: "context fetchOptions: { method: 'GET' }",
    operation: { kind: 'query', document: HERO, context: { fetchOptions: { method: 'GET' } } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).method).toBe('GET'),
  },

  // Persisted queries: not found, then sent in full, then found by hash alone
  {
    name: 'persisted queries (POST)',
    front: () => [createPersistedQueryLink({ sha256 })],
    operation: { kind: 'query', document: HERO, times: 2 },
    answer: (env) => persistedQueries(env.upstream),
    sees: 'data',
    check: (http) => {
      expect(http.requests.map((request) => request.method)).toEqual(['POST', 'POST', 'POST']);
      expect(http.requests.map((request) => 'query' in (JSON.parse(request.body) as object))).toEqual([false, true, false]);
    },
  },
  {
    name: 'persisted queries with useGETForHashedQueries',
    front: () => [createPersistedQueryLink({ sha256, useGETForHashedQueries: true })],
    operation: { kind: 'query', document: HERO, times: 2 },
    answer: (env) => persistedQueries(env.upstream),
    sees: 'data',
    check: (http) => expect(http.requests.map((request) => request.method)).toEqual(['GET', 'POST', 'GET']),
  },

  // Body options
  {
    name: 'unused variables are stripped by default',
    operation: { kind: 'query', document: HERO_BY_ID, variables: { id: '1', unused: 'x' } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(bodyOf(http)['variables']).toEqual({ id: '1' }),
  },
  {
    name: 'includeUnusedVariables: true',
    link: { includeUnusedVariables: true },
    operation: { kind: 'query', document: HERO_BY_ID, variables: { id: '1', unused: 'x' } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(bodyOf(http)['variables']).toEqual({ id: '1', unused: 'x' }),
  },
  {
    name: 'print: a custom printer',
    link: { print: (ast: DocumentNode, print: (ast: DocumentNode) => string) => `# printed by the app\n${print(ast).replace(/\s+/g, ' ')}` },
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(bodyOf(http)['query']).toMatch(/^# printed by the app\n/),
  },

  // Headers
  {
    name: 'header names are lower-cased by default',
    link: { headers: { 'X-Link-Header': 'link' } },
    operation: { kind: 'query', document: HERO, context: { headers: { 'X-Context-Header': 'context' } } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).headers).toEqual(expect.arrayContaining(['x-link-header: link', 'x-context-header: context'])),
  },
  {
    name: 'preserveHeaderCase: true (link option)',
    link: { preserveHeaderCase: true, headers: { 'X-Link-Header': 'link' } },
    operation: { kind: 'query', document: HERO, context: { headers: { 'X-Context-Header': 'context' } } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).headers).toEqual(expect.arrayContaining(['X-Link-Header: link', 'X-Context-Header: context'])),
  },
  {
    name: 'preserveHeaderCase: true (context.http)',
    link: { headers: { 'X-Link-Header': 'link' } },
    operation: { kind: 'query', document: HERO, context: { http: { preserveHeaderCase: true }, headers: { 'X-Context-Header': 'context' } } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).headers).toEqual(expect.arrayContaining(['X-Link-Header: link', 'X-Context-Header: context'])),
  },
  {
    name: 'Accept set by the app is sent as is',
    compareAccept: true,
    operation: { kind: 'query', document: HERO, context: { headers: { accept: 'application/json' } } },
    answer: graphql,
    sees: 'data',
  },
  {
    name: 'link Authorization + context authorization, preserveHeaderCase: the context wins, its name case kept',
    link: { preserveHeaderCase: true, headers: { Authorization: 'Bearer link' } },
    operation: { kind: 'query', document: HERO, context: { headers: { authorization: 'Bearer ctx' } } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).headers.filter((line) => /^authorization:/i.test(line))).toEqual(['authorization: Bearer ctx']),
  },
  {
    name: 'link Authorization + context authorization: one header, the context wins',
    link: { headers: { Authorization: 'Bearer link' } },
    operation: { kind: 'query', document: HERO, context: { headers: { authorization: 'Bearer ctx' } } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).headers.filter((line) => /^authorization:/i.test(line))).toEqual(['authorization: Bearer ctx']),
  },

  // fetch and its options
  {
    name: 'credentials (link) and context credentials',
    link: (env) => ({ fetch: env.fetch, credentials: 'same-origin' }),
    operation: { kind: 'query', document: HERO, context: { credentials: 'include' } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(http.fetchCalls[0]).toMatchObject({ init: { credentials: 'include' } }),
  },
  {
    name: 'fetchOptions merge: link, then context',
    link: (env) => ({ fetch: env.fetch, fetchOptions: { cache: 'no-store', redirect: 'error', mode: 'cors' } }),
    operation: { kind: 'query', document: HERO, context: { fetchOptions: { cache: 'reload', keepalive: true } } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(http.fetchCalls[0]).toMatchObject({ init: { cache: 'reload', redirect: 'error', mode: 'cors', keepalive: true } }),
  },
  {
    name: 'fetchOptions.signal (link), not aborted',
    link: (env) => ({ fetch: env.fetch, fetchOptions: { signal: new AbortController().signal } }),
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
  },
  {
    name: 'context fetchOptions.signal, aborted before the request',
    operation: { kind: 'query', document: HERO, context: () => ({ fetchOptions: { signal: AbortSignal.abort() } }) },
    answer: graphql,
    // Apollo Client 4 listens for a later abort only, so an already aborted signal is ignored.
    sees: { 4: 'data', 3: 'AbortError' },
  },
  {
    name: 'context fetchOptions.signal, aborted during the request',
    operation: { kind: 'query', document: HERO, context: () => ({ fetchOptions: { signal: AbortSignal.timeout(50) } }) },
    answer: (env) => async (request, response) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      await forwardTo(env.upstream)(request, response);
    },
    sees: 'TimeoutError',
  },
  {
    name: 'uri as a function of the operation',
    link: (env) => ({ uri: (operation: { operationName?: string }) => `${env.url}?op=${operation.operationName ?? ''}` }),
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).url).toBe('/graphql?op=Hero'),
  },
  {
    name: 'context.uri wins over the link uri',
    link: (env) => ({ uri: env.refusedUrl }),
    operation: { kind: 'query', document: HERO },
    front: (env) => [
      new apollo.ApolloLink((operation, forward) => {
        operation.setContext({ uri: `${env.url}?from=context` });
        return forward(operation);
      }),
    ],
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).url).toBe('/graphql?from=context'),
  },
  {
    name: 'a custom fetch',
    link: (env) => ({ fetch: env.fetch }),
    operation: { kind: 'query', document: HERO_BY_ID, variables: { id: '1' } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(http.fetchCalls).toHaveLength(1),
  },

  // Client awareness
  {
    name: 'client awareness: ApolloClient clientAwareness',
    client: { clientAwareness: { name: 'web', version: '1.2.3' } },
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
    check: (http) =>
      expect(requestOf(http).headers).toEqual(expect.arrayContaining(['apollographql-client-name: web', 'apollographql-client-version: 1.2.3'])),
  },
  {
    name: 'client awareness: ApolloClient name and version (Apollo Client 3)',
    majors: [3],
    client: { name: 'web', version: '1.2.3' },
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
    check: (http) =>
      expect(requestOf(http).headers).toEqual(expect.arrayContaining(['apollographql-client-name: web', 'apollographql-client-version: 1.2.3'])),
  },
  {
    name: 'client awareness: HttpLink clientAwareness option (Apollo Client 4)',
    majors: [4],
    link: { clientAwareness: { name: 'from-link', version: '9' } },
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).headers).toEqual(expect.arrayContaining(['apollographql-client-name: from-link'])),
  },
  {
    name: 'enhanced client awareness off (Apollo Client 4)',
    majors: [4],
    client: { enhancedClientAwareness: { transport: false } },
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(bodyOf(http)).not.toHaveProperty('extensions'),
  },
  {
    name: 'enhanced client awareness as headers (Apollo Client 4)',
    majors: [4],
    client: { enhancedClientAwareness: { transport: 'headers' } },
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(requestOf(http).headers).toEqual(expect.arrayContaining(['apollographql-library-name: @apollo/client'])),
  },

  // Extensions
  {
    name: 'includeExtensions default, extensions set by a link in front',
    front: extensionsLink,
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
  },
  {
    name: 'includeExtensions: true',
    link: { includeExtensions: true },
    front: extensionsLink,
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(bodyOf(http)['extensions']).toMatchObject({ custom: { set: 'by a link in front' } }),
  },
  {
    name: 'includeExtensions: false',
    link: { includeExtensions: false },
    front: extensionsLink,
    operation: { kind: 'query', document: HERO },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(bodyOf(http)).not.toHaveProperty('extensions'),
  },
  {
    name: 'context.http.includeExtensions: true over the link option false',
    link: { includeExtensions: false },
    front: extensionsLink,
    operation: { kind: 'query', document: HERO, context: { http: { includeExtensions: true } } },
    answer: graphql,
    sees: 'data',
    check: (http) => expect(bodyOf(http)).toHaveProperty('extensions'),
  },
  {
    name: 'context.http.includeQuery: false',
    operation: { kind: 'query', document: HERO, context: { http: { includeQuery: false } } },
    answer: () => reply(200, 'application/json', { data: { hero: { __typename: 'Hero', id: '1', name: 'Luke' } } }),
    sees: 'data',
    check: (http) => expect(bodyOf(http)).not.toHaveProperty('query'),
  },
];

// ---------------------------------------------------------------------------------------------------
// The runner

const isApollo4 = APOLLO_MAJOR === 4;
const incrementalHandlers = isApollo4 ? await import('@apollo/client/incremental') : undefined;

interface Servers {
  readonly recording: RecordingServer;
  readonly upstream: RunningServer;
  readonly refusedUrl: string;
}

async function startServers(): Promise<Servers> {
  // No heartbeats: a subscription's parts are then the same on every run.
  const upstream = await startGraphqlJsServer({ heartbeatIntervalMs: 0 });
  const recording = await startRecordingServer();
  const refused = await listenOnLoopback(createServer());
  await refused.close();
  return { recording, upstream, refusedUrl: refused.url };
}

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

function viewResponse(response: unknown): unknown {
  if (typeof response !== 'object' || response === null || !('status' in response) || !('headers' in response)) return response === undefined ? undefined : typeof response;
  const { status, headers } = response as Response;
  // The links may ask for different incremental formats, and servers name the one they send.
  return { status, contentType: headers.get('content-type')?.replace(/;\s*(deferSpec|incrementalSpec)=[^;]*/gi, '') };
}

const AC4_ERROR_CLASSES = ['CombinedGraphQLErrors', 'CombinedProtocolErrors', 'ServerError', 'ServerParseError', 'UnconventionalError'] as const;

/** The class an app tells the error by: Apollo Client 4's `X.is()`, else the error's `name`. */
function classOf(error: Record<string, unknown>): string {
  const classes = apollo as unknown as Record<string, { is?: (value: unknown) => boolean } | undefined>;
  for (const name of isApollo4 ? AC4_ERROR_CLASSES : []) if (classes[name]?.is?.(error) === true) return name;
  return typeof error['name'] === 'string' ? error['name'] : 'unknown';
}

/** An error as the app can inspect it: class, name, message and the fields Apollo documents. */
function viewError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { thrown: error };
  const fields = error as Record<string, unknown>;
  if (!isApollo4 && Array.isArray(fields['graphQLErrors'])) {
    // Apollo Client 3's ApolloError wraps everything.
    const networkError = fields['networkError'] ?? undefined;
    return {
      class: 'ApolloError',
      message: fields['message'],
      graphQLErrors: fields['graphQLErrors'],
      protocolErrors: fields['protocolErrors'],
      clientErrors: fields['clientErrors'],
      ...(networkError === undefined ? {} : { networkError: viewError(networkError) }),
    };
  }
  return {
    class: classOf(fields),
    name: fields['name'],
    message: fields['message'],
    ...pick(fields, ['statusCode', 'bodyText', 'result', 'errors', 'data', 'extensions', 'code']),
    ...(fields['response'] === undefined ? {} : { response: viewResponse(fields['response']) }),
    ...(fields['cause'] === undefined ? {} : { cause: viewError(fields['cause']) }),
    ...(isApollo4 ? { isLinkError: apollo.LinkError.is(error) } : {}),
  };
}

/** The error's class in Apollo Client 4 words (Apollo Client 3: the `networkError`'s name, or which list is filled). */
function kindOf(outcome: readonly unknown[]): string {
  const errorEvent = outcome.find((event): event is { error: Record<string, unknown> } => typeof event === 'object' && event !== null && 'error' in event);
  if (errorEvent === undefined) return 'data';
  const view = errorEvent.error;
  if (view['class'] !== 'ApolloError') return String(view['class']);
  const networkError = view['networkError'] as Record<string, unknown> | undefined;
  if (networkError !== undefined) return String(networkError['class']);
  if ((view['protocolErrors'] as unknown[]).length > 0) return 'CombinedProtocolErrors';
  if ((view['graphQLErrors'] as unknown[]).length > 0) return 'CombinedGraphQLErrors';
  return 'ApolloError';
}

function viewRequest(request: RecordingServer['requests'][number]): { view: RequestView; accept: string | undefined } {
  const headers: string[] = [];
  let accept: string | undefined;
  for (let index = 0; index < request.rawHeaders.length; index += 2) {
    const name = request.rawHeaders[index] ?? '';
    const value = request.rawHeaders[index + 1] ?? '';
    if (name.toLowerCase() === 'accept') accept = value;
    else headers.push(`${name}: ${value}`);
  }
  return { view: { method: request.method, url: request.url, headers: headers.sort(), body: request.body.toString('utf8') }, accept };
}

function createRecordingFetch(calls: unknown[]): typeof fetch {
  return (input, init) => {
    const { body: _body, headers, signal, ...rest } = init ?? {};
    calls.push({
      input: typeof input === 'string' ? 'string' : input instanceof URL ? 'URL' : 'Request',
      init: rest,
      headers: headers === undefined ? 'none' : headers instanceof Headers ? 'Headers' : Array.isArray(headers) ? 'array' : 'object',
      signal: signal instanceof AbortSignal,
    });
    return fetch(input, init);
  };
}

/**
 * Records `operation.getContext().response` when the operation ends (completes, fails, or is
 * unsubscribed: Apollo Client 3 drops a subscription at its first error), from in front of every other link.
 */
function createResponseProbe(seen: unknown[]): apollo.ApolloLink {
  return new apollo.ApolloLink(
    (operation, forward) =>
      new apollo.Observable<apollo.ApolloLink.Result>((observer) => {
        let recorded = false;
        const record = () => {
          if (!recorded) seen.push(viewResponse(operation.getContext()['response']));
          recorded = true;
        };
        const subscription = forward(operation).subscribe({
          next: (result) => observer.next(result),
          error: (error: unknown) => {
            record();
            observer.error(error);
          },
          complete: () => {
            record();
            observer.complete();
          },
        });
        return () => {
          record();
          subscription.unsubscribe();
        };
      }),
  );
}

const TIMEOUT_MS = 5000;

/** Runs the operation once; resolves with what the app saw. Never rejects. */
function runOperation(client: apollo.ApolloClient, operation: Operation): Promise<unknown[]> {
  const query = parse(operation.document);
  const context = typeof operation.context === 'function' ? operation.context() : operation.context;
  const options = {
    variables: operation.variables ?? {},
    context: context ?? {},
    fetchPolicy: 'no-cache' as const,
    ...(operation.errorPolicy === undefined ? {} : { errorPolicy: operation.errorPolicy }),
  };
  const events: unknown[] = [];
  return new Promise<unknown[]>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      resolve(events);
    };
    let stop = (): void => undefined;
    const timer = setTimeout(() => {
      stop();
      events.push({ timeout: TIMEOUT_MS });
      resolve(events);
    }, TIMEOUT_MS);
    if (operation.kind === 'subscription') {
      const subscription = client.subscribe({ query, ...options }).subscribe({
        next: (result: { data?: unknown; error?: unknown; errors?: unknown }) =>
          events.push({ data: result.data, ...(result.error === undefined ? {} : { error: viewError(result.error) }), ...pick(result, ['errors']) }),
        error: (error: unknown) => {
          events.push({ error: viewError(error) });
          done();
        },
        complete: () => {
          events.push('complete');
          done();
        },
      });
      stop = () => subscription.unsubscribe();
      return;
    }
    const promise = operation.kind === 'mutation' ? client.mutate({ mutation: query, ...options }) : client.query({ query, ...options });
    promise.then(
      (result: { data?: unknown; error?: unknown; errors?: unknown }) => {
        events.push({ data: result.data, ...(result.error === undefined ? {} : { error: viewError(result.error) }), ...pick(result, ['errors']) });
        done();
      },
      (error: unknown) => {
        events.push({ error: viewError(error) });
        done();
      },
    );
  });
}

type LinkName = 'HttpLink' | 'IncrementalHttpLink';

/** Runs `scenario` through one link; resolves with its requests and outcome. */
export async function runSide(scenario: Scenario, servers: Servers, linkName: LinkName): Promise<SideRecord> {
  const fetchCalls: unknown[] = [];
  const contextResponse: unknown[] = [];
  const env: Env = {
    url: servers.recording.url,
    upstream: servers.upstream.url,
    refusedUrl: servers.refusedUrl,
    fetch: createRecordingFetch(fetchCalls),
  };
  servers.recording.respondWith(scenario.answer(env));
  const linkOptions = { uri: env.url, ...(typeof scenario.link === 'function' ? scenario.link(env) : scenario.link) };
  const terminating =
    linkName === 'HttpLink'
      ? new apollo.HttpLink(linkOptions as apollo.HttpLink.Options)
      : // Options HttpLink has and IncrementalHttpLink may not (yet): the suite is the spec.
        new IncrementalHttpLink(linkOptions as IncrementalHttpLinkOptions);
  const link = apollo.ApolloLink.from([createResponseProbe(contextResponse), ...(scenario.front?.(env) ?? []), terminating]);
  const handler = scenario.handler === undefined || incrementalHandlers === undefined ? undefined : new incrementalHandlers[scenario.handler]();
  const client = new apollo.ApolloClient({
    link,
    cache: new apollo.InMemoryCache(),
    ...(handler === undefined ? {} : { incrementalHandler: handler }),
    ...scenario.client,
  } as apollo.ApolloClient.Options);
  const outcome: unknown[][] = [];
  for (let run = 0; run < (scenario.operation.times ?? 1); run += 1) outcome.push(await runOperation(client, scenario.operation));
  client.stop();
  // A request the link left running must not land in the next link's recording.
  await new Promise((resolve) => setTimeout(resolve, 10));
  const requests = servers.recording.requests.map(viewRequest);
  return { requests: requests.map((request) => request.view), accept: requests.map((request) => request.accept), fetchCalls, outcome, contextResponse };
}

function expectedKind(scenario: Scenario): Kind {
  return typeof scenario.sees === 'string' ? scenario.sees : scenario.sees[APOLLO_MAJOR];
}

/**
 * Declares the suite for the Apollo Client major this module was loaded with: per row, one test of what
 * HttpLink does, and two of IncrementalHttpLink matching it (requests, outcome).
 */
export function describeHttpLinkParity(): void {
  let servers: Servers;
  beforeAll(async () => {
    servers = await startServers();
  });
  afterAll(async () => {
    await Promise.all([servers.recording.close(), servers.upstream.close()]);
  });

  for (const scenario of SCENARIOS.filter((row) => (row.majors ?? [3, 4]).includes(APOLLO_MAJOR))) {
    describe(scenario.name, () => {
      let http: SideRecord;
      let incremental: SideRecord;
      beforeAll(async () => {
        http = await runSide(scenario, servers, 'HttpLink');
        incremental = await runSide(scenario, servers, 'IncrementalHttpLink');
      }, 4 * TIMEOUT_MS);

      it(`HttpLink: the app sees ${expectedKind(scenario)}`, () => {
        expect(http.outcome.map(kindOf)).toEqual(http.outcome.map(() => expectedKind(scenario)));
        scenario.check?.(http);
      });
      it('IncrementalHttpLink sends the same requests', () => {
        const view = (side: SideRecord) => ({
          requests: side.requests,
          fetchCalls: side.fetchCalls,
          ...(scenario.compareAccept === true ? { accept: side.accept } : {}),
        });
        expect(view(incremental)).toEqual(view(http));
      });
      it('IncrementalHttpLink: the app sees the same outcome', () => {
        expect(incremental.outcome).toEqual(http.outcome);
      });
      it('IncrementalHttpLink: operation.getContext().response is the same (status, Content-Type)', () => {
        expect(incremental.contextResponse).toEqual(http.contextResponse);
      });
    });
  }
}
