// Byte ranges of a file on Node (a plink .bed is read a block at a time).
import { open } from "node:fs/promises";

/** Bytes [offset, offset + length) of the file at `path` (fewer only at its end). */
export async function readFileRange(path: string, offset: number, length: number): Promise<Uint8Array> {
  const file = await open(path, "r");
  try {
    const buf = new Uint8Array(length);
    let got = 0;
    while (got < length) {
      const { bytesRead } = await file.read(buf, got, length - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return got === length ? buf : buf.subarray(0, got);
  } finally {
    await file.close();
  }
}
