/**
 * `Accept` headers as clients send them, for the server tests and the recordings.
 */

/** One `Accept` header per kind of response a client asks for. */
export const ACCEPT = {
  /** Current format (Apollo Client 4 with the GraphQL17Alpha9 handler). */
  current: 'multipart/mixed;incrementalSpec=v0.2, application/json',
  /** 2022 format (Apollo Client 3, Router). */
  legacy: 'multipart/mixed;deferSpec=20220824, application/json',
  /** Any multipart (Yoga, Hot Chocolate); Apollo Server answers 406. */
  multipart: 'multipart/mixed, application/json',
  /** Multipart and nothing else: no JSON fallback. */
  multipartOnly: 'multipart/mixed',
  /** Server-sent events. */
  sse: 'text/event-stream',
  /** Apollo multipart subscriptions, exactly as Apollo Client sends it. */
  subscription: 'multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json',
  /** JSON only. */
  json: 'application/json',
} as const;
