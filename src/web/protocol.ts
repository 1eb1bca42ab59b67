// Messages between the page and its run worker.
import type { RunFiles } from "../core/run-inputs.js";
import type { RunSettings } from "../core/run-record.js";

export type { RunSettings };

export type ToWorker =
  | { type: "run"; files: { name: string; blob: Blob }[]; spec: RunFiles; settings: RunSettings }
  | { type: "example"; settings: RunSettings }
  | { type: "zip"; folder: string };

export type FromWorker =
  | { type: "files"; files: { name: string; blob: Blob }[]; spec: RunFiles }
  | { type: "step"; step: string }
  | { type: "progress"; step: string; done: number; total: number }
  | { type: "output"; path: string; content: string }
  | { type: "done"; seconds: number; warnings: string[] }
  | { type: "error"; message: string; file?: string }
  | { type: "zip"; bytes: Uint8Array<ArrayBuffer> };
