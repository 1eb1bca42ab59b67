// The page's worker: reads the inputs (a reference panel's .bed by slices,
// its block LD on a pool of workers), runs the pipeline with restarts on a
// pool of workers, and sends each output file as soon as its step completes,
// so the page never computes and stays responsive.
import { zipSync, strToU8 } from "fflate";
import { fetchWasm } from "../core/wasm/fetch-wasm.js";
import { InputError } from "../core/errors.js";
import { runPipeline } from "../core/pipeline.js";
import { loadRunInputs, type RunFiles } from "../core/run-inputs.js";
import { harmonisationRecord, harmonisationSettings, recordedSettings, reportSettings, runRecordJson } from "../core/run-record.js";
import { exampleFiles } from "../core/sim/example.js";
import { setWasmLoader } from "../core/wasm/instance.js";
import { droppedFiles } from "./dropped-files.js";
import type { FromWorker, RunExtras, RunSettings, ToWorker } from "./protocol.js";
import { ldDownloads } from "./ld-downloads.js";
import { workerBlockLd } from "./ld-pool.js";
import { workerRestarts } from "./restart-pool.js";
import { scope } from "./worker-scope.js";
import { runCommand } from "./run-command.js";

declare const MLMAGES_VERSION: string;
declare const MLMAGES_DEFAULT_MODELS: string[];

const here = (path: string) => new URL(path, scope.location.href).href;
setWasmLoader(() => fetchWasm(new URL(here("mlmages.wasm"))));

const outputs = new Map<string, string | Uint8Array>();
const post = (m: FromWorker) => scope.postMessage(m);

/** A file the app serves (the shipped LD block definitions), from its own origin. */
async function fetchShipped(path: string): Promise<Blob> {
  const res = await fetch(here(path));
  if (!res.ok) throw new Error(`mlmages: ${path} could not be loaded (${res.status})`);
  return res.blob();
}

/** The bundled example, made here exactly as `mlmages example` makes it. */
function example(): { files: { name: string; blob: Blob }[]; spec: RunFiles } {
  const files = exampleFiles(MLMAGES_VERSION).map((f) => ({ name: f.path, blob: new Blob([f.content]) }));
  const spec: RunFiles = { gwas: ["T1", "T2", "T3"].map((t) => ({ name: t, file: `gwas_${t}.tsv` })), ld: ["ld_blocks.txt"], genes: "genes.tsv" };
  return { files, spec };
}

function output(path: string, content: string | Uint8Array): void {
  outputs.set(path, content);
  post({ type: "output", path, content });
}

async function run(files: { name: string; blob: Blob }[], spec: RunFiles, settings: RunSettings, extras: RunExtras = {}): Promise<void> {
  const t0 = performance.now();
  outputs.clear();
  const given = new Map(files.map((f) => [f.name, f.blob]));
  const shipped = spec.panel?.blocks?.method === "published" ? spec.panel.blocks.file : undefined;
  if (shipped) given.set(shipped, await fetchShipped(shipped));
  const provider = droppedFiles(given, MLMAGES_DEFAULT_MODELS.map(here));
  const inputs = await loadRunInputs(provider, spec, (step) => post({ type: "step", step }), {
    onProgress: (step, done, total) => post({ type: "progress", step, done, total }),
    runBlocks: settings.threads > 1 ? workerBlockLd(settings.threads, here("restart-worker.js")) : undefined,
    onLd: extras.saveLd ? (ld) => ldDownloads(ld).forEach((f) => output(f.path, f.content)) : undefined,
  });
  const res = await runPipeline({
    ...inputs,
    susie: settings.susieN !== undefined ? { n: settings.susieN } : undefined,
    publishedIndexing: settings.publishedIndexing,
    seed: settings.seed,
    restarts: settings.restarts,
    K: settings.K,
    runRestarts: settings.threads > 1 ? workerRestarts(settings.threads, here("restart-worker.js")) : undefined,
    reportSettings: reportSettings(inputs, settings),
    reportNote: `mlmages ${MLMAGES_VERSION}`,
    onStep: (step) => post({ type: "step", step }),
    onProgress: (step, done, total) => post({ type: "progress", step, done, total }),
    onOutput: output,
  });
  const seconds = (performance.now() - t0) / 1000;
  const record = runRecordJson({
    mlmages: MLMAGES_VERSION,
    command: runCommand(spec, settings),
    settings: { ...recordedSettings(settings, spec.ldFull ? spec.avgBlockSize : undefined), ...harmonisationSettings(inputs.harmonisation), ...(inputs.panel ? { panel: inputs.panel } : {}) },
    traits: spec.gwas,
    inputs: inputs.inputs,
    steps: res.steps,
    seconds,
    warnings: res.warnings,
    harmonisation: harmonisationRecord(inputs.harmonisation),
  });
  output("run.json", record);
  post({ type: "done", seconds, warnings: res.warnings });
}

scope.onmessage = async (e: MessageEvent<ToWorker>) => {
  const m = e.data;
  try {
    if (m.type === "zip") {
      const tree: Record<string, Uint8Array> = {};
      for (const [path, content] of outputs) tree[`${m.folder}/${path}`] = typeof content === "string" ? strToU8(content) : content;
      const bytes = zipSync(tree, { level: 6, mtime: new Date(2025, 0, 1) });
      scope.postMessage({ type: "zip", bytes } satisfies FromWorker, [bytes.buffer]);
    } else if (m.type === "example") {
      const ex = example();
      post({ type: "files", ...ex });
      await run(ex.files, ex.spec, m.settings);
    } else {
      await run(m.files, m.spec, m.settings, m.extras);
    }
  } catch (err) {
    const file = err instanceof InputError ? err.file : undefined;
    post({ type: "error", message: (err as Error).message, file });
  }
};
