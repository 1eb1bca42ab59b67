// A plink 1 binary panel (PREFIX.bed/.bim/.fam) opened through a platform's
// FileProvider: the text files read whole, the `.bed` checked and then read by
// byte range only. `scanPanel` makes one pass over the `.bed` for each
// variant's A1 frequency among the kept samples (dropping monomorphic variants
// and, with a MAF threshold, rare ones, each counted) and its SHA-256.
import { InputError } from "../errors.js";
import { isGzip, readAllBytes } from "../io/bytes.js";
import type { FileProvider } from "../run-inputs.js";
import { Sha256, type Hasher } from "../sha256.js";
import type { RefVariants } from "../types.js";
import type { Core } from "../wasm/core.js";
import { checkBed, readVariants, type BedLayout, type ReadRange } from "./bed.js";
import { GenotypeLd } from "./genotype-ld.js";
import { parseBim, parseFam, parseKeep, type PanelSample } from "./plink-text.js";

export interface PanelFiles {
  bed: string;
  bim: string;
  fam: string;
}

export interface PanelOptions {
  /** A keep file (FID IID a line): only these samples count. */
  keep?: string;
  /** Drop variants whose minor allele frequency among the kept samples is below this (plink --maf). */
  maf?: number;
}

export interface Panel {
  files: PanelFiles;
  /** Every `.bim` variant, in `.bed` order; LD is signed for a1 (plink's A1, the counted allele). */
  variants: RefVariants;
  samples: PanelSample[];
  /** Panel indices of the kept samples, in panel order. */
  keep: Int32Array;
  /** Samples the keep file names that the panel lacks. */
  unknownKept: number;
  layout: BedLayout;
  read: ReadRange;
  /** SHA-256 of the .bim and .fam (the .bed's comes from scanPanel). */
  sha256: { bim: string; fam: string };
  hasher: () => Hasher;
}

export interface PanelScan {
  /** Panel indices of the variants kept, in order. */
  included: Int32Array;
  /** A1 frequency of every panel variant among the kept samples' calls (NaN: no call). */
  a1Freq: Float64Array;
  /** Missing calls of every panel variant among the kept samples. */
  missing: Int32Array;
  /** Variants left out, by reason. */
  dropped: Record<string, number>;
  /** SHA-256 of the .bed. */
  bedSha256: string;
}

/** PREFIX.bed, PREFIX.bim, PREFIX.fam. */
export function panelFiles(prefix: string): PanelFiles {
  const p = prefix.replace(/\.(bed|bim|fam)$/, "");
  return { bed: `${p}.bed`, bim: `${p}.bim`, fam: `${p}.fam` };
}

/**
 * A text file's bytes: by one byte-range read where the platform has them (no
 * stream machinery in a short run), by its stream when gzipped or otherwise.
 */
async function fileBytes(fp: FileProvider, name: string): Promise<Uint8Array> {
  const size = fp.readRange && fp.size ? await fp.size(name) : undefined;
  if (size !== undefined) {
    const bytes = await fp.readRange!(name, 0, size);
    if (!isGzip(bytes)) return bytes;
  }
  return readAllBytes(await fp.open(name), name);
}

async function textOf(fp: FileProvider, name: string, hasher: Hasher): Promise<string> {
  const bytes = await fileBytes(fp, name);
  hasher.update(bytes);
  return new TextDecoder().decode(bytes);
}

/** Opens a panel: reads the .bim, .fam and keep file, checks the .bed's magic bytes and size. */
export async function openPanel(fp: FileProvider, prefix: string, opts: PanelOptions = {}): Promise<Panel> {
  const files = panelFiles(prefix);
  const readRange = fp.readRange;
  if (!readRange || !fp.size) throw new Error("this platform's FileProvider cannot read files by byte range");
  const hasher = (): Hasher => fp.sha256?.() ?? new Sha256();
  const hb = hasher();
  const hf = hasher();
  const variants = parseBim(await textOf(fp, files.bim, hb), files.bim);
  const samples = parseFam(await textOf(fp, files.fam, hf), files.fam);
  let keep: Int32Array = Int32Array.from(samples.keys());
  let unknownKept = 0;
  if (opts.keep) {
    const k = parseKeep(new TextDecoder().decode(await fileBytes(fp, opts.keep)), opts.keep, samples);
    keep = k.keep;
    unknownKept = k.unknown;
  }
  const size = await fp.size(files.bed);
  if (size === undefined) throw new InputError({ file: files.bed }, "the size of the .bed is unknown");
  const read: ReadRange = (offset, length) => readRange.call(fp, files.bed, offset, length);
  const layout = await checkBed(read, size, files, variants.id.length, samples.length);
  return { files, variants, samples, keep, unknownKept, layout, read, sha256: { bim: hb.hex(), fam: hf.hex() }, hasher };
}

/** Variants read per pass of the scan: about 4 MB of .bed. */
function scanChunk(stride: number): number {
  return Math.max(1, Math.floor((4 << 20) / stride));
}

/** One pass over the .bed: A1 frequencies, missing calls, the variants kept and the .bed's SHA-256. */
export async function scanPanel(core: Core, panel: Panel, opts: PanelOptions = {}, onProgress?: (done: number, total: number) => void): Promise<PanelScan> {
  const { layout } = panel;
  const m = layout.variants;
  const g = new GenotypeLd(core, panel.keep, layout.stride);
  const hash = panel.hasher();
  hash.update(await panel.read(0, 3));
  const a1Freq = new Float64Array(m);
  const missing = new Int32Array(m);
  const included: number[] = [];
  const dropped: Record<string, number> = {};
  const drop = (why: string) => (dropped[why] = (dropped[why] ?? 0) + 1);
  const maf = opts.maf ?? 0;
  const step = scanChunk(layout.stride);
  for (let first = 0; first < m; first += step) {
    const count = Math.min(step, m - first);
    const bytes = await readVariants(panel.read, layout, first, count);
    hash.update(bytes);
    const stats = core.scoped((scope) => g.stats(g.unpack(scope, bytes, Array.from({ length: count }, (_, i) => i))));
    for (let i = 0; i < count; i++) {
      const v = first + i;
      const calls = stats[3 * i];
      const sum = stats[3 * i + 1];
      missing[v] = panel.keep.length - calls;
      a1Freq[v] = calls ? sum / (2 * calls) : NaN;
      const f = a1Freq[v];
      if (!calls) drop("no call in the kept samples");
      else if (stats[3 * i + 2] * calls === sum * sum) drop("monomorphic in the kept samples");
      else if (Math.min(f, 1 - f) < maf) drop(`minor allele frequency below ${maf}`);
      else included.push(v);
    }
    onProgress?.(first + count, m);
  }
  return { included: Int32Array.from(included), a1Freq, missing, dropped, bedSha256: hash.hex() };
}

/** The m x m LD matrix of panel variants `idx` (ascending), signed for their A1 alleles. */
export async function blockLd(core: Core, panel: Panel, idx: ArrayLike<number>): Promise<Float64Array> {
  const m = idx.length;
  if (!m) return new Float64Array(0);
  const first = idx[0];
  const bytes = await readVariants(panel.read, panel.layout, first, idx[m - 1] - first + 1);
  const g = new GenotypeLd(core, panel.keep, panel.layout.stride);
  const rows = Array.from(idx, (v) => v - first);
  return core.scoped((scope) => g.square(scope, g.unpack(scope, bytes, rows)));
}
