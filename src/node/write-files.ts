// Writes a set of files under a folder, each whole or not at all.
import { join } from "node:path";
import type { SimFile } from "../core/sim/files.js";
import { writeFileAtomic } from "./files.js";

export async function writeFilesUnder(dir: string, files: SimFile[]): Promise<void> {
  for (const f of files) await writeFileAtomic(join(dir, f.path), f.content);
}
