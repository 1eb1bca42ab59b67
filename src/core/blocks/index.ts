// LD block splitting: the optimal split by dynamic programming and the published one.
export { splitBlocks, splitLdWith, resolveSizes, DEFAULT_SPLIT_METHOD } from "./split.js";
export type { LdSplit, SplitMethod, SplitOptions } from "./split.js";
export { dpSplitWith, COST_TOL } from "./dp-split.js";
export type { DpSplit, DpSplitOptions } from "./dp-split.js";
export { PublishedSplitSums, publishedSplit } from "./published-split.js";
export { crossMass, totalMass } from "./cross-mass.js";
export { formatLdText } from "./ld-text.js";
export { blockTable } from "./table.js";
