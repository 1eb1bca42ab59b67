/** One CLI subcommand. `run` gets the arguments after the command name and returns the exit code. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text, printed by `mlmages <name> --help`. */
  help: string;
  run(argv: string[]): Promise<number>;
}
