// Files for a run on Node (and Deno): names are paths; the default ensemble is
// the one shipped in the package.
import { stat } from "node:fs/promises";
import type { FileProvider } from "../core/run-inputs.js";
import { fileBytes, fileStream } from "./files.js";
import { ensureReadable } from "./ld-files.js";
import { NO_DEFAULT_MODEL, defaultModelFiles } from "./models.js";

export const nodeFiles: FileProvider = {
  async open(path) {
    await ensureReadable(path);
    return fileStream(path);
  },
  async size(path) {
    return (await stat(path)).size;
  },
  async defaultModels() {
    const files = defaultModelFiles();
    if (!files.length) throw new Error(NO_DEFAULT_MODEL);
    return Promise.all(files.map(async (name) => ({ name, bytes: await fileBytes(name) })));
  },
};
