// harmonised/<trait>.tsv: the variants a trait contributed to the analysis,
// aligned to the reference (EA = the reference's A1), and what was done to each.
import { tsvChunks } from "../output/tsv.js";
import { variantColumns } from "../output/variant-columns.js";
import type { Gwas } from "../types.js";
import { Relation } from "./alleles.js";

const ACTION: Record<number, string> = {
  [Relation.Same]: "as-is",
  [Relation.Swapped]: "swapped",
  [Relation.Flipped]: "strand-flipped",
  [Relation.FlippedSwapped]: "strand-flipped,swapped",
};

/** CHR, POS, ID, EA, OA, BETA, SE[, EAF], ACTION for an aligned trait. */
export function harmonisedTsv(gwas: Gwas, relation: Uint8Array): string {
  return [...harmonisedChunks(gwas, relation)].join("");
}

/** The same table in pieces of lines (tsvChunks). */
export function harmonisedChunks(gwas: Gwas, relation: Uint8Array): Generator<string> {
  const { header, cols } = variantColumns(gwas);
  header.push("BETA", "SE"), cols.push(gwas.beta, gwas.se);
  if (gwas.eaf) header.push("EAF"), cols.push(gwas.eaf);
  header.push("ACTION"), cols.push(Array.from(relation, (r) => ACTION[r]));
  return tsvChunks(header, cols);
}
