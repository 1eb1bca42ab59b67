// Runs one command of the command line: its --help, its errors as one line
// and an exit code, and stop signals that remove its unfinished outputs. The
// build also bundles each command alone with this module (build/cli/commands/),
// so that a command loads only what it needs.
import { InputError } from "../core/errors.js";
import "../node/wasm.js";
import { fileError } from "../node/fs-errors.js";
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

/** Runs command `name` (loaded by `load`) on its arguments and returns the exit code. */
export async function runCommand(name: string, load: () => Promise<{ command: Command }>, rest: string[]): Promise<number> {
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
