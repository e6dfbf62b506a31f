import { experimental_streamedQuery as streamedQuery } from '@tanstack/query-core';
import { fetchIncremental, type FetchIncrementalInit, type FetchResult, type IncrementalRequest } from '@graphql-incremental/fetch';

/**
 * A TanStack Query `queryFn` for an operation with `@defer` / `@stream`: the query's data is the merged
 * result so far (`data.hasNext` until the last payload). Cancelling the query aborts the request.
 */
export function incrementalQuery<TResult = Record<string, unknown>, TVariables = Record<string, unknown>>(
  url: string,
  request: IncrementalRequest<TResult, TVariables>,
  init?: FetchIncrementalInit,
) {
  return streamedQuery<FetchResult<TResult>, FetchResult<TResult> | undefined>({
    streamFn: ({ signal }) => fetchIncremental<TResult, TVariables>(url, request, { ...init, signal }),
    // Each result is the whole merged result so far, not a chunk to append: keep the latest.
    reducer: (_previous, result) => result,
    initialValue: undefined,
    // A refetch keeps showing the last complete result until the new one is complete.
    refetchMode: 'replace',
  });
}
