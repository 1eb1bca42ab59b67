// Chromosome names as plink 2 numbers them: 1–22, X (23), Y (24), XY (25, the
// pseudo-autosomal region), MT (26, also M), with or without a "chr" prefix
// and leading zeros; normalised to plink's names "1".."22", "X", "Y", "XY", "MT".
// see: https://www.cog-genomics.org/plink/2.0/data#irreg_output (chromosome codes)

const BY_CODE = new Map<string, string>();
for (let c = 1; c <= 22; c++) BY_CODE.set(String(c), String(c));
for (const [code, name] of [
  ["X", "X"],
  ["23", "X"],
  ["Y", "Y"],
  ["24", "Y"],
  ["XY", "XY"],
  ["25", "XY"],
  ["MT", "MT"],
  ["M", "MT"],
  ["26", "MT"],
]) {
  BY_CODE.set(code, name);
}

/** plink's name of a chromosome code, or null when it is not one of 1–22, X, Y, XY, MT (or 23–26), "chr" prefix allowed. */
export function plinkChrom(text: string): string | null {
  let c = text.trim().toUpperCase();
  if (c.startsWith("CHR")) c = c.slice(3);
  c = c.replace(/^0+(?=\d)/, "");
  return BY_CODE.get(c) ?? null;
}

const CODE_OF: Record<string, number> = { X: 23, Y: 24, XY: 25, MT: 26 };

/** plink's number of a chromosome (1–26: X 23, Y 24, XY 25, MT 26), or -1 when plink does not number it. */
export function plinkCode(text: string): number {
  const name = plinkChrom(text);
  return name === null ? -1 : (CODE_OF[name] ?? Number(name));
}

/** A chromosome name for comparisons: plink's name when it is one, else the text without "chr", upper-cased. */
export function normChrom(c: string): string {
  return plinkChrom(c) ?? c.trim().replace(/^chr/i, "").toUpperCase();
}

export const CHROM_RULE = "1–22, X, Y, XY, MT (or plink's 23–26), with or without 'chr'";
