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
 * @param maxPartSize - The longest event, in characters.
 * @returns The framer; it ends with whether `complete` came.
 * @throws {IncrementalError} `TRUNCATED` when the text ends inside an event.
 */
export function* createEventStreamSplitter(maxPartSize: number): TextFramer {
  const lines = createLineSplitter(maxPartSize);
  lines.next();
  let type = '';
  let data: string[] | undefined;
  let size = 0;
  let index = 0;
  let complete = false;
  for (let text = yield false; text !== undefined; text = yield complete) {
    for (let step = lines.next(text); !complete && typeof step.value === 'string'; step = lines.next()) {
      const line = step.value;
      if (line === '') {
        const event = type;
        const value = data?.join('\n');
        type = '';
        data = undefined;
        size = 0;
        if (event === 'complete') complete = true;
        else if (value !== undefined && (event === '' || event === 'next' || event === 'message')) {
          index++;
          yield value;
        }
        continue;
      }
      size += line.length;
      if (size > maxPartSize) throw tooLarge(maxPartSize, index);
      // A comment has an empty field name, which matches no field.
      const [, field, value = ''] = FIELD.exec(line)!;
      if (field === 'event') type = value;
      else if (field === 'data') (data ??= []).push(value);
    }
  }
  if (!complete && (lines.next().value !== '' || data !== undefined || type !== '')) {
    throw new IncrementalError('TRUNCATED', 'the event stream ended inside an event', { partIndex: index });
  }
  return complete;
}
