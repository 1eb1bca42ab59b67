// run --panel: on a panel written by the simulator (3 blocks of haplotype
// mosaics) and GWAS simulated on the LD that panel implies, every result equals
// that of run --ld with those LD matrices written as plink bin files with their
// .bim beside them; a GWAS in another order is harmonised to the same results.
import "../src/node/wasm.js";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { filesUnder } from "./helpers/files.js";
import { testDir } from "./helpers/tmp.js";
import { blockLd, openPanel, scanPanel } from "../src/core/panel/panel.js";
import { Rng } from "../src/core/random.js";
import { bimText, simulatedAlleles, simulationFiles } from "../src/core/sim/files.js";
import { simBim, simFam, simulatePanelBed } from "../src/core/sim/panel.js";
import { simulateGwas } from "../src/core/sim/simulate.js";
import type { LdBlock } from "../src/core/types.js";
import { getCore } from "../src/core/wasm/instance.js";
import { nodeFiles } from "../src/node/file-provider.js";
import { packagePath } from "../src/node/package-root.js";

const run = promisify(execFile);
const cli = packagePath("bin", "mlmages.js");
const dir = testDir("panel-run");
const SIZES = [120, 90, 150];
const prefix = join(dir, "panel");

beforeAll(async () => {
  const rng = new Rng(17);
  writeFileSync(`${prefix}.bed`, Buffer.concat([...simulatePanelBed({ blockSizes: SIZES, individuals: 400 }, rng)]));
  const pos = Float64Array.from({ length: 360 }, (_, j) => 10000 + 50 * j);
  writeFileSync(`${prefix}.bim`, simBim("1", pos));
  writeFileSync(`${prefix}.fam`, simFam(400));
  let at = 0;
  const bed = SIZES.map((m) => {
    const line = `chr1\t${pos[at]}\t${pos[at + m - 1] + 1}`;
    at += m;
    return line;
  });
  writeFileSync(join(dir, "blocks.bed"), bed.join("\n") + "\n");
  const panel = await openPanel(nodeFiles, prefix);
  const core = await getCore();
  expect((await scanPanel(core, panel)).included.length).toBe(360);
  const blocks: LdBlock[] = [];
  at = 0;
  for (const [k, m] of SIZES.entries()) {
    const r = await blockLd(core, panel, Array.from({ length: m }, (_, i) => at + i));
    at += m;
    blocks.push({ source: `b${k}`, n: m, data: r });
    writeFileSync(join(dir, `block_${k}.ld.bin`), new Uint8Array(r.buffer)); // plink --r square bin (float64)
    writeFileSync(join(dir, `block_${k}.bim`), bimText("1", Array.from(pos, (p) => `1:${p}`), pos, simulatedAlleles(pos), at - m, at));
  }
  writeFileSync(join(dir, "ld.txt"), SIZES.map((_, k) => `block_${k}.ld.bin`).join("\n") + "\n");
  const sim = simulateGwas(blocks, { traits: 2, n: 200000, h2: 0.003, s: -0.25, w: 0, p: 0.02 }, rng);
  for (const f of simulationFiles(blocks, sim, pos, "1", {}, false)) if (f.path.startsWith("gwas_")) writeFileSync(join(dir, f.path), f.content);
});

describe("run --panel", () => {
  it("gives the same results as run --ld with the LD matrices the panel implies", async () => {
    const common = ["run", "--gwas", `T1=${join(dir, "gwas_T1.tsv")}`, `T2=${join(dir, "gwas_T2.tsv")}`, "--restarts", "2", "--quiet"];
    const a = join(dir, "with-panel");
    const b = join(dir, "with-ld");
    await run(process.execPath, [cli, ...common, "--panel", prefix, "--blocks", join(dir, "blocks.bed"), "--out", a], { timeout: 600000 });
    await run(process.execPath, [cli, ...common, "--ld", join(dir, "ld.txt"), "--out", b], { timeout: 600000 });
    const outputs = filesUnder(a).filter((f) => f.endsWith(".tsv") || f.endsWith(".json") && !f.endsWith("run.json"));
    expect(outputs).toEqual(filesUnder(b).filter((f) => f.endsWith(".tsv") || f.endsWith(".json") && !f.endsWith("run.json")));
    expect(outputs.some((f) => f.startsWith("shrinkage/"))).toBe(true);
    for (const f of outputs) expect(readFileSync(join(a, f), "utf8"), f).toBe(readFileSync(join(b, f), "utf8"));
    const rec = JSON.parse(readFileSync(join(a, "run.json"), "utf8"));
    expect(rec.settings.panel.blocks).toEqual({ method: "bed", description: `blocks of ${join(dir, "blocks.bed")}`, file: join(dir, "blocks.bed") });
    expect(rec.settings.panel.signedFor).toBe("A1");
    expect(rec.inputs.map((i: { path: string }) => i.path)).toContain(`${prefix}.bed`);
    // the report says where the LD came from and which blocks were used
    expect(readFileSync(join(a, "report.html"), "utf8")).toContain(`<tr><th>LD from panel</th><td>${prefix} (${rec.settings.panel.samplesKept} samples, signed for A1); blocks: blocks of ${join(dir, "blocks.bed")}</td></tr>`);
    expect(readFileSync(join(b, "report.html"), "utf8")).not.toContain("LD from panel");
  }, 600000);

  it("harmonises a GWAS in another order against the panel's variants: the same shrunk effects", async () => {
    const lines = readFileSync(join(dir, "gwas_T1.tsv"), "utf8").trim().split("\n");
    [lines[5], lines[6]] = [lines[6], lines[5]];
    writeFileSync(join(dir, "swapped.tsv"), lines.join("\n") + "\n");
    const out = join(dir, "swapped");
    await run(process.execPath, [cli, "run", "--gwas", `T1=${join(dir, "swapped.tsv")}`, `T2=${join(dir, "gwas_T2.tsv")}`, "--restarts", "2", "--panel", prefix, "--blocks", join(dir, "blocks.bed"), "--out", out, "--quiet"], { timeout: 600000 });
    for (const f of ["shrinkage/shrink_T1.tsv", "shrinkage/shrink_T2.tsv", "clustering/T1-T2.labels.tsv"]) expect(readFileSync(join(out, f), "utf8"), f).toBe(readFileSync(join(dir, "with-panel", f), "utf8"));
  }, 600000);
});
