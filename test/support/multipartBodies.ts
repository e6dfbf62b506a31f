/**
 * A corpus of response bodies in every framing a GraphQL incremental delivery reader meets, and the
 * chunking helpers to feed them in every split. Shared by the reader's tests, and meant for the
 * benchmarks, the fetch wrapper's tests and fuzzing: nothing here depends on the reader.
 *
 * The multipart framings reproduce exactly which bytes each server writes, and in which flush units
 * (captured from Apollo Server and Yoga, read from the other servers' code); the SSE bodies live in
 * `sseBodies.ts`. Payload texts are graphql-js 17.1.0 output (current and 2022 formats), with string
 * values swapped for 2-, 3- and 4-byte UTF-8 characters so that a split can
 * fall inside one.
 */

/** A parsed JSON object as a reader yields it. */
export type JsonObject = Record<string, unknown>;

/** One response body and what reading it must give. */
export interface BodyCase {
  /** Unique, descriptive name (used as the test title). */
  readonly name: string;
  /** Where the bytes come from: the server and the code that writes them, or the rule the case tests. */
  readonly source: string;
  /** The response `Content-Type` header, exactly as that server sends it. */
  readonly contentType: string;
  /** The multipart boundary (without `--`); `undefined` for SSE bodies. */
  readonly boundary: string | undefined;
  /** The body as the server writes it: one entry per write (its flush units). */
  readonly flushes: readonly Uint8Array[];
  /** The whole body (the flushes concatenated). */
  readonly body: Uint8Array;
  /** The payloads a reader must yield, in order (heartbeats and envelopes removed). */
  readonly payloads: readonly JsonObject[];
  /**
   * When reading must fail after those payloads: the `IncrementalError` code of
   * `@graphql-incremental/reader`. `undefined` when the body is fine.
   */
  readonly errorCode: string | undefined;
}

const encoder = new TextEncoder();

/**
 * Encodes text as UTF-8.
 *
 * @param text - Any string.
 * @returns Its bytes.
 */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Concatenates byte arrays.
 *
 * @param chunks - The pieces.
 * @returns One array with all their bytes.
 */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

// ---------------------------------------------------------------------------------------------------
// Payload sequences

/**
 * `{ asyncColors @stream(initialCount: 1) }` as graphql-js 17.1.0 sends it (current format), the
 * colours replaced by `rød` (ø: 2 bytes), `緑` (3 bytes) and `🔵` (4 bytes).
 */
export const STREAM_PAYLOADS: readonly string[] = [
  '{"data":{"asyncColors":["rød"]},"pending":[{"id":"0","path":["asyncColors"]}],"hasNext":true}',
  '{"hasNext":true,"incremental":[{"id":"0","items":["緑"]}]}',
  '{"hasNext":true,"incremental":[{"id":"0","items":["🔵"]}]}',
  '{"hasNext":false,"completed":[{"id":"0"}]}',
];

/** `{ hero { id ... @defer(label: "D") { name } } }` in the 2022 format, as Apollo Server `deferSpec=20220824` and Yoga send it. */
export const DEFER_2022_PAYLOADS: readonly string[] = [
  '{"data":{"hero":{"id":"1"}},"hasNext":true}',
  '{"incremental":[{"data":{"name":"Lüke Skywalker 天行者 🚀"},"path":["hero"],"label":"D"}],"hasNext":false}',
];

/** Apollo Router's 2022 format: the last payload is a bare `{"hasNext":false}` (as in the Router's supergraph snapshots). */
export const ROUTER_PAYLOADS: readonly string[] = [
  '{"data":{"hero":{"id":"1"}},"hasNext":true}',
  '{"hasNext":true,"incremental":[{"data":{"name":"Lüke 天行者 🚀"},"path":["hero"],"label":"D"}]}',
  '{"hasNext":false}',
];

/**
 * Strawberry's hybrid payloads: current format plus `path`/`label` on entries and
 * `"extensions": null` on every payload.
 */
export const STRAWBERRY_PAYLOADS: readonly string[] = [
  '{"data":{"hero":{"id":"1"}},"pending":[{"id":"0","path":["hero"],"label":null}],"hasNext":true,"extensions":null}',
  '{"incremental":[{"id":"0","data":{"name":"Lüke 天 🚀"},"path":["hero"],"label":null}],"completed":[{"id":"0"}],"hasNext":false,"extensions":null}',
];

/** Tanka's 2022-like payloads: `{label?, path, data}`, one stream item per payload with its index in the path. */
export const TANKA_PAYLOADS: readonly string[] = [
  '{"data":{"colors":["rød"]},"hasNext":true}',
  '{"incremental":[{"items":["緑"],"path":["colors",1]}],"hasNext":true}',
  '{"incremental":[{"items":["🔵"],"path":["colors",2]}],"hasNext":false}',
];

/** A subscription's execution results (what sits inside `{"payload": …}`). */
export const SUBSCRIPTION_RESULTS: readonly string[] = [
  '{"data":{"tick":{"count":1,"label":"é"}}}',
  '{"data":{"tick":{"count":2,"label":"漢"}}}',
  '{"data":{"tick":null},"errors":[{"message":"tick 3 failed 😬","path":["tick"]}]}',
];

// ---------------------------------------------------------------------------------------------------
// Framings

/** How a server frames a sequence of part bodies. */
export interface MultipartFraming {
  /** Short name, e.g. `yoga`. */
  readonly name: string;
  /** Which server writes this, and where the bytes are documented. */
  readonly source: string;
  /** The `Content-Type` for a boundary (with that server's quoting and spacing). */
  contentType(boundary: string): string;
  /**
   * The body's writes for these part bodies.
   *
   * @param bodies - Part bodies in order; the last one is the final part.
   * @param boundary - The boundary, without `--`.
   */
  frame(bodies: readonly string[], boundary: string): string[];
}

const JSON_HEADER = 'Content-Type: application/json; charset=utf-8';

function byteLength(text: string): number {
  return encoder.encode(text).length;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function quoted(boundary: string): string {
  return `"${boundary.replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

/** Every multipart framing, by name. */
export const multipartFramings = {
  /** The GraphQL-over-HTTP incremental delivery RFC: CRLF + delimiter + CRLF before each part, close after the last. */
  rfc: {
    name: 'rfc',
    source: 'graphql/graphql-over-http rfcs/IncrementalDelivery.md',
    contentType: (boundary) => `multipart/mixed; boundary=${quoted(boundary)}`,
    frame: (bodies, boundary) => [
      ...bodies.map((body) => `\r\n--${boundary}\r\n${JSON_HEADER}\r\n\r\n${body}`),
      `\r\n--${boundary}--\r\n`,
    ],
  },
  /** Apollo Server 5: lower-case header; the delimiter after each part is in the part's write. */
  apolloServer: {
    name: 'apolloServer',
    source: 'Apollo Server 5.5.1 (captured), runHttpQuery.ts writeMultipartBody',
    contentType: (boundary) => `multipart/mixed; boundary=${quoted(boundary)}; incrementalSpec=v0.2`,
    frame: (bodies, boundary) =>
      bodies.map(
        (body, index) =>
          `${index === 0 ? `\r\n--${boundary}\r\n` : ''}content-type: application/json; charset=utf-8\r\n\r\n${body}\r\n--${boundary}${
            index === bodies.length - 1 ? '--' : ''
          }\r\n`,
      ),
  },
  /** Hot Chocolate: as Apollo Server, with `Content-Type` capitalised. */
  hotChocolate: {
    name: 'hotChocolate',
    source: 'Hot Chocolate MultiPartResultFormatter',
    contentType: (boundary) => `multipart/mixed; boundary=${quoted(boundary)}`,
    frame: (bodies, boundary) =>
      bodies.map(
        (body, index) =>
          `${index === 0 ? `\r\n--${boundary}\r\n` : ''}${JSON_HEADER}\r\n\r\n${body}\r\n--${boundary}${index === bodies.length - 1 ? '--' : ''}\r\n`,
      ),
  },
  /** Yoga 5: `Content-Length`, the delimiter line's end held back until the next write, `--⏎` written alone. */
  yoga: {
    name: 'yoga',
    source: 'GraphQL Yoga 5.24.1 (captured), result-processor/multipart.js',
    contentType: (boundary) => `multipart/mixed; boundary=${quoted(boundary)}`,
    frame: (bodies, boundary) => [
      `\r\n--${boundary}`,
      ...bodies.map((body) => `\r\n${JSON_HEADER}\r\nContent-Length: ${byteLength(body)}\r\n\r\n${body}\r\n--${boundary}`),
      '--\r\n',
    ],
  },
  /** Apollo Router: delimiter written without its CRLF; the last part's write closes the body. */
  router: {
    name: 'router',
    source: 'Apollo Router protocols/multipart.rs',
    contentType: (boundary) => `multipart/mixed;boundary=${quoted(boundary)};deferSpec=20220824`,
    frame: (bodies, boundary) =>
      bodies.map(
        (body, index) =>
          `${index === 0 ? `\r\n--${boundary}` : ''}\r\ncontent-type: application/json\r\n\r\n${body}\r\n--${boundary}${
            index === bodies.length - 1 ? '--\r\n' : ''
          }`,
      ),
  },
  /** An older Apollo Router: `⏎--graphql⏎` after each part, the next write starts with `content-type:`. */
  routerLegacy: {
    name: 'routerLegacy',
    source: 'Apollo Router protocols/multipart.rs, older revision',
    contentType: (boundary) => `multipart/mixed;boundary=${quoted(boundary)};deferSpec=20220824`,
    frame: (bodies, boundary) =>
      bodies.map(
        (body, index) =>
          `${index === 0 ? `\r\n--${boundary}\r\n` : ''}content-type: application/json\r\n\r\n${body}\r\n--${boundary}${
            index === bodies.length - 1 ? '--' : ''
          }\r\n`,
      ),
  },
  /** Strawberry: no CRLF before the first delimiter, `Content-Length`, held-back delimiter. */
  strawberry: {
    name: 'strawberry',
    source: 'Strawberry http/streaming.py MultipartTransport',
    contentType: (boundary) => `multipart/mixed; boundary=${quoted(boundary)}`,
    frame: (bodies, boundary) => [
      `--${boundary}`,
      ...bodies.map((body) => `\r\n${JSON_HEADER}\r\nContent-Length: ${byteLength(body)}\r\n\r\n${body}\r\n--${boundary}`),
      '--\r\n',
    ],
  },
  /** Tanka: each part's opening delimiter written with it, parts never terminated until the next. */
  tanka: {
    name: 'tanka',
    source: 'Tanka GraphQLHttpTransportMiddleware.cs',
    // Tanka sends its boundary unquoted; a boundary that is not a token has to be quoted to be parseable.
    contentType: (boundary) => `multipart/mixed; boundary=${TOKEN.test(boundary) ? boundary : quoted(boundary)}`,
    frame: (bodies, boundary) => [
      ...bodies.map((body) => `\r\n--${boundary}\r\n${JSON_HEADER}\r\n\r\n${body}`),
      `\r\n--${boundary}--\r\n`,
    ],
  },
  /** Leniency: the RFC framing with bare LF line ends. */
  lfOnly: {
    name: 'lfOnly',
    source: 'leniency: LF-only line ends (no known server; meros and Apollo Client fail on it)',
    contentType: (boundary) => `multipart/mixed; boundary=${quoted(boundary)}`,
    frame: (bodies, boundary) => [
      ...bodies.map((body) => `\n--${boundary}\ncontent-type: application/json\n\n${body}`),
      `\n--${boundary}--\n`,
    ],
  },
  /**
   * Leniency: header names in odd case, no space or extra space around the colon,
   * extra headers, parts with no headers (blank line kept), and parts with no headers and no blank line.
   */
  lenientHeaders: {
    name: 'lenientHeaders',
    source: 'leniency: missing or extra part headers, any case, with or without a space',
    contentType: (boundary) => `Multipart/Mixed; Boundary=${quoted(boundary)}; charset=utf-8`,
    frame: (bodies, boundary) => [
      ...bodies.map((body, index) => {
        const headers = [
          'CONTENT-TYPE:application/json\r\nX-Trace-Id :  abc\r\ncontent-length: garbage\r\n\r\n',
          '\r\n',
          '',
        ][index % 3]!;
        return `\r\n--${boundary}\r\n${headers}${body}`;
      }),
      `\r\n--${boundary}--\r\n`,
    ],
  },
  /** RFC 2046 preamble and epilogue around the RFC framing, plus transport padding after each delimiter. */
  preambleAndEpilogue: {
    name: 'preambleAndEpilogue',
    source: 'RFC 2046 §5.1.1 (preamble, epilogue, transport padding)',
    contentType: (boundary) => `multipart/mixed; boundary=${quoted(boundary)}`,
    frame: (bodies, boundary) => [
      'This is the preamble: it is to be ignored.\r\nSo is this line.',
      ...bodies.map((body) => `\r\n--${boundary} \t \r\n${JSON_HEADER}\r\n\r\n${body}`),
      `\r\n--${boundary}--  \r\nThis is the epilogue.\r\n--${boundary}\r\nNot a part either.\r\n`,
    ],
  },
} satisfies Record<string, MultipartFraming>;

/** The name of a framing in {@link multipartFramings}. */
export type MultipartFramingName = keyof typeof multipartFramings;

/** Every framing, for tests that loop over them. */
export const MULTIPART_FRAMINGS: readonly MultipartFraming[] = Object.values(multipartFramings);

/**
 * Apollo's multipart subscription framings (`subscriptionSpec=1.0`): bodies are `{"payload": …}` envelopes and `{}`
 * heartbeats.
 */
export const subscriptionFramings = {
  /** Router: like its defer framing; the graceful end `--⏎` turns the pending `--graphql` into `--graphql--`. */
  router: {
    name: 'routerSubscription',
    source: 'Apollo Router multipart subscription protocol (docs and protocols/multipart.rs)',
    contentType: (boundary) => `multipart/mixed;boundary=${quoted(boundary)};subscriptionSpec=1.0`,
    frame: (bodies, boundary) => [
      ...bodies.map((body, index) => `${index === 0 ? `\r\n--${boundary}` : ''}\r\ncontent-type: application/json\r\n\r\n${body}\r\n--${boundary}`),
      '--\r\n',
    ],
  },
  /**
   * Strawberry: no opening delimiter, so the first part sits where the preamble goes; the completion
   * `⏎--graphql--⏎` after the last part's `⏎--graphql` leaves one empty part.
   */
  strawberry: {
    name: 'strawberrySubscription',
    source: 'Strawberry MultipartSubscriptionTransport (code reading)',
    contentType: (boundary) => `multipart/mixed;boundary=${boundary};subscriptionSpec=1.0,application/json`,
    frame: (bodies, boundary) => [
      ...bodies.map((body) => `\r\n${JSON_HEADER}\r\nContent-Length: ${byteLength(body)}\r\n\r\n${body}\r\n--${boundary}`),
      `\r\n--${boundary}--\r\n`,
    ],
  },
} satisfies Record<string, MultipartFraming>;

/**
 * Wraps execution results in subscription envelopes with a `{}` heartbeat first and between every two.
 *
 * @param results - Execution result texts.
 * @returns Part bodies.
 */
export function withEnvelopesAndHeartbeats(results: readonly string[]): string[] {
  const bodies = ['{}'];
  for (const result of results) bodies.push(`{"payload":${result}}`, '{}');
  return bodies;
}

// ---------------------------------------------------------------------------------------------------
// The corpus

interface CaseInput {
  readonly name: string;
  readonly source: string;
  readonly contentType: string;
  readonly boundary: string | undefined;
  readonly flushes: readonly string[];
  readonly payloads: readonly string[];
  readonly errorCode?: string;
}

/**
 * Builds a {@link BodyCase} from text flushes and expected payload texts.
 *
 * @param input - Name, source, content type, boundary, flushes, expected payloads, expected error.
 * @returns The case with bytes and parsed payloads.
 */
export function bodyCase(input: CaseInput): BodyCase {
  const flushes = input.flushes.map(utf8);
  return {
    name: input.name,
    source: input.source,
    contentType: input.contentType,
    boundary: input.boundary,
    flushes,
    body: concatBytes(flushes),
    payloads: input.payloads.map((text) => JSON.parse(text) as JsonObject),
    errorCode: input.errorCode,
  };
}

function framed(framing: MultipartFraming, boundary: string, payloads: readonly string[], name = framing.name): BodyCase {
  return bodyCase({
    name,
    source: framing.source,
    contentType: framing.contentType(boundary),
    boundary,
    flushes: framing.frame(payloads, boundary),
    payloads,
  });
}

const f = multipartFramings;

/** Multipart bodies that must read without error, in every framing above. */
export const multipartBodies: readonly BodyCase[] = [
  framed(f.rfc, '-', STREAM_PAYLOADS, 'rfc (boundary "-")'),
  framed(f.apolloServer, '-', STREAM_PAYLOADS, 'apollo-server incrementalSpec=v0.2'),
  bodyCase({
    name: 'apollo-server deferSpec=20220824',
    source: f.apolloServer.source,
    contentType: 'multipart/mixed; boundary="-"; deferSpec=20220824',
    boundary: '-',
    flushes: f.apolloServer.frame(DEFER_2022_PAYLOADS, '-'),
    payloads: DEFER_2022_PAYLOADS,
  }),
  framed(f.hotChocolate, '-', STREAM_PAYLOADS, 'hot-chocolate'),
  framed(f.yoga, '-', DEFER_2022_PAYLOADS, 'yoga (Content-Length, held-back delimiter line)'),
  bodyCase({
    name: 'yoga single part without hasNext (nothing was deferred)',
    source: 'Yoga answers one-part multipart when JSON was not accepted',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: f.yoga.frame(['{"data":{"hero":{"id":"1","name":"Lüke"}}}'], '-'),
    payloads: ['{"data":{"hero":{"id":"1","name":"Lüke"}}}'],
  }),
  framed(f.router, 'graphql', ROUTER_PAYLOADS, 'apollo-router (boundary "graphql", unterminated delimiter line)'),
  framed(f.routerLegacy, 'graphql', ROUTER_PAYLOADS, 'apollo-router, older revision'),
  framed(f.strawberry, '-', STRAWBERRY_PAYLOADS, 'strawberry (no CRLF before the first delimiter)'),
  framed(f.tanka, 'graphql-response', TANKA_PAYLOADS, 'tanka (boundary graphql-response, unterminated parts)'),
  bodyCase({
    name: 'rfc ends with hasNext:false but without the close delimiter',
    source: 'a JSON part is complete at its closing brace; hasNext:false arrived, the close delimiter did not',
    contentType: f.rfc.contentType('-'),
    boundary: '-',
    flushes: f.rfc.frame(STREAM_PAYLOADS, '-').slice(0, -1),
    payloads: STREAM_PAYLOADS,
  }),
  framed(f.lfOnly, '-', STREAM_PAYLOADS, 'LF-only line ends'),
  framed(f.lenientHeaders, '-', STREAM_PAYLOADS, 'header case, spacing, extra and missing headers'),
  framed(f.preambleAndEpilogue, 'gc0p4Jq0M2Yt08jU534c0p', STREAM_PAYLOADS, 'preamble, epilogue and transport padding'),
  framed(f.rfc, "simple boundary ('()+_,-./:=?)", DEFER_2022_PAYLOADS, 'boundary with spaces and specials, quoted'),
  bodyCase({
    name: 'heartbeats and empty parts',
    source: 'empty parts and `{}` heartbeats are skipped in any mode, as Apollo Client does',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: f.rfc.frame(['{}', STREAM_PAYLOADS[0]!, '', '  \r\n', STREAM_PAYLOADS[1]!, '{ }', STREAM_PAYLOADS[2]!, STREAM_PAYLOADS[3]!], '-'),
    payloads: STREAM_PAYLOADS,
  }),
  bodyCase({
    name: 'part Content-Type application/graphql-response+json',
    source: 'both JSON part types (application/json, application/graphql-response+json)',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: [
      `\r\n---\r\nContent-Type: application/graphql-response+json; charset=utf-8\r\n\r\n${DEFER_2022_PAYLOADS[0]!}`,
      `\r\n---\r\nContent-Type: application/json\r\n\r\n${DEFER_2022_PAYLOADS[1]!}\r\n-----\r\n`,
    ],
    payloads: DEFER_2022_PAYLOADS,
  }),
  bodyCase({
    name: 'router ends with hasNext:false but without the close delimiter',
    source: 'hasNext:false arrived, close delimiter did not: complete',
    contentType: f.router.contentType('graphql'),
    boundary: 'graphql',
    flushes: f.router.frame(ROUTER_PAYLOADS, 'graphql').map((write, index, all) => (index === all.length - 1 ? write.replace(/--\r\n$/, '') : write)),
    payloads: ROUTER_PAYLOADS,
  }),
  bodyCase({
    name: 'router subscription (heartbeats, envelopes)',
    source: subscriptionFramings.router.source,
    contentType: subscriptionFramings.router.contentType('graphql'),
    boundary: 'graphql',
    flushes: subscriptionFramings.router.frame(withEnvelopesAndHeartbeats(SUBSCRIPTION_RESULTS), 'graphql'),
    payloads: SUBSCRIPTION_RESULTS,
  }),
  bodyCase({
    name: 'strawberry subscription (first part in the preamble, empty last part)',
    source: subscriptionFramings.strawberry.source,
    contentType: subscriptionFramings.strawberry.contentType('graphql'),
    boundary: 'graphql',
    flushes: subscriptionFramings.strawberry.frame(withEnvelopesAndHeartbeats(SUBSCRIPTION_RESULTS), 'graphql'),
    payloads: SUBSCRIPTION_RESULTS,
  }),
  bodyCase({
    name: 'subscription ended quietly with {"payload":null}',
    source: 'Apollo Client: `{"payload": null}` with no errors is a quiet end',
    contentType: subscriptionFramings.router.contentType('graphql'),
    boundary: 'graphql',
    flushes: subscriptionFramings.router.frame([...withEnvelopesAndHeartbeats(SUBSCRIPTION_RESULTS.slice(0, 2)), '{"payload":null}', 'not JSON: never read'], 'graphql'),
    payloads: SUBSCRIPTION_RESULTS.slice(0, 2),
  }),
  bodyCase({
    name: 'a part Content-Length shorter than the JSON is ignored',
    source: 'express-graphql, Apollo Client test bodies: every peer splits on the delimiter',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: [
      `\r\n---\r\n${JSON_HEADER}\r\nContent-Length: ${byteLength(STREAM_PAYLOADS[0]!)}\r\n\r\n${STREAM_PAYLOADS[0]!}\r\n---`,
      `\r\n${JSON_HEADER}\r\nContent-Length: 20\r\n\r\n${STREAM_PAYLOADS[1]!}\r\n-----\r\n`,
    ],
    payloads: STREAM_PAYLOADS.slice(0, 2),
  }),
  bodyCase({
    name: 'the rest of a delimiter line is ignored',
    source: 'liberal framing: a delimiter is `--boundary` at the start of a line',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: [`\r\n---\r\n${JSON_HEADER}\r\n\r\n${STREAM_PAYLOADS[0]!}\r\n---x\r\n${JSON_HEADER}\r\n\r\n${STREAM_PAYLOADS[1]!}\r\n-----\r\n`],
    payloads: STREAM_PAYLOADS.slice(0, 2),
  }),
];

/** Multipart bodies that must fail, after yielding every payload completed before the problem. */
export const badMultipartBodies: readonly BodyCase[] = [
  bodyCase({
    name: 'truncated inside a part',
    source: 'premature end (Apollo Client: "premature end of multipart body")',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: [f.rfc.frame(STREAM_PAYLOADS, '-').slice(0, 3).join('').slice(0, -20)],
    payloads: STREAM_PAYLOADS.slice(0, 2),
    errorCode: 'TRUNCATED',
  }),
  bodyCase({
    name: 'truncated inside a Content-Length body',
    source: 'premature end (Apollo Client: "premature end of multipart body")',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: [f.yoga.frame(STREAM_PAYLOADS, '-').slice(0, 3).join('').slice(0, -30)],
    payloads: STREAM_PAYLOADS.slice(0, 1),
    errorCode: 'TRUNCATED',
  }),
  bodyCase({
    name: 'ends after a hasNext:true part without the close delimiter',
    source: 'no close delimiter and no hasNext:false',
    contentType: f.router.contentType('graphql'),
    boundary: 'graphql',
    flushes: f.router.frame(ROUTER_PAYLOADS, 'graphql').slice(0, 2),
    payloads: ROUTER_PAYLOADS.slice(0, 2),
    errorCode: 'TRUNCATED',
  }),
  bodyCase({
    name: 'no delimiter at all (wrong boundary)',
    source: 'the boundary comes from the response Content-Type',
    contentType: 'multipart/mixed; boundary="graphql"',
    boundary: 'graphql',
    flushes: f.rfc.frame(STREAM_PAYLOADS, '-'),
    payloads: [],
    errorCode: 'TRUNCATED',
  }),
  bodyCase({
    name: 'malformed JSON in the third part',
    source: 'issue 3 (malformed JSON names the part index and byte offset)',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: f.rfc.frame([STREAM_PAYLOADS[0]!, STREAM_PAYLOADS[1]!, '{"hasNext":true,"incremental":[{"id":"0","items":["🔵"]}]', STREAM_PAYLOADS[3]!], '-'),
    payloads: STREAM_PAYLOADS.slice(0, 2),
    errorCode: 'INVALID_JSON',
  }),
  bodyCase({
    name: 'a JSON array is not a payload',
    source: 'a GraphQL response is always an object',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: f.rfc.frame([STREAM_PAYLOADS[0]!, '[1,2]'], '-'),
    payloads: STREAM_PAYLOADS.slice(0, 1),
    errorCode: 'INVALID_PAYLOAD',
  }),
  bodyCase({
    name: 'a part that is not JSON',
    source: 'a proxy error page inside the stream: reported as the part that is not JSON',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: [`\r\n---\r\n${JSON_HEADER}\r\n\r\n${STREAM_PAYLOADS[0]!}\r\n---\r\nContent-Type: text/html\r\n\r\n<h1>502 Bad Gateway</h1>\r\n-----\r\n`],
    payloads: STREAM_PAYLOADS.slice(0, 1),
    errorCode: 'INVALID_JSON',
  }),
  bodyCase({
    name: 'bytes between a Content-Length body and the delimiter',
    source: 'a wrong Content-Length is reported, after the part it delimits',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: [
      `\r\n---\r\n${JSON_HEADER}\r\nContent-Length: ${byteLength(STREAM_PAYLOADS[0]!)}\r\n\r\n${STREAM_PAYLOADS[0]!} trailing junk\r\n---`,
      `\r\n${JSON_HEADER}\r\n\r\n${STREAM_PAYLOADS[1]!}\r\n-----\r\n`,
    ],
    payloads: STREAM_PAYLOADS.slice(0, 1),
    errorCode: 'MALFORMED_MULTIPART',
  }),
  bodyCase({
    name: 'bytes after the JSON object of a part',
    source: 'a part is one JSON object, complete at its closing brace; only whitespace may follow',
    contentType: 'multipart/mixed; boundary="-"',
    boundary: '-',
    flushes: f.rfc.frame([STREAM_PAYLOADS[0]!, `${STREAM_PAYLOADS[1]!} {"stray":true}`, STREAM_PAYLOADS[2]!, STREAM_PAYLOADS[3]!], '-'),
    payloads: STREAM_PAYLOADS.slice(0, 2),
    errorCode: 'MALFORMED_MULTIPART',
  }),
  bodyCase({
    name: 'subscription transport error',
    source: 'Apollo subscription protocol: `{"payload": null, "errors": [...]}` is fatal',
    contentType: subscriptionFramings.router.contentType('graphql'),
    boundary: 'graphql',
    flushes: subscriptionFramings.router.frame(
      [...withEnvelopesAndHeartbeats(SUBSCRIPTION_RESULTS.slice(0, 2)), '{"payload":null,"errors":[{"message":"subgraph unreachable"}]}'],
      'graphql',
    ),
    payloads: SUBSCRIPTION_RESULTS.slice(0, 2),
    errorCode: 'TRANSPORT_ERROR',
  }),
];

// ---------------------------------------------------------------------------------------------------
// Chunkings

/** One way of splitting a body into the chunks a reader receives. */
export interface Chunking {
  /** Describes the split, e.g. `split at 17` (used in failure messages). */
  readonly name: string;
  readonly chunks: readonly Uint8Array[];
}

/**
 * Splits bytes at the given offsets (views, no copies).
 *
 * @param bytes - The body.
 * @param offsets - Increasing split offsets strictly between 0 and `bytes.length`; others are ignored.
 * @returns The pieces.
 */
export function splitAt(bytes: Uint8Array, offsets: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const offset of offsets) {
    if (offset <= start || offset >= bytes.length) continue;
    chunks.push(bytes.subarray(start, offset));
    start = offset;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

/**
 * The body as one chunk.
 *
 * @param bytes - The body.
 * @returns A one-chunk chunking.
 */
export function wholeBody(bytes: Uint8Array): Chunking {
  return { name: 'whole', chunks: [bytes] };
}

/**
 * The body one byte per chunk.
 *
 * @param bytes - The body.
 * @returns The chunking.
 */
export function byteByByte(bytes: Uint8Array): Chunking {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset++) chunks.push(bytes.subarray(offset, offset + 1));
  return { name: 'byte by byte', chunks };
}

/**
 * Every two-way split of the body (`bytes.length - 1` of them): this includes every split inside a
 * CRLF, inside every delimiter, and inside every multi-byte character.
 *
 * @param bytes - The body.
 * @yields One chunking per split offset, 1 to `bytes.length - 1`.
 */
export function* everyTwoWaySplit(bytes: Uint8Array): Generator<Chunking> {
  for (let offset = 1; offset < bytes.length; offset++) {
    yield { name: `split at ${offset}`, chunks: [bytes.subarray(0, offset), bytes.subarray(offset)] };
  }
}

/**
 * A small seeded pseudo-random generator (mulberry32), so random splits are reproducible.
 *
 * @param seed - Any integer.
 * @returns A function returning numbers in [0, 1).
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Options of {@link seededRandomSplits}. */
export interface RandomSplitOptions {
  /** Seed of the generator; the same seed gives the same splits. Default 1. */
  readonly seed?: number;
  /** How many chunkings. Default 20. */
  readonly count?: number;
  /** Most chunks per chunking. Default 12. */
  readonly maxChunks?: number;
}

/**
 * Random multi-way splits, reproducible from the seed.
 *
 * @param bytes - The body.
 * @param options - Seed, count, most chunks.
 * @returns `count` chunkings named by seed and offsets.
 */
export function seededRandomSplits(bytes: Uint8Array, options: RandomSplitOptions = {}): Chunking[] {
  const { seed = 1, count = 20, maxChunks = 12 } = options;
  const random = createRandom(seed);
  const chunkings: Chunking[] = [];
  for (let round = 0; round < count; round++) {
    const splits = Math.floor(random() * maxChunks);
    const offsets = new Set<number>();
    for (let index = 0; index < splits && bytes.length > 1; index++) offsets.add(1 + Math.floor(random() * (bytes.length - 1)));
    const sorted = [...offsets].sort((a, b) => a - b);
    chunkings.push({ name: `seed ${seed} round ${round}: split at ${sorted.join(', ') || 'nothing'}`, chunks: splitAt(bytes, sorted) });
  }
  return chunkings;
}

/**
 * Every chunking the conventions ask parsers to survive: whole, byte by byte, every two-way split,
 * and seeded random splits.
 *
 * @param bytes - The body.
 * @param options - Options of the random splits.
 * @returns All chunkings.
 */
export function allChunkings(bytes: Uint8Array, options: RandomSplitOptions = {}): Chunking[] {
  return [wholeBody(bytes), byteByByte(bytes), ...everyTwoWaySplit(bytes), ...seededRandomSplits(bytes, options)];
}

/**
 * The server's own write units as a chunking (what a reader gets when the network does not merge or
 * split writes).
 *
 * @param body - A case.
 * @returns The chunking.
 */
export function flushChunking(body: BodyCase): Chunking {
  return { name: 'server flushes', chunks: body.flushes };
}

/** Split offsets of a body that fall inside something a reader must not break. */
export interface SplitPoints {
  /** Between the CR and the LF of a CRLF. */
  readonly insideCrlf: readonly number[];
  /** Inside a `--boundary` (after its first byte, before its last). */
  readonly insideDelimiter: readonly number[];
  /** Inside a 2-byte UTF-8 character. */
  readonly insideUtf8Two: readonly number[];
  /** Inside a 3-byte UTF-8 character. */
  readonly insideUtf8Three: readonly number[];
  /** Inside a 4-byte UTF-8 character. */
  readonly insideUtf8Four: readonly number[];
}

/**
 * Finds the split offsets of a body that fall inside a CRLF, a delimiter or a multi-byte character,
 * so tests can show those splits are covered by name.
 *
 * @param bytes - The body.
 * @param boundary - The multipart boundary, if any.
 * @returns The offsets by kind.
 */
export function findSplitPoints(bytes: Uint8Array, boundary: string | undefined): SplitPoints {
  const insideCrlf: number[] = [];
  const insideDelimiter: number[] = [];
  const utf8ByLength: Record<2 | 3 | 4, number[]> = { 2: [], 3: [], 4: [] };
  for (let offset = 0; offset < bytes.length; offset++) {
    const byte = bytes[offset]!;
    if (byte === 13 && bytes[offset + 1] === 10) insideCrlf.push(offset + 1);
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    if (length > 1) {
      for (let inside = 1; inside < length; inside++) utf8ByLength[length as 2 | 3 | 4].push(offset + inside);
      offset += length - 1;
    }
  }
  if (boundary !== undefined) {
    const dashBoundary = utf8(`--${boundary}`);
    for (let offset = 0; offset + dashBoundary.length <= bytes.length; offset++) {
      let matches = true;
      for (let index = 0; index < dashBoundary.length && matches; index++) matches = bytes[offset + index] === dashBoundary[index];
      if (matches) for (let inside = 1; inside < dashBoundary.length; inside++) insideDelimiter.push(offset + inside);
    }
  }
  return {
    insideCrlf,
    insideDelimiter,
    insideUtf8Two: utf8ByLength[2],
    insideUtf8Three: utf8ByLength[3],
    insideUtf8Four: utf8ByLength[4],
  };
}
