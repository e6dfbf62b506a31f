/**
 * IncrementalHttpLink against HttpLink on Apollo Client 3.14 (the `apollo3` vitest project resolves
 * `@apollo/client` to it): same requests, same outcome, row by row (the table is in
 * ../support/httpLinkParity.ts).
 */
import { expect, it } from 'vitest';
import { APOLLO_MAJOR, describeHttpLinkParity } from '../support/httpLinkParity.js';

it('runs on Apollo Client 3', () => expect(APOLLO_MAJOR).toBe(3));

describeHttpLinkParity();
