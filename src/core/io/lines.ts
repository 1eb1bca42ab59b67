// Line-by-line reading of a byte stream without decoding it to one string:
// each line is handed over as a range of a byte buffer (CR LF or LF endings).

/** Called per line with its bytes `buf[start, end)` (no line ending) and its 1-based number. */
export type LineHandler = (buf: Uint8Array, start: number, end: number, line: number) => void;

/** Reads the stream to its end, calling `onLine` for every line (the last one may lack a newline). */
export async function forEachLine(stream: ReadableStream<Uint8Array>, onLine: LineHandler): Promise<number> {
  const reader = stream.getReader();
  let carry: Uint8Array = new Uint8Array(0);
  let line = 0;
  const emit = (buf: Uint8Array, start: number, end: number) => {
    if (end > start && buf[end - 1] === 0x0d) end--;
    onLine(buf, start, end, ++line);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    let buf = value;
    let start = 0;
    if (carry.length) {
      const nl = value.indexOf(0x0a);
      if (nl < 0) {
        const joined = new Uint8Array(carry.length + value.length);
        joined.set(carry);
        joined.set(value, carry.length);
        carry = joined;
        continue;
      }
      const first = new Uint8Array(carry.length + nl);
      first.set(carry);
      first.set(value.subarray(0, nl), carry.length);
      emit(first, 0, first.length);
      start = nl + 1;
      carry = new Uint8Array(0);
    }
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl < 0) break;
      emit(buf, start, nl);
      start = nl + 1;
    }
    if (start < buf.length) carry = buf.slice(start);
    buf = carry;
  }
  if (carry.length) emit(carry, 0, carry.length);
  return line;
}

/** Whether a line holds only spaces and tabs. */
export function isBlank(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0x20 && buf[i] !== 0x09) return false;
  return true;
}
