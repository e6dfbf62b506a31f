/**
 * The multipart/mixed framings real servers write, as pure byte producers: a server asks a writer for
 * the bytes of each part and writes them at once, so each part is flushed as soon as it exists. All of them carry the same JSON; only delimiters, part headers and flush units
 * differ, which is exactly what a multipart reader has to survive.
 *
 * | name         | like                          | what is special                                               |
 * |--------------|-------------------------------|---------------------------------------------------------------|
 * | `rfc`        | Apollo Server, Hot Chocolate  | `⏎---⏎` opens; each part ends with its delimiter line, `-----` after the last |
 * | `yoga`       | GraphQL Yoga 5                | `⏎---` alone at start; per-part `Content-Length`; delimiter line left unterminated until the next part; `--⏎` as a separate write at the end |
 * | `router`     | Apollo Router                 | boundary `graphql`, `content-type: application/json` (no charset), delimiter line without its CRLF |
 * | `strawberry` | Strawberry                    | `---` at byte 0 (no leading CRLF), `Content-Length`, held-back delimiter |
 * | `lf`         | none (leniency test)          | `rfc` with bare LF line endings                               |
 * | `tanka`      | Tanka GraphQL                 | boundary `graphql-response` (unquoted), each part's *opening* delimiter is written with it and the part is never terminated until the next one or the close delimiter |
 */

/** The framings {@link createMultipartWriter} knows. */
export type FramingName = 'rfc' | 'yoga' | 'router' | 'strawberry' | 'lf' | 'tanka';

/** Every framing, for tests that loop over them. */
export const FRAMING_NAMES: readonly FramingName[] = ['rfc', 'yoga', 'router', 'strawberry', 'lf', 'tanka'];

/** Produces the bytes of one multipart response body, part by part. */
export interface MultipartWriter {
  /** The boundary, as in the response `Content-Type`. */
  readonly boundary: string;
  /**
   * The response `Content-Type`.
   *
   * @param parameters Extra media-type parameters, e.g. `incrementalSpec=v0.2` or `subscriptionSpec=1.0`.
   */
  contentType(parameters?: readonly string[]): string;
  /** Bytes to write when the response starts, before any part exists (may be empty). */
  begin(): string;
  /**
   * Bytes of one part, to write in one go.
   *
   * @param json The part body.
   * @param last True when this is known to be the final part (payload `hasNext: false`): framings
   *   that close right after a part do so now.
   */
  part(json: string, last: boolean): string;
  /** Bytes that end the body once the producer is done (empty when a `last` part already closed it). */
  end(): string;
}

const JSON_PART_HEADER = 'Content-Type: application/json; charset=utf-8';

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function withParameters(base: string, separator: string, parameters: readonly string[] | undefined): string {
  return parameters === undefined || parameters.length === 0 ? base : [base, ...parameters].join(separator);
}

/** `rfc` and `lf`: the delimiter after each part is chosen from that part's `hasNext` (Apollo Server). */
function createDelimiterAfterPartWriter(newline: string): MultipartWriter {
  let started = false;
  let closed = false;
  return {
    boundary: '-',
    contentType: (parameters) => withParameters('multipart/mixed; boundary="-"', '; ', parameters),
    begin: () => '',
    part(json, last) {
      const opening = started ? '' : `${newline}---${newline}`;
      started = true;
      closed = last;
      return `${opening}${JSON_PART_HEADER}${newline}${newline}${json}${newline}---${last ? '--' : ''}${newline}`;
    },
    end() {
      if (closed) return '';
      closed = true;
      // A delimiter line was already written after the last part, so closing now leaves one empty
      // part before the close delimiter (Apollo Server would do the same if its iterator ended on a
      // payload with hasNext: true).
      return `${newline}-----${newline}`;
    },
  };
}

/** `yoga` and `strawberry`: per-part Content-Length, delimiter line held back until the next write. */
function createHeldBackDelimiterWriter(leadingNewline: boolean, openAtStart: boolean): MultipartWriter {
  let opened = false;
  const opening = `${leadingNewline ? '\r\n' : ''}---`;
  return {
    boundary: '-',
    contentType: (parameters) => withParameters('multipart/mixed; boundary="-"', '; ', parameters),
    begin() {
      if (!openAtStart) return '';
      opened = true;
      return opening;
    },
    part(json) {
      const prefix = opened ? '' : opening;
      opened = true;
      return `${prefix}\r\n${JSON_PART_HEADER}\r\nContent-Length: ${byteLength(json)}\r\n\r\n${json}\r\n---`;
    },
    end() {
      const prefix = opened ? '' : opening;
      opened = true;
      return `${prefix}--\r\n`;
    },
  };
}

/** `router`: boundary `graphql`, the delimiter line's CRLF arrives with the next part. */
function createRouterWriter(): MultipartWriter {
  let started = false;
  let closed = false;
  return {
    boundary: 'graphql',
    contentType: (parameters) => withParameters('multipart/mixed;boundary="graphql"', ';', parameters),
    begin: () => '',
    part(json, last) {
      const opening = started ? '' : '\r\n--graphql';
      started = true;
      closed = last;
      return `${opening}\r\ncontent-type: application/json\r\n\r\n${json}\r\n--graphql${last ? '--\r\n' : ''}`;
    },
    end() {
      if (closed) return '';
      closed = true;
      return started ? '--\r\n' : '\r\n--graphql--\r\n';
    },
  };
}

/** `tanka`: opening delimiter written with each part, no delimiter after a part until the next one. */
function createTankaWriter(): MultipartWriter {
  return {
    boundary: 'graphql-response',
    contentType: (parameters) => withParameters('multipart/mixed; boundary=graphql-response', '; ', parameters),
    begin: () => '',
    part: (json) => `\r\n--graphql-response\r\n${JSON_PART_HEADER}\r\n\r\n${json}`,
    end: () => '\r\n--graphql-response--\r\n',
  };
}

/**
 * Creates a writer for one response body in the given framing.
 *
 * @example
 * const writer = createMultipartWriter('rfc');
 * res.writeHead(200, { 'content-type': writer.contentType(['incrementalSpec=v0.2']) });
 * res.write(writer.begin());
 * res.write(writer.part('{"data":{},"hasNext":false}', true));
 * res.end(writer.end());
 */
export function createMultipartWriter(framing: FramingName): MultipartWriter {
  switch (framing) {
    case 'rfc':
      return createDelimiterAfterPartWriter('\r\n');
    case 'lf':
      return createDelimiterAfterPartWriter('\n');
    case 'yoga':
      return createHeldBackDelimiterWriter(true, true);
    case 'strawberry':
      return createHeldBackDelimiterWriter(false, false);
    case 'router':
      return createRouterWriter();
    case 'tanka':
      return createTankaWriter();
  }
}

/**
 * Frames a whole sequence of payload bodies at once (for fixtures and the fault server).
 *
 * @param framing The framing.
 * @param bodies The part bodies in order; the last one is treated as final.
 * @returns The body, split into the writes a server would make (begin, one per part, end), without
 *   empty writes.
 */
export function frameParts(framing: FramingName, bodies: readonly string[]): string[] {
  const writer = createMultipartWriter(framing);
  const writes = [writer.begin(), ...bodies.map((body, index) => writer.part(body, index === bodies.length - 1)), writer.end()];
  return writes.filter((write) => write.length > 0);
}
