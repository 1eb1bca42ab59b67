// The dev dataset in ../shared/oracle/dev, as tests need it.
import { readdirSync } from "node:fs";
import { readMatrix, sharedPath } from "./shared.js";

/** The two real LD blocks of the dev data, in order. */
export function devBlocks(): number[][][] {
  return [readMatrix("data/ukb-chr22/chr22_block0.ld"), readMatrix("data/ukb-chr22/chr22_block5.ld")];
}

/**
 * Variants (chromosome-wide index) whose top-r LD values tie at or within the r-th
 * place, self excluded: there the published code orders neighbours arbitrarily.
 */
export function tieRows(blocks: number[][][], r: number): Set<number> {
  const ties = new Set<number>();
  let lb = 0;
  for (const b of blocks) {
    b.forEach((row, i) => {
      const vals = row.filter((_, j) => j !== i).sort((x, y) => y - x);
      for (let k = 1; k <= Math.min(r, vals.length - 1); k++) if (vals[k] === vals[k - 1]) ties.add(lb + i);
    });
    lb += b.length;
  }
  return ties;
}

/** Paths of a published ensemble's member files, members 0..9 in order, e.g. label "s-0.25_w0_top15_2L". */
export function publishedModelPaths(label: string): string[] {
  const [, s, w, arch] = /^s(-?[\d.]+)_w(-?\d+)_(top\d+_\d+L)$/.exec(label)!;
  const prefix = `s=${s},w=${w}_${arch}_`;
  const dir = sharedPath("models/published");
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix))
    .sort((a, b) => Number(a.slice(prefix.length, -6)) - Number(b.slice(prefix.length, -6)))
    .map((f) => `${dir}/${f}`);
}
