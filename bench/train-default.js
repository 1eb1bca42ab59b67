// Time of one member of `npm run train-default` (the full recipe's simulation,
// then one network), and the training throughput it reaches.
// Run: npm run build && node bench/train-default.js   (a few minutes)
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const dir = mkdtempSync(join(tmpdir(), "mlmages-bench-"));
const t0 = performance.now();
const log = execFileSync("node", [new URL("../scripts/train-default.js", import.meta.url).pathname], {
  env: { ...process.env, MEMBERS: "1", OUT: join(dir, "one.mlm") },
  encoding: "utf8",
  stdio: ["ignore", "pipe", "pipe"],
});
rmSync(dir, { recursive: true, force: true });
const total = (performance.now() - t0) / 1000;
const sim = /(\d+) training samples in (\d+) s/.exec(log);
console.log(`one train-default member: ${total.toFixed(0)} s in all${sim ? ` (${sim[2]} s simulating ${sim[1]} variants, ${(total - Number(sim[2])).toFixed(0)} s training)` : ""}`);
