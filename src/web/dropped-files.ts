// Files for a run in a browser: the files the user dropped or picked (or the
// example made in the page), by name. Entries of an LD list file are looked up
// by their path as written, then by their base name (a browser gives no folders).
import { InputError } from "../core/errors.js";
import type { FileProvider } from "../core/run-inputs.js";

/** The part of a path after its last slash. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/** A provider over named blobs; the default ensemble is fetched from the app's own origin. */
export function droppedFiles(files: Map<string, Blob>, defaultModelUrls: string[]): FileProvider {
  return {
    async open(name) {
      const blob = files.get(name) ?? files.get(baseName(name));
      if (!blob) throw new InputError({ file: name }, "not among the files given: add it to the inputs too");
      return blob.stream() as ReadableStream<Uint8Array>;
    },
    async exists(name) {
      return files.has(name) || files.has(baseName(name));
    },
    async size(name) {
      return (files.get(name) ?? files.get(baseName(name)))?.size;
    },
    async readRange(name, offset, length) {
      const blob = files.get(name) ?? files.get(baseName(name));
      if (!blob) throw new InputError({ file: name }, "not among the files given: add it to the inputs too");
      return new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
    },
    resolve(_list, entry) {
      return files.has(entry) ? entry : baseName(entry);
    },
    async defaultModels() {
      return Promise.all(
        defaultModelUrls.map(async (url) => {
          const res = await fetch(url);
          if (!res.ok) throw new Error(`mlmages: the default model ${url} could not be loaded (${res.status})`);
          return { name: baseName(url), bytes: new Uint8Array(await res.arrayBuffer()) };
        }),
      );
    },
  };
}
