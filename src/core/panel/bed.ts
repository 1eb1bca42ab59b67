// A plink 1 `.bed` in SNP-major mode: 3 magic bytes (6c 1b 01), then per
// variant ceil(samples / 4) bytes, sample i in bits 2(i mod 4) of byte i/4
// (00 hom A1, 01 missing, 10 het, 11 hom A2). Read by byte range only, so a
// panel of any size is never held whole.
import { InputError } from "../errors.js";

/** Reads bytes [offset, offset + length) of the file. */
export type ReadRange = (offset: number, length: number) => Promise<Uint8Array>;

export const BED_MAGIC = [0x6c, 0x1b, 0x01] as const;

export interface BedLayout {
  file: string;
  variants: number;
  samples: number;
  /** Bytes per variant: ceil(samples / 4). */
  stride: number;
}

/**
 * Checks the magic bytes and that the file's size is 3 + variants · ceil(samples / 4),
 * naming which of the three files disagrees.
 */
export async function checkBed(read: ReadRange, size: number, names: { bed: string; bim: string; fam: string }, variants: number, samples: number): Promise<BedLayout> {
  const file = names.bed;
  const head = size >= 3 ? await read(0, 3) : new Uint8Array(0);
  if (head.length < 3 || head[0] !== BED_MAGIC[0] || head[1] !== BED_MAGIC[1]) {
    throw new InputError({ file }, "not a plink 1 .bed: it does not start with the magic bytes 6c 1b (make it with plink --make-bed)");
  }
  if (head[2] !== BED_MAGIC[2]) throw new InputError({ file }, "this .bed is sample-major (third byte 00); rewrite it SNP-major with plink --make-bed");
  const stride = Math.ceil(samples / 4);
  const body = size - 3;
  if (body !== variants * stride) {
    const byBim = body % stride === 0 ? `${body / stride} variants of ${samples} samples` : `no whole number of variants of ${samples} samples`;
    const byFam = variants > 0 && body % variants === 0 ? `, or ${variants} variants of ${4 * (body / variants) - 3}–${4 * (body / variants)} samples` : "";
    throw InputError.mismatch(
      `${names.bed}, ${names.bim}, ${names.fam}`,
      `${names.bed} has ${size} bytes but ${names.bim} lists ${variants} variants and ${names.fam} ${samples} samples (expected 3 + ${variants} · ${stride} = ${3 + variants * stride} bytes); its size fits ${byBim}${byFam}: use the .bim and .fam written with this .bed`,
    );
  }
  return { file, variants, samples, stride };
}

/** The raw bytes of variants [first, first + count). */
export async function readVariants(read: ReadRange, layout: BedLayout, first: number, count: number): Promise<Uint8Array> {
  const bytes = await read(3 + first * layout.stride, count * layout.stride);
  if (bytes.length !== count * layout.stride) throw new InputError({ file: layout.file }, `the file ended early reading variants ${first + 1}-${first + count}`);
  return bytes;
}
