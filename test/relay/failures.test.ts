/**
 * What goes wrong, through a real Relay environment against the graphql-js 17 servers: fragments
 * that fail, nullable errors, `null` streamed items (all carried to Relay in a form it accepts, with
 * their errors), and transport failures, which reach the Observable's `error` as `IncrementalError`s
 * after everything that arrived before them. Unsubscribing aborts the request on the server.
 */
import { isIncrementalError, type IncrementalError } from '@graphql-incremental/relay';
import {
  createOperationDescriptor,
  Environment,
  getSingularSelector,
  Network,
  Observable,
  RecordSource,
  Store,
  type GraphQLResponse,
  type PayloadError,
  type ReaderFragment,
} from 'relay-runtime';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { countActiveTickSources, startGraphqlJsServer, type RunningServer } from '../support/servers/index.js';
import failingInList from './__generated__/RelayMixedFailingInListQuery.graphql.js';
import caught from './__generated__/RelayMixedCaughtQuery.graphql.js';
import caughtFragment from './__generated__/RelayMixed_caught.graphql.js';
import caughtFailureFragment from './__generated__/RelayMixed_caughtFailure.graphql.js';
import failing from './__generated__/RelayMixedFailingQuery.graphql.js';
import failingFragment from './__generated__/RelayMixed_failing.graphql.js';
import nullableError from './__generated__/RelayMixedNullableErrorQuery.graphql.js';
import nonNullNameFragment from './__generated__/RelayMixed_nonNullName.graphql.js';
import ticks from './__generated__/RelayReactTicksQuery.graphql.js';
import nested from './__generated__/RelayDeferNestedQuery.graphql.js';
import nullItem from './__generated__/RelayStreamNullItemQuery.graphql.js';
import { createCuttingFetch } from './support/cuttingFetch.js';
import { createIncrementalEnvironment, executeToEnd, type Execution } from './support/relayEnvironment.js';

type Format = 'current' | '2022';
const ACCEPT: Record<Format, string> = {
  current: 'multipart/mixed;incrementalSpec=v0.2, application/json;q=0.5',
  '2022': 'multipart/mixed;deferSpec=20220824, application/json;q=0.5',
};

let server: RunningServer;
beforeAll(async () => {
  server = await startGraphqlJsServer();
});
afterAll(() => server.close());

const environmentFor = (format: Format, fetch?: typeof globalThis.fetch): Environment =>
  createIncrementalEnvironment({ url: server.url, headers: { accept: ACCEPT[format] }, ...(fetch && { fetch }) });

type Delivered = GraphQLResponse & { errors?: PayloadError[]; path?: (string | number)[] };

/**
 * Every error the Observable delivered, in order, with its path from the root (each is relative to
 * its payload's path, as relay-runtime reads it).
 */
const errorsOf = ({ responses }: Execution): PayloadError[] =>
  responses
    .flatMap((response) => (Array.isArray(response) ? response : [response]) as Delivered[])
    .flatMap(({ errors = [], path = [] }) => errors.map((error) => ({ ...error, ...(error.path && { path: [...path, ...error.path] }) })));

/** A record as the store holds it (not through JSON: a hole in a list stays a hole). */
const recordOf = (environment: Environment, id: string): Record<string, unknown> | undefined =>
  environment.getStore().getSource().get(id) as Record<string, unknown> | undefined;

/** What `useFragment` would read for `fragment` on the record `ref` points to. */
function readFragment(environment: Environment, fragment: ReaderFragment, ref: unknown) {
  return environment.lookup(getSingularSelector(fragment, ref));
}

/** The error the Observable ended with, or `undefined` if it completed. */
async function executeToError(environment: Environment, query: typeof nested): Promise<{ error: unknown; store: unknown }> {
  try {
    await executeToEnd(environment, query);
    return { error: undefined, store: undefined };
  } catch (error) {
    return { error, store: environment.getStore().getSource().toJSON() };
  }
}

describe.each(['current', '2022'] as const)('server format %s', (format) => {
  it('a deferred fragment that fails: Relay gets its object, the failed field null with its error, the query completes', async () => {
    const environment = environmentFor(format);
    const execution = await executeToEnd(environment, failing);
    expect(errorsOf(execution)).toEqual([expect.objectContaining({ message: 'failingNonNull failed', path: ['hero', 'failingNonNull'] })]);
    // Plain execution would null `hero`; incremental delivery keeps it (spec). The field that failed
    // is null with its error (what relay-runtime makes of a field error); the others never came.
    expect(recordOf(environment, '1')).toEqual({
      __id: '1',
      __typename: 'Hero',
      id: '1',
      failingNonNull: null,
      __errors: { failingNonNull: [expect.objectContaining({ message: 'failingNonNull failed' })] },
    });
    const hero = environment.lookup(execution.operation.fragment).data['hero'];
    expect(readFragment(environment, failingFragment, hero)).toMatchObject({ data: { name: undefined, failingNonNull: null }, isMissingData: true });
  });

  it("Relay's field error handling sees the errors of deferred fragments (@catch), failed or not", async () => {
    const environment = environmentFor(format);
    const execution = await executeToEnd(environment, caught);
    const hero = environment.lookup(execution.operation.fragment).data['hero'];
    // relay-runtime hands @catch one entry per error (their messages are not passed on).
    const failingField = { ok: false, errors: [expect.any(Object)] };
    const failingNonNull = { ok: false, errors: [expect.any(Object)] };
    expect(readFragment(environment, caughtFragment, hero)).toMatchObject({ data: { name: 'Luke', failingField }, isMissingData: false });
    expect(readFragment(environment, caughtFailureFragment, hero)).toMatchObject({ data: { failingNonNull }, isMissingData: false });
  });

  it('a fragment that fails for one list item: the other items fill in', async () => {
    const environment = environmentFor(format);
    const execution = await executeToEnd(environment, failingInList);
    expect(errorsOf(execution)).toEqual([expect.objectContaining({ message: 'Cannot return null for non-nullable field Hero.nonNullName.', path: ['heroes', 1, 'nonNullName'] })]);
    const heroes = environment.lookup(execution.operation.fragment).data['heroes'] as unknown[];
    expect(heroes.map((hero) => readFragment(environment, nonNullNameFragment, hero).data)).toEqual([{ nonNullName: 'Luke' }, { nonNullName: null }, { nonNullName: 'Leia' }]);
  });

  it('a nullable error inside a fragment: the field is null with its error', async () => {
    const environment = environmentFor(format);
    const execution = await executeToEnd(environment, nullableError);
    expect(errorsOf(execution)).toEqual([expect.objectContaining({ message: 'failingField failed', path: ['hero', 'failingField'] })]);
    expect(recordOf(environment, '1')).toMatchObject({
      name: 'Luke',
      failingField: null,
      __errors: { failingField: [expect.objectContaining({ message: 'failingField failed' })] },
    });
  });

  it('a streamed item that is null: relay-runtime cannot take it, so the list has a hole there; its error is kept', async () => {
    const environment = environmentFor(format);
    const execution = await executeToEnd(environment, nullItem);
    expect(errorsOf(execution)).toEqual([expect.objectContaining({ message: 'Cannot return null for non-nullable field Hero.nonNullName.', path: ['asyncHeroes', 1, 'nonNullName'] })]);
    const refs = (recordOf(environment, 'client:root')!['asyncHeroes'] as { __refs: string[] }).__refs;
    expect(refs).toHaveLength(3);
    expect([0 in refs, 1 in refs, 2 in refs]).toEqual([true, false, true]);
  });

  it.each([
    ['the body ends', 'end', 'TRUNCATED'],
    ['the connection drops inside the next part', 'reset', 'READ_FAILED'],
  ] as const)('after the initial payload %s: an IncrementalError (%s), the initial data stored first', async (_what, ending, code) => {
    const environment = environmentFor(format, createCuttingFetch(1, ending));
    const { error, store } = await executeToError(environment, nested);
    expect(isIncrementalError(error) && (error as IncrementalError).code).toBe(code);
    expect(store).toMatchObject({ '1': { id: '1' }, 'client:root': { hero: { __ref: '1' } } });
  });

  it('after the first fragment the body ends: that fragment is stored before the error', async () => {
    const environment = environmentFor(format, createCuttingFetch(2, 'end'));
    const { error, store } = await executeToError(environment, nested);
    expect(isIncrementalError(error) && (error as IncrementalError).code).toBe('TRUNCATED');
    expect(store).toMatchObject({ '1': { id: '1', name: 'Luke' } });
    expect((store as Record<string, Record<string, unknown>>)['1']).not.toHaveProperty('slowField');
  });
});

it('relay-runtime itself rejects a failed fragment as the server sends it (data: null): why the object is sent', async () => {
  const failed = { data: null, label: 'RelayMixedFailingQuery$defer$RelayMixed_failing', path: ['hero'], errors: [{ message: 'failingNonNull failed' }] };
  const network = Network.create(() =>
    Observable.create<GraphQLResponse>((sink) => {
      sink.next({ data: { hero: { id: '1' } } });
      sink.next(failed as unknown as GraphQLResponse);
      sink.complete();
    }),
  );
  const environment = new Environment({ network, store: new Store(new RecordSource()) });
  await expect(executeToEnd(environment, failing)).rejects.toThrow(/No data returned for operation `RelayMixedFailingQuery`/);
});

it('a request that never reaches the server: IncrementalError NETWORK', async () => {
  const closed = await startGraphqlJsServer();
  await closed.close();
  const environment = createIncrementalEnvironment({ url: closed.url });
  const { error } = await executeToError(environment, nested);
  expect(isIncrementalError(error) && { code: error.code, cause: error.cause instanceof Error }).toEqual({ code: 'NETWORK', cause: true });
});

it('an error status that is not a GraphQL response: IncrementalError HTTP_STATUS', async () => {
  const notFound = { ...nested, params: { ...nested.params, text: '{ nope }' } };
  const environment = createIncrementalEnvironment({ url: server.url });
  const { error } = await executeToError(environment, notFound as typeof nested);
  expect(isIncrementalError(error) && { code: error.code, status: error.status }).toEqual({ code: 'HTTP_STATUS', status: 400 });
});

it('unsubscribing aborts the request: the server stops working on it', async () => {
  const environment = createIncrementalEnvironment({ url: server.url });
  const events: string[] = [];
  let initialArrived: () => void = () => undefined;
  const initial = new Promise<void>((resolve) => (initialArrived = resolve));
  const subscription = environment.execute({ operation: createOperationDescriptor(ticks, {}) }).subscribe({
    next: () => {
      events.push('next');
      initialArrived();
    },
    error: () => events.push('error'),
    complete: () => events.push('complete'),
  });
  await initial;
  // The deferred fragment's list is being produced, one item every 5 ms.
  await vi.waitFor(() => expect(countActiveTickSources()).toBe(1));
  expect(recordOf(environment, 'client:root')).toMatchObject({ hero: { __ref: '1' } });
  subscription.unsubscribe();
  await vi.waitFor(() => expect(countActiveTickSources()).toBe(0));
  expect(events).toEqual(['next']);
});
