import type { OptionSpec } from "./args.js";

/** One CLI subcommand. `run` gets the arguments after the command name and returns the exit code. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text, printed by `mlmages <name> --help`. */
  help: string;
  /** Its options (the numeric ones with their ranges), as parseOptions takes them. */
  options: Record<string, OptionSpec>;
  run(argv: string[]): Promise<number>;
}
