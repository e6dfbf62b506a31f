/**
 * `Accept` negotiation for our graphql-js server, modelled on Apollo Server 5:
 * the `incrementalSpec` / `deferSpec` parameters of `multipart/mixed` choose the payload format,
 * `subscriptionSpec=1.0` asks for Apollo's multipart subscription protocol, `text/event-stream` asks
 * for SSE. Unlike Apollo Server, a plain `multipart/mixed` is accepted and gets a configurable format.
 */

/** The two payload formats graphql@17.1.0 produces. */
export type IncrementalFormat = 'current' | 'legacy';

/** The media-type parameter that names each format on the wire (Apollo's convention). */
export const FORMAT_PARAMETERS: Readonly<Record<IncrementalFormat, string>> = {
  current: 'incrementalSpec=v0.2',
  legacy: 'deferSpec=20220824',
};

/** One entry of an `Accept` header. */
export interface MediaRange {
  /** `type/subtype`, lower-cased. */
  readonly mediaType: string;
  /** Parameters other than `q`, names lower-cased, values unquoted. */
  readonly parameters: ReadonlyMap<string, string>;
  readonly quality: number;
}

/** Splits on `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (const character of text) {
    if (character === '"') quoted = !quoted;
    if (character === separator && !quoted) {
      pieces.push(current);
      current = '';
    } else {
      current += character;
    }
  }
  pieces.push(current);
  return pieces;
}

/**
 * Parses an `Accept` header into media ranges, most preferred first (by `q`, then by position).
 * Entries with `q=0` are dropped. A missing header means `*\/*`.
 */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (header === undefined || header.trim() === '') return [{ mediaType: '*/*', parameters: new Map(), quality: 1 }];
  const ranges: { range: MediaRange; position: number }[] = [];
  splitOutsideQuotes(header, ',').forEach((entry, position) => {
    const [typePart = '', ...parameterParts] = splitOutsideQuotes(entry, ';');
    const mediaType = typePart.trim().toLowerCase();
    if (mediaType === '') return;
    const parameters = new Map<string, string>();
    let quality = 1;
    for (const parameter of parameterParts) {
      const equals = parameter.indexOf('=');
      if (equals === -1) continue;
      const name = parameter.slice(0, equals).trim().toLowerCase();
      const value = parameter
        .slice(equals + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1');
      if (name === 'q') quality = Number(value);
      else parameters.set(name, value);
    }
    if (!(quality > 0)) return;
    ranges.push({ range: { mediaType, parameters, quality }, position });
  });
  ranges.sort((left, right) => right.range.quality - left.range.quality || left.position - right.position);
  return ranges.map(({ range }) => range);
}

/** How to send a result that has more than one payload. */
export type StreamingChoice =
  | { readonly transport: 'multipart'; readonly format: IncrementalFormat }
  | { readonly transport: 'sse' }
  | { readonly transport: 'multipart-subscription' };

/** What a response may be: the first acceptable streaming transport, and whether JSON is accepted. */
export interface Negotiation {
  /** `undefined` when the client accepts no streaming transport for this kind of operation. */
  readonly streaming: StreamingChoice | undefined;
  /** The JSON media type for a single result, `undefined` when the client accepts none. */
  readonly json: 'application/json' | 'application/graphql-response+json' | undefined;
}

function formatFromParameters(parameters: ReadonlyMap<string, string>, defaultFormat: IncrementalFormat): IncrementalFormat | undefined {
  const incrementalSpec = parameters.get('incrementalspec');
  const deferSpec = parameters.get('deferspec');
  if (incrementalSpec !== undefined) return incrementalSpec === 'v0.2' ? 'current' : undefined;
  if (deferSpec !== undefined) return deferSpec === '20220824' ? 'legacy' : undefined;
  return defaultFormat;
}

/**
 * Decides what a request's `Accept` allows.
 *
 * @param accept The request's `Accept` header.
 * @param isSubscription Subscriptions stream only as Apollo multipart subscriptions
 *   (`multipart/mixed;subscriptionSpec=1.0`) or SSE; queries and mutations only as incremental
 *   multipart or SSE.
 * @param defaultFormat The format for `multipart/mixed` without a spec parameter (and for `*\/*`).
 */
export function negotiate(accept: string | undefined, isSubscription: boolean, defaultFormat: IncrementalFormat): Negotiation {
  let streaming: StreamingChoice | undefined;
  let json: Negotiation['json'];
  for (const range of parseAccept(accept)) {
    const { mediaType, parameters } = range;
    if (json === undefined) {
      if (mediaType === 'application/graphql-response+json') json = 'application/graphql-response+json';
      else if (mediaType === 'application/json' || mediaType === 'application/*' || mediaType === '*/*') json = 'application/json';
    }
    if (streaming !== undefined) continue;
    if (mediaType === 'text/event-stream') {
      streaming = { transport: 'sse' };
    } else if (mediaType === 'multipart/mixed' || mediaType === 'multipart/*' || mediaType === '*/*') {
      if (isSubscription) {
        if (parameters.get('subscriptionspec')?.startsWith('1.0') === true) streaming = { transport: 'multipart-subscription' };
      } else {
        const format = formatFromParameters(parameters, defaultFormat);
        if (format !== undefined) streaming = { transport: 'multipart', format };
      }
    }
  }
  return { streaming, json };
}
