// The LD of a run taken from a reference panel (run --panel): the panel is
// opened and scanned, cut into blocks, and each block's LD computed, in the
// order of the blocks' variants. The GWAS must list exactly those variants in
// that order, with effects for the panel's A1 alleles: `matchGwasToPanel` is the
// seam where harmonisation (matching by position and alleles, flipping effects
// to A1, dropping what the panel lacks) takes over; until then it checks and refuses.
import { InputError } from "../errors.js";
import type { InputRecord, FileProvider } from "../run-inputs.js";
import { readAllBytes } from "../io/bytes.js";
import type { Gwas, LdBlock, RefVariants } from "../types.js";
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
  ldBlocks: LdBlock[];
  record: PanelRunRecord;
  /** The panel files read, with SHA-256. */
  inputs: InputRecord[];
}

/**
 * Checks that the GWAS rows are the panel's block variants in order (by ID, or
 * CHR and POS when the GWAS has no IDs) with effects for A1 when it names an
 * effect allele. The seam for harmonisation against the panel's .bim.
 */
export function matchGwasToPanel(gwas: Gwas, ref: RefVariants, order: Int32Array): void {
  const fix = `harmonise the GWAS against the panel's .bim first (same variants, same order, effects for A1), or compute the LD with mlmages ld and give it as --ld`;
  if (gwas.n !== order.length) throw InputError.mismatch(gwas.source, `${gwas.source} has ${gwas.n} variants but the panel's LD blocks hold ${order.length}: ${fix}`);
  for (let k = 0; k < order.length; k++) {
    const v = order[k];
    const same = gwas.id ? gwas.id[k] === ref.id[v] : gwas.pos !== null && gwas.pos[k] === ref.pos[v] && (!gwas.chr || gwas.chr[k].replace(/^chr/i, "") === ref.chr[v].replace(/^chr/i, ""));
    if (!same) throw InputError.mismatch(gwas.source, `variant ${k + 1} of ${gwas.source} (${gwas.id?.[k] ?? `position ${gwas.pos?.[k]}`}) is not the panel's variant ${k + 1} in its blocks (${ref.id[v]} at ${ref.chr[v]}:${ref.pos[v]}): ${fix}`);
    if (gwas.ea && gwas.ea[k] !== ref.a1[v]) {
      throw InputError.mismatch(gwas.source, `the effect allele of ${ref.id[v]} in ${gwas.source} is ${gwas.ea[k]} but the panel's LD is signed for its A1 ${ref.a1[v]}: ${fix}`);
    }
  }
}

/** The run's LD blocks from the panel, checked against the first trait's GWAS. */
export async function panelRunLd(core: Core, fp: FileProvider, spec: PanelRunSpec, gwas: Gwas): Promise<PanelRunLd> {
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
  matchGwasToPanel(gwas, panel.variants, order);
  const ldBlocks: LdBlock[] = [];
  for (let k = 0; k < chosen.blocks.length; k++) {
    const idx = chosen.blocks[k];
    ldBlocks.push({ source: `${panel.files.bed} block ${k + 1} (${panel.variants.id[idx[0]]}-${panel.variants.id[idx[idx.length - 1]]})`, n: idx.length, data: await blockLd(core, panel, idx) });
  }
  const sizes = { bed: panel.layout.variants * panel.layout.stride + 3 };
  const inputs: InputRecord[] = [
    { path: panel.files.bed, sha256: scan.bedSha256, bytes: sizes.bed },
    { path: panel.files.bim, sha256: panel.sha256.bim, bytes: (await fp.size?.(panel.files.bim)) ?? 0 },
    { path: panel.files.fam, sha256: panel.sha256.fam, bytes: (await fp.size?.(panel.files.fam)) ?? 0 },
  ];
  const record: PanelRunRecord = { prefix: spec.prefix, blocks: chosen.choice, samplesKept: panel.keep.length, maf: spec.maf ?? 0, dropped: { ...scan.dropped, ...chosen.dropped }, signedFor: "A1" };
  return { ldBlocks, record, inputs };
}
