import type { DocumentText } from './types.js';
import { print, type DocumentNode } from 'graphql';

// Printing is not free and apps send the same documents again and again.
const printed = new WeakMap<DocumentNode, string>();

/**
 * Turns the request's document into the text sent as `query`.
 *
 * @param query - A string (also a codegen `TypedDocumentString`, a `String` object) or a `DocumentNode`.
 * @returns The query text.
 */
export function printQuery(query: DocumentText | DocumentNode): string {
  if (typeof query === 'string') return query;
  if (query instanceof String) return query.toString();
  let text = printed.get(query);
  if (text === undefined) {
    text = print(query);
    printed.set(query, text);
  }
  return text;
}
