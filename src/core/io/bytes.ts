// Byte sources for the readers: whole buffers or web streams, gzip detected by
// its magic bytes (1f 8b) and inflated with the platform's DecompressionStream.
// Inflation is capped (InflateLimit) so that a gzip bomb fails early, before it
// fills memory: by default past 8 MiB at more than 200 bytes out per byte in
// (real text inflates 3 to 20 times; deflate's most is about 1032).
import { InputError } from "../errors.js";

export type ByteSource = Uint8Array | ReadableStream<Uint8Array>;

/** How far gzip data may inflate. A reader may lower `maxBytes` while reading (e.g. once n is known). */
export interface InflateLimit {
  /** Most inflated bytes accepted. */
  maxBytes: number;
  /** Most inflated bytes per compressed byte, checked once `ratioAfter` bytes are out (Infinity: no check). */
  maxRatio: number;
  ratioAfter: number;
  /** Why `maxBytes` is what it is, for the message (e.g. "a 1000 x 1000 text LD matrix"). */
  why: string;
}

export const DEFAULT_INFLATE_RATIO = 200;
export const DEFAULT_RATIO_AFTER = 8 * 1024 * 1024;

/** The default cap: no absolute size, but no more than 200 bytes out per byte in past 8 MiB. */
export function defaultInflateLimit(): InflateLimit {
  return { maxBytes: Infinity, maxRatio: DEFAULT_INFLATE_RATIO, ratioAfter: DEFAULT_RATIO_AFTER, why: "" };
}

/** Whether these are the first bytes of a gzip stream. */
export function isGzip(first: Uint8Array): boolean {
  return first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
}

function toStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      if (bytes.length) c.enqueue(bytes);
      c.close();
    },
  });
}

/** A stream that yields `first` and then the rest of `reader`. */
function prepend(first: Uint8Array, reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream({
    async pull(c) {
      if (!sent) {
        sent = true;
        c.enqueue(first);
        return;
      }
      const { done, value } = await reader.read();
      if (done) c.close();
      else c.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** A stream's first chunk, and a stream that still yields everything; null when it is empty. */
export async function peekStream(src: ReadableStream<Uint8Array>): Promise<{ first: Uint8Array; stream: ReadableStream<Uint8Array> } | null> {
  const reader = src.getReader();
  const { done, value } = await reader.read();
  if (done || !value) return null;
  return { first: value, stream: prepend(value, reader) };
}

/** The source's content as a stream of bytes, inflated (within `limit`) when it is gzip. */
export async function openBytes(src: ByteSource, source: string, limit: InflateLimit = defaultInflateLimit()): Promise<ReadableStream<Uint8Array>> {
  let stream: ReadableStream<Uint8Array>;
  let first: Uint8Array;
  if (src instanceof Uint8Array) {
    stream = toStream(src);
    first = src;
  } else {
    const peeked = await peekStream(src);
    if (!peeked) return toStream(new Uint8Array(0));
    ({ first, stream } = peeked);
  }
  if (!isGzip(first)) return stream;
  return inflate(stream, source, limit);
}

/** Compressed bytes handed to the inflater at a time, each write awaited, so that what it has taken is known closely. */
const FEED = 16 * 1024;

const MiB = 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes >= MiB ? `${Math.round(bytes / MiB)} MiB` : `${bytes} bytes`;
}

/**
 * Inflates gzip with the platform's DecompressionStream, feeding it FEED bytes
 * at a time; turns its failures (corrupt or truncated gzip) into a clear
 * InputError and stops (cancelling the source) once the output passes `limit`.
 */
function inflate(stream: ReadableStream<Uint8Array>, source: string, limit: InflateLimit): ReadableStream<Uint8Array> {
  const ds = new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>;
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const input = stream.getReader();
  let compressed = 0;
  let out = 0;
  let stopped = false;
  let feedError: unknown;
  const feed = (async () => {
    for (;;) {
      const next = await input.read();
      if (stopped) return;
      if (next.done) return writer.close();
      for (let at = 0; at < next.value.length && !stopped; at += FEED) {
        const piece = next.value.subarray(at, at + FEED);
        compressed += piece.length;
        await writer.write(piece);
      }
    }
  })();
  // the reader reports the inflater's errors; the feeder's own are seen there too
  feed.catch((e: unknown) => {
    feedError = e;
    return writer.abort(e).catch(() => undefined);
  });
  const stop = async () => {
    stopped = true;
    await Promise.all([input.cancel().catch(() => undefined), reader.cancel().catch(() => undefined)]);
  };
  return new ReadableStream({
    async pull(c) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        await stop();
        c.error(feedError instanceof InputError ? feedError : new InputError({ file: source }, "truncated or corrupt gzip data"));
        return;
      }
      if (chunk.done) {
        c.close();
        return;
      }
      out += chunk.value.length;
      const overSize = out > limit.maxBytes;
      if (overSize || (out > limit.ratioAfter && out > limit.maxRatio * compressed)) {
        await stop();
        const problem = overSize
          ? `the gzip data inflates to more than ${sizeText(limit.maxBytes)}, more than ${limit.why || "this file"} can need (a gzip bomb, or a damaged file)`
          : `the gzip data inflates to more than ${limit.maxRatio} times its compressed size (${sizeText(out)} from ${sizeText(compressed)}): a gzip bomb, or a damaged file`;
        c.error(new InputError({ file: source }, problem));
        return;
      }
      c.enqueue(chunk.value);
    },
    cancel() {
      return stop();
    },
  });
}

/** Reads a whole source (inflating gzip, within `limit`) into one buffer. */
export async function readAllBytes(src: ByteSource, source: string, limit?: InflateLimit): Promise<Uint8Array> {
  const reader = (await openBytes(src, source, limit)).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
