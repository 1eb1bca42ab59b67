// Messages between the page and its run worker.
import type { RunFiles } from "../core/run-inputs.js";
import type { RunSettings as CoreRunSettings } from "../core/run-record.js";

/** The run's settings, and the GWAS sample size when the shrinkage is SuSiE-RSS (else the networks). */
export type RunSettings = CoreRunSettings & { susieN?: number };

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
