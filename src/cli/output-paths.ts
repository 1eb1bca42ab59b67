// Checks of --out before a command reads or computes anything: not empty, a
// file where a file is written and not a folder, never one of the inputs.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "./args.js";

/** --out, refused when empty (`--out=` would write into the current folder). */
export function nonEmptyOut(out: string | undefined): string {
  if (out === undefined || out.trim() === "") throw new UsageError("--out is empty: give the name of the file or folder to write");
  return out;
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const sa = statSync(a, { throwIfNoEntry: false });
  const sb = statSync(b, { throwIfNoEntry: false });
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** The files a command writes (`--out FILE`, or a prefix's files), refused when a folder or an input. */
export function checkOutputFiles(files: string[], inputs: (string | undefined)[]): void {
  for (const file of files) {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`--out ${file} is a folder: give the name of the file to write`);
    const input = inputs.find((i) => i !== undefined && i !== "" && sameFile(file, i));
    if (input !== undefined) throw new UsageError(`--out ${file} is also an input (${input}); give another file name, an input is never overwritten`);
  }
}

/** --out FILE of a command that writes one file. */
export function outputFile(out: string | undefined, inputs: (string | undefined)[]): string {
  const file = nonEmptyOut(out);
  checkOutputFiles([file], inputs);
  return file;
}

/** --out DIR of a command that writes files into a folder: refused when it is an existing file. */
export function outputFolder(out: string | undefined): string {
  const dir = nonEmptyOut(out);
  const st = statSync(dir, { throwIfNoEntry: false });
  if (st && !st.isDirectory()) throw new UsageError(`--out ${dir} is a file: give a folder to write into`);
  return dir;
}
