// Founder haplotypes with real LD among sites: each site is a mutation on a
// branch of the founders' local genealogy (a Kingman coalescent tree, the
// branch drawn with probability ∝ its length, so the founders below it carry
// allele 1), and the genealogy changes along the block by subtree prune and
// regraft of one founder at a per-site rate. Sites on the same or nested
// branches are in strong LD, which decays as the tree changes; independent
// founder alleles per site give r² ≈ 1/K between neighbours only.
// see: Kingman (1982), Stoch. Proc. Appl. 13:235 (coalescent); Wiuf & Hein
//      (1999), Theor. Popul. Biol. 55:248 (the genealogy along a sequence, SPR).
import * as dmath from "../math.js";
import type { Rng } from "../random.js";

/** A rooted binary tree over K leaves (nodes 0..K−1) and K−1 internal nodes, with node times. */
interface Tree {
  k: number;
  parent: Int32Array;
  /** Two children per internal node (−1 for leaves). */
  children: Int32Array;
  time: Float64Array;
  root: number;
}

/** A coalescent tree of k leaves: merging random pairs after Exp(j(j−1)/2) waits. */
function coalescentTree(k: number, rng: Rng): Tree {
  const nodes = 2 * k - 1;
  const t: Tree = { k, parent: new Int32Array(nodes).fill(-1), children: new Int32Array(2 * nodes).fill(-1), time: new Float64Array(nodes), root: 0 };
  const active = Array.from({ length: k }, (_, i) => i);
  let now = 0;
  for (let next = k; active.length > 1; next++) {
    const j = active.length;
    now += -dmath.log(1 - rng.uniform()) / ((j * (j - 1)) / 2);
    const a = active.splice(rng.int(active.length), 1)[0];
    const b = active.splice(rng.int(active.length), 1)[0];
    t.children[2 * next] = a;
    t.children[2 * next + 1] = b;
    t.parent[a] = t.parent[b] = next;
    t.time[next] = now;
    active.push(next);
    t.root = next;
  }
  return t;
}

/** Replaces child `from` of node p by `to` (p ≥ 0). */
function replaceChild(t: Tree, p: number, from: number, to: number): void {
  t.children[2 * p + (t.children[2 * p] === from ? 0 : 1)] = to;
}

/** Moves a random leaf to a random branch at a random time along it (subtree prune and regraft). */
function moveLeaf(t: Tree, rng: Rng): void {
  const leaf = rng.int(t.k);
  const p = t.parent[leaf];
  const sib = t.children[2 * p] === leaf ? t.children[2 * p + 1] : t.children[2 * p];
  const g = t.parent[p];
  t.parent[sib] = g;
  if (g < 0) t.root = sib;
  else replaceChild(t, g, p, sib);
  // any node of the remaining tree (p and leaf are out of it)
  let x: number;
  do x = rng.int(t.parent.length);
  while (x === p || x === leaf);
  const xp = t.parent[x];
  const at = xp < 0 ? t.time[x] - dmath.log(1 - rng.uniform()) : t.time[x] + rng.uniform() * (t.time[xp] - t.time[x]);
  t.time[p] = at;
  t.children[2 * p] = leaf;
  t.children[2 * p + 1] = x;
  t.parent[x] = p;
  t.parent[p] = xp;
  if (xp < 0) t.root = p;
  else replaceChild(t, xp, x, p);
}

/** Which leaves lie below each node (nodes x K, 1 = below) and the cumulative branch lengths. */
function branches(t: Tree): { below: Uint8Array; cum: Float64Array } {
  const nodes = t.parent.length;
  const below = new Uint8Array(nodes * t.k);
  for (let l = 0; l < t.k; l++) for (let x = l; x >= 0; x = t.parent[x]) below[x * t.k + l] = 1;
  const cum = new Float64Array(nodes);
  let s = 0;
  for (let x = 0; x < nodes; x++) {
    if (x !== t.root) s += t.time[t.parent[x]] - t.time[x];
    cum[x] = s;
  }
  return { below, cum };
}

/**
 * Founder alleles (K x m, row-major) of m sites, each a mutation on a branch of
 * the founders' genealogy, which moves one founder with probability `change`
 * before each site.
 */
export function genealogyFounders(k: number, m: number, change: number, rng: Rng): Uint8Array {
  const founder = new Uint8Array(k * m);
  const tree = coalescentTree(k, rng);
  let b = branches(tree);
  for (let j = 0; j < m; j++) {
    if (j > 0 && rng.uniform() < change) {
      moveLeaf(tree, rng);
      b = branches(tree);
    }
    const u = rng.uniform() * b.cum[b.cum.length - 1];
    let x = 0;
    while (b.cum[x] <= u || x === tree.root) x++;
    for (let l = 0; l < k; l++) founder[l * m + j] = b.below[x * k + l];
  }
  return founder;
}
