import type { IncrementalResult } from '@graphql-incremental/reassembler';
import type { DocumentNode } from 'graphql';

/**
 * The type marker of typed documents, structurally the same as `@graphql-typed-document-node/core`'s
 * `DocumentTypeDecoration`: GraphQL Code Generator's `TypedDocumentNode` and `TypedDocumentString`,
 * gql.tada and Apollo's `TypedDocumentNode` all carry it, so their types flow into results.
 */
export interface DocumentTypeDecoration<TResult, TVariables> {
  readonly __apiType?: (variables: TVariables) => TResult;
}

/** A parsed document that knows its result and variables types. */
export interface TypedDocumentNode<TResult = Record<string, unknown>, TVariables = Record<string, unknown>>
  extends DocumentNode,
    DocumentTypeDecoration<TResult, TVariables> {}

/**
 * Document text: a string, or a `String` object, which is what GraphQL Code Generator's
 * `TypedDocumentString` (a subclass of `String`) is.
 */
// eslint-disable-next-line @typescript-eslint/no-wrapper-object-types -- TypedDocumentString extends String
export type DocumentText = string | String;

/** What a request may carry as its document: text, a parsed document, or a typed one. */
export type QueryDocument<TResult, TVariables> =
  | string
  | DocumentNode
  | (DocumentTypeDecoration<TResult, TVariables> & (DocumentNode | DocumentText));

/** The GraphQL request: what is sent as the JSON body. */
export interface IncrementalRequest<TResult = Record<string, unknown>, TVariables = Record<string, unknown>> {
  /**
   * The operation: a string, a typed document string, or a `DocumentNode`, sent as its source text
   * (`loc.source.body`) or as `init.print` prints it.
   */
  readonly query: QueryDocument<TResult, TVariables>;
  readonly variables?: TVariables;
  readonly operationName?: string;
  /** Request extensions, e.g. persisted query hashes. */
  readonly extensions?: Record<string, unknown>;
}

/** Which incremental wire format to ask for first. Either way, whatever the server answers is read. */
export type PreferredFormat = 'current' | '2022';

/** How the server should stream: `multipart/mixed` (every server) or `text/event-stream` (Yoga, Hot Chocolate). */
export type PreferredTransport = 'multipart' | 'event-stream';

/** Options of {@link readResults}: how the response is read and its results handed out. */
export interface ReadResultsInit {
  /** Aborts the request and ends the iteration with the signal's reason. */
  readonly signal?: AbortSignal | undefined;
  /** Largest part, event or JSON body in bytes (see the reader); defaults to 16 MiB. */
  readonly maxPartSize?: number | undefined;
  /**
   * Pace results by their cost; default `true`. A result that took 0.5 ms or more to merge and to
   * consume (your loop's time with it) is followed by the next one only after three times as long,
   * while payloads keep merging: long streams stay linear and merging plus consuming (a UI, Apollo's
   * cache) take at most a quarter of the time. `false`: a result whenever there is news.
   */
  readonly pace?: boolean | undefined;
  /** Called with the `Response` once its headers arrived, before its body is read (e.g. for response headers). */
  readonly onResponse?: ((response: Response) => void) | undefined;
}

/** Options of {@link fetchIncremental}, besides the request. */
export interface FetchIncrementalInit extends ReadResultsInit {
  /** Request headers; they win over the defaults (`content-type`, `accept`). */
  readonly headers?: HeadersInit;
  /** The `fetch` to use (Node SDKs, proxies, tests); defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  readonly credentials?: RequestCredentials;
  /** The format to prefer in `Accept`; defaults to `current` (graphql-js 17, `incrementalSpec=v0.2`). */
  readonly format?: PreferredFormat;
  /** The transport to ask for; defaults to `multipart`. */
  readonly transport?: PreferredTransport;
  /**
   * Any other `fetch` options (`mode`, `cache`, `referrerPolicy`, `keepalive`, …). `method`, `body` and
   * `signal` are fetchIncremental's own; `headers` here are merged under `headers` above.
   */
  readonly fetchOptions?: Omit<RequestInit, 'method' | 'body' | 'signal'>;
  /**
   * Prints a `DocumentNode` to send, e.g. `print` from `graphql`. Needed for documents without source
   * text (`loc`), such as GraphQL Code Generator's, or ones changed after parsing.
   */
  readonly print?: (document: DocumentNode) => string;
}

/** A merged result, as {@link fetchIncremental} yields them. */
export type FetchResult<TResult, TExtensions = Record<string, unknown>> = IncrementalResult<TResult, TExtensions>;

/** The result type a typed document declares. */
export type ResultOf<T> = T extends DocumentTypeDecoration<infer TResult, infer _TVariables> ? TResult : never;

/** The variables type a typed document declares. */
export type VariablesOf<T> = T extends DocumentTypeDecoration<infer _TResult, infer TVariables> ? TVariables : never;
