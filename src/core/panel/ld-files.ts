// What `mlmages ld` writes for each block, for other tools: the r matrix as
// plink's `--r square bin4` (float32, row-major, little-endian) and its
// variants (CHR POS ID A1 A2), r being signed for each row's A1 allele.
import type { RefVariants } from "../types.js";

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** r as plink bin4: n·n little-endian float32. */
export function bin4Bytes(r: Float64Array): Uint8Array {
  const f = Float32Array.from(r);
  if (LITTLE_ENDIAN) return new Uint8Array(f.buffer);
  const out = new Uint8Array(r.length * 4);
  const dv = new DataView(out.buffer);
  for (let i = 0; i < r.length; i++) dv.setFloat32(i * 4, f[i], true);
  return out;
}

/** The block's variants, tab separated, after a comment line saying which allele r is signed for. */
export function variantsTable(v: RefVariants, idx: ArrayLike<number>, ldFile: string): string {
  const lines = [`# r in ${ldFile} is signed for A1: r > 0 when the A1 alleles of two variants go together (A1 is the allele the panel's .bed counts)`, "CHR\tPOS\tID\tA1\tA2"];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    lines.push(`${v.chr[i]}\t${v.pos[i]}\t${v.id[i]}\t${v.a1[i]}\t${v.a2[i]}`);
  }
  return lines.join("\n") + "\n";
}
