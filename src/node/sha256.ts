// SHA-256 on Node without paying for OpenSSL when little is hashed: the first
// bytes go to the portable Sha256 (src/core/sha256.ts); past SMALL bytes the
// hash moves to node:crypto (loaded then, not at start), fed what came before.
// Loading node:crypto (its modules and OpenSSL's providers) costs ~10 ms of CPU
// measured here, a good part of a small panel's whole LD. Both give the same digest.
import { createRequire } from "node:module";
import { Sha256, type Hasher } from "../core/sha256.js";

/** Bytes hashed by the portable code before node:crypto takes over. */
const SMALL = 1 << 20;

type NodeHash = { update(b: Uint8Array): void; digest(enc: "hex"): string };

function nativeHash(): NodeHash {
  const { createHash } = createRequire(import.meta.url)("node:crypto") as { createHash(alg: string): NodeHash };
  return createHash("sha256");
}

/** A SHA-256 hasher: portable for the first SMALL bytes, node:crypto beyond. */
export function nodeSha256(): Hasher {
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let native: NodeHash | undefined;
  return {
    update(bytes: Uint8Array) {
      if (native) return native.update(bytes);
      held.push(bytes.slice()); // the caller may reuse its buffer (a view of WASM memory)
      heldBytes += bytes.length;
      if (heldBytes <= SMALL) return;
      native = nativeHash();
      for (const b of held) native.update(b);
      held.length = 0;
    },
    hex() {
      if (native) return native.digest("hex");
      const h = new Sha256();
      for (const b of held) h.update(b);
      return h.hex();
    },
  };
}
