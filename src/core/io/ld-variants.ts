// The variants of an LD matrix, in its row order, with the allele its r is
// signed for (A1): plink 1.9's .bim (CHR ID cM POS A1 A2, no header; `--r`
// is signed for A1, the minor allele unless --keep-allele-order), a
// --write-snplist file (IDs only: alleles unknown), a plink2 .pvar or .vars
// list (#CHROM POS ID REF ALT ...: r of ALT dosages, so A1 = ALT), or a plain
// table with a header naming CHR, POS, ID, A1 and A2. Found beside an LD file
// by its stem, or named by --ld-variants.
import { InputError } from "../errors.js";
import type { RefVariants } from "../types.js";
import { forEachTextLine, pickFields, upperAllele } from "./text-fields.js";

const CHR = ["CHR", "#CHROM", "CHROM", "CHROMOSOME", "#CHR"];
const POS = ["POS", "BP", "POSITION", "BASE_PAIR_LOCATION"];
const ID = ["ID", "SNP", "RSID", "VARIANT_ID", "#ID"];

/** The endings an LD file's name loses to give the stem of its variants file. */
const LD_ENDINGS = [".gz", ".bin4", ".bin", ".ld"];
/** The variants files looked for beside an LD file, in order (.variants.tsv: as mlmages ld writes them). */
export const VARIANT_ENDINGS = [".bim", ".pvar", ".vars", ".snplist", ".variants.tsv"];

/** The names a variants file beside `ldName` may have: its stem (less .gz, .bin, .bin4, .ld) or its whole name, plus .bim, .pvar, .vars or .snplist. */
export function variantFileCandidates(ldName: string): string[] {
  const stems = [ldName];
  let stem = ldName;
  for (let again = true; again; ) {
    again = false;
    for (const e of LD_ENDINGS) {
      if (stem.toLowerCase().endsWith(e) && stem.length > e.length) {
        stem = stem.slice(0, -e.length);
        stems.push(stem);
        again = true;
      }
    }
  }
  const out: string[] = [];
  for (const s of stems.reverse()) for (const e of VARIANT_ENDINGS) out.push(s + e);
  return [...new Set(out)];
}

/** Whether bytes start as a plink 1 genotype file (.bed: 0x6c 0x1b 0x01). */
export function isPlinkBed(first: Uint8Array): boolean {
  return first.length >= 3 && first[0] === 0x6c && first[1] === 0x1b && first[2] === 0x01;
}

function indexOf(header: string[], names: string[]): number {
  const up = header.map((h) => h.toUpperCase());
  for (const n of names) {
    const i = up.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

const isNumber = (s: string | undefined) => s !== undefined && s !== "" && Number.isFinite(Number(s));

/** Reads a variants file (format from its content). */
export function readRefVariants(text: string, source: string): RefVariants {
  let first: { start: number; end: number; line: number } | undefined;
  forEachTextLine(text, 0, (start, end, line) => {
    // plink2's meta lines, and a comment line as mlmages ld writes first ("# r in ... is signed for A1")
    if (text.startsWith("##", start) || text.startsWith("# ", start)) return;
    first = { start, end, line };
    return false;
  });
  if (!first) throw new InputError({ file: source }, "the variants file is empty");
  const firstLine = text.slice(first.start, first.end);
  const delim = firstLine.includes("\t") ? "\t" : null;
  const head = (delim ? firstLine.split(delim) : firstLine.trim().split(/\s+/)).map((f) => f.trim());
  const v: RefVariants = { source, chr: [], pos: new Float64Array(0), id: [], a1: [], a2: [] };
  const pos: number[] = [];
  const f: string[] = [];
  /** Each line from `from` (the header's or the first's), its fields `cols` picked, checked to number `width`. */
  const each = (from: number, cols: number[], width: number, what: string, body: (line: number) => void) => {
    const base = from === first!.start ? first!.line - 1 : first!.line;
    forEachTextLine(text, from, (start, end, line) => {
      const count = pickFields(text, start, end, delim, cols, f, true);
      if (count !== width) throw new InputError({ file: source, line: base + line }, `${count} fields: ${what}`);
      body(base + line);
    });
  };
  const num = (s: string, line: number, column: number, what: string) => {
    const x = Number(s);
    if (s === "" || !Number.isFinite(x)) throw new InputError({ file: source, line, column }, `${what} '${s}' is not a number`);
    return x;
  };
  const afterHeader = text.indexOf("\n", first.start) < 0 ? text.length : text.indexOf("\n", first.start) + 1;
  const header = indexOf(head, ID) >= 0 || indexOf(head, CHR) >= 0;
  if (header) {
    const c = { chr: indexOf(head, CHR), pos: indexOf(head, POS), id: indexOf(head, ID), a1: indexOf(head, ["A1"]), a2: indexOf(head, ["A2"]) };
    if (c.a1 < 0 && c.a2 < 0) {
      // plink2: r of ALT dosages
      c.a1 = indexOf(head, ["ALT"]);
      c.a2 = indexOf(head, ["REF"]);
    }
    if (c.id < 0) throw new InputError({ file: source, line: first.line }, "no ID column in the variants table (expected CHR, POS, ID, A1, A2)");
    const full = c.chr >= 0 && c.pos >= 0 && c.a1 >= 0 && c.a2 >= 0;
    if (!full && (c.chr >= 0 || c.pos >= 0 || c.a1 >= 0 || c.a2 >= 0)) {
      throw new InputError({ file: source, line: first.line }, "a variants table needs CHR, POS, ID, A1 and A2 (or plink2's #CHROM, POS, ID, REF, ALT), or IDs alone");
    }
    const order = full ? [c.chr, c.pos, c.id, c.a1, c.a2] : [c.id];
    const cols = [...order].sort((a, b) => a - b);
    const at = order.map((o) => cols.indexOf(o));
    each(afterHeader, cols, head.length, `the header has ${head.length}`, (line) => {
      v.id.push(f[at[full ? 2 : 0]]);
      if (!full) return;
      v.chr.push(f[at[0]]);
      pos.push(num(f[at[1]], line, c.pos + 1, "position"));
      v.a1.push(upperAllele(f[at[3]]));
      v.a2.push(upperAllele(f[at[4]]));
    });
  } else if (head.length === 6 && isNumber(head[2]) && isNumber(head[3])) {
    each(first.start, [0, 1, 3, 4, 5], 6, "a .bim line has 6 (CHR, ID, cM, POS, A1, A2)", (line) => {
      v.chr.push(f[0]);
      v.id.push(f[1]);
      pos.push(num(f[2], line, 4, "position"));
      v.a1.push(upperAllele(f[3]));
      v.a2.push(upperAllele(f[4]));
    });
  } else if (head.length === 1) {
    each(first.start, [0], 1, "a variant ID list (plink --write-snplist) has one per line", () => {
      v.id.push(f[0]);
    });
  } else {
    throw new InputError({ file: source, line: first.line }, "not a variants file: expected a plink .bim (CHR ID cM POS A1 A2), a --write-snplist ID list, a plink2 .pvar, or a table with a header CHR POS ID A1 A2");
  }
  if (!v.id.length) throw new InputError({ file: source }, "the variants file lists no variants");
  if (pos.length) v.pos = Float64Array.from(pos);
  else {
    v.chr = new Array<string>(v.id.length).fill("");
    v.pos = new Float64Array(v.id.length).fill(NaN);
    v.a1 = new Array<string>(v.id.length).fill("");
    v.a2 = v.a1;
  }
  return v;
}

/** Several variants files (one per LD file) as one reference, in order. */
/** How variants read from several files are named: "a.bim, b.bim", or "a.bim ... z.bim" for more than two. */
export function variantsSourceName(names: string[]): string {
  return names.length > 2 ? `${names[0]} ... ${names[names.length - 1]}` : names.join(", ");
}

export function concatVariants(parts: RefVariants[]): RefVariants {
  if (parts.length === 1) return parts[0];
  const idOnly = parts.filter((p) => Number.isNaN(p.pos[0]));
  if (idOnly.length && idOnly.length < parts.length) {
    throw InputError.mismatch(idOnly[0].source, `${idOnly[0].source} lists IDs only but ${parts.find((p) => !idOnly.includes(p))!.source} has positions and alleles: give every LD file the same kind of variants file`);
  }
  const pos = new Float64Array(parts.reduce((s, p) => s + p.pos.length, 0));
  let at = 0;
  for (const p of parts) pos.set(p.pos, at), (at += p.pos.length);
  const names = parts.map((p) => p.source);
  return {
    source: variantsSourceName(names),
    chr: parts.flatMap((p) => p.chr),
    pos,
    id: parts.flatMap((p) => p.id),
    a1: parts.flatMap((p) => p.a1),
    a2: parts.flatMap((p) => p.a2),
  };
}
