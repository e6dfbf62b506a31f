import { createLineSplitter } from './createLineSplitter.js';
import { IncrementalError, tooLarge } from './IncrementalError.js';
import type { TextFramer } from './types.js';

/** `field: value`: the name up to the first colon, the value after it and one optional space. */
const FIELD = /^([^:]*):? ?([^]*)/;

/**
 * Splits `text/event-stream` text into the data of its events (GraphQL over SSE, distinct connections):
 * each `next` event (or event without a type) is one payload, `complete` ends the stream, comments and
 * other events are skipped, `data:` lines are joined with `\n`.
 *
 * @param onData - Receives each `next` event's data and its index among the events.
 * @param maxPartSize - The longest event, in characters.
 * @returns The framer; `end` reports whether `complete` came.
 */
export function createEventStreamSplitter(onData: (data: string, index: number) => void, maxPartSize: number): TextFramer {
  let type = '';
  let data: string[] | undefined;
  let size = 0;
  let index = 0;
  let complete = false;

  const lines = createLineSplitter((line) => {
    if (complete) return;
    if (line === '') {
      const event = type;
      const text = data?.join('\n');
      type = '';
      data = undefined;
      size = 0;
      if (event === 'complete') complete = true;
      else if (text !== undefined && (event === '' || event === 'next' || event === 'message')) onData(text, index++);
      return;
    }
    size += line.length;
    if (size > maxPartSize) throw tooLarge(maxPartSize, index);
    // A comment has an empty field name, which matches no field.
    const [, field, value = ''] = FIELD.exec(line)!;
    if (field === 'event') type = value;
    else if (field === 'data') (data ??= []).push(value);
  }, maxPartSize);

  return {
    write(text) {
      lines.write(text);
      return complete;
    },
    end() {
      if (!complete && (lines.rest() !== '' || data !== undefined || type !== '')) {
        throw new IncrementalError('TRUNCATED', 'the event stream ended inside an event', { partIndex: index });
      }
      return complete;
    },
  };
}
