// An LD block as plink square text (`--r square`): one row a line, values
// space separated, each the shortest decimal that reads back to the same double
// (-0 kept as written, so the blocks hold exactly the values read).
import type { LdBlock } from "../types.js";

/** The block as plink square text. */
export function formatLdText(block: LdBlock): string {
  const { n, data } = block;
  const lines = new Array<string>(n);
  const cells = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = data[i * n + j];
      cells[j] = v === 0 && 1 / v < 0 ? "-0" : String(v);
    }
    lines[i] = cells.join(" ");
  }
  return lines.join("\n") + "\n";
}
