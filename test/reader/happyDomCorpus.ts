/** The corpus bodies the happy-dom smoke test uses: a few framings, not all (it is a smoke test). */
import { multipartBodies as allMultipart } from '../support/multipartBodies.js';
import { sseBodies as allSse } from '../support/sseBodies.js';

const MULTIPART_NAMES = ['rfc (boundary "-")', 'yoga (Content-Length, held-back delimiter line)', 'apollo-router (boundary "graphql", unterminated delimiter line)', 'LF-only line ends', 'strawberry subscription (first part in the preamble, empty last part)'];

/** Multipart bodies for the smoke test. */
export const multipartBodies = allMultipart.filter((body) => MULTIPART_NAMES.includes(body.name));
/** SSE bodies for the smoke test. */
export const sseBodies = allSse.slice(0, 3);
