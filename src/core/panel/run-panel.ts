// The LD of a run taken from a reference panel (run --panel): the panel is
// opened and scanned, cut into blocks, and each block's LD computed, in the
// order of the blocks' variants, signed for the .bim's A1 alleles. Those
// variants, in that order, are the reference the run harmonises the GWAS
// against (run-inputs.ts), as it does with LD files and their variant lists.
import type { InputRecord, FileProvider } from "../run-inputs.js";
import { readAllBytes } from "../io/bytes.js";
import type { LdBlock, RefVariants } from "../types.js";
import type { Core } from "../wasm/core.js";
import { blocksFromRanges, blocksFromSplit, parseBlockBed, type BlockChoice } from "./blocks.js";
import { blockTask, serialBlockLd, type BlockLdRunner } from "./block-ld.js";
import { openPanel, scanPanel } from "./panel.js";

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
  /** Computes the blocks' LD and hands each to `use` in block order, holding none longer than its `use` (and the runner's read-ahead). */
  forEachBlock(use: (block: LdBlock) => Promise<void> | void): Promise<void>;
  /** The blocks' variants in order (LD signed for their a1). */
  variants: RefVariants;
  record: PanelRunRecord;
  /** The panel files read, with SHA-256. */
  inputs: InputRecord[];
}

/** How a run follows and spreads the panel's work. */
export interface PanelRunHooks {
  /** Hears "panel scan" (one pass over the .bed, blocks chosen) and "panel LD" (the blocks' LD computed, by forEachBlock). */
  onStep?: (step: string) => void;
  /** Progress of the current step: variants scanned, then blocks computed. */
  onProgress?: (step: string, done: number, total: number) => void;
  /** Computes the blocks' LD (default: one after another on this thread). */
  runBlocks?: BlockLdRunner;
  /** Hears the panel's blocks with their variants in order (before harmonisation leaves any out), e.g. to save them as `mlmages ld` does (the blocks are then held until forEachBlock ends). */
  onLd?: (ld: { blocks: LdBlock[]; variants: RefVariants }) => void;
}

/** The run's panel scanned and cut into blocks: their variants in order, and their LD on demand. */
export async function panelRunLd(core: Core, fp: FileProvider, spec: PanelRunSpec, hooks: PanelRunHooks = {}): Promise<PanelRunLd> {
  const panel = await openPanel(fp, spec.prefix, { keep: spec.keep, maf: spec.maf });
  hooks.onStep?.("panel scan");
  const scan = await scanPanel(core, panel, { maf: spec.maf }, (done, total) => hooks.onProgress?.("panel scan", done, total));
  const chosen = spec.blocks
    ? blocksFromRanges(panel, scan.included, parseBlockBed(new TextDecoder().decode(await readAllBytes(await fp.open(spec.blocks.file), spec.blocks.file)), spec.blocks.file), {
        method: spec.blocks.method,
        description: spec.blocks.description,
        file: spec.blocks.file,
      })
    : await blocksFromSplit(core, panel, scan.included, spec.avgBlockSize ?? 1000);
  const order = Int32Array.from(chosen.blocks.flatMap((b) => Array.from(b)));
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
  const forEachBlock = async (use: (block: LdBlock) => Promise<void> | void) => {
    hooks.onStep?.("panel LD");
    const count = chosen.blocks.length;
    const saved: LdBlock[] = [];
    hooks.onProgress?.("panel LD", 0, count);
    const runner = hooks.runBlocks ?? serialBlockLd(core);
    await runner({ keep: panel.keep, stride: panel.layout.stride, want: "r" }, count, (k) => blockTask(panel, chosen.blocks[k]), async (k, { r }) => {
      const idx = chosen.blocks[k];
      // copied: the runner's r may be a view of WASM memory, which the block's use may outlive or grow
      const block = { source: `${panel.files.bed} block ${k + 1} (${panel.variants.id[idx[0]]}-${panel.variants.id[idx[idx.length - 1]]})`, n: idx.length, data: r!.slice() };
      if (hooks.onLd) saved.push(block);
      await use(block);
      hooks.onProgress?.("panel LD", k + 1, count);
    });
    hooks.onLd?.({ blocks: saved, variants });
  };
  return { blockSizes: chosen.blocks.map((b) => b.length), forEachBlock, record, inputs, variants };
}
