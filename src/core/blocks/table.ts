// The block table: one row per block, as the published block meta file
// (idx_in_chr, block_lb, block_ub, block_size) but tab separated.
import { formatTsv } from "../output/tsv.js";

/** TSV with columns idx, lb, ub, size: 0-based, ub exclusive (the next block's lb), as in the published csv. */
export function blockTable(bounds: number[]): string {
  const k = bounds.length - 1;
  const idx = Array.from({ length: k }, (_, i) => i);
  const lb = bounds.slice(0, k);
  const ub = bounds.slice(1);
  return formatTsv(["idx", "lb", "ub", "size"], [idx, lb, ub, ub.map((u, i) => u - lb[i])]);
}
