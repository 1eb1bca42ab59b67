// Without a variant list for the LD, variants are matched by row (the
// published tool's contract). The traits must then list the same variants in
// the same rows: checked on CHR:POS, else ID, and on alleles when every file
// names them.
import { InputError } from "../errors.js";
import type { Gwas } from "../types.js";
import { ChromCodes } from "./chrom-key.js";

/** The warning of a run whose LD has no variant list. */
export const POSITIONAL_WARNING = "the LD has no variant list (.bim, .pvar, .vars or .snplist beside it, or --ld-variants): variants are matched by row and alleles are not checked";

function refuse(g: Gwas, first: Gwas, row: number, mine: string, theirs: string): InputError {
  return InputError.mismatch(
    g.source,
    `row ${row + 1} of ${g.source} is ${mine} but row ${row + 1} of ${first.source} is ${theirs}: without a variant list for the LD, every GWAS file must list the same variants in the same order; give the LD's variants (a .bim beside the LD file, or --ld-variants) to match them`,
  );
}

/** Checks that the traits list the same variants, row by row (same count checked before). */
export function checkSameRows(gwas: Gwas[]): void {
  const first = gwas[0];
  const codes = new ChromCodes();
  for (const g of gwas.slice(1)) {
    if (first.chr && first.pos && g.chr && g.pos) {
      for (let i = 0; i < g.n; i++) {
        if (g.pos[i] !== first.pos[i] || codes.code(g.chr[i]) !== codes.code(first.chr[i])) throw refuse(g, first, i, `${g.chr[i]}:${g.pos[i]}`, `${first.chr[i]}:${first.pos[i]}`);
      }
    } else if (first.id && g.id) {
      for (let i = 0; i < g.n; i++) if (g.id[i] !== first.id[i]) throw refuse(g, first, i, g.id[i], first.id[i]);
    }
    if (first.ea && first.oa && g.ea && g.oa) {
      for (let i = 0; i < g.n; i++) {
        if (g.ea[i] !== first.ea[i] || g.oa[i] !== first.oa[i]) throw refuse(g, first, i, `alleles ${g.ea[i]}/${g.oa[i]}`, `${first.ea[i]}/${first.oa[i]}`);
      }
    }
  }
}
