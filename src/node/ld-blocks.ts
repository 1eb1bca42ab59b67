// The BED of LD blocks a --blocks argument names on Node: the Berisa & Pickrell
// (2016) definitions shipped in data/ld-blocks, or a user's file; undefined for
// the DP split of the panel's own LD.
import { InputError } from "../core/errors.js";
import { packagePath } from "./package-root.js";

export const BLOCK_POPULATIONS = ["EUR", "AFR", "ASN"] as const;

export interface BlockBedSpec {
  file: string;
  method: "published" | "bed";
  description: string;
}

/** `EUR|AFR|ASN` (GRCh37, or 38: the liftover), a BED path, or `split` (undefined). */
export function blockBedSpec(blocks: string, build: number): BlockBedSpec | undefined {
  if (blocks === "split") return undefined;
  const pop = blocks.toUpperCase();
  if (!(BLOCK_POPULATIONS as readonly string[]).includes(pop)) return { file: blocks, method: "bed", description: `blocks of ${blocks}` };
  if (build !== 37 && build !== 38) throw new InputError({ file: blocks }, `the shipped blocks are for GRCh37 or GRCh38 (--build 37 or 38), not ${build}`);
  return {
    file: packagePath("data", "ld-blocks", `Berisa.${pop}.hg${build === 37 ? 19 : 38}.bed`),
    method: "published",
    description: `Berisa & Pickrell (2016) ${pop} LD blocks, GRCh${build}${build === 38 ? " (liftover)" : ""}`,
  };
}
