// The LD of a run taken from a reference panel (run --panel): the panel is
// opened and scanned, cut into blocks, and each block's LD computed when the
// run asks for it (one at a time, in the order of the blocks' variants),
// signed for the .bim's A1 alleles. Those
// variants, in that order, are the reference the run harmonises the GWAS
// against (run-inputs.ts), as it does with LD files and their variant lists.
import type { InputRecord, FileProvider } from "../run-inputs.js";
import { readAllBytes } from "../io/bytes.js";
import type { LdBlock, RefVariants } from "../types.js";
import type { Core } from "../wasm/core.js";
import { blocksFromRanges, blocksFromSplit, parseBlockBed, type BlockChoice } from "./blocks.js";
import { blockLd, openPanel, scanPanel } from "./panel.js";

export interface PanelRunSpec {
  /** PREFIX of PREFIX.bed/.bim/.fam. */
  prefix: string;
  /** A BED of blocks (the shipped definitions or a user's) and how it was chosen; absent: the DP split. */
  blocks?: { file: string; method: "published" | "bed"; description: string };
  /** Average block size of the DP split (default 1000). */
  avgBlockSize?: number;
  keep?: string;
  maf?: number;
}

/** What run.json records of the panel. */
export interface PanelRunRecord {
  prefix: string;
  blocks: BlockChoice;
  samplesKept: number;
  maf: number;
  /** Panel variants left out, by reason. */
  dropped: Record<string, number>;
  signedFor: "A1";
}

export interface PanelRunLd {
  /** Variants per block, in order. */
  blockSizes: number[];
  /** Each block's LD, computed as it is asked for: hold none longer than needed. */
  eachBlock(): AsyncGenerator<LdBlock>;
  /** The blocks' variants in order (LD signed for their a1). */
  variants: RefVariants;
  record: PanelRunRecord;
  /** The panel files read, with SHA-256. */
  inputs: InputRecord[];
}

/** The run's LD blocks from the panel, and their variants in order. */
export async function panelRunLd(core: Core, fp: FileProvider, spec: PanelRunSpec): Promise<PanelRunLd> {
  const panel = await openPanel(fp, spec.prefix, { keep: spec.keep, maf: spec.maf });
  const scan = await scanPanel(core, panel, { maf: spec.maf });
  const chosen = spec.blocks
    ? blocksFromRanges(panel, scan.included, parseBlockBed(new TextDecoder().decode(await readAllBytes(await fp.open(spec.blocks.file), spec.blocks.file)), spec.blocks.file), {
        method: spec.blocks.method,
        description: spec.blocks.description,
        file: spec.blocks.file,
      })
    : await blocksFromSplit(core, panel, scan.included, spec.avgBlockSize ?? 1000);
  const order = Int32Array.from(chosen.blocks.flatMap((b) => Array.from(b)));
  async function* eachBlock(): AsyncGenerator<LdBlock> {
    for (let k = 0; k < chosen.blocks.length; k++) {
      const idx = chosen.blocks[k];
      yield { source: `${panel.files.bed} block ${k + 1} (${panel.variants.id[idx[0]]}-${panel.variants.id[idx[idx.length - 1]]})`, n: idx.length, data: await blockLd(core, panel, idx) };
    }
  }
  const sizes = { bed: panel.layout.variants * panel.layout.stride + 3 };
  const inputs: InputRecord[] = [
    { path: panel.files.bed, sha256: scan.bedSha256, bytes: sizes.bed },
    { path: panel.files.bim, sha256: panel.sha256.bim, bytes: (await fp.size?.(panel.files.bim)) ?? 0 },
    { path: panel.files.fam, sha256: panel.sha256.fam, bytes: (await fp.size?.(panel.files.fam)) ?? 0 },
  ];
  const record: PanelRunRecord = { prefix: spec.prefix, blocks: chosen.choice, samplesKept: panel.keep.length, maf: spec.maf ?? 0, dropped: { ...scan.dropped, ...chosen.dropped }, signedFor: "A1" };
  const v = panel.variants;
  const pick = <T>(xs: ArrayLike<T>) => Array.from(order, (i) => xs[i]);
  const variants: RefVariants = { source: panel.files.bim, chr: pick(v.chr), pos: Float64Array.from(order, (i) => v.pos[i]), id: pick(v.id), a1: pick(v.a1), a2: pick(v.a2) };
  return { blockSizes: chosen.blocks.map((b) => b.length), eachBlock, record, inputs, variants };
}
