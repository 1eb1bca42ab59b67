// Cache entries of block LD computed from a panel. The key is the SHA-256 of
// the panel's three files' SHA-256, the kept samples and the block's variants
// (and this format's version), so any change to them is a miss. An entry holds
// the block's variant indices and its r (float64), followed by the SHA-256 of
// all that; an entry whose length, header, variants or checksum is wrong is
// reported as absent, so the block is recomputed and never trusted.
import type { Hasher } from "../sha256.js";

const MAGIC = "MLMGLD01";
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;
const enc = new TextEncoder();

export interface CacheKeyParts {
  sha256: { bed: string; bim: string; fam: string };
  keep: Int32Array;
  variants: Int32Array;
}

function bytesOf(a: Int32Array): Uint8Array {
  const out = new Uint8Array(a.length * 4);
  for (let i = 0; i < a.length; i++) new DataView(out.buffer).setInt32(i * 4, a[i], true);
  return out;
}

/** The entry's name: 64 hex digits. */
export function cacheKey(hasher: Hasher, p: CacheKeyParts): string {
  hasher.update(enc.encode(`${MAGIC}\nbed ${p.sha256.bed}\nbim ${p.sha256.bim}\nfam ${p.sha256.fam}\nkeep ${p.keep.length}\n`));
  hasher.update(bytesOf(p.keep));
  hasher.update(enc.encode(`\nvariants ${p.variants.length}\n`));
  hasher.update(bytesOf(p.variants));
  return hasher.hex();
}

/** magic (8) | m (u32) | 0 (u32) | variants (i32 · m, padded to 8) | r (f64 · m²) | SHA-256 hex of the above (64). */
export function encodeCacheEntry(hasher: Hasher, variants: Int32Array, r: Float64Array): Uint8Array {
  const m = variants.length;
  const vBytes = Math.ceil((4 * m) / 8) * 8;
  const body = new Uint8Array(16 + vBytes + 8 * m * m);
  body.set(enc.encode(MAGIC), 0);
  const dv = new DataView(body.buffer);
  dv.setUint32(8, m, true);
  for (let i = 0; i < m; i++) dv.setInt32(16 + 4 * i, variants[i], true);
  if (LITTLE_ENDIAN) body.set(new Uint8Array(r.buffer, r.byteOffset, 8 * m * m), 16 + vBytes);
  else for (let i = 0; i < m * m; i++) dv.setFloat64(16 + vBytes + 8 * i, r[i], true);
  hasher.update(body);
  const out = new Uint8Array(body.length + 64);
  out.set(body);
  out.set(enc.encode(hasher.hex()), body.length);
  return out;
}

/** The entry's r when it is whole and for exactly `variants`, else undefined. */
export function decodeCacheEntry(hasher: Hasher, bytes: Uint8Array, variants: Int32Array): Float64Array | undefined {
  const m = variants.length;
  const vBytes = Math.ceil((4 * m) / 8) * 8;
  const bodyLength = 16 + vBytes + 8 * m * m;
  if (bytes.length !== bodyLength + 64) return undefined;
  const body = bytes.subarray(0, bodyLength);
  if (new TextDecoder().decode(body.subarray(0, 8)) !== MAGIC) return undefined;
  const dv = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (dv.getUint32(8, true) !== m) return undefined;
  for (let i = 0; i < m; i++) if (dv.getInt32(16 + 4 * i, true) !== variants[i]) return undefined;
  hasher.update(body);
  if (new TextDecoder().decode(bytes.subarray(bodyLength)) !== hasher.hex()) return undefined;
  if (LITTLE_ENDIAN) return new Float64Array(body.slice(16 + vBytes).buffer);
  const r = new Float64Array(m * m);
  for (let i = 0; i < m * m; i++) r[i] = dv.getFloat64(16 + vBytes + 8 * i, true);
  return r;
}
