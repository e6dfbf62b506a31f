/**
 * The browser check page: the bundled library on `window.graphqlIncremental`, for the browser test
 * and for trying it in the console.
 */
import { fetchIncremental } from '@graphql-incremental/fetch';
import { createReassembler } from '@graphql-incremental/reassembler';
import { readPayloads } from '@graphql-incremental/reader';
import { PRODUCT_PAGE_QUERY } from '../../node/productPageQuery.js';

/** What the check page exposes. */
export interface GraphqlIncrementalGlobal {
  readonly fetchIncremental: typeof fetchIncremental;
  readonly readPayloads: typeof readPayloads;
  readonly createReassembler: typeof createReassembler;
  readonly PRODUCT_PAGE_QUERY: string;
}

declare global {
  interface Window {
    graphqlIncremental?: GraphqlIncrementalGlobal;
  }
}

window.graphqlIncremental = { fetchIncremental, readPayloads, createReassembler, PRODUCT_PAGE_QUERY };
document.querySelector('[data-testid=ready]')!.textContent = 'Ready: window.graphqlIncremental = { fetchIncremental, readPayloads, createReassembler, PRODUCT_PAGE_QUERY }';
