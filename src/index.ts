// mlmages as a library, the same in Node, browsers and Deno: parsers from bytes
// or web streams, and the analysis steps on parsed inputs. The platform entry
// (src/node/index.ts for Node) says where the WASM core comes from; elsewhere
// call initCore() with the module's bytes, a compiled module or a fetch Response.
export { InputError } from "./core/errors.js";
export type { Gwas, LdBlock, Ensemble, Network } from "./core/types.js";
export { readGwas } from "./core/io/gwas.js";
export { expandLdLists, isLdList, readLdMatrix, readLdList, resolveRelative } from "./core/io/ld.js";
export { readLdMatrix as readLd } from "./core/io/ld.js";
export { splitBlocks } from "./core/blocks/split.js";
export type { LdSplit, SplitMethod, SplitOptions } from "./core/blocks/split.js";
export { readModels } from "./core/models/ensemble.js";
export { readNativeModel, writeNativeModel } from "./core/models/native.js";
export { shrink } from "./core/shrink.js";
export { enetShrink } from "./core/enet.js";
export { susieShrink } from "./core/susie/susie-rss.js";
export { cluster } from "./core/cluster/cluster.js";
export { geneTest, geneTestWith, geneSpectra, epsilonFromClusters } from "./core/genetest/gene-test.js";
export type { GeneTestRow, GeneSpectrum } from "./core/genetest/gene-test.js";
export type { GeneRange } from "./core/genetest/gene-table.js";
export { readGeneTable } from "./core/genetest/gene-table.js";
export { readGeneAnnotation, annotateGenes } from "./core/genetest/gene-loc.js";
export { geneLevel } from "./core/genelevel/gene-level.js";
export type { GeneLevelInput, GeneLevelResult, AssociationType } from "./core/genelevel/gene-level.js";
export { geneLevelTables } from "./core/genelevel/tables.js";
export { publishedAssociationTypes } from "./core/genelevel/published-types.js";
export { runPipeline } from "./core/pipeline.js";
export { simulateLd, simulateGwas } from "./core/sim/simulate.js";
export { accuracy } from "./core/metrics/evaluate.js";
export { initCore, getCore } from "./core/wasm/instance.js";
export { openPanel, scanPanel, blockLd, panelFiles } from "./core/panel/panel.js";
export type { Panel, PanelScan, PanelOptions } from "./core/panel/panel.js";
