// One chromosome's part of a genome-wide workflow (mlmages prepare writes it as
// prepare.json beside the chromosome's tables): what it read, what
// harmonisation did, its warnings, LD blocks and genes. mlmages report merges
// the parts into what one `mlmages run` over all chromosomes records.
import { InputError } from "../errors.js";
import type { MatchCounts, TraitCounts } from "../harmonise/counts.js";
import { variantsSourceName } from "../io/ld-variants.js";
import type { InputRecord } from "../run-inputs.js";
import { unsignedLdWarning } from "../ld-digest.js";

/** What an input file was to the run, so that merged inputs keep run's order: GWAS, LD lists, LD, LD variants, genes, models. */
export type InputRole = "gwas" | "ld-list" | "ld" | "ld-variants" | "genes" | "model";

export const ROLE_ORDER: InputRole[] = ["gwas", "ld-list", "ld", "ld-variants", "genes", "model"];

export interface ChromosomePart {
  chrom: string;
  /** Every file read, in order, with its role. */
  inputs: (InputRecord & { role: InputRole })[];
  /** LD blocks with no negative value (warned about once for all chromosomes). */
  unsignedLd: string[];
  /** Other warnings about the LD (e.g. a block not positive semi-definite). */
  ldWarnings: string[];
  harmonisation: {
    reference: string;
    variantFiles: string[];
    matchBy: string;
    palindromic: string;
    minMatch: number;
    allelesChecked: boolean;
    traits: TraitCounts[];
    warnings: string[];
  };
  /** LD blocks analysed, variants analysed, genes located on this chromosome. */
  ldBlocks: number;
  variants: number;
  genes: number;
  steps: { step: string; seconds: number }[];
}

export function partJson(p: ChromosomePart): string {
  return JSON.stringify(p, null, 1) + "\n";
}

/** A part read back from its prepare.json (InputError when it is not one). */
export function parsePart(text: string, source: string): ChromosomePart {
  let doc: ChromosomePart;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new InputError({ file: source }, "not a JSON file (expected prepare.json of mlmages prepare)");
  }
  const ok = doc && typeof doc.chrom === "string" && Array.isArray(doc.inputs) && Array.isArray(doc.harmonisation?.traits) && typeof doc.ldBlocks === "number";
  if (!ok) throw new InputError({ file: source }, "not a chromosome part (expected prepare.json of mlmages prepare)");
  return doc;
}

function sumCounts(a: MatchCounts, b: MatchCounts): MatchCounts {
  const out = { ...a, otherDropped: { ...a.otherDropped } };
  for (const k of Object.keys(b) as (keyof MatchCounts)[]) {
    if (k === "otherDropped") continue;
    out[k] = (a[k] as number) + (b[k] as number);
  }
  for (const [r, n] of Object.entries(b.otherDropped)) out.otherDropped[r] = (out.otherDropped[r] ?? 0) + n;
  return out;
}

/** The parts' harmonisation counts summed per trait (the traits in the first part's order; every part must have the same). */
export function mergedCounts(parts: ChromosomePart[], sources: string[]): TraitCounts[] {
  const names = parts[0].harmonisation.traits.map((t) => t.name);
  return names.map((name, i) =>
    parts.reduce<TraitCounts>((acc, p, j) => {
      const t = p.harmonisation.traits[i];
      if (t?.name !== name) throw InputError.mismatch(`${sources[0]}, ${sources[j]}`, `${sources[j]} has traits ${p.harmonisation.traits.map((x) => x.name).join(", ")} but ${sources[0]} has ${names.join(", ")}: prepare every chromosome with the same --gwas`);
      return j === 0 ? { name, counts: t.counts, used: t.used } : { name, counts: sumCounts(acc.counts, t.counts), used: acc.used + t.used };
    }, parts[0].harmonisation.traits[i]),
  );
}

/** The inputs of all parts in run's order: by role, each file once (a file read by every chromosome, e.g. a GWAS, is listed once). */
export function mergedInputs(parts: ChromosomePart[]): InputRecord[] {
  const out: InputRecord[] = [];
  const seen = new Set<string>();
  for (const role of ROLE_ORDER) {
    for (const p of parts) {
      for (const r of p.inputs) {
        if (r.role !== role || seen.has(r.path)) continue;
        seen.add(r.path);
        out.push({ path: r.path, sha256: r.sha256, bytes: r.bytes });
      }
    }
  }
  return out;
}

/** The harmonisation reference of all parts, named as one run over all their variant files names it. */
export function mergedReference(parts: ChromosomePart[]): string {
  return variantsSourceName(parts.flatMap((p) => p.harmonisation.variantFiles));
}

/** The input warnings in run's order: unsigned LD (once), other LD warnings, harmonisation's (each once). */
export function mergedInputWarnings(parts: ChromosomePart[]): string[] {
  const unsigned = unsignedLdWarning(parts.flatMap((p) => p.unsignedLd));
  const harmonisation = [...new Set(parts.flatMap((p) => p.harmonisation.warnings))];
  return [...(unsigned ? [unsigned] : []), ...parts.flatMap((p) => p.ldWarnings), ...harmonisation];
}
