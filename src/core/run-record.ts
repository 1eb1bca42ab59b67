// run.json: what a run read (with SHA-256), how it was set, and how long each
// step took — the same document from the CLI and the browser app.
import type { InputRecord } from "./run-inputs.js";

export interface RunRecord {
  mlmages: string;
  /** The command line, or the app's equivalent. */
  command: string[];
  settings: Record<string, unknown>;
  traits: { name: string; file: string }[];
  inputs: InputRecord[];
  steps: { step: string; seconds: number }[];
  seconds: number;
  warnings: string[];
}

export function runRecordJson(r: RunRecord): string {
  return JSON.stringify(r, null, 1) + "\n";
}
