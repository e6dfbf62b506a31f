import type { PreferredFormat, PreferredTransport } from './types.js';

/** Both incremental formats by their Apollo media-type parameters (Apollo's incremental v0.1 and v0.2 specs at specs.apollo.dev). */
const CURRENT = 'multipart/mixed;incrementalSpec=v0.2';
const LEGACY = 'multipart/mixed;deferSpec=20220824';
/** Apollo's multipart subscription protocol (Router, Strawberry). */
const SUBSCRIPTION = 'multipart/mixed;subscriptionSpec=1.0';
/**
 * JSON last, for results the server decides not to stream: Apollo Server answers 406 to a single result
 * when `Accept` names no JSON type, and Apollo Router needs JSON (or `*` / `*`) for one.
 */
const JSON_FALLBACK = 'application/graphql-response+json;q=0.8, application/json;q=0.7';

/**
 * Builds the default `Accept` header. Every multipart entry carries a spec parameter because Apollo
 * Server answers 406 to a bare `multipart/mixed` and Apollo Router needs `deferSpec=20220824` for
 * `@defer`; servers that ignore the parameters (Yoga, Hot Chocolate, Strawberry, Tanka) accept these
 * forms too. Both formats are listed: the preferred one at q=1, the other at 0.9.
 *
 * @param format - The format to prefer.
 * @param transport - `event-stream` asks for `text/event-stream` instead of multipart.
 * @param subscription - Whether the operation is a subscription (Apollo's multipart protocol).
 * @param fallback - What to accept for results the server does not stream.
 * @returns The header value.
 */
export function buildAcceptHeader(
  format: PreferredFormat = 'current',
  transport: PreferredTransport = 'multipart',
  subscription = false,
  fallback = JSON_FALLBACK,
): string {
  if (transport === 'event-stream') return `text/event-stream, ${fallback}`;
  if (subscription) return `${SUBSCRIPTION}, ${fallback}`;
  const [first, second] = format === 'current' ? [CURRENT, LEGACY] : [LEGACY, CURRENT];
  return `${first}, ${second};q=0.9, ${fallback}`;
}
