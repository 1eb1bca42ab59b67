// Tables of consecutive parts (e.g. one chromosome's shrinkage each) joined into
// one: the header once, then every part's rows in the order given. The parts
// must have the same header.
import { InputError } from "../errors.js";

export function mergeTables(parts: { text: string; source: string }[]): string {
  if (!parts.length) throw new Error("mergeTables: no parts");
  const headerOf = (p: { text: string; source: string }) => {
    const end = p.text.indexOf("\n");
    if (end < 0) throw new InputError({ file: p.source }, "no header line (expected a table with a header)");
    return p.text.slice(0, end + 1);
  };
  const header = headerOf(parts[0]);
  const out: string[] = [header];
  for (const p of parts) {
    const h = headerOf(p);
    if (h !== header) throw InputError.mismatch(`${parts[0].source}, ${p.source}`, `${p.source} has columns ${h.trim().split("\t").join(", ")} but ${parts[0].source} has ${header.trim().split("\t").join(", ")}`);
    const body = p.text.slice(h.length);
    if (body && !body.endsWith("\n")) throw new InputError({ file: p.source }, "the last line has no line end (a table cut short?)");
    out.push(body);
  }
  return out.join("");
}
