import { createReassembler, type IncrementalResult } from '@graphql-incremental/reassembler';

/** What the graphql-ws and graphql-sse clients share: `iterate()` yields the payload of each `next` message. */
interface IteratingClient<TRequest> {
  iterate(request: TRequest): AsyncIterable<unknown>;
}

/**
 * The merged result after each `next` message of one operation: the payloads of `@defer` / `@stream`,
 * or subscription events (each a whole result). Breaking out of the loop completes the operation.
 */
export async function* subscribeIncremental<TData = Record<string, unknown>, TRequest = unknown>(
  client: IteratingClient<TRequest>,
  request: TRequest,
): AsyncGenerator<IncrementalResult<TData>, void, undefined> {
  const reassembler = createReassembler<TData>();
  for await (const payload of client.iterate(request)) yield reassembler.apply(payload);
}
