// The LD a run computed from a reference panel, offered for download as
// `mlmages ld` writes it (so a later run, here or in the CLI, can take it as
// --ld ld/blocks.txt): per block the r matrix as plink bin4 and its variants
// with the allele r is signed for, and the list of the blocks in order.
import { bin4Bytes, variantsTable } from "../core/panel/ld-files.js";
import type { LdBlock, RefVariants } from "../core/types.js";

/** ld/block_<k>.ld.bin, ld/block_<k>.variants.tsv and ld/blocks.txt of the panel's blocks (`variants` in block order). */
export function ldDownloads(ld: { blocks: LdBlock[]; variants: RefVariants }): { path: string; content: string | Uint8Array }[] {
  const out: { path: string; content: string | Uint8Array }[] = [];
  const names: string[] = [];
  let at = 0;
  for (const [k, b] of ld.blocks.entries()) {
    const name = `block_${k}.ld.bin`;
    names.push(name);
    out.push({ path: `ld/${name}`, content: bin4Bytes(b.data) });
    out.push({ path: `ld/block_${k}.variants.tsv`, content: variantsTable(ld.variants, Array.from({ length: b.n }, (_, i) => at + i), name) });
    at += b.n;
  }
  out.push({ path: "ld/blocks.txt", content: names.join("\n") + "\n" });
  return out;
}
