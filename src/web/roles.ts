// What each file given to the page is for, guessed from its name (the user can
// change it), and the run's file arguments made from those roles. A .bed with
// a .bim or .fam of the same stem is a plink reference panel, not a BED of genes.
import { blockBedSpec } from "../core/panel/shipped-blocks.js";
import type { RunFiles } from "../core/run-inputs.js";

export type Role = "gwas" | "ld" | "ld-list" | "ld-full" | "ld-variants" | "panel" | "blocks" | "keep" | "genes" | "model" | "ignore";

export const ROLE_LABELS: Record<Role, string> = {
  gwas: "GWAS (one trait)",
  ld: "LD block",
  "ld-list": "LD list (*.txt)",
  "ld-full": "LD, whole chromosome",
  "ld-variants": "LD variants (found beside their LD file)",
  panel: "reference panel (.bed/.bim/.fam)",
  blocks: "LD blocks of the panel (BED)",
  keep: "panel samples to keep",
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

/** A file name without its extension: the prefix a plink panel's three files share. */
export function stem(name: string): string {
  return name.replace(/\.[^.]*$/, "");
}

/** The stems of the plink panels among `names`: a .bed with a .bim or a .fam beside it. */
export function panelStems(names: string[]): Set<string> {
  const has = (ext: string) => new Set(names.filter((n) => n.toLowerCase().endsWith(ext)).map(stem));
  const beds = has(".bed");
  const bims = has(".bim");
  const fams = has(".fam");
  return new Set([...beds].filter((s) => bims.has(s) || fams.has(s)));
}

/** The role a file's name suggests, among the names of every file given. */
export function guessRole(name: string, names: string[] = [name]): Role {
  const n = name.toLowerCase();
  if (/\.(model|mlm)$/.test(n)) return "model";
  if (/\.(bed|bim|fam)$/.test(n) && panelStems(names).has(stem(name))) return "panel";
  if (/\.fam$/.test(n)) return "panel";
  if (/\.(bim|pvar|vars|snplist|variants\.tsv)$/.test(n)) return "ld-variants";
  if (/\.bed$/.test(n) && /block|berisa/.test(n)) return "blocks";
  if (/keep/.test(n)) return "keep";
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

/** The page's options for a reference panel, as `run --panel`'s --blocks, --build and --maf. */
export interface PanelOptions {
  /** split (the DP split of the panel's LD), or EUR, AFR, ASN (the shipped Berisa & Pickrell blocks); a file of role "blocks" overrides it. */
  blocks: string;
  build: 37 | 38;
  maf: number;
}

/** Where the web app serves the shipped block definitions (scripts/build-web.js copies data/ld-blocks there). */
export const SHIPPED_BLOCKS_DIR = "ld-blocks";

/** The run's file arguments: GWAS in the order given, LD blocks in natural order after any lists, one whole-chromosome matrix, or a reference panel. */
export function runFiles(files: GivenFile[], opts: { avgBlockSize: number; geneWindowKb: number; panel?: PanelOptions }): RunFiles {
  const by = (r: Role) => files.filter((f) => f.role === r);
  const lists = by("ld-list").map((f) => f.name);
  const full = by("ld-full")[0]?.name;
  const panel = by("panel");
  const prefix = stem((panel.find((f) => /\.bed$/i.test(f.name)) ?? panel[0])?.name ?? "");
  const blocksFile = by("blocks")[0]?.name;
  const po = opts.panel ?? { blocks: "split", build: 37, maf: 0 };
  return {
    gwas: by("gwas").map((f) => ({ name: f.trait, file: f.name })),
    ld: lists.length ? lists : by("ld").map((f) => f.name).sort(naturalCompare),
    ...(full ? { ldFull: full, avgBlockSize: opts.avgBlockSize } : {}),
    ...(panel.length
      ? {
          panel: {
            prefix,
            blocks: blockBedSpec(blocksFile ?? po.blocks, po.build, (name) => `${SHIPPED_BLOCKS_DIR}/${name}`),
            avgBlockSize: opts.avgBlockSize,
            keep: by("keep")[0]?.name,
            maf: po.maf,
          },
        }
      : {}),
    genes: by("genes")[0]?.name,
    ...(opts.geneWindowKb ? { geneWindowKb: opts.geneWindowKb } : {}),
    models: by("model").map((f) => f.name),
  };
}
