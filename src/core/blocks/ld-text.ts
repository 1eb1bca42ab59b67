// An LD block as plink square text (`--r square`): one row a line, values
// space separated, each the shortest decimal that reads back to the same double.
import type { LdBlock } from "../types.js";

/** The block as plink square text. */
export function formatLdText(block: LdBlock): string {
  const { n, data } = block;
  const lines = new Array<string>(n);
  const cells = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) cells[j] = String(data[i * n + j]);
    lines[i] = cells.join(" ");
  }
  return lines.join("\n") + "\n";
}
