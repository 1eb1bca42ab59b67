// The text files of a plink 1 binary panel: `.bim` (CHR, ID, cM, POS, A1, A2;
// A1 is the allele the `.bed` counts: 00 = two copies of A1), `.fam` (FID, IID,
// father, mother, sex, phenotype) and a `--keep` file (FID IID a line), all
// whitespace delimited.
import { InputError } from "../errors.js";
import type { RefVariants } from "../types.js";

export interface PanelSample {
  fid: string;
  iid: string;
}

/**
 * The non-empty lines of a text, with their 1-based numbers, split on whitespace.
 * A text without spaces is split on tabs by plain string splits (several times
 * faster than a regular expression in a short run); a line that this leaves with
 * an empty field is split on whitespace like the rest.
 */
function* fields(text: string): Generator<{ line: number; f: string[] }> {
  const lines = text.split("\n");
  const tabsOnly = !text.includes(" ");
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    if (!t) continue;
    const tabbed = tabsOnly ? t.split("\t") : undefined;
    yield { line: i + 1, f: tabbed && !tabbed.includes("") ? tabbed : t.split(/\s+/) };
  }
}

/** Reads a `.bim`: the panel's variants in `.bed` order. */
export function parseBim(text: string, file: string): RefVariants {
  const chr: string[] = [];
  const id: string[] = [];
  const a1: string[] = [];
  const a2: string[] = [];
  const pos: number[] = [];
  for (const { line, f } of fields(text)) {
    if (f.length !== 6) throw new InputError({ file, line }, `a .bim line has 6 fields (CHR ID cM POS A1 A2), this one has ${f.length}`);
    const p = Number(f[3]);
    if (!Number.isInteger(p) || p < 0) throw new InputError({ file, line, column: 4 }, `the position '${f[3]}' is not a whole number`);
    chr.push(f[0]);
    id.push(f[1]);
    pos.push(p);
    a1.push(f[4].toUpperCase());
    a2.push(f[5].toUpperCase());
  }
  if (!id.length) throw new InputError({ file }, "the .bim lists no variants");
  return { source: file, chr, pos: Float64Array.from(pos), id, a1, a2 };
}

/** Reads a `.fam`: the panel's samples in `.bed` order. */
export function parseFam(text: string, file: string): PanelSample[] {
  const out: PanelSample[] = [];
  for (const { line, f } of fields(text)) {
    if (f.length < 6) throw new InputError({ file, line }, `a .fam line has 6 fields (FID IID father mother sex phenotype), this one has ${f.length}`);
    out.push({ fid: f[0], iid: f[1] });
  }
  if (!out.length) throw new InputError({ file }, "the .fam lists no samples");
  return out;
}

/**
 * The panel indices of the samples a keep file names (FID IID a line, as plink's
 * --keep), in panel order. Samples it names that the panel lacks are counted.
 */
export function parseKeep(text: string, file: string, samples: PanelSample[]): { keep: Int32Array; unknown: number } {
  const wanted = new Set<string>();
  for (const { line, f } of fields(text)) {
    if (f.length < 2) throw new InputError({ file, line }, "a keep line has two fields: FID IID");
    wanted.add(`${f[0]}\t${f[1]}`);
  }
  const keep: number[] = [];
  for (let i = 0; i < samples.length; i++) if (wanted.has(`${samples[i].fid}\t${samples[i].iid}`)) keep.push(i);
  if (!keep.length) throw new InputError({ file }, `none of its ${wanted.size} samples (FID IID) is in the panel's .fam`);
  return { keep: Int32Array.from(keep), unknown: wanted.size - keep.length };
}
