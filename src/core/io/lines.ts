// Line-by-line reading of a byte stream without decoding it to one string:
// each line is handed over as a range of a byte buffer (CR LF or LF endings).
// A UTF-8 byte-order mark at the start is skipped; a line longer than the cap
// is refused (a file with no line ending, e.g. a gzip bomb of zeros, would
// otherwise be gathered whole).
import { InputError } from "../errors.js";

/** Called per line with its bytes `buf[start, end)` (no line ending) and its 1-based number. */
export type LineHandler = (buf: Uint8Array, start: number, end: number, line: number) => void;

/** The longest line accepted by default: 64 MiB (a text LD row of 80 000 variants is about 1 MB). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export interface LineOptions {
  /** Names the stream in errors. */
  source?: string;
  /** The longest line accepted, in bytes (default MAX_LINE_BYTES). */
  maxLineBytes?: number;
}

/** The UTF-8 byte-order mark EF BB BF. */
export function hasBom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

/** `text` without a leading byte-order mark (U+FEFF), for readers handed decoded text. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Reads the stream to its end, calling `onLine` for every line (the last one may lack a newline). */
export async function forEachLine(stream: ReadableStream<Uint8Array>, onLine: LineHandler, opts: LineOptions = {}): Promise<number> {
  const maxLine = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const reader = stream.getReader();
  // the start of a line not yet ended, as chunks (joined once, when its end comes)
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let line = 0;
  // the first bytes, held until there are 3 to tell a byte-order mark (null once told)
  let head: Uint8Array | null = new Uint8Array(0);
  const emit = (buf: Uint8Array, start: number, end: number) => {
    if (end > start && buf[end - 1] === 0x0d) end--;
    onLine(buf, start, end, ++line);
  };
  const tooLong = () =>
    new InputError({ file: opts.source ?? "", line: line + 1 }, `line longer than ${maxLine} bytes (no line ending found): not a text file of this kind, or a damaged one`);
  const joinPending = (tail: Uint8Array): Uint8Array => {
    const out = new Uint8Array(pendingBytes + tail.length);
    let at = 0;
    for (const p of pending) {
      out.set(p, at);
      at += p.length;
    }
    out.set(tail, at);
    pending = [];
    pendingBytes = 0;
    return out;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      let buf: Uint8Array;
      if (head) {
        const joined: Uint8Array = done ? head : head.length ? concat(head, value) : value;
        if (!done && joined.length < 3) {
          head = joined;
          continue;
        }
        head = null;
        buf = hasBom(joined) ? joined.subarray(3) : joined;
      } else if (done) break;
      else buf = value;
      let start = 0;
      if (pendingBytes) {
        const nl = buf.indexOf(0x0a);
        if (nl < 0) {
          if (pendingBytes + buf.length > maxLine) throw tooLong();
          pending.push(buf.slice());
          pendingBytes += buf.length;
          continue;
        }
        if (pendingBytes + nl > maxLine) throw tooLong();
        const joined = joinPending(buf.subarray(0, nl));
        emit(joined, 0, joined.length);
        start = nl + 1;
      }
      for (;;) {
        const nl = buf.indexOf(0x0a, start);
        if (nl < 0) break;
        if (nl - start > maxLine) throw tooLong();
        emit(buf, start, nl);
        start = nl + 1;
      }
      if (start < buf.length) {
        if (buf.length - start > maxLine) throw tooLong();
        pending.push(buf.slice(start));
        pendingBytes = buf.length - start;
      }
      if (done) break;
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
  if (pendingBytes) {
    const last = joinPending(new Uint8Array(0));
    emit(last, 0, last.length);
  }
  return line;
}

/** Whether a line holds only spaces and tabs. */
export function isBlank(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== 0x20 && buf[i] !== 0x09) return false;
  return true;
}
