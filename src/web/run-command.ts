// The `mlmages run` command line equivalent to a run in the page, for run.json.
import type { RunFiles } from "../core/run-inputs.js";
import type { RunSettings } from "./protocol.js";

export function runCommand(spec: RunFiles, s: RunSettings): string[] {
  const cmd = ["mlmages", "run", "--gwas", ...spec.gwas.map((g) => `${g.name}=${g.file}`)];
  if (spec.ld.length) cmd.push("--ld", ...spec.ld);
  if (spec.ldFull) cmd.push("--ld-full", spec.ldFull, "--avg-block-size", String(spec.avgBlockSize));
  if (spec.genes) cmd.push("--genes", spec.genes);
  if (spec.geneWindowKb) cmd.push("--gene-window", String(spec.geneWindowKb));
  if (spec.models?.length) cmd.push("--model", ...spec.models);
  cmd.push("--seed", String(s.seed), "--restarts", String(s.restarts), "--k", String(s.K), "--threads", String(s.threads));
  if (s.susieN !== undefined) cmd.push("--method", "susie", "--n", String(s.susieN));
  if (s.publishedIndexing) cmd.push("--published-indexing");
  return cmd;
}
