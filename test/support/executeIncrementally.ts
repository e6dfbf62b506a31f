/**
 * Runs an operation through the real graphql-js executors and returns what would go over the wire:
 * every payload as plain JSON (`JSON.parse(JSON.stringify(payload))`), in order.
 *
 * - `graphql@17.1.0` `experimentalExecuteIncrementally`: the current format.
 * - `graphql@17.1.0` `legacyExecuteIncrementally`: the 2022 format, batched stream items.
 * - `graphql@17.0.0-alpha.2` `experimentalExecuteIncrementally`: the 2022 format, one stream item per
 *   payload.
 * - {@link executePlain}: graphql@17.1.0 `execute()` of the same operation with `@defer`/`@stream`
 *   removed, on a schema that does not declare them: the oracle for the final data.
 */
import {
  buildSchema,
  execute,
  experimentalExecuteIncrementally,
  GraphQLDeferDirective,
  GraphQLSchema,
  GraphQLStreamDirective,
  legacyExecuteIncrementally,
  NoUnusedVariablesRule,
  parse,
  specifiedDirectives,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type GraphQLFieldResolver,
} from 'graphql';
import * as alpha2 from 'graphql-17-alpha2';
import { resolveField, typeDefs } from './schema.js';

/** The executors whose payloads the tests feed into the reassembler. */
export type ExecutorName = '17.1.0 experimental' | '17.1.0 legacy' | '17.0.0-alpha.2';

export const EXECUTORS: readonly ExecutorName[] = ['17.1.0 experimental', '17.1.0 legacy', '17.0.0-alpha.2'];

/** A JSON value as parsed from the wire. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A payload as parsed from the wire: a JSON object. */
export type WirePayload = { [key: string]: Json };

/** An operation to run: a document and its variables. */
export interface OperationInput {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>>;
}

const fieldResolver = resolveField as GraphQLFieldResolver<unknown, unknown>;

const plainSchema = buildSchema(typeDefs);

/** graphql@17.1.0 schema declaring `@defer` and `@stream`. */
export const incrementalSchema = new GraphQLSchema({
  ...plainSchema.toConfig(),
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});

const alpha2PlainSchema = alpha2.buildSchema(typeDefs);

/** graphql@17.0.0-alpha.2 schema declaring `@defer` and `@stream`. */
export const alpha2Schema = new alpha2.GraphQLSchema({
  ...alpha2PlainSchema.toConfig(),
  directives: [...alpha2.specifiedDirectives, alpha2.GraphQLDeferDirective, alpha2.GraphQLStreamDirective],
});

function toWire(value: unknown): WirePayload {
  return JSON.parse(JSON.stringify(value)) as WirePayload;
}

function parseValid(query: string): DocumentNode {
  const document = parse(query);
  const errors = validate(incrementalSchema, document);
  if (errors.length > 0) {
    throw new Error(`invalid test operation:\n${errors.map((error) => error.message).join('\n')}\n${query}`);
  }
  return document;
}

/** A single result, or an initial result and an async iterator of the later ones. */
type ExecutorOutput = object | { readonly initialResult: unknown; readonly subsequentResults: AsyncIterable<unknown> };

function isIncremental(
  output: ExecutorOutput,
): output is { readonly initialResult: unknown; readonly subsequentResults: AsyncIterable<unknown> } {
  return 'initialResult' in output && 'subsequentResults' in output;
}

async function collect(output: ExecutorOutput): Promise<WirePayload[]> {
  if (!isIncremental(output)) return [toWire(output)];
  const payloads = [toWire(output.initialResult)];
  for await (const payload of output.subsequentResults) payloads.push(toWire(payload));
  return payloads;
}

/**
 * Runs `operation` with one executor.
 *
 * @returns Every payload, as JSON; a single payload (without `hasNext`) when nothing was deferred.
 * @throws When the operation is invalid for the schema (a mistake in the test corpus).
 */
export async function executeIncrementally(executor: ExecutorName, operation: OperationInput): Promise<WirePayload[]> {
  const document = parseValid(operation.query);
  const variableValues = operation.variables ?? {};
  switch (executor) {
    case '17.1.0 experimental':
      return collect(await experimentalExecuteIncrementally({ schema: incrementalSchema, document, variableValues, fieldResolver }));
    case '17.1.0 legacy':
      return collect(await legacyExecuteIncrementally({ schema: incrementalSchema, document, variableValues, fieldResolver }));
    case '17.0.0-alpha.2': {
      const alpha2Document = alpha2.parse(operation.query);
      const errors = alpha2.validate(alpha2Schema, alpha2Document);
      if (errors.length > 0) throw new Error(`invalid for alpha.2: ${errors.map((error) => error.message).join('\n')}`);
      return collect(
        await alpha2.experimentalExecuteIncrementally({
          schema: alpha2Schema,
          document: alpha2Document,
          variableValues,
          fieldResolver: resolveField as alpha2.GraphQLFieldResolver<unknown, unknown>,
        }),
      );
    }
  }
}

/** Removes every `@defer` and `@stream` from a document, leaving the selections in place. */
export function stripIncrementalDirectives(document: DocumentNode): DocumentNode {
  return visit(document, {
    Directive(node) {
      return node.name.value === 'defer' || node.name.value === 'stream' ? null : undefined;
    },
  });
}

/**
 * Runs `operation` with graphql@17.1.0 `execute()` after removing `@defer`/`@stream`, on the schema
 * that does not declare them.
 *
 * @returns The single result, as JSON.
 */
export async function executePlain(operation: OperationInput): Promise<WirePayload> {
  const document = stripIncrementalDirectives(parseValid(operation.query));
  // Stripping `@defer(if: $on)` can leave `$on` unused; that is the only rule the stripping may break.
  const rules = specifiedRules.filter((rule) => rule !== NoUnusedVariablesRule);
  const errors = validate(plainSchema, document, rules);
  if (errors.length > 0) throw new Error(`stripped operation is invalid: ${errors.map((error) => error.message).join('\n')}`);
  return toWire(await execute({ schema: plainSchema, document, variableValues: operation.variables ?? {}, fieldResolver }));
}
