// Builds the web app into build/web/: the page, its worker scripts bundled by
// esbuild from src/web/, the WASM core, the default ensemble and the shipped
// LD block definitions, all served from one origin.
// Run: node scripts/build-web.js   (part of npm run build)
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CSP } from "../build/js/core/csp.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = `${root}build/web`;
const { version } = JSON.parse(readFileSync(`${root}package.json`, "utf8"));
const models = readdirSync(`${root}models/default`).filter((f) => f.endsWith(".mlm")).sort();

rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/models`, { recursive: true });
await build({
  entryPoints: { app: `${root}src/web/app.ts`, "run-worker": `${root}src/web/run-worker.ts`, "restart-worker": `${root}src/web/restart-worker.ts` },
  outdir: out,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  sourcemap: true,
  logLevel: "warning",
  define: {
    MLMAGES_VERSION: JSON.stringify(version),
    MLMAGES_DEFAULT_MODELS: JSON.stringify(models.map((m) => `models/${m}`)),
  },
});
writeFileSync(`${out}/index.html`, readFileSync(`${root}src/web/index.html`, "utf8").replace("%CSP%", CSP));
copyFileSync(`${root}src/web/app.css`, `${out}/app.css`);
copyFileSync(`${root}build/mlmages.wasm`, `${out}/mlmages.wasm`);
for (const m of models) copyFileSync(`${root}models/default/${m}`, `${out}/models/${m}`);
// the shipped LD block definitions (Berisa & Pickrell 2016), for a reference panel's --blocks EUR|AFR|ASN
mkdirSync(`${out}/ld-blocks`, { recursive: true });
for (const f of readdirSync(`${root}data/ld-blocks`).filter((f) => f.endsWith(".bed"))) copyFileSync(`${root}data/ld-blocks/${f}`, `${out}/ld-blocks/${f}`);
