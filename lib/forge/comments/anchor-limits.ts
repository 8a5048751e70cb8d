/** Lines one inline comment (and its suggestion) may cover at most: the codec and the form agree. */
export const MAX_ANCHOR_RANGE = 1_000;
