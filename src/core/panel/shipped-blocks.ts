// The `--blocks` choice of a panel run, the same on every platform: the
// Berisa & Pickrell (2016) definitions shipped in data/ld-blocks (which a
// platform places: a path on Node, a URL of the web app's origin), a user's
// BED of blocks, or `split` (mlmages' DP split of the panel's LD: undefined).
import { InputError } from "../errors.js";
import type { PanelRunSpec } from "./run-panel.js";

export const BLOCK_POPULATIONS = ["EUR", "AFR", "ASN"] as const;

export type BlockBedSpec = NonNullable<PanelRunSpec["blocks"]>;

/** The shipped file of a population's blocks on a build: Berisa.EUR.hg19.bed (GRCh37) or .hg38.bed. */
export function shippedBlocksName(pop: string, build: 37 | 38): string {
  return `Berisa.${pop}.hg${build === 37 ? 19 : 38}.bed`;
}

/** `EUR|AFR|ASN` (GRCh37, or 38: the liftover) placed by `place`, a BED file, or `split` (undefined). */
export function blockBedSpec(blocks: string, build: number, place: (name: string) => string): BlockBedSpec | undefined {
  if (blocks === "split") return undefined;
  const pop = blocks.toUpperCase();
  if (!(BLOCK_POPULATIONS as readonly string[]).includes(pop)) return { file: blocks, method: "bed", description: `blocks of ${blocks}` };
  if (build !== 37 && build !== 38) throw new InputError({ file: blocks }, `the shipped blocks are for GRCh37 or GRCh38 (--build 37 or 38), not ${build}`);
  return {
    file: place(shippedBlocksName(pop, build)),
    method: "published",
    description: `Berisa & Pickrell (2016) ${pop} LD blocks, GRCh${build}${build === 38 ? " (liftover)" : ""}`,
  };
}
