import { mkdir, open, readFile, rename, rm, stat, writeFile, type FileHandle } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { InputError } from "../core/errors.js";

/** Bytes read from a file per chunk. */
const CHUNK = 1 << 20;

/** A file as a web ReadableStream of bytes (pulled 1 MiB at a time), for the platform-neutral readers. */
export function fileStream(path: string): ReadableStream<Uint8Array> {
  let file: FileHandle | undefined;
  return new ReadableStream<Uint8Array>({
    async start() {
      file = await open(path, "r");
    },
    async pull(c) {
      const buf = new Uint8Array(CHUNK);
      const { bytesRead } = await file!.read(buf, 0, CHUNK, null);
      if (bytesRead === 0) {
        await file!.close();
        c.close();
      } else c.enqueue(buf.subarray(0, bytesRead));
    },
    async cancel() {
      await file?.close();
    },
  });
}

/** A whole file's bytes. */
export async function fileBytes(path: string): Promise<Uint8Array> {
  const b = await readFile(path);
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** The name a user would recognise in a message: the path as given. */
export function displayName(path: string): string {
  return path || basename(path);
}

/**
 * Creates a folder and its missing parents one level at a time, from the
 * nearest one that exists (Node 20's recursive mkdir spins forever under
 * /proc, e.g. `--out /proc/x/out.tsv`; one level at a time fails at once).
 */
async function makeFolders(dir: string): Promise<void> {
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
 * temporary name beside the target, which is renamed over it when complete.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await makeFolders(dirname(path) || ".");
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
