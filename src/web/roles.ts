// What each file given to the page is for, guessed from its name (the user can
// change it), and the run's file arguments made from those roles.
import type { RunFiles } from "../core/run-inputs.js";

export type Role = "gwas" | "ld" | "ld-list" | "ld-full" | "ld-variants" | "genes" | "model" | "ignore";

export const ROLE_LABELS: Record<Role, string> = {
  gwas: "GWAS (one trait)",
  ld: "LD block",
  "ld-list": "LD list (*.txt)",
  "ld-full": "LD, whole chromosome",
  "ld-variants": "LD variants (found beside their LD file)",
  genes: "gene table",
  model: "model",
  ignore: "not used",
};

export interface GivenFile {
  name: string;
  blob: Blob;
  role: Role;
  /** Trait name, for GWAS files. */
  trait: string;
}

/** The role a file's name suggests. */
export function guessRole(name: string): Role {
  const n = name.toLowerCase();
  if (/\.(model|mlm)$/.test(n)) return "model";
  if (/\.(bim|pvar|vars|snplist|variants\.tsv)$/.test(n)) return "ld-variants";
  if (/gene|\.loc$|\.bed$/.test(n)) return "genes";
  if (/\.ld(\.gz)?$|\.bin4?$/.test(n)) return /full|chr\d+\.ld/.test(n) ? "ld-full" : "ld";
  if (/\.txt$/.test(n) && /ld|block/.test(n)) return "ld-list";
  if (/^(readme|meta|truth)|\.json$/.test(n)) return "ignore";
  return "gwas";
}

/** Sorts names with embedded numbers in numeric order (block_2 before block_10). */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/** The run's file arguments: GWAS in the order given, LD blocks in natural order after any lists, or one whole-chromosome matrix. */
export function runFiles(files: GivenFile[], opts: { avgBlockSize: number; geneWindowKb: number }): RunFiles {
  const by = (r: Role) => files.filter((f) => f.role === r);
  const lists = by("ld-list").map((f) => f.name);
  const full = by("ld-full")[0]?.name;
  return {
    gwas: by("gwas").map((f) => ({ name: f.trait, file: f.name })),
    ld: lists.length ? lists : by("ld").map((f) => f.name).sort(naturalCompare),
    ...(full ? { ldFull: full, avgBlockSize: opts.avgBlockSize } : {}),
    genes: by("genes")[0]?.name,
    ...(opts.geneWindowKb ? { geneWindowKb: opts.geneWindowKb } : {}),
    models: by("model").map((f) => f.name),
  };
}
