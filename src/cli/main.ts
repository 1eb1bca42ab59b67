// The mlmages command line: dispatches to one module per command.
import { InputError } from "../core/errors.js";
import "../node/wasm.js";
import { fileError } from "../node/fs-errors.js";
import { packageVersion } from "../node/package-root.js";
import { removeTrackedTempsSync } from "../node/temp-files.js";
import { UsageError } from "./args.js";
import type { Command } from "./command.js";
import { error, note } from "./console.js";

/** Signals that stop a command, with the exit code a shell expects (128 + the signal's number). */
const STOP_SIGNALS: [NodeJS.Signals, number][] = [
  ["SIGINT", 130],
  ["SIGTERM", 143],
  ["SIGHUP", 129],
];

/**
 * While a command runs, a stop signal removes its unfinished outputs (the
 * temporaries it is writing), says so in one line and exits; the outputs it
 * completed before stay. Returns the function that removes the handlers.
 */
function stopOnSignals(): () => void {
  const handlers = STOP_SIGNALS.map(([signal, code]) => {
    const handler = () => {
      removeTrackedTempsSync();
      note(`interrupted (${signal}); stopped without leaving a partial output`);
      process.exit(code);
    };
    process.on(signal, handler);
    return [signal, handler] as const;
  });
  return () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
}

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
  const stopHandlers = stopOnSignals();
  try {
    const { command } = await load();
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(command.help + "\n");
      return 0;
    }
    return await command.run(rest);
  } catch (thrown) {
    // a file call's failure (ENOSPC, EACCES, ...) that no reader named: one line naming its path
    const e = fileError(thrown);
    if (e instanceof UsageError) {
      error(`${e.message} (see mlmages ${name} --help)`);
      return 2;
    }
    if (e instanceof InputError) {
      error(e.message);
      return 1;
    }
    const err = e as Error;
    error(err?.message ?? String(e));
    if (process.env.MLMAGES_DEBUG) process.stderr.write(`${err?.stack}\n`);
    return 1;
  } finally {
    // what a failed command was writing (a run's temporary folder, a file's temporary) is removed
    removeTrackedTempsSync();
    stopHandlers();
  }
}
