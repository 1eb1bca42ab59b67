// The mlmages command line: dispatches to one module per command (the command
// list and help here; running one, with its signals and errors, in dispatch.ts).
import { packageVersion } from "../node/package-root.js";
import type { Command } from "./command.js";
import { error } from "./console.js";
import { runCommand } from "./dispatch.js";

const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  run: () => import("./commands/run.js"),
  shrink: () => import("./commands/shrink.js"),
  "convert-model": () => import("./commands/convert-model.js"),
  simulate: () => import("./commands/simulate.js"),
  example: () => import("./commands/example.js"),
  train: () => import("./commands/train.js"),
  evaluate: () => import("./commands/evaluate.js"),
  enrich: () => import("./commands/enrich.js"),
  cluster: () => import("./commands/cluster.js"),
  blocks: () => import("./commands/blocks.js"),
  ld: () => import("./commands/ld.js"),
  genes: () => import("./commands/genes.js"),
  prepare: () => import("./commands/prepare.js"),
  merge: () => import("./commands/merge.js"),
  report: () => import("./commands/report.js"),
};

async function usage(): Promise<string> {
  const lines = [
    `mlmages ${packageVersion()}: ML-MAGES on WebAssembly: effect-size shrinkage, clustering and gene-level tests from GWAS summary statistics`,
    "",
    "Usage: mlmages <command> [options]      (mlmages <command> --help for a command's options)",
    "",
    "Commands:",
  ];
  for (const load of Object.values(COMMANDS)) {
    const { command } = await load();
    lines.push(`  ${command.name.padEnd(15)} ${command.summary}`);
  }
  lines.push("", "Options:", "  -h, --help      this help", "  -V, --version   the version");
  return lines.join("\n");
}

/** Runs the CLI on argv (without node and script) and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write((await usage()) + "\n");
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-V") {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    error(`unknown command '${name}'; see mlmages --help`);
    return 2;
  }
  return runCommand(name, load, rest);
}
