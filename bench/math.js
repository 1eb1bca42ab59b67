// Speed of the deterministic elementary functions (src/core/math.ts) against
// the engine's Math.*: nanoseconds per call over 1,000,000 arguments in each
// function's usual range, best of 7 passes (after a warm-up pass).
// Run: npx tsc -p tsconfig.json && node bench/math.js
import * as dm from "../build/js/core/math.js";
import { Rng } from "../build/js/core/random.js";

const N = 1_000_000;
const PASSES = 7;
const rng = new Rng(1);

function args(gen) {
  const a = new Float64Array(N);
  for (let i = 0; i < N; i++) a[i] = gen();
  return a;
}

const cases = [
  ["log", dm.log, Math.log, args(() => Math.exp((rng.uniform() - 0.5) * 100))],
  ["exp", dm.exp, Math.exp, args(() => (rng.uniform() - 0.5) * 100)],
  ["log1p", dm.log1p, Math.log1p, args(() => rng.uniform() * 2 - 0.9)],
  ["cos", dm.cos, Math.cos, args(() => (rng.uniform() - 0.5) * 20)],
  ["acos", dm.acos, Math.acos, args(() => rng.uniform() * 2 - 1)],
  ["log10", dm.log10, Math.log10, args(() => Math.exp((rng.uniform() - 0.5) * 100))],
];

// Each timed loop is compiled from its own source text (new Function, with a
// serial number: identical text would share compiled code and type feedback),
// so the engine sees one callee per loop and can inline it as in real inner loops.
let serial = 0;
function timer() {
  return new Function("f", "a", "n", `// loop ${serial++}\nlet s = 0; for (let i = 0; i < n; i++) s += f(a[i]); return s;`);
}

function time(f, a, n) {
  const loop = timer();
  let best = Infinity;
  let sink = 0;
  for (let p = 0; p <= PASSES; p++) {
    const t0 = performance.now();
    sink += loop(f, a, n);
    const t = performance.now() - t0;
    if (p > 0 && t < best) best = t;
  }
  if (sink === 0.5) console.log("");
  return (best * 1e6) / n;
}

const rows = [];
for (const [name, ours, ref, a] of cases) rows.push([name, time(ours, a, N), time(ref, a, N)]);

console.log(`${"function".padEnd(20)}${"mlmages ns".padStart(12)}${"Math.* ns".padStart(12)}${"ratio".padStart(8)}`);
for (const [name, ours, ref] of rows) {
  console.log(`${name.padEnd(20)}${ours.toFixed(1).padStart(12)}${ref.toFixed(1).padStart(12)}${(ours / ref).toFixed(2).padStart(8)}`);
}
