/**
 * IncrementalHttpLink against HttpLink on Apollo Client 4: same requests, same outcome, row by row
 * (the table is in ../support/httpLinkParity.ts).
 */
import { expect, it } from 'vitest';
import { APOLLO_MAJOR, describeHttpLinkParity } from '../support/httpLinkParity.js';

it('runs on Apollo Client 4', () => expect(APOLLO_MAJOR).toBe(4));

describeHttpLinkParity();
