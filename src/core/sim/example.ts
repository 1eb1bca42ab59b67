// The bundled example: a small 3-trait gene-level simulation on simulated LD
// of one chromosome, the same bytes every time and on every platform.
import { Rng } from "../random.js";
import { simulatePositions, simulationFiles, type SimFile } from "./files.js";
import { simulateGwas, simulateLd } from "./simulate.js";

export const EXAMPLE_SEED = 20250101;
const BLOCKS = [520, 480, 500];

const README = `mlmages example: a simulated 3-trait GWAS on simulated LD (made by mlmages itself)

ld/block_<i>.ld    LD blocks of one chromosome (1500 variants in 3 blocks), plink-style text
ld/block_<i>.bim   each block's variants (plink .bim: r is signed for A1)
ld_blocks.txt      the blocks in order (give it to --ld)
gwas_T1..3.tsv     summary statistics: CHR, POS, ID, EA, OA, BETA, SE (N = 290,000;
                   EA is the .bim's A1)
truth.tsv          the true effects of T1..T3 on the BETA scale
genes.tsv          genes (variant index ranges) and which traits each is causal for
meta.json          the settings and seed

Effects are gene-level: some genes are causal for one trait, some shared by
several with correlated effects.
`;

/** The example's files. */
export function exampleFiles(version: string): SimFile[] {
  const rng = new Rng(EXAMPLE_SEED);
  const { blocks, freq } = simulateLd({ blockSizes: BLOCKS }, rng);
  const settings = { traits: 3, n: 290000, h2: [0.003, 0.002, 0.0025], s: -0.25, w: 0, p: 0, genes: {}, freq };
  const sim = simulateGwas(blocks, settings, rng);
  const pos = simulatePositions(sim.beta[0].length, rng);
  const meta = { mlmages: version, command: "example", seed: EXAMPLE_SEED, blocks: BLOCKS, traits: 3, n: 290000, h2: settings.h2, s: -0.25, w: 0, geneLevel: true };
  return [...simulationFiles(blocks, sim, pos, "1", meta), { path: "README.txt", content: README }];
}
