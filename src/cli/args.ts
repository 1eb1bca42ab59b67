// Command-line options in the style of the published tool: `--ld a.ld b.ld`
// takes every value up to the next option, as well as repeated `--ld a --ld b`
// and `--name=value`.

export type OptionSpec =
  | { type: "string"; multiple?: false; default?: string }
  | { type: "string"; multiple: true }
  | { type: "number"; default?: number; integer?: boolean; min?: number; max?: number }
  | { type: "boolean" };

export type OptionValues<S extends Record<string, OptionSpec>> = {
  [K in keyof S]: S[K] extends { type: "boolean" }
    ? boolean
    : S[K] extends { type: "number" }
      ? S[K] extends { default: number } ? number : number | undefined
      : S[K] extends { multiple: true }
        ? string[]
        : S[K] extends { default: string } ? string : string | undefined;
};

/** A mistake in how a command was called: printed with a hint to --help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Parses argv against a spec. `--help` is always accepted and reported as `help`. */
export function parseOptions<S extends Record<string, OptionSpec>>(
  argv: string[],
  spec: S,
): { values: OptionValues<S>; help: boolean; positionals: string[] } {
  const raw: Record<string, string[]> = {};
  const positionals: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    if (!arg.startsWith("--")) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option --${name}`);
    const vals = (raw[name] ??= []);
    if (s.type === "boolean") {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      vals.push("true");
      continue;
    }
    if (eq >= 0) {
      vals.push(arg.slice(eq + 1));
      continue;
    }
    const multiple = s.type === "string" && s.multiple === true;
    let took = 0;
    while (i + 1 < argv.length && !(argv[i + 1].startsWith("--") && argv[i + 1].length > 2)) {
      vals.push(argv[++i]);
      took++;
      if (!multiple) break;
    }
    if (took === 0) throw new UsageError(`--${name} needs a value`);
  }
  const values: Record<string, unknown> = {};
  for (const [name, s] of Object.entries(spec)) {
    const vals = raw[name];
    if (s.type === "boolean") values[name] = vals !== undefined;
    else if (s.type === "string" && s.multiple) values[name] = vals ?? [];
    else if (vals && vals.length > 1) throw new UsageError(`--${name} was given more than once`);
    else if (s.type === "number") values[name] = vals ? toNumber(name, vals[0], s) : s.default;
    else values[name] = vals ? vals[0] : s.default;
  }
  return { values: values as OptionValues<S>, help, positionals };
}

function toNumber(name: string, text: string, s: { integer?: boolean; min?: number; max?: number }): number {
  const v = Number(text);
  if (text.trim() === "" || !Number.isFinite(v)) throw new UsageError(`--${name} must be a number, not '${text}'`);
  if (s.integer && !Number.isInteger(v)) throw new UsageError(`--${name} must be a whole number, not '${text}'`);
  if (s.min !== undefined && v < s.min) throw new UsageError(`--${name} must be at least ${s.min}, not ${text}`);
  if (s.max !== undefined && v > s.max) throw new UsageError(`--${name} must be at most ${s.max}, not ${text}`);
  return v;
}

/** Throws a UsageError naming the first required option that is missing. */
export function requireOptions(values: Record<string, unknown>, names: string[]): void {
  for (const n of names) {
    const v = values[n];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) throw new UsageError(`--${n} is required`);
  }
}
