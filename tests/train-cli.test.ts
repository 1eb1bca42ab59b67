// `mlmages train` end to end on a simulation folder in the layout
// `mlmages simulate --out DIR` writes: it trains, writes a model file whose
// ensemble and recipe read back, and names bad input.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import "../src/node/wasm.js";
import { command } from "../src/cli/commands/train.js";
import { readNativeMeta, readNativeModel } from "../src/core/models/native.js";
import { testDir } from "./helpers/tmp.js";
import { simulateTrait } from "./helpers/train-data.js";

const dir = testDir("train");

/** A simulation folder with two traits simulated on the same LD blocks. */
function writeSimulation(name: string, seed: number): string {
  const sim = join(dir, name);
  mkdirSync(sim);
  const traits = [simulateTrait(seed, 3, 60), simulateTrait(seed + 100, 3, 60, seed)];
  const blocks = traits[0].ldBlocks;
  blocks.forEach((b, k) => {
    const rows: string[] = [];
    for (let i = 0; i < b.n; i++) rows.push(Array.from(b.data.subarray(i * b.n, (i + 1) * b.n)).join(" "));
    writeFileSync(join(sim, `block${k}.ld`), rows.join("\n") + "\n");
  });
  writeFileSync(join(sim, "ld_blocks.txt"), blocks.map((_, k) => `block${k}.ld`).join("\n") + "\n");
  traits.forEach((t, j) => {
    const lines = ["CHR\tPOS\tID\tBETA\tSE"];
    for (let i = 0; i < t.gwas.n; i++) lines.push(`1\t${1000 + i}\trs${i}\t${t.gwas.beta[i]}\t${t.gwas.se[i]}`);
    writeFileSync(join(sim, `gwas_T${j + 1}.tsv`), lines.join("\n") + "\n");
  });
  const truth = ["T1\tT2"];
  for (let i = 0; i < traits[0].truth.length; i++) truth.push(`${traits[0].truth[i]}\t${traits[1].truth[i]}`);
  writeFileSync(join(sim, "truth.tsv"), truth.join("\n") + "\n");
  return sim;
}

describe("mlmages train", () => {
  const sims = [writeSimulation("a", 1), writeSimulation("b", 2)];

  it("trains an ensemble from simulation folders and writes it with its recipe", async () => {
    const out = join(dir, "m.mlm");
    const args = ["--quiet", "--sim", ...sims, "--top-r", "5", "--members", "2", "--epochs", "4", "--lr", "1e-3", "--seed", "3", "--out", out];
    expect(await command.run(args)).toBe(0);
    const e = readNativeModel(new Uint8Array(readFileSync(out)), out);
    expect(e.topR).toBe(5);
    expect(e.hiddenLayers).toBe(2);
    expect(e.members.length).toBe(2);
    expect(e.members[0].hidden.map((h) => h.linear.outDim)).toEqual([64, 8]);
    expect(e.members[0].hidden[0].linear.inDim).toBe(13);
    expect(e.members[0].hidden[0].linear.weight).not.toEqual(e.members[1].hidden[0].linear.weight);
    const recipe = readNativeMeta(new Uint8Array(readFileSync(out)), out).recipe as Record<string, unknown>;
    expect(recipe).toMatchObject({ topR: 5, hiddenLayers: 2, widths: [64, 8], members: 2, seed: 3, maxEpochs: 4, batch: 100, l2: 1e-5, nzWeight: 2, simulations: sims });
    // 2 folders x 2 traits x 180 variants, 20% held out
    expect(recipe.nTrain).toBe(576);
    expect(recipe.nVal).toBe(144);
    // same seed, same file
    const again = join(dir, "m2.mlm");
    expect(await command.run([...args.slice(0, -1), again])).toBe(0);
    expect(readFileSync(again)).toEqual(readFileSync(out));
  }, 60_000);

  it("names a truth table whose row has the wrong number of values and writes nothing", async () => {
    const bad = writeSimulation("bad", 3);
    const truth = readFileSync(join(bad, "truth.tsv"), "utf8").split("\n");
    truth[4] = "0.1";
    writeFileSync(join(bad, "truth.tsv"), truth.join("\n"));
    const out = join(dir, "bad.mlm");
    await expect(command.run(["--quiet", "--sim", bad, "--top-r", "5", "--out", out])).rejects.toThrow(/truth\.tsv, line 5: expected 2 values \(T1, T2\), found 1/);
    expect(existsSync(out)).toBe(false);
  });

  it("names a missing truth column", async () => {
    const bad = writeSimulation("nocol", 4);
    writeFileSync(join(bad, "gwas_T3.tsv"), readFileSync(join(bad, "gwas_T1.tsv")));
    await expect(command.run(["--quiet", "--sim", bad, "--top-r", "5", "--out", join(dir, "x.mlm")])).rejects.toThrow(/truth\.tsv, line 1: no column T3 for gwas_T3\.tsv/);
  });
});
