import { mkdir, open, rename, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InputError } from "../core/errors.js";
import { fileError, mapFileError } from "./fs-errors.js";
import { removeDeadTempFiles, tempId, tempName, trackTemp, untrackTemp } from "./temp-files.js";

/** Bytes read from a file per chunk. */
const CHUNK = 1 << 20;

/**
 * Fails with a one-line message naming the path unless `path` is a regular
 * file: a folder, a FIFO, a socket or a device is refused before it is opened
 * (opening a FIFO waits for a writer, and a reader may need to read an input
 * twice or know its size).
 */
export async function checkInputFile(path: string): Promise<void> {
  if (path === "") throw new InputError({ file: "''" }, "an input file name is empty");
  const st = await mapFileError(path, () => stat(path));
  if (st.isDirectory()) throw new InputError({ file: path }, "is a folder, not a file (EISDIR)");
  if (!st.isFile()) {
    throw new InputError({ file: path }, "is not a regular file (a FIFO, socket or device); give the file itself (gzipped files are read as they are)");
  }
}

/** Every input file this process opened, by device and inode, so that no output replaces one. */
const inputsRead = new Map<string, string>();
const identity = (st: { dev: number; ino: number }) => `${st.dev}:${st.ino}`;

/** Opens an input file for reading, once, after checkInputFile. */
async function openInput(path: string): Promise<FileHandle> {
  await checkInputFile(path);
  const file = await mapFileError(path, () => open(path, "r"));
  inputsRead.set(identity(await file.stat()), path);
  return file;
}

/** A file as a web ReadableStream of bytes (pulled 1 MiB at a time), for the platform-neutral readers. */
export function fileStream(path: string): ReadableStream<Uint8Array> {
  let file: FileHandle | undefined;
  return new ReadableStream<Uint8Array>({
    async start() {
      file = await openInput(path);
    },
    async pull(c) {
      // not zero-filled: only the bytes read are handed on (zeroing 1 MiB a chunk costs as much as reading it)
      const buf = Buffer.allocUnsafeSlow(CHUNK);
      const { bytesRead } = await mapFileError(path, () => file!.read(buf, 0, CHUNK, null));
      if (bytesRead === 0) {
        await file!.close();
        c.close();
      } else c.enqueue(new Uint8Array(buf.buffer, buf.byteOffset, bytesRead));
    },
    async cancel() {
      await file?.close();
    },
  });
}

/** A whole file's bytes. */
export async function fileBytes(path: string): Promise<Uint8Array> {
  const file = await openInput(path);
  try {
    const b = await mapFileError(path, () => file.readFile());
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } finally {
    await file.close();
  }
}

/** A whole text file (UTF-8). */
export async function fileText(path: string): Promise<string> {
  return new TextDecoder().decode(await fileBytes(path));
}

/**
 * Creates a folder and its missing parents one level at a time, from the
 * nearest one that exists (Node 20's recursive mkdir spins forever under
 * /proc, e.g. `--out /proc/x/out.tsv`; one level at a time fails at once).
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      await stat(d);
      break;
    } catch {
      missing.push(d);
      if (dirname(d) === d) break;
    }
  }
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "EEXIST") throw new InputError({ file: d }, `cannot create this output folder (${code})`);
    }
  }
}

/**
 * Writes a file so that it appears whole or not at all: the content goes to a
 * temporary name beside the target (`.NAME.mlmages-tmp-PID-RAND`), which is
 * renamed over it when complete. Temporaries that killed processes left in the
 * folder are removed first; this process's own is removed if it is interrupted.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  if (basename(path) === "") throw new InputError({ file: `'${path}'` }, "is not a file name");
  const dir = dirname(path) || ".";
  await makeFolders(dir);
  const st = await stat(path).catch(() => null);
  if (st?.isDirectory()) throw new InputError({ file: path }, "is a folder: give a file name to write (EISDIR)");
  const input = st && inputsRead.get(identity(st));
  if (input) throw new InputError({ file: path }, `is the input ${input}; an input is never overwritten: write elsewhere`);
  await removeDeadTempFiles(dir);
  const tmp = join(dir, tempName(basename(path), "tmp", tempId()));
  trackTemp(tmp);
  try {
    await mapFileError(path, () => writeFile(tmp, content, { flag: "wx" }));
    await mapFileError(path, () => rename(tmp, path));
  } catch (e) {
    await rm(tmp, { force: true });
    throw fileError(e, path);
  } finally {
    untrackTemp(tmp);
  }
}
