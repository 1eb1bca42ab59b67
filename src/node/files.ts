import { mkdir, open, readFile, rename, rm, writeFile, type FileHandle } from "node:fs/promises";
import { basename, dirname } from "node:path";

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
 * Writes a file so that it appears whole or not at all: the content goes to a
 * temporary name beside the target, which is renamed over it when complete.
 */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path) || ".", { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
