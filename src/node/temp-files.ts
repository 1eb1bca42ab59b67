// Temporary names for outputs being written, and their cleanup: a file or a
// run's folder is written under `.NAME.mlmages-tmp-PID-RAND` beside its final
// NAME and renamed into place when complete. A process killed before that
// leaves the temporary behind; the next mlmages writing into the same folder
// removes those of dead processes (PID no longer alive), and a SIGINT or
// SIGTERM removes this process's own (removeTrackedTempsSync).
import { existsSync, rmSync } from "node:fs";
import { lstat, readdir, rm } from "node:fs/promises";
import { join } from "node:path";

export type TempKind = "tmp" | "old";

/** `.NAME.mlmages-KIND-PID-RAND`: NAME the final name, KIND tmp (being written) or old (a replaced run's folder, being removed). */
const TEMP = /^\.(.+)\.mlmages-(tmp|old)-(\d+)-([0-9a-z]+)$/;

/** A unique id for this process's temporaries: PID-RAND. */
export function tempId(): string {
  return `${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The temporary name of `name` (a file or folder name, no path). */
export function tempName(name: string, kind: TempKind, id: string): string {
  return `.${name}.mlmages-${kind}-${id}`;
}

export interface TempEntry {
  /** The entry's name in its folder. */
  entry: string;
  /** The final name it stands for. */
  name: string;
  kind: TempKind;
  /** PID-RAND of the process that made it. */
  id: string;
  pid: number;
}

/** The parts of a temporary name, or null when `entry` is not one. */
export function parseTempName(entry: string): TempEntry | null {
  const m = TEMP.exec(entry);
  return m ? { entry, name: m[1], kind: m[2] as TempKind, id: `${m[3]}-${m[4]}`, pid: Number(m[3]) } : null;
}

/**
 * Whether a process with this id runs. Signal 0 tests it: ESRCH means no such
 * process, EPERM one we may not signal. Where signalling is not allowed at all
 * (Deno without --allow-run) /proc answers on Linux when it may be read;
 * otherwise the process is taken to run, so that nothing of a live run is ever
 * removed (a Deno run then leaves a killed run's temporaries to the next Node
 * run, or to the user: docs/reliability.md).
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ESRCH") return false;
    if (code === "EPERM") return true;
    try {
      return existsSync("/proc/self") ? existsSync(`/proc/${pid}`) : true;
    } catch {
      return true; // not even /proc may be read (Deno asks --allow-all for it)
    }
  }
}

/** The temporaries in `dir` left by processes that no longer run (none when `dir` cannot be read). */
export async function deadTemps(dir: string): Promise<TempEntry[]> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.map(parseTempName).filter((t): t is TempEntry => t !== null && !processAlive(t.pid));
}

const cleaned = new Set<string>();

/** Removes, once per folder and process, the temporary files (not folders) that dead processes left in `dir`. */
export async function removeDeadTempFiles(dir: string): Promise<void> {
  if (cleaned.has(dir)) return;
  cleaned.add(dir);
  for (const t of await deadTemps(dir)) {
    if (t.kind !== "tmp") continue;
    const path = join(dir, t.entry);
    const st = await lstat(path).catch(() => null);
    if (st?.isFile()) await rm(path, { force: true });
  }
}

const tracked = new Set<string>();

/** Notes a temporary file or folder of this process, to be removed if the process is interrupted. */
export function trackTemp(path: string): void {
  tracked.add(path);
}

/** Forgets a temporary (renamed into place, or removed). */
export function untrackTemp(path: string): void {
  tracked.delete(path);
}

/** Blocks this thread for `ms` milliseconds (a signal handler cannot await). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Removes every tracked temporary at once (from a signal handler, before
 * exiting). File operations already in flight on libuv's threads can still
 * create an entry while, or just after, a folder is removed: each removal is
 * checked and repeated after a pause until the path is gone (at most ~1 s).
 */
export function removeTrackedTempsSync(): void {
  for (const p of tracked) {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        rmSync(p, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
      } catch {
        // an entry appeared while the folder was emptied: try again
      }
      if (!existsSync(p)) break;
      pause(50);
    }
  }
  tracked.clear();
}
