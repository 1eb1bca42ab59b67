// The chromosome-22-sized 3-trait input of the benchmarks: 8337 variants made of
// the two dev LD blocks repeated 7 times (block 0, block 5, block 0, ...), the
// dev GWAS of T1-T3 repeated alike, and the dev gene table repeated with
// shifted indices. Written into a fresh temporary folder.
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";

export const REPEATS = 7;
const N_DEV = 1191;
const shared = fileURLToPath(new URL("../../shared/", import.meta.url));

/** Writes the input; returns its folder and file paths (LD blocks listed in ld.txt). */
export function writeChr22Input() {
  const dir = mkdtempSync(join(tmpdir(), "mlmages-bench-chr22-"));
  const blocks = Array.from({ length: REPEATS }, () => [`${shared}data/ukb-chr22/chr22_block0.ld`, `${shared}data/ukb-chr22/chr22_block5.ld`]).flat();
  writeFileSync(join(dir, "ld.txt"), blocks.join("\n") + "\n");
  const gwas = {};
  for (const t of ["T1", "T2", "T3"]) {
    const [head, ...rows] = readFileSync(`${shared}oracle/dev/input/gwas_${t}.csv`, "utf8").trim().split("\n");
    gwas[t] = join(dir, `gwas_${t}.csv`);
    writeFileSync(gwas[t], [head, ...Array.from({ length: REPEATS }, () => rows).flat()].join("\n") + "\n");
  }
  const [gHead, ...gRows] = readFileSync(`${shared}oracle/dev/input/genes.csv`, "utf8").trim().split("\n");
  const cols = gHead.split(",");
  const [si, ei] = [cols.indexOf("start_idx_chr"), cols.indexOf("end_idx_chr")];
  const genes = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const row of gRows) {
      const f = row.split(",");
      f[si] = String(Number(f[si]) + r * N_DEV);
      f[ei] = String(Number(f[ei]) + r * N_DEV);
      genes.push(f.join(","));
    }
  }
  writeFileSync(join(dir, "genes.csv"), [gHead, ...genes].join("\n") + "\n");
  return { dir, ldList: join(dir, "ld.txt"), blocks, gwas, genes: join(dir, "genes.csv") };
}

/**
 * Writes the same chromosome's whole LD matrix (the dev matrix repeated 7 times
 * down the diagonal, zeros elsewhere) as plink square text, ~630 MB, row by row;
 * returns n.
 */
export function writeChr22FullLd(file) {
  const text = gunzipSync(readFileSync(`${shared}oracle/dev/input/chr22_full.ld.gz`)).toString("latin1");
  const rows = text.trim().split("\n").map((l) => Buffer.from(l.trim() + " ", "latin1"));
  const m = rows.length;
  const zero = Buffer.from("0.000000 ");
  const zeros = Buffer.alloc(zero.length * m * REPEATS);
  for (let k = 0; k < m * REPEATS; k++) zero.copy(zeros, k * zero.length);
  const fd = openSync(file, "w");
  for (let r = 0; r < REPEATS; r++) {
    for (let a = 0; a < m; a++) {
      const line = Buffer.concat([zeros.subarray(0, r * m * zero.length), rows[a], zeros.subarray(0, (REPEATS - 1 - r) * m * zero.length)]);
      line[line.length - 1] = 0x0a;
      writeSync(fd, line);
    }
  }
  closeSync(fd);
  return m * REPEATS;
}
