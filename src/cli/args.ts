// Command-line options in the style of the published tool: `--ld a.ld b.ld`
// takes every value up to the next option, as well as repeated `--ld a --ld b`
// and `--name=value`. Every numeric option has a range (NumberRange), stated in
// its command's --help by `range()` and enforced here; an unknown option
// (`--x` or `-x`) or an argument no option takes is a UsageError.

/** The values a numeric option accepts: min to max, either end excluded when said. */
export interface NumberRange {
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  /** min itself is refused (the range is open there). */
  aboveMin?: boolean;
  /** max itself is refused. */
  belowMax?: boolean;
}

export type OptionSpec =
  | { type: "string"; multiple?: false; default?: string }
  | { type: "string"; multiple: true }
  | ({ type: "number"; default?: number } & NumberRange)
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

export interface ParseSettings {
  /** The command takes bare arguments (e.g. convert-model's input files); otherwise they are refused. */
  positionals?: boolean;
}

/** `-x`, `-abc`: a short option (none exists but -h), never taken as an option's value; "-1" and "-" are values. */
function isShortOption(arg: string): boolean {
  return /^-[A-Za-z]/.test(arg);
}

function isOption(arg: string): boolean {
  return (arg.startsWith("--") && arg.length > 2) || isShortOption(arg);
}

/** Parses argv against a spec. `--help` / `-h` is always accepted and reported as `help`. */
export function parseOptions<S extends Record<string, OptionSpec>>(
  argv: string[],
  spec: S,
  settings: ParseSettings = {},
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
    if (isShortOption(arg)) throw new UsageError(`unknown option ${arg}`);
    if (!arg.startsWith("--")) {
      if (!settings.positionals) throw new UsageError(`unexpected argument '${arg}' (every value follows its option, e.g. --out DIR)`);
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
    while (i + 1 < argv.length && !isOption(argv[i + 1])) {
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

/** A bound as written in help and messages: 1000, 0.5, 1e-12, 4294967295. */
function formatBound(x: number): string {
  const s = String(x);
  return s.length <= 10 ? s : x.toExponential().replace("e+", "e");
}

/** A range as help and messages state it: "1..1000" for whole numbers, "(0, 1]" otherwise. */
export function range(r: NumberRange): string {
  if (r.integer && !r.aboveMin && !r.belowMax) return `${formatBound(r.min)}..${formatBound(r.max)}`;
  return `${r.aboveMin ? "(" : "["}${formatBound(r.min)}, ${formatBound(r.max)}${r.belowMax ? ")" : "]"}`;
}

/** Whether v lies in the range (integrality aside). */
export function inRange(v: number, r: NumberRange): boolean {
  return (r.aboveMin ? v > r.min : v >= r.min) && (r.belowMax ? v < r.max : v <= r.max);
}

function toNumber(name: string, text: string, s: NumberRange): number {
  const v = Number(text);
  const what = s.integer ? "a whole number" : "a number";
  if (text.trim() === "" || !Number.isFinite(v) || (s.integer && !Number.isInteger(v)) || !inRange(v, s)) {
    throw new UsageError(`--${name} must be ${what} in ${range(s)}, not '${text}'`);
  }
  return v;
}

/** Throws a UsageError naming the first required option that is missing. */
export function requireOptions(values: Record<string, unknown>, names: string[]): void {
  for (const n of names) {
    const v = values[n];
    if (v === undefined || (Array.isArray(v) && v.length === 0)) throw new UsageError(`--${n} is required`);
  }
}
