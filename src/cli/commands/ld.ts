// mlmages ld: LD blocks computed from a plink 1 reference panel, written for
// other tools (plink bin4 + the variants each row is signed for).
import { readdir, readFile, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { InputError } from "../../core/errors.js";
import { normChrom } from "../../core/io/gwas.js";
import { DEFAULT_AVG_BLOCK_SIZE } from "../../core/run-inputs.js";
import { blocksFromRanges, blocksFromSplit, parseBlockBed, type PanelBlocks } from "../../core/panel/blocks.js";
import { cacheKey, decodeCacheEntry, encodeCacheEntry } from "../../core/panel/ld-cache.js";
import { bin4Bytes, variantsTable } from "../../core/panel/ld-files.js";
import { blockTask, serialBlockLd, type BlockLdRunner } from "../../core/panel/block-ld.js";
import { openPanel, scanPanel, type Panel, type PanelScan } from "../../core/panel/panel.js";
import type { Core } from "../../core/wasm/core.js";
import { getCore } from "../../core/wasm/instance.js";
import { nodeFiles } from "../../node/file-provider.js";
import { WorkerThreads } from "../../node/cluster-workers.js";
import { writeFileAtomic } from "../../node/files.js";
import { readTextFile } from "../../node/ld-files.js";
import { blockBedSpec } from "../../node/ld-blocks.js";
import { packageVersion } from "../../node/package-root.js";
import { UsageError, parseOptions, range, requireOptions } from "../args.js";
import { AVG_BLOCK_SIZE, THREADS } from "../ranges.js";
import type { Command } from "../command.js";
import { endSteps, note, step, stepCount } from "../console.js";

const spec = {
  panel: { type: "string" },
  out: { type: "string" },
  blocks: { type: "string", default: "split" },
  build: { type: "number", integer: true, min: 37, max: 38, default: 37 },
  "avg-block-size": { type: "number", ...AVG_BLOCK_SIZE, default: DEFAULT_AVG_BLOCK_SIZE },
  keep: { type: "string" },
  maf: { type: "number", min: 0, max: 0.5, default: 0 },
  "ld-cache": { type: "string" },
  chrom: { type: "string" },
  threads: { type: "number", ...THREADS, default: 1 },
  quiet: { type: "boolean" },
} as const;

const BLOCK_FILE = /^block_(\d+)\.(ld\.bin|variants\.tsv)$/;

/** The blocks --blocks names: shipped definitions, a BED file, or the DP split. */
async function chooseBlocks(core: Core, panel: Panel, scan: PanelScan, blocks: string, build: number, avg: number): Promise<PanelBlocks> {
  const bed = blockBedSpec(blocks, build);
  if (!bed) return blocksFromSplit(core, panel, scan.included, avg);
  const choice = { method: bed.method, description: bed.description, file: bed.method === "published" ? basename(bed.file) : bed.file };
  return blocksFromRanges(panel, scan.included, parseBlockBed(await readTextFile(bed.file), bed.file), choice);
}

/** Where a block's cache entry is kept: keyed by the panel's files, the samples kept and the block's variants. */
function cachePath(cache: string, panel: Panel, scan: PanelScan, idx: Int32Array): string {
  return join(cache, `${cacheKey(panel.hasher(), { sha256: { bed: scan.bedSha256, ...panel.sha256 }, keep: panel.keep, variants: idx })}.ldc`);
}

/** Writes a block's bin4 from its valid cache entry and says so; false when there is none (a bad one is counted). */
async function writeCachedBlock(panel: Panel, path: string, idx: Int32Array, file: string, counts: { hit: number; miss: number; bad: number }): Promise<boolean> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch {
    bytes = undefined;
  }
  const cached = bytes && decodeCacheEntry(panel.hasher(), bytes, idx);
  if (cached) {
    counts.hit++;
    await writeFileAtomic(file, bin4Bytes(cached));
    return true;
  }
  if (bytes) counts.bad++;
  else counts.miss++;
  return false;
}

/**
 * Writes each block's r as bin4 (block_<k>.ld.bin): from the cache when a valid
 * entry exists, else computed by `runner` (straight from WASM memory on one
 * thread) and, with a cache, stored there too.
 */
async function writeBlocks(runner: BlockLdRunner, panel: Panel, scan: PanelScan, blocks: Int32Array[], dir: string, cache: string | undefined, counts: { hit: number; miss: number; bad: number }, onBlock: () => void): Promise<void> {
  const file = (k: number) => join(dir, `block_${k}.ld.bin`);
  const todo: number[] = [];
  for (let k = 0; k < blocks.length; k++) {
    if (cache && (await writeCachedBlock(panel, cachePath(cache, panel, scan, blocks[k]), blocks[k], file(k), counts))) onBlock();
    else todo.push(k);
  }
  const setup = { keep: panel.keep, stride: panel.layout.stride, want: cache ? ("both" as const) : ("bin4" as const) };
  await runner(setup, todo.length, (i) => blockTask(panel, blocks[todo[i]]), async (i, { r, bin4 }) => {
    const k = todo[i];
    if (cache) await writeFileAtomic(cachePath(cache, panel, scan, blocks[k]), encodeCacheEntry(panel.hasher(), blocks[k], r!));
    await writeFileAtomic(file(k), bin4!);
    onBlock();
  });
}

export const command: Command = {
  name: "ld",
  summary: "LD blocks from a plink reference panel (.bed/.bim/.fam), for mlmages and other tools",
  options: spec,
  help: `Usage: mlmages ld --panel PREFIX --out DIR [--blocks EUR|AFR|ASN|FILE.bed|split] [--build 37|38] [--keep FILE] [--maf X] [--ld-cache DIR] [--threads N]

Computes the LD (Pearson r of the hard calls) of each block of a plink 1 binary
panel (PREFIX.bed, PREFIX.bim, PREFIX.fam, e.g. a 1000 Genomes population),
reading the .bed a block at a time. r is taken over the samples called in both
variants and signed for each variant's A1 (the .bim's 5th column, the allele
the .bed counts), exactly as plink 1.9's --r square --keep-allele-order (without
that flag plink makes the minor allele A1 and flips those variants' signs).
Variants with no call or one allele in the kept samples are dropped, and with
--maf those rarer than X; every drop is counted in ld.json.

Blocks:
  EUR, AFR, ASN   the published LD blocks of Berisa & Pickrell (2016), shipped
                  with mlmages (GRCh37, or with --build 38 their liftover): the
                  panel's positions must be on that build.
  FILE.bed        your blocks: chr start stop a line (start <= POS < stop).
  split           (default) mlmages' optimal DP split of the panel's own LD
                  (banded, --avg-block-size variants on average; see docs/blocks.md).
  Blocks never cross chromosomes; the panel must be sorted by position.

Output (DIR):
  block_<k>.ld.bin        r, square, float32 (plink --r square bin4): give
                          DIR/blocks.txt as mlmages run --ld
  block_<k>.variants.tsv  CHR, POS, ID, A1, A2 of its rows: r is signed for A1
  blocks.txt              the block files in order
  ld.json                 panel files with SHA-256, samples kept, variants
                          dropped by reason, the blocks used, each block's span

Options:
  --panel PREFIX        the panel (PREFIX.bed/.bim/.fam; SNP-major .bed).
  --out DIR             output folder.
  --blocks B            EUR, AFR, ASN, a BED file, or split (default split).
  --build 37|38         genome build of the shipped blocks, ${range(spec.build)} (default 37).
  --avg-block-size N    average block size of the split, ${range(spec["avg-block-size"])} (default ${DEFAULT_AVG_BLOCK_SIZE}).
  --keep FILE           only these samples (FID IID a line, as plink --keep).
  --maf X               drop variants with minor allele frequency below X in the kept
                        samples, ${range(spec.maf)} (default 0).
  --chrom C             only the blocks of chromosome C (the same blocks as
                        without it; one job per chromosome of a genome-wide
                        workflow, see workflow/Snakefile). ld.json's counts of
                        dropped variants stay the whole panel's.
  --ld-cache DIR        reuse blocks computed before (keyed by the panel's SHA-256,
                        the samples kept and the block's variants; an entry that
                        fails its checksum is recomputed).
  --threads N           threads computing blocks: this one and N - 1 workers,
                        ${range(spec.threads)} (default 1; the same bytes whatever N).
  --quiet               no progress lines.`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["panel", "out"]);
    const dir = o.out!;
    const t0 = performance.now();
    const core = await getCore();
    const progress = !o.quiet;
    const panel = await openPanel(nodeFiles, o.panel!, { keep: o.keep, maf: o.maf });
    if (progress) step(`reading ${panel.files.bed} (${panel.layout.variants} variants, ${panel.keep.length} of ${panel.samples.length} samples)`);
    const scanned = await scanPanel(core, panel, { maf: o.maf }, (done, total) => progress && stepCount(`reading ${panel.files.bed}`, done, total, "variants"));
    if (!scanned.included.length) throw InputError.mismatch(panel.files.bim, `no variant of ${panel.files.bim} is left after the filters (${Object.entries(scanned.dropped).map(([w, n]) => `${n} ${w}`).join(", ")})`);
    const chrom = o.chrom === undefined ? undefined : normChrom(o.chrom);
    const scan = chrom === undefined ? scanned : { ...scanned, included: scanned.included.filter((i) => normChrom(panel.variants.chr[i]) === chrom) };
    if (!scan.included.length) throw InputError.mismatch(panel.files.bim, `no variant of ${panel.files.bim} on chromosome ${o.chrom} is left after the filters`);
    if (progress) step(`choosing blocks (${o.blocks})`);
    const chosen = await chooseBlocks(core, panel, scan, o.blocks!, o.build!, o["avg-block-size"]!);
    if (!chosen.blocks.length) throw new UsageError(`no panel variant falls in the blocks of ${o.blocks}: check the chromosome names and the genome build (--build)`);
    const counts = { hit: 0, miss: 0, bad: 0 };
    const names: string[] = [];
    const spans: { file: string; variants: number; chr: string; from: number; to: number; firstId: string; lastId: string }[] = [];
    const v = panel.variants;
    if (progress) step("LD blocks");
    let written = 0;
    const runner = o.threads! > 1 ? new WorkerThreads(o.threads!).blockLd : serialBlockLd(core);
    await writeBlocks(runner, panel, scan, chosen.blocks, dir, o["ld-cache"], counts, () => progress && stepCount("LD blocks", ++written, chosen.blocks.length, "blocks"));
    for (let k = 0; k < chosen.blocks.length; k++) {
      const idx = chosen.blocks[k];
      const name = `block_${k}.ld.bin`;
      await writeFileAtomic(join(dir, `block_${k}.variants.tsv`), variantsTable(v, idx, name));
      names.push(name);
      const a = idx[0];
      const b = idx[idx.length - 1];
      spans.push({ file: name, variants: idx.length, chr: v.chr[a], from: v.pos[a], to: v.pos[b], firstId: v.id[a], lastId: v.id[b] });
    }
    await writeFileAtomic(join(dir, "blocks.txt"), names.join("\n") + "\n");
    const inBlocks = spans.reduce((s, b) => s + b.variants, 0);
    const record = {
      version: packageVersion(),
      panel: { files: panel.files, sha256: { bed: scan.bedSha256, ...panel.sha256 }, variants: panel.layout.variants, samples: panel.samples.length },
      samplesKept: panel.keep.length,
      keep: o.keep ?? null,
      keepUnknown: panel.unknownKept,
      maf: o.maf,
      chrom: o.chrom ?? null,
      variantsInBlocks: inBlocks,
      dropped: { ...scan.dropped, ...chosen.dropped },
      signedFor: "A1",
      r: "Pearson r of A1 dosages over the samples called in both variants (plink 1.9 --r square --keep-allele-order)",
      blocks: chosen.choice,
      cache: o["ld-cache"] ? { dir: o["ld-cache"], reused: counts.hit, computed: counts.miss + counts.bad, rejected: counts.bad } : null,
      seconds: (performance.now() - t0) / 1000,
      blockFiles: spans,
    };
    await writeFileAtomic(join(dir, "ld.json"), JSON.stringify(record, null, 2) + "\n");
    for (const f of await readdir(dir)) {
      const m = BLOCK_FILE.exec(f);
      if (m && Number(m[1]) >= names.length) await rm(join(dir, f));
    }
    endSteps();
    const dropped = Object.entries(record.dropped).map(([why, n]) => `${n} ${why}`);
    if (progress) {
      note(`${inBlocks} variants in ${names.length} blocks (${chosen.choice.description}) from ${panel.keep.length} samples in ${record.seconds.toFixed(2)} s${dropped.length ? `; dropped: ${dropped.join(", ")}` : ""}${record.cache ? `; cache: ${counts.hit} reused, ${counts.miss + counts.bad} computed${counts.bad ? ` (${counts.bad} bad entries replaced)` : ""}` : ""}; wrote ${join(dir, "blocks.txt")}`);
    }
    return 0;
  },
};
