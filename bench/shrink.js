// Throughput of LD features and ensemble inference (variants per second).
// Run: npm run build && node bench/shrink.js
// Input: synthetic LD blocks of 1000 variants (R_ij = 0.9^|i-j| with a sign
// pattern), one block and ten blocks; an ensemble of 10 networks of the
// published default architecture (top 15, 2 hidden layers: 33 -> 64 -> 8 -> 1)
// with random weights (speed does not depend on them).
import "../build/js/node/wasm.js";
import { blockFeatures, blockNeighbours, featureMajorF32, featureWidth } from "../build/js/core/features.js";
import { loadEnsemble, predict } from "../build/js/core/network.js";
import { getCore } from "../build/js/core/wasm/instance.js";

const N = 1000;
const R = 15;

function syntheticBlock(n) {
  const ld = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ld[i * n + j] = 0.9 ** Math.abs(i - j) * ((i + j) % 7 === 0 && i !== j ? -1 : 1);
  return ld;
}

let seed = 1;
function rnd() {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 - 0.5;
}

function linear(inDim, outDim) {
  return { inDim, outDim, weight: Float32Array.from({ length: inDim * outDim }, rnd), bias: Float32Array.from({ length: outDim }, rnd) };
}

function network() {
  const norm = (dim) => ({ dim, weight: new Float32Array(dim).fill(1), bias: new Float32Array(dim), runningMean: new Float32Array(dim), runningVar: new Float32Array(dim).fill(1), eps: 1e-5 });
  return { topR: R, hidden: [{ linear: linear(featureWidth(R), 64), norm: norm(64) }, { linear: linear(64, 8), norm: norm(8) }], output: linear(8, 1) };
}

const ensemble = { topR: R, hiddenLayers: 2, members: Array.from({ length: 10 }, network), sources: [] };
const core = await getCore();
const ldData = syntheticBlock(N);
const beta = Float64Array.from({ length: N }, rnd);
const se = new Float64Array(N).fill(0.01);

function run(blocks) {
  let tFeat = 0;
  let tNet = 0;
  core.scoped((scope) => {
    const loaded = loadEnsemble(scope, ensemble);
    for (let b = 0; b < blocks; b++) {
      core.scoped((s) => {
        const bb = s.f64From(beta);
        const ss = s.f64From(se);
        const t0 = performance.now();
        const f = blockFeatures(s, blockNeighbours(core, ldData, N, R), bb, ss);
        const x = featureMajorF32(s, f);
        const t1 = performance.now();
        predict(s, loaded, x, N);
        tNet += performance.now() - t1;
        tFeat += t1 - t0;
      });
    }
  });
  return { tFeat, tNet };
}

run(2); // warm up
console.log("blocks  variants  features (variants/s)  ensemble of 10 (variants/s)  both (ms)");
for (const blocks of [1, 10]) {
  const reps = blocks === 1 ? 20 : 3;
  let tFeat = 0;
  let tNet = 0;
  for (let i = 0; i < reps; i++) {
    const t = run(blocks);
    tFeat += t.tFeat;
    tNet += t.tNet;
  }
  const v = blocks * N * reps;
  console.log(
    `${String(blocks).padStart(6)}  ${String(blocks * N).padStart(8)}  ${String(Math.round(v / (tFeat / 1000))).padStart(21)}  ${String(Math.round(v / (tNet / 1000))).padStart(27)}  ${((tFeat + tNet) / reps).toFixed(2).padStart(9)}`,
  );
}
console.log("published ML-MAGES (Python, one thread): 3.3-3.6 s per trait for 8337 variants (~2,400 variants/s end to end)");
