/**
 * The compiled operations the Relay oracle tests run, with their variables. `connection` ones need the
 * connection schema (`./connectionServer.ts`); the others run on the shared graphql-js server.
 * `differs` names operations whose final store legitimately differs from plain execution's (a
 * deferred fragment that failed, a streamed item that is `null`); their tests assert the difference.
 */
import type { ConcreteRequest, Variables } from 'relay-runtime';
import deferById from '../__generated__/RelayDeferByIdQuery.graphql.js';
import deferIf from '../__generated__/RelayDeferIfQuery.graphql.js';
import deferNested from '../__generated__/RelayDeferNestedQuery.graphql.js';
import deferOverlapping from '../__generated__/RelayDeferOverlappingQuery.graphql.js';
import deferRedundant from '../__generated__/RelayDeferRedundantQuery.graphql.js';
import deferRoot from '../__generated__/RelayDeferRootQuery.graphql.js';
import deferSimple from '../__generated__/RelayDeferSimpleQuery.graphql.js';
import deferSubPath from '../__generated__/RelayDeferSubPathQuery.graphql.js';
import deferUnderList from '../__generated__/RelayDeferUnderListQuery.graphql.js';
import mixedEverything from '../__generated__/RelayMixedEverythingQuery.graphql.js';
import mixedFailingInList from '../__generated__/RelayMixedFailingInListQuery.graphql.js';
import mixedFailing from '../__generated__/RelayMixedFailingQuery.graphql.js';
import mixedNullableError from '../__generated__/RelayMixedNullableErrorQuery.graphql.js';
import streamAsyncConnection from '../__generated__/RelayStreamAsyncConnectionQuery.graphql.js';
import streamAsync from '../__generated__/RelayStreamAsyncQuery.graphql.js';
import streamConnection from '../__generated__/RelayStreamConnectionQuery.graphql.js';
import streamDeferInItems from '../__generated__/RelayStreamDeferInItemsQuery.graphql.js';
import streamInDefer from '../__generated__/RelayStreamInDeferQuery.graphql.js';
import streamNestedAsync from '../__generated__/RelayStreamNestedAsyncQuery.graphql.js';
import streamNested from '../__generated__/RelayStreamNestedQuery.graphql.js';
import streamNullItem from '../__generated__/RelayStreamNullItemQuery.graphql.js';
import streamSync from '../__generated__/RelayStreamSyncQuery.graphql.js';

export interface RelayOperation {
  /** Unique; the test name. */
  readonly name: string;
  readonly query: ConcreteRequest;
  readonly variables?: Variables;
  /** Needs the connection schema. */
  readonly connection?: boolean;
  /** Why the final store is not plain execution's, when it is not. */
  readonly differs?: 'failed fragment' | 'null item';
}

export const RELAY_OPERATIONS: readonly RelayOperation[] = [
  { name: 'simple defer', query: deferSimple },
  { name: 'root-level defer', query: deferRoot },
  { name: 'nested defer', query: deferNested },
  { name: 'defer under a list', query: deferUnderList },
  { name: 'overlapping defers (subPath, dedup)', query: deferOverlapping },
  { name: 'defers at two depths sharing fields (subPath)', query: deferSubPath },
  { name: 'redundant defer (its fields in the parent: the server defers nothing)', query: deferRedundant },
  { name: 'defer if: true', query: deferIf, variables: { on: true } },
  { name: 'defer if: false', query: deferIf, variables: { on: false } },
  { name: 'defers by id, on friends too (id 1)', query: deferById, variables: { id: '1' } },
  { name: 'defers by id, on friends too (id 2)', query: deferById, variables: { id: '2' } },
  { name: 'defers by id, unknown hero', query: deferById, variables: { id: '9' } },
  { name: 'sync stream', query: streamSync },
  { name: 'async stream, initialCount 0', query: streamAsync },
  { name: 'defer in streamed items', query: streamDeferInItems },
  { name: 'stream in a deferred fragment', query: streamInDefer },
  { name: 'stream in streamed items', query: streamNested },
  { name: 'async streams in async streamed items, defer inside', query: streamNestedAsync },
  { name: 'stream_connection with a defer in the nodes', query: streamConnection, variables: { first: 3 }, connection: true },
  { name: 'stream_connection, 2 of 3', query: streamConnection, variables: { first: 2 }, connection: true },
  { name: 'stream_connection over an async list', query: streamAsyncConnection, connection: true },
  { name: 'nullable error inside a deferred fragment', query: mixedNullableError },
  { name: 'defer and stream with aliases and variables (stream on)', query: mixedEverything, variables: { id: '1', stream: true } },
  { name: 'defer and stream with aliases and variables (stream off, Han)', query: mixedEverything, variables: { id: '2', stream: false } },
  { name: 'deferred fragment that fails', query: mixedFailing, differs: 'failed fragment' },
  { name: 'deferred fragment that fails for one list item', query: mixedFailingInList, differs: 'failed fragment' },
  { name: 'streamed item that is null', query: streamNullItem, differs: 'null item' },
];
