/** Where in an input a problem was found: file name, 1-based line and column when known. */
export interface InputPosition {
  file: string;
  line?: number;
  column?: number;
}

/**
 * A problem with the user's input. Its message names the file and, when known,
 * the line and column, so the CLI and the web app can show it as it is.
 */
export class InputError extends Error {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;

  constructor(where: InputPosition, problem: string) {
    super(where.file ? `${formatPosition(where)}: ${problem}` : problem);
    this.name = "InputError";
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
  }

  /** A mismatch between inputs, whose message already names the files involved. */
  static mismatch(file: string, message: string): InputError {
    const e = new InputError({ file: "" }, message);
    (e as { file: string }).file = file;
    return e;
  }
}

/** "file", "file, line 3" or "file, line 3, column 2". */
export function formatPosition(where: InputPosition): string {
  let s = where.file;
  if (where.line !== undefined) s += `, line ${where.line}`;
  if (where.column !== undefined) s += `, column ${where.column}`;
  return s;
}
