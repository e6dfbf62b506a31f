export { IncrementalHttpLink, type IncrementalHttpLinkOptions } from './IncrementalHttpLink.js';
