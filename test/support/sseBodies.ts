/**
 * `text/event-stream` bodies as Yoga, Hot Chocolate and Strawberry send them, plus the
 * variants the SSE specification allows (CR line ends, multi-line `data:`, no `event:` line, a byte
 * order mark), as {@link BodyCase}s for the same chunking helpers as the multipart corpus.
 */
import { bodyCase, DEFER_2022_PAYLOADS, STREAM_PAYLOADS, SUBSCRIPTION_RESULTS, type BodyCase } from './multipartBodies.js';

/** The SSE event for one payload, in Yoga's style (`event: next` + one `data:` line). */
function next(payload: string, newline = '\n'): string {
  return `event: next${newline}data: ${payload}${newline}${newline}`;
}

/**
 * Yoga's defer+stream payloads as captured from a running server (2022 format), with multi-byte characters in
 * the strings.
 */
export const YOGA_SSE_PAYLOADS: readonly string[] = [
  '{"data":{"hero":{"id":"1"},"colors":["rød"]},"hasNext":true}',
  '{"incremental":[{"data":{"name":"Lüke 天行者"},"path":["hero"],"label":"D"}],"hasNext":true}',
  '{"incremental":[{"items":["🔵"],"path":["colors",1]}],"hasNext":true}',
  '{"hasNext":false}',
];

/** SSE bodies that must read without error. */
export const sseBodies: readonly BodyCase[] = [
  bodyCase({
    name: 'yoga (ping first, complete with an empty data line)',
    source: 'Yoga (captured)',
    contentType: 'text/event-stream',
    boundary: undefined,
    flushes: [':\n\n', ...YOGA_SSE_PAYLOADS.map((payload) => next(payload)), 'event: complete\ndata:\n\n'],
    payloads: YOGA_SSE_PAYLOADS,
  }),
  bodyCase({
    name: 'hot chocolate (complete without data, keep-alive comment between events)',
    source: 'Hot Chocolate EventStreamResultFormatter',
    contentType: 'text/event-stream; charset=utf-8',
    boundary: undefined,
    flushes: [next(STREAM_PAYLOADS[0]!), ':\n\n', ...STREAM_PAYLOADS.slice(1).map((payload) => next(payload)), 'event: complete\n\n'],
    payloads: STREAM_PAYLOADS,
  }),
  bodyCase({
    name: 'strawberry subscription (CRLF, ": ping" heartbeats, complete with "data: ")',
    source: 'Strawberry SSETransport',
    contentType: 'text/event-stream',
    boundary: undefined,
    flushes: [
      ': ping\r\n\r\n',
      ...SUBSCRIPTION_RESULTS.flatMap((result) => [next(result, '\r\n'), ': ping\r\n\r\n']),
      'event: complete\r\ndata: \r\n\r\n',
    ],
    payloads: SUBSCRIPTION_RESULTS,
  }),
  bodyCase({
    name: 'CR-only line ends',
    source: 'HTML event stream interpretation (CR, LF and CRLF end lines)',
    contentType: 'text/event-stream',
    boundary: undefined,
    flushes: [':\r\r', ...STREAM_PAYLOADS.map((payload) => next(payload, '\r')), 'event: complete\r\r'],
    payloads: STREAM_PAYLOADS,
  }),
  bodyCase({
    name: 'multi-line data, no space after the colon, mixed line ends',
    source: 'HTML event stream interpretation (data lines joined with LF; one optional space stripped)',
    contentType: 'text/event-stream',
    boundary: undefined,
    flushes: [
      'event:next\ndata:{\r\ndata:  "data": {"hero": {"id": "1"}},\rdata: "hasNext": true\ndata:}\n\n',
      `event: next\r\ndata:${DEFER_2022_PAYLOADS[1]!}\n\r\n`,
      'event: complete\n\n',
    ],
    payloads: ['{"data":{"hero":{"id":"1"}},"hasNext":true}', DEFER_2022_PAYLOADS[1]!],
  }),
  bodyCase({
    name: 'no event line; ends after hasNext:false without complete',
    source: 'an incremental stream is finished after a payload with hasNext:false',
    contentType: 'text/event-stream',
    boundary: undefined,
    flushes: DEFER_2022_PAYLOADS.map((payload) => `data: ${payload}\n\n`),
    payloads: DEFER_2022_PAYLOADS,
  }),
  bodyCase({
    name: 'byte order mark, id and retry fields, unknown events ignored',
    source: 'HTML event stream interpretation (BOM, id, retry); unknown event types are not payloads',
    contentType: 'text/event-stream',
    boundary: undefined,
    flushes: [
      '\uFEFFretry: 1000\n\n',
      `id: 1\nevent: next\ndata: ${DEFER_2022_PAYLOADS[0]!}\n\n`,
      'event: ping\ndata: {"not":"a payload"}\n\n',
      `id: 2\nevent: next\ndata: ${DEFER_2022_PAYLOADS[1]!}\n\n`,
      'event: complete\n\n',
    ],
    payloads: DEFER_2022_PAYLOADS,
  }),
  bodyCase({
    name: 'plain result without complete (connection closed after it)',
    source: 'a server that closes instead of sending complete, for a non-incremental result',
    contentType: 'text/event-stream',
    boundary: undefined,
    flushes: [next('{"data":{"hero":{"id":"1","name":"Lüke"}}}')],
    payloads: ['{"data":{"hero":{"id":"1","name":"Lüke"}}}'],
  }),
];

/** SSE bodies that must fail after yielding what came before the problem. */
export const badSseBodies: readonly BodyCase[] = [
  bodyCase({
    name: 'ends after a hasNext:true payload without complete',
    source: 'truncation: the stream ends without complete and without hasNext:false',
    contentType: 'text/event-stream',
    boundary: undefined,
    flushes: STREAM_PAYLOADS.slice(0, 2).map((payload) => next(payload)),
    payloads: STREAM_PAYLOADS.slice(0, 2),
    errorCode: 'TRUNCATED',
  }),
  bodyCase({
    name: 'ends inside an event',
    source: 'truncation: the HTML spec discards an unfinished event; we report it',
    contentType: 'text/event-stream',
    boundary: undefined,
    flushes: [next(STREAM_PAYLOADS[0]!), `event: next\ndata: ${STREAM_PAYLOADS[1]!}\n`],
    payloads: STREAM_PAYLOADS.slice(0, 1),
    errorCode: 'TRUNCATED',
  }),
  bodyCase({
    name: 'malformed JSON in the second event',
    source: 'issue 3 (malformed JSON names the event index and byte offset)',
    contentType: 'text/event-stream',
    boundary: undefined,
    flushes: [next(STREAM_PAYLOADS[0]!), next('{"hasNext":true,'), next(STREAM_PAYLOADS[1]!)],
    payloads: STREAM_PAYLOADS.slice(0, 1),
    errorCode: 'INVALID_JSON',
  }),
];
