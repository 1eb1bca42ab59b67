// GWAS-VCF (the OpenGWAS / IEU layout): one trait per file, its statistics in
// the sample column under the FORMAT keys ES (effect of the ALT allele), SE,
// LP (−log10 P), AF (ALT frequency), SS (sample size), SI (imputation INFO)
// and ID. The effect allele is ALT, the other REF. A row without SE takes it
// from LP; multi-allelic rows (ALT "A,C") are dropped and counted.
// see: Lyon et al., "The variant call format provides efficient and robust
//      storage of GWAS summary statistics", Genome Biology 22:32 (2021);
//      https://github.com/MRCIEU/gwas-vcf-specification
import { InputError } from "../errors.js";
import type { Gwas } from "../types.js";
import * as dmath from "../math.js";
import { CHROM_RULE, plinkChrom } from "./gwas-chrom.js";
import { betaSe, effectOut } from "./gwas-effects.js";
import { Fields, alleleText, asciiText, idText, isMissing } from "./gwas-fields.js";
import { GwasRows } from "./gwas-rows.js";
import { lnPFromMinusLog10 } from "./gwas-se-from-p.js";
import { parseNumber } from "./numbers.js";

const FORMAT = { name: "GWAS-VCF", effectAllele: "ALT", ea: [], oa: [], eaf: [] };
const KEYS = ["ES", "SE", "LP", "AF", "SS", "SI", "ID"] as const;
type Key = (typeof KEYS)[number];

/** Whether a line is a VCF's first line (##fileformat=VCF...). */
export function isVcfHeader(buf: Uint8Array, start: number, end: number): boolean {
  const tag = "##fileformat=VCF";
  if (end - start < tag.length) return false;
  for (let k = 0; k < tag.length; k++) if (buf[start + k] !== tag.charCodeAt(k)) return false;
  return true;
}

export class VcfReader {
  private readonly fields = new Fields(0x09);
  private readonly declared = new Set<string>();
  private rows: GwasRows | null = null;
  private header = false;
  private lastFormat = "";
  private slot: Record<Key, number> = { ES: -1, SE: -1, LP: -1, AF: -1, SS: -1, SI: -1, ID: -1 };
  private sub = new Int32Array(32);

  constructor(
    private readonly source: string,
    private readonly keep: Set<string> | null,
  ) {}

  row(buf: Uint8Array, start: number, end: number, line: number): void {
    if (end === start) return;
    if (!this.header) return this.meta(buf, start, end, line);
    const f = this.fields;
    const count = f.split(buf, start, end);
    if (count !== 10) throw new InputError({ file: this.source, line }, `${count} fields but a GWAS-VCF row has 10 (CHROM to FORMAT, and the trait's column)`);
    const rows = this.rows!;
    const chrText = asciiText(buf, f.start(0), f.end(0)) ?? "";
    const chr = plinkChrom(chrText);
    if (chr === null) throw new InputError({ file: this.source, line, column: 1 }, `chromosome '${chrText}' is not one of ${CHROM_RULE}`);
    if (this.keep && !this.keep.has(chr)) return;
    const pos = parseNumber(buf, f.start(1), f.end(1));
    if (!(pos >= 0) || !Number.isInteger(pos)) throw new InputError({ file: this.source, line, column: 2 }, `position '${asciiText(buf, f.start(1), f.end(1))}' is not a whole number ≥ 0`);
    const oa = isMissing(buf, f.start(3), f.end(3)) ? null : alleleText(buf, f.start(3), f.end(3));
    const ea = isMissing(buf, f.start(4), f.end(4)) ? null : alleleText(buf, f.start(4), f.end(4));
    if (!oa || !ea) return rows.drop("missing allele");
    if (ea.includes(",")) return rows.drop("multi-allelic");
    this.formatKeys(buf, f.start(8), f.end(8), line);
    const n = this.splitSample(buf, f.start(9), f.end(9));
    const value = (k: Key, what: string) => this.value(buf, k, n, line, what);
    const es = value("ES", "ES");
    let se = value("SE", "SE");
    let lnP = 0;
    const lp = value("LP", "LP");
    if (!Number.isNaN(se) && !(se > 0)) throw new InputError({ file: this.source, line, column: 10 }, `SE ${se} is not positive`);
    if (!Number.isNaN(lp) && lp < 0) throw new InputError({ file: this.source, line, column: 10 }, `LP ${lp} is negative`);
    let mode: "se" | "p" = "se";
    if (Number.isNaN(se) && !Number.isNaN(lp)) {
      mode = "p";
      lnP = lnPFromMinusLog10(lp);
      se = dmath.exp(lnP);
    }
    const dropped = betaSe(mode, es, se, lnP);
    if (dropped) return rows.drop(dropped);
    rows.notePosition(chr, pos, line);
    rows.beta.push(effectOut.beta);
    rows.se.push(effectOut.se);
    rows.chr!.push(chr);
    rows.pos!.push(pos);
    rows.ea!.push(ea);
    rows.oa!.push(oa);
    rows.id!.push(this.variantId(buf, n, line));
    const af = value("AF", "AF");
    if (af < 0 || af > 1) throw new InputError({ file: this.source, line, column: 10 }, `AF ${af} is not between 0 and 1`);
    rows.eaf!.push(af);
    rows.n!.push(value("SS", "SS"));
    rows.info!.push(value("SI", "SI"));
    rows.mlog10p!.push(lp);
  }

  /** ## lines (FORMAT declarations) and the #CHROM line. */
  private meta(buf: Uint8Array, start: number, end: number, line: number): void {
    const text = new TextDecoder().decode(buf.subarray(start, end));
    const fmt = /^##FORMAT=<ID=([^,>]+)/.exec(text);
    if (fmt) this.declared.add(fmt[1]);
    if (!text.startsWith("#CHROM")) {
      if (!text.startsWith("##")) throw new InputError({ file: this.source, line }, "a VCF line before the #CHROM header line");
      return;
    }
    const cols = text.split("\t");
    if (cols.length < 10) throw new InputError({ file: this.source, line }, "the #CHROM line names no trait column: a GWAS-VCF has FORMAT and one trait column");
    if (cols.length > 10) throw new InputError({ file: this.source, line }, `${cols.length - 9} trait columns (${cols.slice(9).join(", ")}); mlmages reads one trait per file: split it (bcftools view -s NAME)`);
    if (!this.declared.has("ES") || !(this.declared.has("SE") || this.declared.has("LP"))) {
      throw new InputError({ file: this.source, line }, "not a GWAS-VCF: the header declares no ES and SE (or LP) FORMAT fields");
    }
    this.header = true;
    this.rows = new GwasRows({ chr: true, pos: true, id: true, alleles: true, oa: true, eaf: true, n: true, info: true, p: true });
  }

  /** Where each known key is in the row's FORMAT (cached while FORMAT repeats). */
  private formatKeys(buf: Uint8Array, s: number, e: number, line: number): void {
    const text = asciiText(buf, s, e);
    if (text === null) throw new InputError({ file: this.source, line, column: 9 }, "FORMAT is not ASCII text");
    if (text === this.lastFormat) return;
    const keys = text.split(":");
    for (const k of KEYS) this.slot[k] = keys.indexOf(k);
    if (this.slot.ES < 0) throw new InputError({ file: this.source, line, column: 9 }, `FORMAT ${text} has no ES (effect size)`);
    this.lastFormat = text;
  }

  /** Splits the sample field at ':' into this.sub; returns the subfield count. */
  private splitSample(buf: Uint8Array, s: number, e: number): number {
    let n = 0;
    let a = s;
    for (let i = s; i <= e; i++) {
      if (i < e && buf[i] !== 0x3a) continue;
      if (2 * n + 2 > this.sub.length) {
        const grown = new Int32Array(2 * this.sub.length);
        grown.set(this.sub);
        this.sub = grown;
      }
      this.sub[2 * n] = a;
      this.sub[2 * n + 1] = i;
      n++;
      a = i + 1;
    }
    return n;
  }

  /** The number under FORMAT key k, NaN when the key is absent or the value missing. */
  private value(buf: Uint8Array, k: Key, n: number, line: number, what: string): number {
    const j = this.slot[k];
    if (j < 0 || j >= n) return NaN;
    const s = this.sub[2 * j];
    const e = this.sub[2 * j + 1];
    const v = parseNumber(buf, s, e);
    if (Number.isFinite(v)) return v;
    if (isMissing(buf, s, e)) return NaN;
    const text = asciiText(buf, s, e) ?? "(not ASCII)";
    throw new InputError({ file: this.source, line, column: 10 }, Number.isNaN(v) ? `${what} '${text}' is not a number` : `${what} is ${text}: not a finite number`);
  }

  /** The ID column, or the trait column's ID when the ID column is ".". */
  private variantId(buf: Uint8Array, n: number, line: number): string {
    const f = this.fields;
    let s = f.start(2);
    let e = f.end(2);
    const j = this.slot.ID;
    if (isMissing(buf, s, e) && j >= 0 && j < n) {
      s = this.sub[2 * j];
      e = this.sub[2 * j + 1];
    }
    const t = idText(buf, s, e);
    if (t === null) throw new InputError({ file: this.source, line, column: 3 }, "the ID is not valid UTF-8 text: convert the file to UTF-8");
    return t;
  }

  finish(): Gwas {
    if (!this.rows) throw new InputError({ file: this.source }, "a VCF without a #CHROM header line");
    return this.rows.finish(this.source, FORMAT, "per-allele", []);
  }
}
