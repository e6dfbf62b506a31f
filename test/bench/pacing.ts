/**
 * The pacing rule of `fetchIncremental` and `IncrementalHttpLink`, as the packages ship it, in words
 * for the results files: built from the exported constants, so a file describes the rule it measured.
 */
import { PACE_MIN_MS, PACE_RATIO as SHIPPED_RATIO } from '@graphql-incremental/fetch';

// Widened from its literal type: the words below must follow whatever ratio ships.
const PACE_RATIO: number = SHIPPED_RATIO;

/** How long the next result waits after one that cost `t`: `t`, `3t`. */
const wait = PACE_RATIO === 1 ? 't' : `${PACE_RATIO}t`;

/** The largest share of the time that merging and consuming get on a long response: `half`, `a quarter`. */
export const PACE_SHARE = PACE_RATIO === 1 ? 'half' : PACE_RATIO === 3 ? 'a quarter' : `1/${PACE_RATIO + 1}`;

/** E.g. "a result that cost t ≥ 0.5 ms (merging it, plus the consumer's time with it) is followed by the next only after 3t more". */
export const PACING_RULE = `a result that cost t ≥ ${PACE_MIN_MS} ms (merging it, plus the consumer's time with it) is followed by the next only after ${wait} more`;
