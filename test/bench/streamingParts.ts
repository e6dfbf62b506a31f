/**
 * What memory.bench.ts and its server (streamingServer.ts) share. A module of its own: importing the
 * server's module would start a server in the importing process.
 */

/** What the server tells its parent. The parent asks for `?parts=N&id=K` in the request's URL. */
export interface StreamingServerMessage {
  readonly port?: number;
  /** The request's `id`: a late message about an earlier response must not count for the next one. */
  readonly id?: number;
  readonly written?: number;
  readonly done?: boolean;
}

/** The merged result's one large field (with `pad` and `n`, the data is about 1 KB). */
export const TITLE = 'A result that stays small while the response grows. '.repeat(14);
/** Every later part's filler. */
export const PAD = 'x'.repeat(200);
