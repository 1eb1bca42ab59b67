// Reading speed of the GWAS reader: 1M simulated variants (22 chromosomes,
// rsIDs, single-base alleles) in three tool formats (regenie, plink2 --glm,
// SAIGE), gzipped and not, read as 3 traits would be; prints seconds per file,
// variants per second and peak memory. Run `npm run build:ts` first, then
//   taskset -c 0 node bench/gwas-read.js [variants]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { readGwas } from "../build/js/core/io/gwas.js";

const N = Number(process.argv[2] ?? 1_000_000);
const BASES = ["A", "C", "G", "T"];

/** A deterministic uniform generator (xorshift32), so every run reads the same bytes. */
function xorshift(seed) {
  let x = seed >>> 0;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

function rows(format, seed) {
  const u = xorshift(seed);
  const out = [];
  const header = {
    regenie: "CHROM GENPOS ID ALLELE0 ALLELE1 A1FREQ INFO N TEST BETA SE CHISQ LOG10P",
    plink2: "#CHROM\tPOS\tID\tREF\tALT\tA1\tTEST\tOBS_CT\tBETA\tSE\tT_STAT\tP\tERRCODE",
    saige: "CHR\tPOS\tMarkerID\tAllele1\tAllele2\tAC_Allele2\tAF_Allele2\tMissingRate\tBETA\tSE\tTstat\tvar\tp.value",
  }[format];
  out.push(header);
  const perChr = Math.ceil(N / 22);
  for (let i = 0; i < N; i++) {
    const chr = 1 + Math.floor(i / perChr);
    const pos = 10000 + (i % perChr) * 37;
    const a = Math.floor(u() * 4);
    const b = (a + 1 + Math.floor(u() * 3)) % 4;
    const se = (0.005 + 0.02 * u()).toFixed(6);
    const beta = ((u() - 0.5) * 0.05).toFixed(6);
    const af = (0.01 + 0.98 * u()).toFixed(5);
    const id = `rs${100000 + i}`;
    if (format === "regenie") out.push(`${chr} ${pos} ${id} ${BASES[a]} ${BASES[b]} ${af} 0.98 350000 ADD ${beta} ${se} 1.2 0.5`);
    else if (format === "plink2") out.push(`${chr}\t${pos}\t${id}\t${BASES[a]}\t${BASES[b]}\t${BASES[b]}\tADD\t350000\t${beta}\t${se}\t1.2\t0.3\t.`);
    else out.push(`${chr}\t${pos}\t${id}\t${BASES[a]}\t${BASES[b]}\t120\t${af}\t0\t${beta}\t${se}\t1.1\t2.3\t0.27`);
  }
  return out.join("\n") + "\n";
}

const dir = mkdtempSync(join(tmpdir(), "mlmages-bench-gwas-"));
try {
  const files = [];
  for (const [k, format] of ["regenie", "plink2", "saige"].entries()) {
    const text = Buffer.from(rows(format, 16 + k));
    writeFileSync(join(dir, `${format}.txt`), text);
    writeFileSync(join(dir, `${format}.txt.gz`), gzipSync(text, { level: 6 }));
    files.push(`${format}.txt`, `${format}.txt.gz`);
  }
  let peak = process.memoryUsage().rss;
  const totals = { plain: 0, gz: 0 };
  const cpuTotals = { plain: 0, gz: 0 };
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const g = await readGwas(bytes, f);
    const s = (performance.now() - t0) / 1000;
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    peak = Math.max(peak, process.memoryUsage().rss);
    totals[f.endsWith(".gz") ? "gz" : "plain"] += s;
    cpuTotals[f.endsWith(".gz") ? "gz" : "plain"] += cpu;
    console.log(`${f.padEnd(16)} ${g.format.name.padEnd(14)} ${g.n} variants  ${s.toFixed(2)} s (CPU ${cpu.toFixed(2)} s)  ${(g.n / s / 1e6).toFixed(2)} M variants/s`);
  }
  console.log(`3 traits × ${N} variants: ${totals.plain.toFixed(2)} s as text (CPU ${cpuTotals.plain.toFixed(2)} s), ${totals.gz.toFixed(2)} s gzipped (CPU ${cpuTotals.gz.toFixed(2)} s); peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB; load average ${(await import("node:os")).loadavg()[0].toFixed(1)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
