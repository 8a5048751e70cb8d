/**
 * Pubforge's marks on the entries a review adds to a merge request's comments node: verdicts
 * (verdict.ts), replies' resolutions (thread-codec.ts), applied suggestions
 * (lib/forge/suggestions/applied.ts). docs/review-workflow.md describes them.
 */
export const NS_PUBFORGE_REVIEW = "urn:pubforge:review:0";
