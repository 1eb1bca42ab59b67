// Training throughput (samples per second) of the published default
// architecture (top 15, 2 hidden layers: 33 -> 64 -> 8 -> 1, dropout 0.2/0.1),
// batch 100, float32 WASM SIMD kernels, one thread.
// Run: npx asc assembly/index.ts --target release && npx tsc -p tsconfig.json && node bench/train.js
// Input: 50,000 synthetic samples (uniform features, half of the targets 0);
// speed does not depend on the values.
//   step:  mini-batch gather + forward + backward + L2 gradient + Adam, per sample
//   epoch: whole epochs through train() (shuffle, steps, eval-mode validation
//          loss on a 20% split), training samples per second
import { seededUniform } from "../build/js/core/random.js";
import "../build/js/node/wasm.js";
import { parameterLayout, publishedArchitecture } from "../build/js/core/train/architecture.js";
import { initParameters } from "../build/js/core/train/init.js";
import { TrainableNetwork } from "../build/js/core/train/trainable.js";
import { trainWith } from "../build/js/core/train/train.js";
import { getCore } from "../build/js/core/wasm/instance.js";

const R = 15;
const N = 50_000;
const BATCH = 100;
const WIDTH = 2 * R + 3;


const u = seededUniform(1);
const samples = {
  n: N,
  width: WIDTH,
  x: Float32Array.from({ length: N * WIDTH }, () => u() - 0.5),
  y: Float32Array.from({ length: N }, () => (u() < 0.5 ? 0 : (u() - 0.5) * 0.1)),
};
const core = await getCore();
const layout = parameterLayout(publishedArchitecture(R, 2));

core.scoped((s) => {
  const net = new TrainableNetwork(s, layout, initParameters(layout, u), BATCH);
  const k = core.kernels();
  const rows = s.f32From(samples.x);
  const target = s.f32From(samples.y);
  const order = s.i32(N);
  order.set(Int32Array.from({ length: N }, (_, i) => i));
  const xb = s.f32(WIDTH * BATCH);
  const yb = s.f32(BATCH);
  const keys = [1, 2];
  const pass = () => {
    for (let start = 0; start + BATCH <= N; start += BATCH) {
      k.gatherBatch(rows.ptr, WIDTH, target.ptr, order.ptr + 4 * start, BATCH, xb.ptr, yb.ptr);
      keys[0]++;
      keys[1]++;
      net.lossAndGradient(xb.ptr, yb.ptr, BATCH, 2, keys);
      net.addL2Gradient(1e-5);
      net.adamStep(1e-4);
    }
  };
  pass();
  const reps = 3;
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) pass();
  const sec = (performance.now() - t0) / 1000;
  console.log(`step   top15 2L, batch ${BATCH}: ${Math.round((reps * N) / sec).toLocaleString("en")} samples/s (${((sec / reps / (N / BATCH)) * 1e6).toFixed(1)} us per mini-batch)`);
});

const epochs = 3;
const t1 = performance.now();
const res = trainWith(core, { samples, topR: R, layers: 2, members: 1, epochs, patience: epochs });
const sec = (performance.now() - t1) / 1000;
const nTrain = res.recipe.nTrain;
console.log(`epoch  top15 2L, batch ${BATCH}, ${nTrain} training + ${res.recipe.nVal} validation samples: ${Math.round((epochs * nTrain) / sec).toLocaleString("en")} training samples/s (${(sec / epochs).toFixed(2)} s per epoch)`);
