// Clustering time (25 restarts, K = 20, default seed) on the dev shrunk effects
// (1191 variants) and on a chromosome-22-sized input (the dev effects repeated
// 7 times: 8337 variants), for 1, 2 and 3 traits, on 1 and 2 threads, beside
// the published Python figures on the 8337-variant input.
// Run: npm run build && node bench/cluster.js
import { readFileSync } from "node:fs";
import "../build/js/node/wasm.js";
import { cluster } from "../build/js/core/cluster/cluster.js";
import { getCore } from "../build/js/core/wasm/instance.js";
import { threadedRestarts } from "../build/js/node/cluster-workers.js";
import { packagePath } from "../build/js/node/package-root.js";

const ref = (t) => Float64Array.from(readFileSync(packagePath("..", "shared", "oracle", "dev", "reference", `shrink_${t}.txt`), "utf8").trim().split("\n").map(Number));
const repeat = (x, times) => {
  const y = new Float64Array(x.length * times);
  for (let i = 0; i < times; i++) y.set(x, i * x.length);
  return y;
};
const PUBLISHED = { 1: "21-36 s", 2: "9.4 s", 3: "9.0 s" };
const SETS = [["T1"], ["T2"], ["T3"], ["T1", "T2"], ["T1", "T2", "T3"]];

await getCore();
console.log("input\ttraits\tvariants\tclustered\tK\tthreads\tseconds\tpublished (8337 variants, 1 thread)");
for (const [label, times] of [["dev", 1], ["chr22-sized", 7]]) {
  for (const set of SETS) {
    const effects = set.map((t) => repeat(ref(t), times));
    for (const threads of [1, 2]) {
      const t0 = performance.now();
      const res = await cluster(effects, { runRestarts: threads > 1 ? threadedRestarts(threads) : undefined });
      const s = (performance.now() - t0) / 1000;
      const pub = times === 7 ? PUBLISHED[set.length] : "";
      console.log(`${label}\t${set.join("-")}\t${effects[0].length}\t${res.nNonzero}\t${res.K}\t${threads}\t${s.toFixed(2)}\t${pub}`);
    }
  }
}
