// A run's output folder, written as a whole: every file goes into a temporary
// folder beside --out (`.OUT.mlmages-tmp-PID-RAND`, same parent, so the same
// file system), which is renamed into place only when the run is complete. A
// previous run's folder there is replaced: renamed aside (`.OUT.mlmages-old-
// PID-RAND`), the new one renamed in, the old one removed. So a run killed at
// any moment leaves --out holding the previous complete set or the new one,
// never a mix. A lock file beside --out (`.OUT.mlmages-lock`, holding the PID)
// keeps two runs from writing one folder at once. What killed runs leave
// beside --out is cleaned up by the next run into it: a swap cut between its
// two renames is finished (or undone), dead temporaries are removed.
import { readFileSync, renameSync } from "node:fs";
import { link, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { InputError } from "../core/errors.js";
import { makeFolders } from "./files.js";
import { fileError, mapFileError } from "./fs-errors.js";
import { deadTemps, processAlive, tempId, tempName, trackTemp, untrackTemp, type TempEntry } from "./temp-files.js";

/** What `mlmages run` writes at the top of its folder: a folder holding only these (and run.json) may be replaced. */
export const RUN_ENTRIES = new Set(["blocks", "harmonised", "harmonisation.tsv", "shrinkage", "clustering", "genes", "figures", "report.html", "run.json"]);

/** The record a complete run writes last: its presence marks a folder as complete. */
const RECORD = "run.json";

function lockName(name: string): string {
  return `.${name}.mlmages-lock`;
}

async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => null)) !== null;
}

/** Whether `dir` holds the complete output of an mlmages run: run.json of `mlmages run`, and nothing run does not write. */
async function isRunFolder(dir: string, entries: string[]): Promise<boolean> {
  if (!entries.includes(RECORD) || entries.some((e) => !RUN_ENTRIES.has(e))) return false;
  try {
    const record = JSON.parse(await readFile(join(dir, RECORD), "utf8"));
    return typeof record.mlmages === "string" && Array.isArray(record.command) && record.command[1] === "run";
  } catch {
    return false;
  }
}

/**
 * Takes the lock of `out`, replacing one left by a dead process. The lock
 * appears with its PID already in it (written aside, then hard-linked, which
 * fails when the lock exists), so no run ever reads a lock still empty. Should
 * two runs take over one dead lock at the same instant, the renames in commit()
 * still leave one complete run in --out.
 */
async function takeLock(out: string, lock: string): Promise<void> {
  const mine = join(dirname(lock), tempName(basename(lock), "tmp", tempId()));
  trackTemp(mine);
  try {
    await mapFileError(out, () => writeFile(mine, `${process.pid}\n`));
    await linkLock(out, mine, lock);
  } finally {
    await rm(mine, { force: true });
    untrackTemp(mine);
  }
}

async function linkLock(out: string, mine: string, lock: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await link(mine, lock).catch(async (e: NodeJS.ErrnoException) => {
        // a file system without hard links: an exclusive create instead
        if (e.code === "EEXIST") throw e;
        await writeFile(lock, `${process.pid}\n`, { flag: "wx" });
      });
      trackTemp(lock);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw fileError(e, lock);
    }
    let pid = NaN;
    try {
      pid = Number.parseInt(readFileSync(lock, "utf8"), 10);
    } catch {
      continue; // removed meanwhile: try again
    }
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) {
      throw new InputError({ file: out }, `another mlmages run (process ${pid}) is writing this folder; wait for it to end or choose another --out (if no mlmages runs, remove ${lock})`);
    }
    await rm(lock, { force: true });
  }
  throw new InputError({ file: out }, `cannot take the lock ${lock}: other runs keep replacing it`);
}

/**
 * Finishes a replacement that a killed run left half done: --out missing, the
 * previous folder renamed aside, the new one complete in its temporary folder
 * (commit() renames the old folder aside only once the new one is complete).
 * An old folder without its new one is what remains of a finished
 * replacement, being removed: it is never put back.
 */
async function recover(parent: string, out: string, dead: TempEntry[]): Promise<void> {
  if (await exists(out)) return;
  for (const old of dead.filter((t) => t.kind === "old")) {
    const fresh = dead.find((t) => t.kind === "tmp" && t.id === old.id);
    if (fresh && (await exists(join(parent, fresh.entry, RECORD)))) {
      await mapFileError(out, () => rename(join(parent, fresh.entry), out));
      return;
    }
  }
}

/** Refuses an --out that is not a folder this run may replace as a whole. */
async function checkReplaceable(out: string, inputs: string[]): Promise<void> {
  const st = await lstat(out).catch(() => null);
  if (st?.isSymbolicLink()) throw new InputError({ file: out }, "is a symbolic link; give the folder itself as --out");
  if (st && !st.isDirectory()) throw new InputError({ file: out }, "is a file, not a folder; give a folder as --out");
  const abs = resolve(out);
  for (const input of inputs) {
    const rel = relative(abs, resolve(input));
    if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) {
      throw new InputError({ file: out }, `the input ${input} is inside this output folder, which the run replaces as a whole; choose another --out`);
    }
  }
  if (!st) return;
  const entries = await mapFileError(out, () => readdir(out));
  if (entries.length && !(await isRunFolder(out, entries))) {
    const shown = entries.slice(0, 3).join(", ") + (entries.length > 3 ? ", ..." : "");
    throw new InputError({ file: out }, `holds files that are not a complete mlmages run (${shown}); give a new or empty folder as --out (a run replaces a previous run's folder as a whole, and never deletes other files)`);
  }
}

/** The output folder of one run: open it, write files into it, then commit. A failure or an interrupt before the commit leaves the temporary folder and the lock to removeTrackedTempsSync. */
export class RunFolder {
  private constructor(
    /** --out as given (named in messages). */
    readonly out: string,
    private readonly tmp: string,
    private readonly lock: string,
    private readonly id: string,
  ) {}

  /** Folders made inside the temporary folder so far (each made once). */
  private readonly made = new Set<string>();

  /** Checks --out, takes its lock, cleans up after killed runs and makes the temporary folder. */
  static async open(out: string, inputs: string[]): Promise<RunFolder> {
    if (out === "") throw new InputError({ file: "''" }, "the output folder name is empty");
    const abs = resolve(out);
    const parent = dirname(abs);
    const name = basename(abs);
    if (abs === parent) throw new InputError({ file: out }, "is the root folder; give a folder to write the run into");
    await checkReplaceable(out, inputs);
    await makeFolders(parent);
    const lock = join(parent, lockName(name));
    await takeLock(out, lock);
    try {
      const dead = (await deadTemps(parent)).filter((t) => t.name === name || t.name === lockName(name));
      await recover(parent, abs, dead.filter((t) => t.name === name));
      for (const t of dead) await rm(join(parent, t.entry), { recursive: true, force: true });
      await checkReplaceable(out, inputs);
      const id = tempId();
      const tmp = join(parent, tempName(name, "tmp", id));
      trackTemp(tmp);
      await mapFileError(out, () => mkdir(tmp));
      return new RunFolder(out, tmp, lock, id);
    } catch (e) {
      await rm(lock, { force: true });
      untrackTemp(lock);
      throw e;
    }
  }

  /**
   * Writes one output file (path relative to the folder): a string, bytes, or
   * pieces of text written in order as they are made. Its folders are made
   * one level at a time inside the temporary folder, never the temporary
   * folder itself: a write in flight when a signal handler removes that folder
   * fails rather than bringing it back.
   */
  async write(path: string, content: string | Uint8Array | Iterable<string>): Promise<void> {
    const shown = join(this.out, path);
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = join(this.tmp, ...parts.slice(0, i));
      if (this.made.has(dir)) continue;
      await mkdir(dir).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "EEXIST") throw fileError(e, shown);
      });
      this.made.add(dir);
    }
    await mapFileError(shown, () => writeFile(join(this.tmp, path), content));
  }

  /** Puts the complete folder in place of --out (replacing a previous run's), then releases the lock. */
  async commit(): Promise<void> {
    const abs = resolve(this.out);
    const old = join(dirname(abs), tempName(basename(abs), "old", this.id));
    const present = await stat(abs).catch(() => null);
    // synchronous, so that a SIGINT handler cannot run between the two renames
    if (present) {
      try {
        renameSync(abs, old);
      } catch (e) {
        throw fileError(e, this.out);
      }
    }
    try {
      renameSync(this.tmp, abs);
    } catch (e) {
      if (present) renameSync(old, abs);
      throw fileError(e, this.out);
    }
    untrackTemp(this.tmp);
    if (present) {
      trackTemp(old);
      await rm(old, { recursive: true, force: true });
      untrackTemp(old);
    }
    await this.release();
  }

  private async release(): Promise<void> {
    await rm(this.lock, { force: true });
    untrackTemp(this.lock);
  }
}
