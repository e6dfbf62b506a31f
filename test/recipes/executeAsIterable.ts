import { experimentalExecuteIncrementally, type ExecutionArgs } from 'graphql';

/**
 * `execute` for graphql-ws's `useServer` and graphql-sse's `createHandler` on graphql-js 17: the payloads
 * of `@defer` / `@stream` as an async iterable, which both libraries send as one `next` message each.
 */
export async function executeAsIterable(args: ExecutionArgs) {
  const result = await experimentalExecuteIncrementally(args);
  if (!('initialResult' in result)) return result;
  return (async function* () {
    yield result.initialResult;
    // `yield*` passes `return()` on: a client that completes or leaves stops the execution.
    yield* result.subsequentResults;
  })();
}
