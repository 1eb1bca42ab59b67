// End-to-end time of `mlmages run` on a chromosome-22-sized 3-trait input
// (bench/chr22-input.js), default ensemble, on one thread and then with the
// clustering restarts on two worker threads (same outputs).
// The published ML-MAGES takes about 133 s for this on one thread; the target is 7 s.
// Run: npm run build && node bench/run.js
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeChr22Input } from "./chr22-input.js";

const input = writeChr22Input();
const cli = fileURLToPath(new URL("../bin/mlmages.js", import.meta.url));
for (const threads of [1, 2]) {
  const out = join(input.dir, `out${threads}`);
  const t0 = performance.now();
  execFileSync("node", [cli, "run", "--quiet", "--threads", String(threads), "--gwas", ...Object.entries(input.gwas).map(([t, f]) => `${t}=${f}`), "--ld", input.ldList, "--genes", input.genes, "--out", out]);
  const seconds = (performance.now() - t0) / 1000;
  const record = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
  console.log(`mlmages run, 8337 variants, 3 traits, ${threads} thread${threads > 1 ? "s" : ""}: ${seconds.toFixed(1)} s wall (published: about 133 s on one thread)`);
  console.log("step                    seconds");
  for (const s of record.steps) console.log(`${s.step.padEnd(22)}  ${s.seconds.toFixed(2).padStart(7)}`);
}
rmSync(input.dir, { recursive: true, force: true });
