// End-to-end time of `mlmages run` on a chromosome-22-sized 3-trait input
// (bench/chr22-input.js), one thread, default ensemble.
// The published ML-MAGES takes about 133 s for this on one thread.
// Run: npm run build && node bench/run.js
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeChr22Input } from "./chr22-input.js";

const input = writeChr22Input();
const cli = fileURLToPath(new URL("../bin/mlmages.js", import.meta.url));
const out = join(input.dir, "out");
const t0 = performance.now();
execFileSync("node", [cli, "run", "--quiet", "--gwas", ...Object.entries(input.gwas).map(([t, f]) => `${t}=${f}`), "--ld", input.ldList, "--genes", input.genes, "--out", out]);
const seconds = (performance.now() - t0) / 1000;
const record = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
rmSync(input.dir, { recursive: true, force: true });
console.log(`mlmages run, 8337 variants, 3 traits, 1 thread: ${seconds.toFixed(1)} s wall (published: about 133 s)`);
console.log("step                    seconds");
for (const s of record.steps) console.log(`${s.step.padEnd(22)}  ${s.seconds.toFixed(2).padStart(7)}`);
