// Regenerates the shipped default ensemble, models/default/default.mlm, from
// mlmages' own simulator only (never from ../shared). Seeded: the same run gives
// the same bytes. Takes tens of minutes on two cores; not part of CI.
// Run: npm run build && npm run train-default
import { writeFileSync, mkdirSync } from "node:fs";
import "../build/js/node/wasm.js";
import { getCore } from "../build/js/core/wasm/instance.js";
import { DEFAULT_RECIPE, recipeSamples } from "../build/js/core/train/default-recipe.js";
import { train } from "../build/js/core/train/train.js";
import { writeNativeModel } from "../build/js/core/models/native.js";

const recipe = { ...DEFAULT_RECIPE, ...(process.env.PANELS ? { panels: Number(process.env.PANELS) } : {}) };
const members = Number(process.env.MEMBERS ?? 10);
// experiment knobs (the shipped default uses the trainer's defaults)
const knobs = { ...(process.env.PATIENCE ? { patience: Number(process.env.PATIENCE) } : {}), ...(process.env.NZ_WEIGHT ? { nzWeight: Number(process.env.NZ_WEIGHT) } : {}) };
const t0 = performance.now();
const core = await getCore();
const samples = recipeSamples(core, recipe, (d, n) => process.stderr.write(`\rsimulating panel ${d}/${n}`));
process.stderr.write(`\n${samples.n} training samples in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
const res = await train({
  samples,
  topR: recipe.topR,
  units: recipe.units,
  trainingRange: { medianSe: samples.medianSe, n: recipe.n },
  layers: 2,
  members,
  seed: recipe.seed,
  ...knobs,
  onEpoch: (p) => {
    process.stderr.write(`\rmember ${p.member + 1}/${members} epoch ${p.epoch} train ${p.trainLoss.toExponential(3)} val ${p.valLoss.toExponential(3)} best epoch ${p.bestEpoch}   `);
  },
});
process.stderr.write(`\ntrained in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
mkdirSync(new URL("../models/default/", import.meta.url), { recursive: true });
const meta = { recipe: "scripts/train-default.js", simulation: recipe, training: res.recipe, members: res.members.map((m) => ({ seed: m.seed, bestEpoch: m.bestEpoch, bestValLoss: m.bestValLoss, epochsRun: m.epochsRun })) };
const out = process.env.OUT ?? "models/default/default.mlm";
writeFileSync(out, writeNativeModel(res.ensemble, meta));
process.stderr.write(`wrote ${out}\n`);
