/**
 * Vitest global setup (default project): starts Yoga in Vitest's main process for the React tests in
 * this folder. Yoga cannot run inside a happy-dom test file: `@whatwg-node/server` builds its abort
 * signals from the global `AbortController`, which happy-dom replaces, and a client that disconnects
 * mid-stream then crashes it ("Receiver must be an instance of class EventTarget").
 */
import type { TestProject } from 'vitest/node';
import { startYogaServer } from '../support/servers/yogaServer.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `/graphql` URL of the Yoga server started for the Apollo React tests. */
    apolloYogaUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const yoga = await startYogaServer();
  project.provide('apolloYogaUrl', yoga.url);
  return () => yoga.close();
}
