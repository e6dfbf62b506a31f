/** A parsed `Content-Type` header value. */
export interface ContentType {
  /** `type/subtype`, lower-cased, e.g. `multipart/mixed`. */
  readonly mediaType: string;
  /** Parameters by lower-cased name, values unquoted; the first occurrence of a name wins. */
  readonly parameters: ReadonlyMap<string, string>;
}

/** The boundary used when a `multipart/mixed` response names none (Apollo Client and meros do the same). */
export const DEFAULT_BOUNDARY = '-';

const QUOTE = '"';
const APOSTROPHE = "'";
const BACKSLASH = '\\';
const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * Parses a `Content-Type` header value tolerantly, the way servers actually send it: parameter names
 * in any case, values quoted (`"…"`, with backslash escapes, or `'…'`) or bare, spaces around `;` and
 * `=` or none, and anything after a top-level `,` ignored. The last rule is for Strawberry, whose
 * subscription responses say `multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json`.
 *
 * @param header - The header value, e.g. `multipart/mixed; boundary="-"; deferSpec=20220824`.
 * @returns The media type and parameters, or `undefined` when there is no `type/subtype`.
 * @see spec.md §3.1 (response `Content-Type` examples and the parsing rule).
 * @example
 * ```ts
 * parseContentType('multipart/mixed; boundary="graphql"; deferSpec=20220824')?.parameters.get('boundary'); // 'graphql'
 * ```
 */
export function parseContentType(header: string): ContentType | undefined {
  const semicolon = indexOfUnquoted(header, ';', 0);
  const comma = indexOfUnquoted(header, ',', 0);
  const end = comma === -1 ? header.length : comma;
  const typeEnd = semicolon === -1 || semicolon > end ? end : semicolon;
  const mediaType = header.slice(0, typeEnd).trim().toLowerCase();
  if (!MEDIA_TYPE.test(mediaType)) return undefined;

  const parameters = new Map<string, string>();
  let position = typeEnd;
  while (position < end) {
    // `position` is at a ';' here.
    const next = indexOfUnquoted(header, ';', position + 1);
    const parameterEnd = next === -1 || next > end ? end : next;
    const parameter = header.slice(position + 1, parameterEnd);
    const equals = parameter.indexOf('=');
    if (equals > 0) {
      const name = parameter.slice(0, equals).trim().toLowerCase();
      const value = unquote(parameter.slice(equals + 1).trim());
      if (name !== '' && !parameters.has(name)) parameters.set(name, value);
    }
    position = parameterEnd;
  }
  return { mediaType, parameters };
}

/**
 * The multipart boundary of a response: the `boundary` parameter, or {@link DEFAULT_BOUNDARY} when it
 * is missing or empty.
 *
 * @param contentType - A parsed `multipart/*` content type.
 * @returns The boundary, without the leading `--`.
 * @see spec.md §3.4 item 1.
 */
export function getBoundary(contentType: ContentType): string {
  const boundary = contentType.parameters.get('boundary');
  return boundary === undefined || boundary === '' ? DEFAULT_BOUNDARY : boundary;
}

/**
 * Tells whether a media type carries JSON: `application/json` or any `+json` type
 * (`application/graphql-response+json`, the older `application/graphql+json`).
 *
 * @param mediaType - A lower-cased `type/subtype`, as in {@link ContentType.mediaType}.
 * @returns `true` for a JSON media type.
 */
export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json'));
}

/** Finds `target` outside double-quoted strings (where `;` and `,` may legally appear). */
function indexOfUnquoted(text: string, target: string, from: number): number {
  let quoted = false;
  for (let index = from; index < text.length; index++) {
    const character = text[index];
    if (quoted) {
      if (character === BACKSLASH) index++;
      else if (character === QUOTE) quoted = false;
    } else if (character === QUOTE) {
      quoted = true;
    } else if (character === target) {
      return index;
    }
  }
  return -1;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith(QUOTE) && value.endsWith(QUOTE)) {
    let result = '';
    for (let index = 1; index < value.length - 1; index++) {
      const character = value[index]!;
      if (character === BACKSLASH && index + 1 < value.length - 1) {
        index++;
        result += value[index]!;
      } else {
        result += character;
      }
    }
    return result;
  }
  // Apollo Client also accepts single quotes, which no RFC allows but some servers send.
  if (value.length >= 2 && value.startsWith(APOSTROPHE) && value.endsWith(APOSTROPHE)) return value.slice(1, -1);
  return value;
}

// Every part of a response usually repeats one Content-Type value: remember the last verdict instead of
// parsing the same header once per part (it was a tenth of the reading time on small parts).
let lastJsonHeader: string | undefined;
let lastJsonVerdict = false;

/**
 * Tells whether a `Content-Type` header value names a JSON media type (see {@link isJsonMediaType}).
 *
 * @param header - The header value as sent, parameters included.
 * @returns `true` for JSON; `false` for anything else, including an unparsable value.
 */
export function isJsonContentType(header: string): boolean {
  if (header !== lastJsonHeader) {
    const contentType = parseContentType(header);
    lastJsonVerdict = contentType !== undefined && isJsonMediaType(contentType.mediaType);
    lastJsonHeader = header;
  }
  return lastJsonVerdict;
}
