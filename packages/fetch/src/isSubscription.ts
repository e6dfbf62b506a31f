import type { DocumentText } from './types.js';
import type { DocumentNode } from 'graphql';

const COMMENT = /#[^\n\r]*/g;
// A subscription operation starts the document or follows another definition's closing brace.
const SUBSCRIPTION_TEXT = /(?:^|\})\s*subscription\b\s*(\w*)/g;

/**
 * Tells whether the operation to run is a subscription, so the request can ask for Apollo's
 * multipart subscription protocol.
 *
 * @param query - The document, as text or parsed.
 * @param operationName - The operation to run when the document has several.
 * @returns `true` for a subscription.
 */
export function isSubscription(query: DocumentText | DocumentNode, operationName: string | undefined): boolean {
  if (typeof query === 'string' || query instanceof String) {
    for (const [, name] of query.toString().replace(COMMENT, '').matchAll(SUBSCRIPTION_TEXT)) if (operationName === undefined || name === operationName) return true;
    return false;
  }
  for (const definition of query.definitions) {
    if (definition.kind !== 'OperationDefinition') continue;
    if (operationName === undefined || definition.name?.value === operationName) return definition.operation === 'subscription';
  }
  return false;
}
