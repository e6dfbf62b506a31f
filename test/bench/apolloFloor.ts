/**
 * Apollo Client's own cost for one result of a long `@stream` (the floor under any link's "longest wait
 * for an update"): `IncrementalHttpLink` reads a recording in two network chunks, the first holding the
 * initial payload and N − k items, the second, sent once the watcher has shown those, the k others and
 * the end. The link merges each chunk into one result, so Apollo gets a list of N − k items, then one
 * result carrying all N, of which k are new; the second is timed.
 */
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { ApolloClient, ApolloLink, InMemoryCache, Observable } from '@apollo/client';
import { IncrementalHttpLink } from '@graphql-incremental/apollo-link';
import type { Sample } from './harness.js';
import { readThreadTime } from './apolloThreadTime.js';
import { STREAM_QUERY, type StreamRecording } from './streamRecording.js';

type IncrementalHandler = NonNullable<ApolloClient.Options['incrementalHandler']>;

/** A run that takes longer has hung. */
const RUN_TIMEOUT_MS = 60_000;

function joinBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const joined = new Uint8Array(chunks.reduce((length, chunk) => length + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

/**
 * A `fetch` that sends the recording in two chunks: the initial payload and the first `held` items at
 * once, the rest when `release()` is called (in a later event-loop turn, as a network delivers it).
 *
 * @param recording - One payload per item after the initial one (as {@link recordStream} checks).
 * @param held - How many items the first chunk carries.
 * @returns The `fetch` and the function that sends the second chunk.
 */
function createSplitFetch(recording: StreamRecording, held: number): { fetch: typeof fetch; release: () => void } {
  const first = joinBytes(recording.parts.slice(0, 1 + held));
  const second = joinBytes([...recording.parts.slice(1 + held), recording.closeDelimiter]);
  let release = (): void => {
    throw new Error('release() before the request');
  };
  const fetchImpl = (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const count = (JSON.parse(String(init?.body)) as { variables?: { count?: unknown } }).variables?.count;
    if (count !== recording.items) throw new Error(`the request asks for ${String(count)} items; the recording has ${recording.items}`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(first.slice());
        release = () =>
          setImmediate(() => {
            controller.enqueue(second.slice());
            controller.close();
          });
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': recording.contentType } });
  }) as typeof fetch;
  return { fetch: fetchImpl, release: () => release() };
}

const productCount = (data: unknown): number | undefined => {
  const products = (data as { shop?: { catalog?: { products?: unknown } } } | undefined)?.shop?.catalog?.products;
  return Array.isArray(products) ? products.length : undefined;
};

/**
 * One checked run: a fresh client and `InMemoryCache`, `watchQuery` with `cache-first`, a list of
 * `recording.items - newItems` items, then the result that brings `newItems` more.
 *
 * @param recording - The recorded stream (N = `recording.items`).
 * @param newItems - k, from 1 to N.
 * @param incrementalHandler - The handler matching the recording's format.
 * @returns `ms` from handing Apollo the last result (the link's `observer.next`) to the watcher
 *   receiving it; `inNextMs`, how long that `observer.next` call took (Apollo's handler, cache write and
 *   broadcast run inside it); `netMs`, `ms` less the time the main thread waited for a CPU (`NaN` off
 *   Linux).
 * @throws When Apollo does not get exactly the two results, or the final data is not plain execution's.
 */
export async function runFloorOnce(recording: StreamRecording, newItems: number, incrementalHandler: IncrementalHandler): Promise<Sample> {
  const held = recording.items - newItems;
  const { fetch: fetchImpl, release } = createSplitFetch(recording, held);
  const handed: { at: number; waited: number; inNextMs: number }[] = [];
  const waited = (): number => readThreadTime()?.waitingMs ?? Number.NaN;
  // Times the link's results as they enter Apollo, as the main rows' `timeApollo` does.
  const timing = new ApolloLink(
    (operation, forward) =>
      new Observable<ApolloLink.Result>((observer) => {
        const subscription = forward(operation).subscribe({
          next: (result) => {
            const entry = { at: performance.now(), waited: waited(), inNextMs: Number.NaN };
            handed.push(entry);
            observer.next(result);
            entry.inNextMs = performance.now() - entry.at;
          },
          error: (error: unknown) => observer.error(error),
          complete: () => observer.complete(),
        });
        return () => subscription.unsubscribe();
      }),
  );
  const client = new ApolloClient({
    link: ApolloLink.from([timing, new IncrementalHttpLink({ uri: 'http://bench.invalid/graphql', fetch: fetchImpl, pace: false })]),
    cache: new InMemoryCache(),
    incrementalHandler,
  });
  const shown: { at: number; waited: number; items: number | undefined }[] = [];
  try {
    const final = await new Promise<ApolloClient.QueryResult<unknown> & { loading: boolean; dataState: string; networkStatus: number }>((resolve, reject) => {
      const timeout = setTimeout(() => reject(new Error(`no final result within ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
      const subscription = client.watchQuery({ query: STREAM_QUERY, variables: { count: recording.items }, fetchPolicy: 'cache-first' }).subscribe({
        next: (result) => {
          if (result.data !== undefined) {
            shown.push({ at: performance.now(), waited: waited(), items: productCount(result.data) });
            if (shown.length === 1) release();
          }
          if (!result.loading) {
            clearTimeout(timeout);
            resolve(result as never);
            // Not inside `next`: Apollo may still be delivering this result.
            setImmediate(() => subscription.unsubscribe());
          }
        },
        error: (error: unknown) => {
          clearTimeout(timeout);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      });
    });
    const counts = shown.map(({ items }) => items);
    if (handed.length !== 2 || !isDeepStrictEqual(counts, [held, recording.items])) {
      throw new Error(`expected 2 results with ${held} then ${recording.items} items, Apollo got ${handed.length}, the watcher saw ${JSON.stringify(counts)}`);
    }
    if (final.networkStatus !== 7 || final.dataState !== 'complete' || !isDeepStrictEqual(final.data, recording.expectedData)) {
      throw new Error(`the final result differs from plain execution (networkStatus ${final.networkStatus}, dataState ${final.dataState})`);
    }
    const [last, lastShown] = [handed[1]!, shown[1]!];
    const ms = lastShown.at - last.at;
    return { ms, inNextMs: last.inNextMs, netMs: ms - (lastShown.waited - last.waited) };
  } finally {
    client.stop();
  }
}
