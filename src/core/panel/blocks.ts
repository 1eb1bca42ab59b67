// Which panel variants go together in an LD block: ranges of a BED of blocks
// (the shipped Berisa & Pickrell 2016 definitions or a user's file), or the
// optimal DP split (src/core/blocks/dp-split.ts) of the panel's own banded LD.
// Blocks never cross a chromosome, and each is a run of consecutive kept
// variants, so the panel must be sorted by chromosome and position.
import { dpSplitWith } from "../blocks/dp-split.js";
import { resolveSizes } from "../blocks/split.js";
import { InputError } from "../errors.js";
import type { LdBand } from "../io/ld-band.js";
import type { Core } from "../wasm/core.js";
import { readVariants } from "./bed.js";
import { GenotypeLd, type Planes } from "./genotype-ld.js";
import type { Panel } from "./panel.js";

export interface BlockRange {
  chr: string;
  start: number;
  stop: number;
}

/** How the blocks were chosen, for run.json and ld.json. */
export interface BlockChoice {
  method: "published" | "bed" | "split";
  /** E.g. "Berisa & Pickrell (2016) EUR, GRCh37", a BED file's name, or "DP split of the panel's LD (average 1000)". */
  description: string;
  /** The BED of blocks read, if any. */
  file?: string;
}

export interface PanelBlocks {
  choice: BlockChoice;
  /** Panel variant indices of each block, ascending. */
  blocks: Int32Array[];
  /** Kept variants left out of every block, by reason. */
  dropped: Record<string, number>;
}

/** "chr1", "CHR1", "1" → "1". */
export function chromKey(chr: string): string {
  return chr.replace(/^chr/i, "");
}

/** Reads a BED of blocks (chr start stop; a header line, tracks and comments skipped). */
export function parseBlockBed(text: string, file: string): BlockRange[] {
  const out: BlockRange[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (!t || t.startsWith("#") || t.startsWith("track") || t.startsWith("browser")) continue;
    const f = t.split(/\s+/);
    if (i === 0 && !/^\d+$/.test(f[1] ?? "")) continue;
    if (f.length < 3) throw new InputError({ file, line: i + 1 }, "a block line has 3 fields: chr start stop");
    const start = Number(f[1]);
    const stop = Number(f[2]);
    if (!Number.isInteger(start) || !Number.isInteger(stop) || start < 0 || stop <= start) {
      throw new InputError({ file, line: i + 1 }, `'${f[1]} ${f[2]}' is not a range start < stop of whole numbers`);
    }
    out.push({ chr: chromKey(f[0]), start, stop });
  }
  if (!out.length) throw new InputError({ file }, "no blocks in this file");
  return out;
}

/** Runs of `included` on one chromosome, checking the panel is sorted by chromosome and position. */
function chromosomeRuns(panel: Panel, included: Int32Array): Int32Array[] {
  const { chr, pos } = panel.variants;
  const runs: Int32Array[] = [];
  const seen = new Set<string>();
  let start = 0;
  for (let k = 1; k <= included.length; k++) {
    const v = included[k];
    const u = included[k - 1];
    if (k < included.length && chr[v] === chr[u]) {
      if (pos[v] < pos[u]) throw new InputError({ file: panel.files.bim, line: v + 1 }, "the .bim is not sorted by position within its chromosome: sort the panel (plink --make-bed writes it sorted)");
      continue;
    }
    if (seen.has(chr[u])) throw new InputError({ file: panel.files.bim, line: u + 1 }, `chromosome ${chr[u]} is split in two parts of the .bim: sort the panel (plink --make-bed)`);
    seen.add(chr[u]);
    runs.push(included.subarray(start, k));
    start = k;
  }
  return runs.filter((r) => r.length);
}

/** Groups the kept variants by the block range holding each. */
export function blocksFromRanges(panel: Panel, included: Int32Array, ranges: BlockRange[], choice: BlockChoice): PanelBlocks {
  const byChr = new Map<string, BlockRange[]>();
  for (const r of ranges) byChr.set(r.chr, [...(byChr.get(r.chr) ?? []), r]);
  for (const rs of byChr.values()) rs.sort((a, b) => a.start - b.start);
  const blocks: Int32Array[] = [];
  let outside = 0;
  for (const run of chromosomeRuns(panel, included)) {
    const rs = byChr.get(chromKey(panel.variants.chr[run[0]])) ?? [];
    let r = 0;
    let cur: number[] = [];
    let curBlock = -1;
    for (const v of run) {
      const p = panel.variants.pos[v];
      while (r < rs.length && rs[r].stop <= p) r++;
      if (r >= rs.length || rs[r].start > p) {
        outside++;
        continue;
      }
      if (r !== curBlock && cur.length) {
        blocks.push(Int32Array.from(cur));
        cur = [];
      }
      curBlock = r;
      cur.push(v);
    }
    if (cur.length) blocks.push(Int32Array.from(cur));
  }
  return { choice, blocks, dropped: outside ? { "outside every block": outside } : {} };
}

/**
 * The band |i - j| < width of the LD of `run` (panel indices), from windows of
 * `width` variants: each window with itself and with the next. Pairs further
 * apart are not computed (outsideR2 = 0).
 */
export async function panelBand(core: Core, panel: Panel, run: Int32Array, width: number): Promise<LdBand> {
  const n = run.length;
  const w = Math.min(width, n);
  const data = new Float64Array(n * w);
  const g = new GenotypeLd(core, panel.keep, panel.layout.stride);
  const load = async (from: number, to: number) => {
    const first = run[from];
    const bytes = await readVariants(panel.read, panel.layout, first, run[to - 1] - first + 1);
    return { bytes, rows: Array.from(run.subarray(from, to), (v) => v - first) };
  };
  for (let c0 = 0; c0 < n; c0 += w) {
    const c1 = Math.min(n, c0 + w);
    const c2 = Math.min(n, c1 + w);
    const a = await load(c0, c1);
    const b = c2 > c1 ? await load(c1, c2) : undefined;
    core.scoped((scope) => {
      const pa: Planes = g.unpack(scope, a.bytes, a.rows);
      const sq = g.square(scope, pa);
      const ma = c1 - c0;
      for (let i = 0; i < ma; i++) for (let j = i; j < ma; j++) data[(c0 + i) * w + (j - i)] = sq[i * ma + j];
      if (!b) return;
      const pb = g.unpack(scope, b.bytes, b.rows);
      const cr = g.cross(scope, pa, pb);
      const mb = c2 - c1;
      for (let i = 0; i < ma; i++) {
        for (let j = 0; j < mb; j++) {
          const d = c1 + j - (c0 + i);
          if (d < w) data[(c0 + i) * w + d] = cr[i * mb + j];
        }
      }
    });
  }
  return { source: panel.files.bed, n, width: w, data, outsideR2: 0 };
}

/** mlmages' optimal DP split of each chromosome's banded LD (blocks of minSize..maxSize around avgBlockSize). */
export async function blocksFromSplit(core: Core, panel: Panel, included: Int32Array, avgBlockSize: number): Promise<PanelBlocks> {
  const { minSize, maxSize } = resolveSizes(avgBlockSize);
  const blocks: Int32Array[] = [];
  for (const run of chromosomeRuns(panel, included)) {
    const band = await panelBand(core, panel, run, maxSize);
    const { bounds } = dpSplitWith(core, band, { avgBlockSize, minSize, maxSize: Math.min(maxSize, run.length) });
    for (let k = 0; k + 1 < bounds.length; k++) blocks.push(run.slice(bounds[k], bounds[k + 1]));
  }
  return { choice: { method: "split", description: `mlmages' DP split of the panel's LD (average ${avgBlockSize} variants, ${minSize}-${maxSize})` }, blocks, dropped: {} };
}
