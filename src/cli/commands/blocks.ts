// mlmages blocks: splits a whole chromosome's LD matrix into LD blocks.
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { blockTable } from "../../core/blocks/table.js";
import { formatLdText } from "../../core/blocks/ld-text.js";
import { splitJson } from "../../core/blocks/split-json.js";
import { DEFAULT_SPLIT_METHOD, resolveSizes, splitLdWith, type SplitMethod } from "../../core/blocks/split.js";
import { getCore } from "../../core/wasm/instance.js";
import { DEFAULT_AVG_BLOCK_SIZE } from "../../core/run-inputs.js";
import { fileStream, writeFileAtomic } from "../../node/files.js";
import { ensureReadable } from "../../node/ld-files.js";
import { UsageError, parseOptions, range, requireOptions } from "../args.js";
import type { Command } from "../command.js";
import { outputFolder } from "../output-paths.js";
import { note } from "../console.js";
import { AVG_BLOCK_SIZE } from "../ranges.js";

const spec = {
  ld: { type: "string" },
  "avg-block-size": { type: "number", ...AVG_BLOCK_SIZE, default: DEFAULT_AVG_BLOCK_SIZE },
  out: { type: "string" },
  method: { type: "string", default: DEFAULT_SPLIT_METHOD },
  "min-size": { type: "number", integer: true, min: 1, max: 10000 },
  "max-size": { type: "number", integer: true, min: 1, max: 20000 },
  quiet: { type: "boolean" },
} as const;

const BLOCK_FILE = /^block_(\d+)\.ld$/;

export const command: Command = {
  name: "blocks",
  summary: "split a chromosome's full LD matrix into LD blocks",
  options: spec,
  help: `Usage: mlmages blocks --ld FILE --out DIR [--avg-block-size N] [--method dp|published] [--min-size N] [--max-size N]

Splits a whole chromosome's LD matrix into blocks of consecutive variants with
little LD between them. The matrix is read as a stream and only the band of
pairs closer than --max-size is kept, so it is never held whole.

Methods:
  dp         (default) the optimal split: the least cross-block Σr² for blocks
             of --min-size to --max-size variants, by dynamic programming (as
             bigsnpr's snp_ldsplit). The number of blocks: the largest K at
             least round(n / N) whose least cost is no more than that of
             round(n / N) blocks, so blocks split further wherever it is free.
  published  ML-MAGES' split: anti-diagonal sums smoothed by a Hann window,
             their minima, then a local search on the cross-block sum of R
             (reproduces the published tool; it can miss true block edges).

Options:
  --ld FILE            the full LD matrix: plink square text (--r square; space,
                       tab or comma separated) or square binary (bin: float64,
                       bin4: float32), gzipped or not (binary must be plain).
  --out DIR            writes DIR/block_<i>.ld (plink square text, values as
                       read), DIR/blocks.txt (the block files in order, one a
                       line: give it as --ld DIR/blocks.txt to other commands),
                       DIR/blocks.tsv (idx, lb, ub, size: 0-based variant
                       indices, ub exclusive, as the published block table) and
                       DIR/split.json (settings, bounds, cross-block and total
                       Σr², and for dp the least cost for every number of blocks).
  --avg-block-size N   target average block size, ${range(spec["avg-block-size"])} (default ${DEFAULT_AVG_BLOCK_SIZE}).
  --method M           dp or published (default ${DEFAULT_SPLIT_METHOD}).
  --min-size N         smallest block for dp, ${range(spec["min-size"])} (default N / 5).
  --max-size N         largest block, and the band kept while reading,
                       ${range(spec["max-size"])} (default 2 N; memory is 8 · n · max-size bytes).
  --quiet              no progress messages.
  -h, --help           this help.

Prints the cross-block r² mass (Σ r² over pairs of variants in different blocks).`,
  async run(argv) {
    const { values: o } = parseOptions(argv, spec);
    requireOptions(o, ["ld", "out"]);
    const method = o.method as SplitMethod;
    if (method !== "dp" && method !== "published") throw new UsageError(`--method must be dp or published, not '${o.method}'`);
    const avg = o["avg-block-size"];
    const { minSize, maxSize } = resolveSizes(avg, o["min-size"], o["max-size"]);
    if (maxSize < minSize) throw new UsageError(`--max-size (${maxSize}) is below --min-size (${minSize})`);
    const path = o.ld!;
    const dir = outputFolder(o.out);
    await ensureReadable(path);
    const t0 = performance.now();
    const split = await splitLdWith(await getCore(), fileStream(path), path, { avgBlockSize: avg, method, minSize, maxSize, byteLength: (await stat(path)).size });
    const seconds = (performance.now() - t0) / 1000;
    const names = split.blocks.map((_, i) => `block_${i}.ld`);
    for (let i = 0; i < names.length; i++) await writeFileAtomic(join(dir, names[i]), formatLdText(split.blocks[i]));
    await writeFileAtomic(join(dir, "blocks.tsv"), blockTable(split.bounds));
    await writeFileAtomic(join(dir, "split.json"), splitJson(split, avg, path));
    await writeFileAtomic(join(dir, "blocks.txt"), names.join("\n") + "\n");
    for (const f of await readdir(dir)) {
      const m = BLOCK_FILE.exec(f);
      if (m && Number(m[1]) >= names.length) await rm(join(dir, f));
    }
    process.stdout.write(`cross-block r2 mass: ${split.crossMass} (of ${split.totalMass} in all)\n`);
    if (!o.quiet) note(`${split.n} variants split into ${names.length} block${names.length === 1 ? "" : "s"} by ${split.method} (${seconds.toFixed(2)} s); wrote ${join(dir, "blocks.txt")}, blocks.tsv, split.json`);
    return 0;
  },
};
