// Files for a run on Node (and Deno): names are paths; the default ensemble is
// the one shipped in the package.
import { stat } from "node:fs/promises";
import type { FileProvider } from "../core/run-inputs.js";
import { fileStream } from "./files.js";
import { mapFileError } from "./fs-errors.js";
import { ensureReadable } from "./ld-files.js";
import { readFileRange } from "./range-read.js";
import { nodeSha256 } from "./sha256.js";
import { modelFileBytes } from "./models.js";

/** Files already checked readable by readRange (a .bed is read a block at a time: checked once). */
const rangeChecked = new Set<string>();

export const nodeFiles: FileProvider = {
  async open(path) {
    await ensureReadable(path);
    return fileStream(path);
  },
  async exists(path) {
    try {
      return (await stat(path)).isFile();
    } catch {
      return false;
    }
  },
  async size(path) {
    return (await mapFileError(path, () => stat(path))).size;
  },
  async readRange(path, offset, length) {
    if (!rangeChecked.has(path)) {
      await ensureReadable(path);
      rangeChecked.add(path);
    }
    return readFileRange(path, offset, length);
  },
  sha256: nodeSha256,
  defaultModels: () => modelFileBytes([]),
};
