// The `mlmages run` command line equivalent to a run in the page, for run.json.
import type { RunFiles } from "../core/run-inputs.js";
import type { RunSettings } from "./protocol.js";

/** --blocks (and --build, or --avg-block-size), --keep and --maf of a panel run. */
function panelArgs(p: NonNullable<RunFiles["panel"]>): string[] {
  const shipped = p.blocks?.method === "published" ? /Berisa\.(\w+)\.hg(19|38)\.bed$/.exec(p.blocks.file) : null;
  const blocks = shipped ? ["--blocks", shipped[1], "--build", shipped[2] === "19" ? "37" : "38"] : p.blocks ? ["--blocks", p.blocks.file] : ["--blocks", "split", "--avg-block-size", String(p.avgBlockSize ?? 1000)];
  return [...blocks, ...(p.keep ? ["--keep", p.keep] : []), ...(p.maf ? ["--maf", String(p.maf)] : [])];
}

export function runCommand(spec: RunFiles, s: RunSettings): string[] {
  const cmd = ["mlmages", "run", "--gwas", ...spec.gwas.map((g) => `${g.name}=${g.file}`)];
  if (spec.ld.length) cmd.push("--ld", ...spec.ld);
  if (spec.ldFull) cmd.push("--ld-full", spec.ldFull, "--avg-block-size", String(spec.avgBlockSize));
  if (spec.panel) cmd.push("--panel", spec.panel.prefix, ...panelArgs(spec.panel));
  if (spec.genes) cmd.push("--genes", spec.genes);
  if (spec.geneWindowKb) cmd.push("--gene-window", String(spec.geneWindowKb));
  if (spec.models?.length) cmd.push("--model", ...spec.models);
  cmd.push("--seed", String(s.seed), "--restarts", String(s.restarts), "--k", String(s.K), "--threads", String(s.threads));
  if (s.susieN !== undefined) cmd.push("--method", "susie", "--n", String(s.susieN));
  if (s.publishedIndexing) cmd.push("--published-indexing");
  return cmd;
}
