// The variants a GWAS reader keeps, column by column, with the counts of rows
// it drops by reason and the checks that span rows: positions sorted within
// each chromosome, and duplicated variants (same CHR:POS and alleles, or the
// same ID when the file has no positions). Neither is an error: variants are
// matched to the reference by identity, and harmonisation drops duplicates
// (and counts them); the reader warns so the user knows.
import type { Gwas } from "../types.js";
import type { GwasFormat } from "./gwas-formats.js";
import { F64Column } from "./gwas-fields.js";

/** Why a row was left out (the keys of Gwas.dropped). */
export type DropReason = "missing value" | "missing allele" | "missing position" | "SE not derivable" | "multi-allelic";

export interface RowColumns {
  chr: boolean;
  pos: boolean;
  id: boolean;
  alleles: boolean;
  oa: boolean;
  eaf: boolean;
  n: boolean;
  info: boolean;
  p: boolean;
}

export class GwasRows {
  readonly chr: string[] | null;
  readonly pos: F64Column | null;
  readonly id: string[] | null;
  readonly ea: string[] | null;
  readonly oa: string[] | null;
  readonly eaf: F64Column | null;
  readonly n: F64Column | null;
  readonly info: F64Column | null;
  readonly mlog10p: F64Column | null;
  readonly beta = new F64Column();
  readonly se = new F64Column();
  readonly dropped: Partial<Record<DropReason, number>> = {};
  readonly warnings: string[] = [];
  private lastChr = "";
  private lastPos = -1;
  private doneChroms = new Set<string>();
  private unsortedLine = 0;
  /** File line of each kept variant, for messages about duplicates. */
  private readonly lines = new F64Column();

  constructor(has: RowColumns) {
    this.chr = has.chr ? [] : null;
    this.pos = has.pos ? new F64Column() : null;
    this.id = has.id ? [] : null;
    this.ea = has.alleles ? [] : null;
    this.oa = has.alleles && has.oa ? [] : null;
    this.eaf = has.eaf ? new F64Column() : null;
    this.n = has.n ? new F64Column() : null;
    this.info = has.info ? new F64Column() : null;
    this.mlog10p = has.p ? new F64Column() : null;
  }

  get count(): number {
    return this.beta.length;
  }

  drop(reason: DropReason): void {
    this.dropped[reason] = (this.dropped[reason] ?? 0) + 1;
  }

  /** Notes the position of a kept row for the sortedness check (call before pushing the row's columns). */
  notePosition(chr: string, pos: number, line: number): void {
    this.lines.push(line);
    if (this.unsortedLine) return;
    if (chr !== this.lastChr) {
      if (this.doneChroms.has(chr)) this.unsortedLine = line;
      if (this.lastChr) this.doneChroms.add(this.lastChr);
      this.lastChr = chr;
    } else if (pos < this.lastPos) {
      this.unsortedLine = line;
    }
    this.lastPos = pos;
  }

  /** The columns as a Gwas, with the cross-row warnings. */
  finish(source: string, format: GwasFormat, scale: "per-allele" | "standardised", skippedRows: string[]): Gwas {
    const warnings = [...skippedRows];
    if (this.unsortedLine) {
      warnings.push(
        `${source}: positions are not sorted by chromosome and position (first out of order at line ${this.unsortedLine}); variants are matched to the reference by CHR:POS and alleles (or ID), so order does not matter unless the LD has no variant list`,
      );
    }
    const dup = this.duplicates();
    if (dup) warnings.push(`${source}: ${dup.count} duplicated variant${dup.count === 1 ? "" : "s"} (${dup.what}; first at line ${dup.line}); harmonisation keeps none of them and counts them as duplicates`);
    const dropped: Record<string, number> = { ...this.dropped };
    return {
      source,
      n: this.count,
      chr: this.chr,
      pos: this.pos ? this.pos.done() : null,
      id: this.id,
      beta: this.beta.done(),
      se: this.se.done(),
      ea: this.ea,
      oa: this.oa,
      eaf: this.eaf ? this.eaf.done() : null,
      nSamples: this.n ? this.n.done() : null,
      info: this.info ? this.info.done() : null,
      mlog10p: this.mlog10p ? this.mlog10p.done() : null,
      dropped,
      format: { name: format.name, effectAllele: format.effectAllele },
      scale,
      warnings: [...this.warnings, ...warnings],
    };
  }

  /** Rows that repeat a variant: same CHR:POS and alleles when positions are known, else the same ID. */
  private duplicates(): { count: number; line: number; what: string } | null {
    const lines = this.lines.done();
    if (this.pos && this.chr) {
      // key = chromosome code · 2^34 + position: sorted as a typed array, then only repeated keys are grouped.
      const pos = this.pos.done();
      const chrCode = new Map<string, number>();
      const key = new Float64Array(pos.length);
      for (let i = 0; i < pos.length; i++) {
        let c = chrCode.get(this.chr[i]);
        if (c === undefined) chrCode.set(this.chr[i], (c = chrCode.size));
        key[i] = c * 2 ** 34 + pos[i];
      }
      const sorted = key.slice().sort();
      const repeated = new Set<number>();
      for (let k = 1; k < sorted.length; k++) if (sorted[k] === sorted[k - 1]) repeated.add(sorted[k]);
      if (!repeated.size) return null;
      const groups = new Map<number, number[]>();
      for (let i = 0; i < key.length; i++) if (repeated.has(key[i])) groups.get(key[i])?.push(i) ?? groups.set(key[i], [i]);
      let count = 0;
      let line = Infinity;
      for (const rows of groups.values()) {
        for (let k = 1; k < rows.length; k++) {
          if (rows.slice(0, k).some((j) => this.sameAlleles(j, rows[k]))) {
            count++;
            line = Math.min(line, lines[rows[k]]);
          }
        }
      }
      return count ? { count, line, what: "same CHR:POS and alleles" } : null;
    }
    if (!this.id) return null;
    const seen = new Set<string>();
    let count = 0;
    let line = 0;
    this.id.forEach((v, i) => {
      if (v === "." || v === "NA") return;
      if (seen.has(v)) {
        count++;
        if (!line) line = lines[i];
      } else seen.add(v);
    });
    return count ? { count, line, what: "same ID" } : null;
  }

  private sameAlleles(a: number, b: number): boolean {
    if (!this.ea) return true;
    const ea = this.ea;
    const oa = this.oa;
    if (!oa) return ea[a] === ea[b];
    return (ea[a] === ea[b] && oa[a] === oa[b]) || (ea[a] === oa[b] && oa[a] === ea[b]);
  }
}
