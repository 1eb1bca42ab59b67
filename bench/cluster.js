// Clustering time (25 restarts, K = 20, default seed) for 1, 2 and 3 traits, on
// one and two threads: on the dev data (the published shrink_T*.txt, 1191
// variants) and on the chromosome-22-sized input (bench/chr22-input.js: 8337
// variants) shrunk by mlmages' default ensemble; beside the published figures
// (21–36 s per trait, 9.4 s for 2 traits, 9.0 s for 3, one thread).
// With MLMAGES_PUBLISHED=<a checkout of ramachandran-lab/ML-MAGES> and a Python 3
// with numpy, scipy, pandas and scikit-learn (MLMAGES_PYTHON, default python3), the published
// clustering also runs here, on the same effects and at the same seed (so with the
// same restarts and iterations), for a comparison on this machine.
// This machine's second vCPU runs about 35% slower than its first (a busy sibling):
// one-thread figures are taken with the bench pinned, `taskset -c 0 node bench/cluster.js`.
// Run: npm run build && node bench/cluster.js
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import "../build/js/node/wasm.js";
import { cluster, DEFAULT_SEED } from "../build/js/core/cluster/cluster.js";
import { loadRunInputs } from "../build/js/core/run-inputs.js";
import { shrink } from "../build/js/core/shrink.js";
import { getCore } from "../build/js/core/wasm/instance.js";
import { threadedRestarts } from "../build/js/node/cluster-workers.js";
import { nodeFiles } from "../build/js/node/file-provider.js";
import { packagePath } from "../build/js/node/package-root.js";
import { writeChr22Input } from "./chr22-input.js";

const PUBLISHED = { 1: "21-36 s", 2: "9.4 s", 3: "9.0 s" };
const SETS = [["T1"], ["T2"], ["T3"], ["T1", "T2"], ["T1", "T2", "T3"]];
const published = process.env.MLMAGES_PUBLISHED;

const DRIVER = `
import sys, time, numpy as np
sys.path.insert(0, sys.argv[1])
from mlmages._cls_funcs import adjust_zero_threshold, extract_multivariate_components
np.random.seed(int(sys.argv[2]))
b = np.vstack([np.loadtxt(f) for f in sys.argv[3:]]).T
n = b.shape[0]
cutoff = 1e-3 if n > 50000 else 1e-4 if n > 10000 else 1e-5
nz, _ = adjust_zero_threshold(b, init_zero_cutoff=cutoff, any_zero=True, min_nz=1000, max_nz=n // 5 if n > 15000 else n // 3, adjust_scale=2, max_iter=10)
t = time.time()
extract_multivariate_components(nz, K=20, n_runs=25)
print("SECONDS", time.time() - t)
`;

/** The published clustering's seconds on these effects (one file per trait), run here at the same seed: the same restarts, the same iterations. */
function publishedHere(effects, dir) {
  const files = effects.map((e, i) => {
    const f = join(dir, `effects_${i}.txt`);
    writeFileSync(f, Array.from(e, (x) => x.toExponential(17)).join("\n") + "\n");
    return f;
  });
  const out = execFileSync(process.env.MLMAGES_PYTHON ?? "python3", ["-c", DRIVER, published, String(DEFAULT_SEED), ...files], { encoding: "utf8", maxBuffer: 1 << 26 });
  return Number(/SECONDS (\S+)/.exec(out)[1]).toFixed(1);
}

await getCore();
const refShrink = (t) => Float64Array.from(readFileSync(packagePath("..", "shared", "oracle", "dev", "reference", `shrink_${t}.txt`), "utf8").trim().split("\n").map(Number));
const input = writeChr22Input();
const inputs = await loadRunInputs(nodeFiles, { gwas: Object.entries(input.gwas).map(([name, file]) => ({ name, file })), ld: [input.ldList] });
const ours = new Map();
for (const { name, gwas } of inputs.traits) ours.set(name, (await shrink({ gwas, ldBlocks: inputs.ldBlocks, models: inputs.models })).betaShrink);

// One two-thread runner for all: its worker starts once, as in `mlmages run`.
const twoThreads = threadedRestarts(2);
console.log(`input\ttraits\tvariants\tclustered\tK\tthreads\tseconds\tpublished (paper machine, 8337 variants)${published ? "\tpublished here" : ""}`);
for (const [label, effectsOf] of [["dev", refShrink], ["chr22-sized", (t) => ours.get(t)]]) {
  for (const set of SETS) {
    const effects = set.map(effectsOf);
    let res;
    for (const threads of [1, 2]) {
      const t0 = performance.now();
      res = await cluster(effects, { runRestarts: threads > 1 ? twoThreads : undefined });
      const s = (performance.now() - t0) / 1000;
      const pub = label === "chr22-sized" ? PUBLISHED[set.length] : "";
      const here = published && threads === 1 ? `\t${publishedHere(effects, input.dir)} s` : "";
      console.log(`${label}\t${set.join("-")}\t${effects[0].length}\t${res.nNonzero}\t${res.K}\t${threads}\t${s.toFixed(2)}\t${pub}${here}`);
    }
  }
}
rmSync(input.dir, { recursive: true, force: true });
