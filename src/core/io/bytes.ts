// Byte sources for the readers: whole buffers or web streams, gzip detected by
// its magic bytes (1f 8b) and inflated with the platform's DecompressionStream.
import { InputError } from "../errors.js";

export type ByteSource = Uint8Array | ReadableStream<Uint8Array>;

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

/** The source's content as a stream of bytes, inflated when it is gzip. */
export async function openBytes(src: ByteSource, source: string): Promise<ReadableStream<Uint8Array>> {
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
  const inflated = stream.pipeThrough(new DecompressionStream("gzip") as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
  return guard(inflated, source);
}

/** Turns the stream's failures (corrupt or truncated gzip) into a clear InputError. */
function guard(stream: ReadableStream<Uint8Array>, source: string): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  return new ReadableStream({
    async pull(c) {
      try {
        const { done, value } = await reader.read();
        if (done) c.close();
        else c.enqueue(value);
      } catch {
        c.error(new InputError({ file: source }, "truncated or corrupt gzip data"));
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** Reads a whole source (inflating gzip) into one buffer. */
export async function readAllBytes(src: ByteSource, source: string): Promise<Uint8Array> {
  const reader = (await openBytes(src, source)).getReader();
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
