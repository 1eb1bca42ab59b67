// mlmages as a library in Node: shrink one trait of the bundled example.
//   node bin/mlmages.js example --out ex && node examples/node.mjs ex
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { readGwas, readLd, readLdList, readModels, shrink } from "mlmages";

const dir = process.argv[2] ?? "ex";
const read = (path) => readFile(join(dir, path));
const gwas = await readGwas(await read("gwas_T1.tsv"), "gwas_T1.tsv");
const ldBlocks = [];
for (const f of readLdList((await read("ld_blocks.txt")).toString())) ldBlocks.push(await readLd(await read(f), f));
const modelFile = new URL("../models/default/default.mlm", import.meta.url);
const models = readModels([{ name: "default.mlm", bytes: await readFile(modelFile) }]);

const { betaShrink } = await shrink({ gwas, ldBlocks, models });
console.log(`${gwas.n} variants in ${ldBlocks.length} LD blocks`);
for (let i = 0; i < 3; i++) console.log(`${gwas.id?.[i] ?? i}\tbeta ${gwas.beta[i]}\tshrunk ${betaShrink[i]}`);
