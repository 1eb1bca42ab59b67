// Messages between the page and its run worker.
import type { RunFiles } from "../core/run-inputs.js";
import type { RunSettings as CoreRunSettings } from "../core/run-record.js";

/** The run's settings, and the GWAS sample size when the shrinkage is SuSiE-RSS (else the networks). */
export type RunSettings = CoreRunSettings & { susieN?: number };

/** What the page asks of a run beyond its settings. */
export interface RunExtras {
  /** Offer a reference panel's LD for download (ld/, as mlmages ld writes it). */
  saveLd?: boolean;
}

export type ToWorker =
  | { type: "run"; files: { name: string; blob: Blob }[]; spec: RunFiles; settings: RunSettings; extras?: RunExtras }
  | { type: "example"; settings: RunSettings }
  | { type: "zip"; folder: string };

export type FromWorker =
  | { type: "files"; files: { name: string; blob: Blob }[]; spec: RunFiles }
  | { type: "step"; step: string }
  | { type: "progress"; step: string; done: number; total: number }
  | { type: "output"; path: string; content: string | Uint8Array }
  | { type: "done"; seconds: number; warnings: string[] }
  | { type: "error"; message: string; file?: string }
  | { type: "zip"; bytes: Uint8Array<ArrayBuffer> };
