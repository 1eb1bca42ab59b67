// The split's summary as JSON: settings, bounds, masses and (DP) the least
// cross-block cost per number of blocks.
import type { LdSplit } from "./split.js";

/** split.json; `source` (the LD file's name) is left out when not given, so a run writes the same bytes on every platform. */
export function splitJson(s: LdSplit, avgBlockSize: number, source?: string): string {
  const costs = s.costs ? Object.fromEntries(Array.from(s.costs).flatMap((c, k) => (Number.isNaN(c) ? [] : [[String(k), c]]))) : undefined;
  const doc = {
    ld: source,
    method: s.method,
    n: s.n,
    avg_block_size: avgBlockSize,
    min_size: s.minSize,
    max_size: s.maxSize,
    blocks: s.bounds.length - 1,
    bounds: s.bounds,
    cross_r2: s.crossMass,
    total_r2: s.totalMass,
    target_blocks: s.targetBlocks,
    cost_by_blocks: costs,
  };
  return JSON.stringify(doc, null, 1) + "\n";
}
