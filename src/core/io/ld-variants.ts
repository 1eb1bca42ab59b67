// The variants of an LD matrix, in its row order, with the allele its r is
// signed for (A1): plink 1.9's .bim (CHR ID cM POS A1 A2, no header; `--r`
// is signed for A1, the minor allele unless --keep-allele-order), a
// --write-snplist file (IDs only: alleles unknown), a plink2 .pvar or .vars
// list (#CHROM POS ID REF ALT ...: r of ALT dosages, so A1 = ALT), or a plain
// table with a header naming CHR, POS, ID, A1 and A2. Found beside an LD file
// by its stem, or named by --ld-variants.
import { InputError } from "../errors.js";
import type { RefVariants } from "../types.js";

const CHR = ["CHR", "#CHROM", "CHROM", "CHROMOSOME", "#CHR"];
const POS = ["POS", "BP", "POSITION", "BASE_PAIR_LOCATION"];
const ID = ["ID", "SNP", "RSID", "VARIANT_ID", "#ID"];

/** The endings an LD file's name loses to give the stem of its variants file. */
const LD_ENDINGS = [".gz", ".bin4", ".bin", ".ld"];
/** The variants files looked for beside an LD file, in order. */
export const VARIANT_ENDINGS = [".bim", ".pvar", ".vars", ".snplist"];

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
  const lines = text.split("\n");
  let at = 0;
  while (at < lines.length && (lines[at].trim() === "" || lines[at].startsWith("##"))) at++;
  if (at === lines.length) throw new InputError({ file: source }, "the variants file is empty");
  const split = lines[at].includes("\t") ? (l: string) => l.split("\t").map((f) => f.trim()) : (l: string) => l.trim().split(/\s+/);
  const first = split(lines[at]);
  const v: RefVariants = { source, chr: [], pos: new Float64Array(0), id: [], a1: [], a2: [] };
  const pos: number[] = [];
  const num = (s: string, line: number, column: number, what: string) => {
    const x = Number(s);
    if (!Number.isFinite(x)) throw new InputError({ file: source, line, column }, `${what} '${s}' is not a number`);
    return x;
  };
  const each = (from: number, body: (f: string[], line: number) => void) => {
    for (let i = from; i < lines.length; i++) {
      const l = lines[i];
      if (l.trim() === "") continue;
      body(split(l.endsWith("\r") ? l.slice(0, -1) : l), i + 1);
    }
  };
  const header = indexOf(first, ID) >= 0 || indexOf(first, CHR) >= 0;
  if (header) {
    const c = { chr: indexOf(first, CHR), pos: indexOf(first, POS), id: indexOf(first, ID), a1: indexOf(first, ["A1"]), a2: indexOf(first, ["A2"]) };
    if (c.a1 < 0 && c.a2 < 0) {
      // plink2: r of ALT dosages
      c.a1 = indexOf(first, ["ALT"]);
      c.a2 = indexOf(first, ["REF"]);
    }
    if (c.id < 0) throw new InputError({ file: source, line: at + 1 }, "no ID column in the variants table (expected CHR, POS, ID, A1, A2)");
    const full = c.chr >= 0 && c.pos >= 0 && c.a1 >= 0 && c.a2 >= 0;
    if (!full && (c.chr >= 0 || c.pos >= 0 || c.a1 >= 0 || c.a2 >= 0)) {
      throw new InputError({ file: source, line: at + 1 }, "a variants table needs CHR, POS, ID, A1 and A2 (or plink2's #CHROM, POS, ID, REF, ALT), or IDs alone");
    }
    each(at + 1, (f, line) => {
      if (f.length !== first.length) throw new InputError({ file: source, line }, `${f.length} fields but the header has ${first.length}`);
      v.id.push(f[c.id]);
      if (!full) return;
      v.chr.push(f[c.chr]);
      pos.push(num(f[c.pos], line, c.pos + 1, "position"));
      v.a1.push(f[c.a1].toUpperCase());
      v.a2.push(f[c.a2].toUpperCase());
    });
  } else if (first.length === 6 && isNumber(first[2]) && isNumber(first[3])) {
    // .bim: CHR ID cM POS A1 A2
    each(at, (f, line) => {
      if (f.length !== 6) throw new InputError({ file: source, line }, `${f.length} fields: a .bim line has 6 (CHR, ID, cM, POS, A1, A2)`);
      v.chr.push(f[0]);
      v.id.push(f[1]);
      pos.push(num(f[3], line, 4, "position"));
      v.a1.push(f[4].toUpperCase());
      v.a2.push(f[5].toUpperCase());
    });
  } else if (first.length === 1) {
    each(at, (f, line) => {
      if (f.length !== 1) throw new InputError({ file: source, line }, `${f.length} fields: a variant ID list (plink --write-snplist) has one per line`);
      v.id.push(f[0]);
    });
  } else {
    throw new InputError({ file: source, line: at + 1 }, "not a variants file: expected a plink .bim (CHR ID cM POS A1 A2), a --write-snplist ID list, a plink2 .pvar, or a table with a header CHR POS ID A1 A2");
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
    source: names.length > 2 ? `${names[0]} ... ${names[names.length - 1]}` : names.join(", "),
    chr: parts.flatMap((p) => p.chr),
    pos,
    id: parts.flatMap((p) => p.id),
    a1: parts.flatMap((p) => p.a1),
    a2: parts.flatMap((p) => p.a2),
  };
}
