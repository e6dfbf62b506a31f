/**
 * The translation on its own, without HTTP: every operation's payloads as three executors produce
 * them (graphql-js 17.1 in the current and the 2022 format, 17.0.0-alpha.2's one-item-per-payload
 * 2022 format) go through `createPayloadTranslator`, and then
 *
 * - each Relay payload is one relay-runtime accepts, in order, with every error the server sent;
 * - relay-runtime builds from them, handed over payload by payload or all in one batch, the store it
 *   builds from plain execution (`expectSameStore`).
 */
import { createPayloadTranslator, type RelayPayload } from '@graphql-incremental/relay';
import { Environment, Network, Observable, RecordSource, Store, type Environment as RelayEnvironment, type GraphQLResponse } from 'relay-runtime';
import { describe, expect, it } from 'vitest';
import { EXECUTORS, executeIncrementally, type WirePayload } from '../support/executeIncrementally.js';
import { RELAY_OPERATIONS, type RelayOperation } from './support/operations.js';
import { createOracleEnvironment, executeToEnd, expectSameStore } from './support/relayEnvironment.js';

const OPERATIONS = RELAY_OPERATIONS.filter((operation) => !operation.connection);

const DEFER = '$defer$';

/** Every error a wire payload carries: top level, in `incremental` entries, in `completed` entries. */
function wireErrors(payload: WirePayload): unknown[] {
  const entries = [payload, ...((payload['incremental'] as WirePayload[] | undefined) ?? []), ...((payload['completed'] as WirePayload[] | undefined) ?? [])];
  return entries.flatMap((entry) => (entry['errors'] as unknown[] | undefined) ?? []);
}

/** An environment whose network replays `responses`. */
function replayingEnvironment(responses: readonly GraphQLResponse[]): RelayEnvironment {
  const network = Network.create(() =>
    Observable.create<GraphQLResponse>((sink) => {
      for (const response of responses) sink.next(response);
      sink.complete();
    }),
  );
  return new Environment({ network, store: new Store(new RecordSource()) });
}

const oracles = new Map<RelayOperation, RelayEnvironment>();
async function oracleOf(operation: RelayOperation): Promise<RelayEnvironment> {
  if (!oracles.has(operation)) oracles.set(operation, await createOracleEnvironment(operation.query, operation.variables));
  return oracles.get(operation)!;
}

describe.each(EXECUTORS)('%s', (executor) => {
  describe.each(OPERATIONS.map((operation) => [operation.name, operation] as const))('%s', (_name, operation) => {
    const translate = async (): Promise<{ wire: WirePayload[]; translated: RelayPayload[][] }> => {
      const wire = await executeIncrementally(executor, { query: operation.query.params.text!, variables: operation.variables ?? {} });
      const translator = createPayloadTranslator();
      return { wire, translated: wire.map((payload) => translator(payload)) };
    };

    it('gives payloads relay-runtime accepts, every error included', async () => {
      const { wire, translated } = await translate();
      const payloads = translated.flat();
      const shown = JSON.stringify(payloads);
      // A payload may bring nothing Relay can store (a stream's completion), unless it is the last or
      // carries errors. The initial result comes first and only there; then fragments and items.
      wire.forEach((payload, index) => {
        if (translated[index]!.length === 0) expect(payload['hasNext'] === true && wireErrors(payload).length === 0, shown).toBe(true);
      });
      expect(payloads[0]!.label, shown).toBeUndefined();
      for (const payload of payloads.slice(1)) {
        expect(typeof payload.label === 'string' && Array.isArray(payload.path), shown).toBe(true);
        // relay-runtime rejects a `null` data; a streamed item's path ends in its index.
        expect(typeof payload.data === 'object' && payload.data !== null, shown).toBe(true);
        if (payload.label && !payload.label.includes(DEFER)) expect(Number.isInteger(payload.path!.at(-1)), shown).toBe(true);
      }
      expect(payloads.map((payload) => payload.hasNext), shown).toEqual(payloads.map((_payload, index) => index < payloads.length - 1));
      // An error's path is relative to its payload's (relay-runtime reads it from the payload's data).
      const absolute = payloads.flatMap(({ path = [], errors = [] }) => errors.map((error) => (error.path ? { ...error, path: [...path, ...error.path] } : error)));
      const byJson = (errors: readonly unknown[]) => errors.map((error) => JSON.stringify(error, Object.keys(error as object).sort())).sort();
      expect(byJson(absolute), shown).toEqual(byJson(wire.flatMap(wireErrors)));
    });

    if (operation.differs) return;

    it('gives relay-runtime what it builds from plain execution, payload by payload', async () => {
      const { translated } = await translate();
      const responses = translated.filter((payloads) => payloads.length > 0).map((payloads) => (payloads.length === 1 ? payloads[0]! : payloads) as GraphQLResponse);
      const environment = replayingEnvironment(responses);
      await executeToEnd(environment, operation.query, operation.variables);
      expectSameStore(environment, await oracleOf(operation), operation.query, operation.variables, JSON.stringify(responses));
    });

    it('and all in one batch', async () => {
      const { translated } = await translate();
      const environment = replayingEnvironment([translated.flat() as GraphQLResponse]);
      await executeToEnd(environment, operation.query, operation.variables);
      expectSameStore(environment, await oracleOf(operation), operation.query, operation.variables, JSON.stringify(translated));
    });
  });
});
