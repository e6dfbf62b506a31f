/**
 * Relay environments for the tests: one whose network is `createFetchFunction`, and the oracle, whose
 * store holds what relay-runtime makes of plain execution (the same operation text without
 * `@defer`/`@stream`, run by graphql-js 17 `execute()`).
 */
import { createFetchFunction, type FetchFunctionOptions } from '@graphql-incremental/relay';
import {
  createOperationDescriptor,
  Environment,
  Network,
  Observable,
  RecordSource,
  Store,
  type ConcreteRequest,
  type GraphQLResponse,
  type OperationDescriptor,
  type Variables,
} from 'relay-runtime';
import { expect, vi } from 'vitest';
import { executePlainRelay } from './relaySchema.js';

/** A real Relay environment whose network (queries and subscriptions) is `createFetchFunction`. */
export function createIncrementalEnvironment(options: FetchFunctionOptions): Environment {
  const fetchFunction = createFetchFunction(options);
  return new Environment({ network: Network.create(fetchFunction, fetchFunction), store: new Store(new RecordSource()) });
}

/** What one `environment.execute` delivered. */
export interface Execution {
  readonly operation: OperationDescriptor;
  /** Every response the network emitted, as Relay handed them to the observer. */
  readonly responses: readonly GraphQLResponse[];
}

/**
 * Executes `query` and waits for the end.
 *
 * @throws What the Observable's `error` received.
 */
export function executeToEnd(environment: Environment, query: ConcreteRequest, variables: Variables = {}): Promise<Execution> {
  const operation = createOperationDescriptor(query, variables);
  const responses: GraphQLResponse[] = [];
  return new Promise((resolve, reject) => {
    environment.execute({ operation }).subscribe({
      next: (response) => void responses.push(response),
      error: reject,
      complete: () => resolve({ operation, responses }),
    });
  });
}

/** The records of an environment's store, as plain JSON. */
export const recordsOf = (environment: Environment): unknown => JSON.parse(JSON.stringify(environment.getStore().getSource().toJSON()));

/** The errors plain execution reported, by oracle environment. */
const plainErrors = new WeakMap<Environment, readonly { readonly message: string }[]>();

/**
 * The oracle: a store filled by relay-runtime from plain execution of the operation's text. Relay
 * normalizes a complete response that carries `extensions.is_final` with its deferred fragments
 * inline (warning in development that the operation was not streamed; that one warning is expected).
 */
export async function createOracleEnvironment(query: ConcreteRequest, variables: Variables = {}): Promise<Environment> {
  const plain = (await executePlainRelay(query.params.text!, variables)) as GraphQLResponse & { errors?: { message: string }[] };
  const environment = new Environment({ network: Network.create(() => Observable.from({ ...plain, extensions: { is_final: true } })), store: new Store(new RecordSource()) });
  plainErrors.set(environment, plain.errors ?? []);
  const warn = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    await executeToEnd(environment, query, variables);
    for (const [message] of warn.mock.calls) if (!String(message).includes('non-streaming mode')) throw new Error(`unexpected warning: ${String(message)}`);
  } finally {
    warn.mockRestore();
  }
  return environment;
}

type Records = Record<string, Record<string, unknown>>;

/** The records, without those of Relay's connection handler (see {@link expectSameStore}). */
function comparableRecords(environment: Environment): Records {
  const records = recordsOf(environment) as Records;
  return Object.fromEntries(Object.entries(records).filter(([id]) => !/:__\w+_connection(?::|$)/.test(id)));
}

/** The records without their field errors (`__errors`). */
const withoutFieldErrors = (records: Records): Records =>
  Object.fromEntries(Object.entries(records).map(([id, { __errors: _errors, ...record }]) => [id, record]));

/**
 * Asserts that `environment` holds what `oracle` holds for `query`: the same records, the same data
 * as the query reads it, nothing missing.
 *
 * - The records Relay's connection handler keeps for `@stream_connection` are left out: it rebuilds
 *   its edges for every streamed edge, so a streamed store holds edge records a single response does
 *   not leave behind (the connection as the query reads it is compared).
 * - Field errors (`__errors`): relay-runtime drops the errors of deferred fragments when it reads a
 *   complete response, so the oracle has only those outside them. Every one of those must be in the
 *   store too, and every other one in the store must be an error plain execution reported.
 *
 * @param message Shown on failure (e.g. the payloads).
 */
export function expectSameStore(environment: Environment, oracle: Environment, query: ConcreteRequest, variables: Variables = {}, message = ''): void {
  const operation = createOperationDescriptor(query, variables);
  const records = comparableRecords(environment);
  const expected = comparableRecords(oracle);
  expect(withoutFieldErrors(records), message).toEqual(withoutFieldErrors(expected));
  for (const [id, record] of Object.entries(expected)) if (record['__errors']) expect(records[id]?.['__errors'], message).toEqual(record['__errors']);
  const reported = new Set(plainErrors.get(oracle)!.map((error) => error.message));
  for (const record of Object.values(records)) {
    for (const errors of Object.values((record['__errors'] ?? {}) as Record<string, { message: string }[]>)) {
      for (const error of errors) expect(reported, message).toContain(error.message);
    }
  }
  expect(environment.lookup(operation.fragment).data, message).toEqual(oracle.lookup(operation.fragment).data);
  expect(environment.check(operation).status, message).toBe('available');
}
