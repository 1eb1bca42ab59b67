// GWAS summary statistics of one trait: comma, tab or white-space delimited
// (detected from the header line), optionally gzipped; or GWAS-VCF (gwas-vcf.ts).
// The header tells the tool that wrote the file (gwas-formats.ts) and so which
// allele the effects belong to. Rows with a missing effect, SE or allele are
// dropped and counted by reason; anything else that is not what its column
// needs is an InputError naming the file, line and column.
import { InputError } from "../errors.js";
import type { Gwas } from "../types.js";
import * as dmath from "../math.js";
import { openBytes, type ByteSource } from "./bytes.js";
import { CHROM_RULE, normChrom, plinkChrom } from "./gwas-chrom.js";
import { GWAS_COLUMNS, columnsNamed, findColumn } from "./gwas-columns.js";
import { betaSe, effectOut, effectPlan, type EffectPlan, type Roles } from "./gwas-effects.js";
import { Fields, alleleText, asciiText, delimiterOf, idText, isMissing } from "./gwas-fields.js";
import { detectFormat, type GwasFormat } from "./gwas-formats.js";
import { GwasRows } from "./gwas-rows.js";
import { lnPFromMinusLog10, lnPFromText } from "./gwas-se-from-p.js";
import { VcfReader, isVcfHeader } from "./gwas-vcf.js";
import { forEachLine, isBlank } from "./lines.js";
import { parseNumber } from "./numbers.js";

export { normChrom } from "./gwas-chrom.js";

const LN10 = dmath.log(10);

export interface GwasOptions {
  /** Keep only variants on these chromosomes ("chr22", "22" and plink's 23–26 for X, Y, XY, MT are alike). */
  chrom?: string[];
}

/** "gwas_T1.tsv: regenie, effect allele ALLELE1" (the line a run prints per trait). */
export function describeGwas(g: Gwas): string {
  if (!g.format) return g.source;
  if (g.format.effectAllele === "none") return `${g.source}: no allele columns (variants are matched by their order in the file)`;
  const scale = g.scale === "standardised" ? " (standardised: β = Z/√N, SE = 1/√N)" : "";
  return `${g.source}: ${g.format.name}, effect allele ${g.format.effectAllele}${scale}`;
}

/** Where one row's fields are: column indices by role, -1 when absent. */
interface Plan {
  roles: Roles;
  effect: EffectPlan;
  format: GwasFormat;
  ea: number;
  oa: number;
  /** plink2: REF and ALT, to name the other allele when there is no AX column. */
  ref: number;
  alt: number;
  eaf: number;
  width: number;
}

function planOf(header: string[], source: string, line: number, keep: Set<string> | null): Plan {
  const where = { file: source, line };
  const roles = Object.fromEntries(Object.entries(GWAS_COLUMNS).map(([k, names]) => [k, findColumn(header, names)])) as Roles;
  const format = detectFormat(header, where);
  const plan: Plan = {
    roles,
    effect: effectPlan(roles, where),
    format,
    ea: findColumn(header, format.ea),
    oa: findColumn(header, format.oa),
    ref: format.name === "plink2 --glm" ? findColumn(header, ["REF"]) : -1,
    alt: format.name === "plink2 --glm" ? findColumn(header, ["ALT"]) : -1,
    eaf: findColumn(header, format.eaf),
    width: header.length,
  };
  if (keep && roles.chr < 0) throw new InputError(where, `--chrom needs a chromosome column: one of ${GWAS_COLUMNS.chr.join(", ")}`);
  const used = [...Object.values(roles), plan.ea, plan.oa, plan.eaf].filter((i) => i >= 0);
  for (const i of new Set(used)) {
    const same = columnsNamed(header, header[i].trim().toUpperCase());
    if (same.length > 1) throw new InputError(where, `columns ${same.join(" and ")} are both named ${header[i].trim()}: keep one`);
  }
  return plan;
}

/** Reads and checks one trait's summary statistics. */
export async function readGwas(src: ByteSource, source: string, opts: GwasOptions = {}): Promise<Gwas> {
  const stream = await openBytes(src, source);
  const keep = opts.chrom?.length ? new Set(opts.chrom.map(normChrom)) : null;
  let reader: TextReader | VcfReader | null = null;
  let first = true;
  await forEachLine(stream, (buf, start, end, line) => {
    if (reader) return reader.row(buf, start, end, line);
    if (isBlank(buf, start, end)) return;
    if (first && isVcfHeader(buf, start, end)) {
      reader = new VcfReader(source, keep);
      return;
    }
    first = false;
    reader = new TextReader(buf, start, end, line, source, keep);
  });
  if (!reader) throw new InputError({ file: source }, "the file is empty");
  const g = (reader as TextReader | VcfReader).finish();
  if (g.n === 0) {
    const dropped = Object.entries(g.dropped ?? {}).map(([why, k]) => `${k} ${why}`);
    if (keep && !dropped.length) throw new InputError({ file: source }, `no variants on chromosome ${opts.chrom!.join(", ")}`);
    throw new InputError({ file: source }, dropped.length ? `no usable variants: every row was dropped (${dropped.join(", ")})` : "the file has a header but no variants");
  }
  return g;
}

/** Reads the rows of a delimited text file after its header. */
class TextReader {
  private readonly fields: Fields;
  private readonly plan: Plan;
  private readonly rows: GwasRows;
  private readonly decoder = new TextDecoder();
  private skippedTests = 0;
  private rowCount = 0;
  private lastChrBytes = new Uint8Array(16);
  private lastChrLength = -1;
  private lastChr = "";

  constructor(
    buf: Uint8Array,
    start: number,
    end: number,
    line: number,
    private readonly source: string,
    private readonly keep: Set<string> | null,
  ) {
    const text = this.decoder.decode(buf.subarray(start, end)).replace(/^\uFEFF/, "");
    this.fields = new Fields(delimiterOf(text));
    const f = this.fields;
    const bytes = new TextEncoder().encode(text);
    const header = Array.from({ length: f.split(bytes, 0, bytes.length) }, (_, i) => this.decoder.decode(bytes.subarray(f.start(i), f.end(i))));
    this.plan = planOf(header, source, line, keep);
    const r = this.plan.roles;
    this.rows = new GwasRows({
      chr: r.chr >= 0,
      pos: r.pos >= 0,
      id: r.id >= 0,
      alleles: this.plan.ea >= 0,
      oa: this.plan.oa >= 0 || this.plan.ref >= 0,
      eaf: this.plan.eaf >= 0,
      n: r.n >= 0,
      info: r.info >= 0,
      p: r.p >= 0 || r.log10p >= 0,
    });
  }

  private text(buf: Uint8Array, s: number, e: number): string {
    return asciiText(buf, s, e) ?? this.decoder.decode(buf.subarray(s, e));
  }

  /** The number in field i, NaN when it is a missing-value token; an InputError when it is not a finite number. */
  private num(buf: Uint8Array, i: number, line: number, what: string): number {
    const f = this.fields;
    const s = f.start(i);
    const e = f.end(i);
    const v = parseNumber(buf, s, e);
    if (Number.isFinite(v)) return v;
    if (isMissing(buf, s, e)) return NaN;
    const text = this.text(buf, s, e);
    if (Number.isNaN(v)) throw new InputError({ file: this.source, line, column: i + 1 }, `${what} '${text}' is not a number`);
    throw new InputError({ file: this.source, line, column: i + 1 }, `${what} is ${text}: not a finite number`);
  }

  private chromosome(buf: Uint8Array, s: number, e: number, line: number, col: number): string {
    const n = e - s;
    if (n === this.lastChrLength && n <= 16) {
      let same = true;
      for (let k = 0; k < n; k++) if (buf[s + k] !== this.lastChrBytes[k]) same = false;
      if (same) return this.lastChr;
    }
    const text = this.text(buf, s, e);
    const c = plinkChrom(text);
    if (c === null) throw new InputError({ file: this.source, line, column: col + 1 }, `chromosome '${text}' is not one of ${CHROM_RULE}`);
    if (n <= 16) {
      this.lastChrBytes.set(buf.subarray(s, e));
      this.lastChrLength = n;
      this.lastChr = c;
    }
    return c;
  }

  row(buf: Uint8Array, start: number, end: number, line: number): void {
    if (isBlank(buf, start, end)) return;
    const f = this.fields;
    const p = this.plan;
    const r = p.roles;
    const rows = this.rows;
    const count = f.split(buf, start, end);
    if (count !== p.width) throw new InputError({ file: this.source, line }, `${count} fields but the header has ${p.width}`);
    this.rowCount++;
    if (r.test >= 0 && !isAdd(buf, f.start(r.test), f.end(r.test))) {
      this.skippedTests++;
      return;
    }
    let chr = "";
    if (r.chr >= 0) {
      if (isMissing(buf, f.start(r.chr), f.end(r.chr))) return rows.drop("missing position");
      chr = this.chromosome(buf, f.start(r.chr), f.end(r.chr), line, r.chr);
      if (this.keep && !this.keep.has(chr)) return;
    }
    let pos = 0;
    if (r.pos >= 0) {
      pos = this.num(buf, r.pos, line, "position");
      if (Number.isNaN(pos)) return rows.drop("missing position");
      if (pos < 0 || !Number.isInteger(pos)) throw new InputError({ file: this.source, line, column: r.pos + 1 }, `position ${this.text(buf, f.start(r.pos), f.end(r.pos))} is not a whole number ≥ 0`);
    }
    let ea = "";
    let oa = "";
    if (p.ea >= 0) {
      ea = this.allele(buf, p.ea, line);
      oa = p.oa >= 0 ? this.allele(buf, p.oa, line) : p.ref >= 0 ? this.plink2Other(buf, ea, line) : "";
      if (!ea || (rows.oa && !oa)) return rows.drop("missing allele");
      if (p.alt >= 0 && this.isList(buf, p.alt)) return rows.drop("multi-allelic");
    }
    const e = p.effect;
    let effect = this.num(buf, e.effect, line, e.odds ? "OR" : e.mode === "zn" ? "Z" : "BETA");
    if (e.odds && !Number.isNaN(effect)) {
      if (!(effect > 0)) throw new InputError({ file: this.source, line, column: e.effect + 1 }, `odds ratio ${this.text(buf, f.start(e.effect), f.end(e.effect))} is not positive`);
      effect = dmath.log(effect);
    }
    const spreadName = e.mode === "se" ? "SE" : e.mode === "stat" ? "test statistic" : e.mode === "zn" ? "N" : e.minusLog10 ? "−log10 P" : "P";
    let spread = this.num(buf, e.spread, line, spreadName);
    let lnP = 0;
    if (!Number.isNaN(spread)) {
      if ((e.mode === "se" || e.mode === "zn") && !(spread > 0)) throw this.bad(buf, e.spread, line, spreadName, "is not positive");
      if (e.mode === "p") {
        if (e.minusLog10) {
          if (spread < 0) throw this.bad(buf, e.spread, line, spreadName, "is negative");
          lnP = lnPFromMinusLog10(spread);
          spread = dmath.exp(lnP);
        } else {
          if (spread < 0 || spread > 1) throw this.bad(buf, e.spread, line, spreadName, "is not a probability");
          lnP = spread > 0 ? dmath.log(spread) : lnPFromText(this.text(buf, f.start(e.spread), f.end(e.spread)), spread);
        }
      }
    }
    const dropped = betaSe(e.mode, effect, spread, lnP);
    if (dropped) return rows.drop(dropped);
    rows.notePosition(chr, pos, line);
    rows.beta.push(effectOut.beta);
    rows.se.push(effectOut.se);
    rows.chr?.push(chr);
    rows.pos?.push(pos);
    if (rows.id) rows.id.push(this.id(buf, r.id, line));
    if (rows.ea) rows.ea.push(ea);
    if (rows.oa) rows.oa.push(oa);
    if (rows.eaf) {
      const v = this.num(buf, p.eaf, line, "effect-allele frequency");
      if (v < 0 || v > 1) throw new InputError({ file: this.source, line, column: p.eaf + 1 }, `effect-allele frequency ${v} is not between 0 and 1`);
      rows.eaf.push(v);
    }
    if (rows.n) rows.n.push(e.mode === "zn" ? spread : this.num(buf, r.n, line, "N"));
    if (rows.info) rows.info.push(this.num(buf, r.info, line, "INFO"));
    if (rows.mlog10p) rows.mlog10p.push(this.minusLog10P(buf, line));
  }

  private bad(buf: Uint8Array, i: number, line: number, what: string, why: string): InputError {
    const f = this.fields;
    return new InputError({ file: this.source, line, column: i + 1 }, `${what} ${this.text(buf, f.start(i), f.end(i))} ${why}`);
  }

  private allele(buf: Uint8Array, i: number, line: number): string {
    const f = this.fields;
    if (isMissing(buf, f.start(i), f.end(i))) return "";
    const a = alleleText(buf, f.start(i), f.end(i));
    if (a === null) throw new InputError({ file: this.source, line, column: i + 1 }, "allele is not ASCII text");
    return a;
  }

  /** plink2 without AX: the other of REF and ALT. */
  private plink2Other(buf: Uint8Array, a1: string, line: number): string {
    const ref = this.allele(buf, this.plan.ref, line);
    return a1 === ref ? this.allele(buf, this.plan.alt, line) : ref;
  }

  /** Whether field i lists several alleles ("A,C": a multi-allelic plink2 ALT). */
  private isList(buf: Uint8Array, i: number): boolean {
    const f = this.fields;
    for (let k = f.start(i); k < f.end(i); k++) if (buf[k] === 0x2c) return true;
    return false;
  }

  private id(buf: Uint8Array, i: number, line: number): string {
    const f = this.fields;
    const t = idText(buf, f.start(i), f.end(i));
    if (t === null) throw new InputError({ file: this.source, line, column: i + 1 }, "the ID is not valid UTF-8 text: convert the file to UTF-8 (e.g. iconv -f latin1 -t utf-8)");
    return t;
  }

  private minusLog10P(buf: Uint8Array, line: number): number {
    const r = this.plan.roles;
    if (r.log10p >= 0) return this.num(buf, r.log10p, line, "−log10 P");
    const p = this.num(buf, r.p, line, "P");
    if (Number.isNaN(p)) return NaN;
    const f = this.fields;
    return p > 0 ? -dmath.log10(p) : -lnPFromText(this.text(buf, f.start(r.p), f.end(r.p)), p) / LN10;
  }

  finish(): Gwas {
    const skipped = this.skippedTests ? [`${this.source}: ${this.skippedTests} rows with a TEST other than ADD (covariates, interactions) skipped`] : [];
    if (this.rowCount > 0 && this.skippedTests === this.rowCount) throw new InputError({ file: this.source }, "no row has TEST = ADD: rerun the association with an additive model");
    return this.rows.finish(this.source, this.plan.format, this.plan.effect.mode === "zn" ? "standardised" : "per-allele", skipped);
  }
}

/** Whether a TEST field is ADD (any case). */
function isAdd(buf: Uint8Array, s: number, e: number): boolean {
  return e - s === 3 && (buf[s] | 0x20) === 0x61 && (buf[s + 1] | 0x20) === 0x64 && (buf[s + 2] | 0x20) === 0x64;
}
