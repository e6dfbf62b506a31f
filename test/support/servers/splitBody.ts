/**
 * Minimal, whole-body splitters for checking what the test servers send. They are not the reader:
 * they work on a complete body, trust the server, and exist so that server tests and fixtures do not
 * depend on the package under test.
 */

/** One multipart part: its header block and its body, as text. */
export interface SplitPart {
  readonly headers: string;
  readonly body: string;
}

/** A whole multipart body, split. */
export interface SplitMultipart {
  readonly parts: readonly SplitPart[];
  /** Whether the close delimiter (`--boundary--`) was present. */
  readonly closed: boolean;
}

/**
 * Reads the `boundary` parameter of a `multipart/mixed` Content-Type (quoted or not).
 *
 * @throws When there is none.
 */
export function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]*)"|([^;,\s]*))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2];
  if (boundary === undefined || boundary === '') throw new Error(`no boundary in Content-Type ${contentType}`);
  return boundary;
}

/**
 * Splits a complete multipart body into parts. A delimiter is `--boundary` at the start of the body or
 * right after a line feed; CRLF and bare LF are both accepted; text after the close delimiter is ignored.
 */
export function splitMultipartBody(body: string, boundary: string): SplitMultipart {
  const delimiter = `--${boundary}`;
  const starts: number[] = [];
  for (let index = body.indexOf(delimiter); index !== -1; index = body.indexOf(delimiter, index + delimiter.length)) {
    if (index === 0 || body[index - 1] === '\n') starts.push(index);
  }
  const parts: SplitPart[] = [];
  for (const [position, start] of starts.entries()) {
    const afterDelimiter = start + delimiter.length;
    if (body.startsWith('--', afterDelimiter)) return { parts, closed: true };
    const next = starts[position + 1];
    if (next === undefined) break;
    const lineEnd = body.indexOf('\n', afterDelimiter);
    // The CRLF (or LF) before the next delimiter belongs to that delimiter.
    const segment = body.slice(lineEnd + 1, next).replace(/\r?\n$/, '');
    const blank = /\r?\n\r?\n/.exec(segment);
    if (blank === null) parts.push({ headers: segment, body: '' });
    else parts.push({ headers: segment.slice(0, blank.index), body: segment.slice(blank.index + blank[0].length) });
  }
  // No close delimiter: a last part may still follow the last delimiter (Tanka-style writers).
  const last = starts.at(-1);
  if (last !== undefined && !body.startsWith('--', last + delimiter.length)) {
    const lineEnd = body.indexOf('\n', last + delimiter.length);
    if (lineEnd !== -1) {
      const segment = body.slice(lineEnd + 1);
      const blank = /\r?\n\r?\n/.exec(segment);
      if (blank !== null) parts.push({ headers: segment.slice(0, blank.index), body: segment.slice(blank.index + blank[0].length) });
    }
  }
  return { parts, closed: false };
}

/** One server-sent event. */
export interface SplitEvent {
  readonly event: string | undefined;
  readonly data: string;
}

/** Splits a complete `text/event-stream` body into events (comments dropped; LF or CRLF). */
export function splitSseBody(body: string): SplitEvent[] {
  const events: SplitEvent[] = [];
  for (const block of body.split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    let hasField = false;
    for (const line of block.split(/\r?\n/)) {
      if (line === '' || line.startsWith(':')) continue;
      hasField = true;
      const colon = line.indexOf(':');
      const name = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (name === 'event') event = value;
      else if (name === 'data') data.push(value);
    }
    if (hasField) events.push({ event, data: data.join('\n') });
  }
  return events;
}
