// The BED of LD blocks a --blocks argument names on Node: the Berisa & Pickrell
// (2016) definitions shipped in data/ld-blocks, or a user's file; undefined for
// the DP split of the panel's own LD (src/core/panel/shipped-blocks.ts).
import { blockBedSpec as coreBlockBedSpec, type BlockBedSpec } from "../core/panel/shipped-blocks.js";
import { packagePath } from "./package-root.js";

/** `EUR|AFR|ASN` (GRCh37, or 38: the liftover), a BED path, or `split` (undefined). */
export function blockBedSpec(blocks: string, build: number): BlockBedSpec | undefined {
  return coreBlockBedSpec(blocks, build, (name) => packagePath("data", "ld-blocks", name));
}
