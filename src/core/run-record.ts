// run.json: what a run read (with SHA-256), how it was set, and how long each
// step took — the same document from the CLI and the browser app.
import type { Schedule } from "./cluster/schedule.js";
import { countsRecord } from "./harmonise/counts.js";
import type { Harmonisation } from "./harmonise/harmonise.js";
import { ldBlockCount, type InputRecord, type RunInputs } from "./run-inputs.js";

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
  /** Harmonisation against the LD's variants: the reference, and counts per trait and reason. */
  harmonisation?: { reference: string; allelesChecked: boolean; traits: Record<string, unknown>[] };
}

/** A run's settings, as the CLI's options and the web app's form give them. */
export interface RunSettings {
  seed: number;
  restarts: number;
  K: number;
  threads: number;
  publishedIndexing: boolean;
  /** Clustering restart schedule (default scalable). */
  schedule?: Schedule;
}

/** The settings run.json records: the run's, and the average block size when a whole-chromosome matrix was split. */
export function recordedSettings(s: RunSettings, avgBlockSize?: number): Record<string, unknown> {
  return { seed: s.seed, restarts: s.restarts, K: s.K, threads: s.threads, publishedIndexing: s.publishedIndexing, schedule: s.schedule ?? "scalable", ...(avgBlockSize !== undefined ? { avgBlockSize } : {}) };
}

/** The harmonisation settings run.json records with the others (none without the LD's variants). */
export function harmonisationSettings(h: Harmonisation | undefined): Record<string, unknown> {
  return h ? { matchBy: h.matchBy, palindromic: h.palindromic, minMatch: h.minMatch } : {};
}

/** What harmonisation did, as run.json records it. */
export function harmonisationRecord(h: Harmonisation | undefined): RunRecord["harmonisation"] {
  return h && { reference: h.reference, allelesChecked: h.allelesChecked, traits: countsRecord(h.traits) };
}

export function runRecordJson(r: RunRecord): string {
  return JSON.stringify(r, null, 1) + "\n";
}

/** The settings a report lists: those that decide the results (not threads, not paths). */
export function reportSettings(inputs: Pick<RunInputs, "models"> & Partial<Pick<RunInputs, "panel">> & Parameters<typeof ldBlockCount>[0] & { genes?: { length: number } }, s: RunSettings): { label: string; value: string }[] {
  const m = inputs.models;
  const panel = inputs.panel;
  return [
    { label: "LD blocks", value: String(ldBlockCount(inputs)) },
    ...(panel ? [{ label: "LD from panel", value: `${panel.prefix} (${panel.samplesKept} samples, signed for A1); blocks: ${panel.blocks.description}` }] : []),
    { label: "Genes", value: inputs.genes ? String(inputs.genes.length) : "none" },
    { label: "Ensemble", value: `${m.members.length} networks, top ${m.topR} neighbours, ${m.hiddenLayers} hidden layers` },
    { label: "Neighbour indexing", value: s.publishedIndexing ? "published (block-local)" : "chromosome-wide" },
    { label: "Clustering", value: `K = ${s.K}, ${s.restarts} restarts, seed ${s.seed}, ${s.schedule ?? "scalable"} schedule` },
  ];
}
