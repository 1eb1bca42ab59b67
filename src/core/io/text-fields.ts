// Fields of a delimited text line picked by index without splitting the whole
// line (the variant readers take 3–6 of a line's fields, a million lines).

/**
 * Writes the fields `cols` (increasing) of line[start, end) into `out`, in the
 * order of `cols`; fields are separated by `delim` (trimmed of blanks), or by
 * runs of blanks when `delim` is null. Returns the number of fields seen,
 * counting stops after the last wanted one unless `countAll`.
 */
export function pickFields(text: string, start: number, end: number, delim: string | null, cols: number[], out: string[], countAll = false): number {
  let field = 0;
  let want = 0;
  const last = cols[cols.length - 1];
  let i = start;
  if (delim === null) while (i < end && isBlank(text.charCodeAt(i))) i++;
  while (i <= end) {
    let j: number;
    let next: number;
    if (delim !== null) {
      j = text.indexOf(delim, i);
      if (j < 0 || j > end) j = end;
      next = j + 1;
    } else {
      j = i;
      while (j < end && !isBlank(text.charCodeAt(j))) j++;
      next = j;
      while (next < end && isBlank(text.charCodeAt(next))) next++;
      if (next === end) next = end + 1;
    }
    if (want < cols.length && field === cols[want]) {
      let a = i;
      let b = j;
      if (delim !== null) {
        while (a < b && isBlank(text.charCodeAt(a))) a++;
        while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
      }
      out[want++] = text.slice(a, b);
    }
    field++;
    if (field > last && !countAll) return field;
    i = next;
  }
  return field;
}

function isBlank(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0d;
}

/** An allele in upper case (single ACGT letters as they are, without a new string). */
export function upperAllele(a: string): string {
  if (a.length === 1 && (a === "A" || a === "C" || a === "G" || a === "T")) return a;
  return a.toUpperCase();
}

/** Calls `body(start, end, lineNumber)` for each non-blank line of text (\r\n or \n), until it returns false. */
export function forEachTextLine(text: string, from: number, body: (start: number, end: number, line: number) => boolean | void): void {
  let line = 0;
  let at = from;
  while (at < text.length) {
    let nl = text.indexOf("\n", at);
    if (nl < 0) nl = text.length;
    line++;
    let end = nl;
    if (end > at && text.charCodeAt(end - 1) === 0x0d) end--;
    let k = at;
    while (k < end && isBlank(text.charCodeAt(k))) k++;
    if (k < end && body(at, end, line) === false) return;
    at = nl + 1;
  }
}
