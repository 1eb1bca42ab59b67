// The LD digest of a streamed run (src/core/ld-digest.ts) against the same
// quantities computed with every block held: neighbours from ldNeighbours,
// gene spectra from geneSpectra (a gene's LD zero across block edges), on
// blocks cut down to the variants harmonisation kept, with genes that
// straddle one and two block edges, overlap, and come unordered.
import { beforeAll, describe, expect, it } from "vitest";
import "../src/node/wasm.js";
import type { GeneRange } from "../src/core/genetest/gene-table.js";
import { geneSpectra } from "../src/core/genetest/gene-test.js";
import { subsetBlocks } from "../src/core/harmonise/align.js";
import { indefiniteBlockWarnings } from "../src/core/io/ld-definite.js";
import { LdDigester, LdValueChecks } from "../src/core/ld-digest.js";
import { ldNeighbours } from "../src/core/shrink.js";
import { Rng } from "../src/core/random.js";
import { simulateLd } from "../src/core/sim/simulate.js";
import type { LdBlock } from "../src/core/types.js";
import type { Core } from "../src/core/wasm/core.js";
import { getCore } from "../src/core/wasm/instance.js";

let core: Core;
let blocks: LdBlock[];
beforeAll(async () => {
  core = await getCore();
  blocks = simulateLd({ blockSizes: [40, 1, 55, 30, 12], haplotypes: { individuals: 200 } }, new Rng(7)).blocks;
});

const gene = (name: string, first: number, count: number): GeneRange => ({ gene: name, chr: "1", start: NaN, end: NaN, first, count });

describe("LdDigester", () => {
  it("gives every block's neighbours and every gene's spectrum as computed with all blocks held", () => {
    // keep most variants, none of block 3 (variants 96-125)
    const rng = new Rng(3);
    const kept = Int32Array.from({ length: 138 }, (_, i) => i).filter((i) => (i < 96 || i >= 126) && rng.uniform() < 0.8);
    const analysed = subsetBlocks(blocks, kept);
    const n = analysed.reduce((s, b) => s + b.n, 0);
    const [b0, b1, b2] = analysed.map((b) => b.n);
    const genes = [
      gene("across two edges", b0 - 3, 1 + b1 + 5),
      gene("inside the first", 2, 10),
      gene("across one edge", b0 + b1 + b2 - 4, 9),
      gene("overlapping", 5, b0),
      gene("to the end", n - 6, 6),
      gene("one variant", b0, 1),
    ];
    const digester = new LdDigester(core, { topR: 3, genes, kept });
    for (const b of blocks) digester.add(b);
    const d = digester.finish();
    expect(d.blocks).toEqual(analysed.map((b) => ({ source: b.source, n: b.n })));
    expect(d.neighbours).toEqual(ldNeighbours(core, analysed, 3));
    expect(d.spectra).toEqual(geneSpectra(core, analysed, genes));
    // a straddling gene's spectrum is not its first block's part alone
    expect(d.spectra![0].eigenvalues.length).toBe(1 + b1 + 5);
  });

  it("takes blocks already cut down, and no genes", () => {
    const d = new LdDigester(core, { topR: 2 });
    for (const b of blocks) d.add(b);
    const res = d.finish();
    expect(res.spectra).toBeUndefined();
    expect(res.neighbours).toEqual(ldNeighbours(core, blocks, 2));
  });
});

describe("LdValueChecks", () => {
  it("warns of r² given for r and of indefinite blocks, block by block, as for all blocks at once", () => {
    const r2: LdBlock = { source: "r2.ld", n: 2, data: Float64Array.of(1, 0.5, 0.5, 1) };
    // eigenvalues 1 ± 1.2: not positive semi-definite
    const indefinite: LdBlock = { source: "bad.ld", n: 2, data: Float64Array.of(1, -1.2, -1.2, 1) };
    const checks = new LdValueChecks(core);
    for (const b of [blocks[0], r2, indefinite]) checks.check(b);
    expect(checks.warnings()).toEqual(["r2.ld has no negative value: it looks like r² where signed r is needed (plink --r, not --r2)", ...indefiniteBlockWarnings(core, [indefinite])]);
    expect(checks.warnings()[1]).toMatch(/bad\.ld \(2 variants\) is not positive semi-definite: its smallest eigenvalue is -0\.2000/);
  });
});
