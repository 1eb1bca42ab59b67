// mlmages as a library in Deno: shrink one trait of the bundled example.
//   node bin/mlmages.js example --out ex && deno run --allow-read examples/deno.ts ex
// (outside this repository, import from "npm:mlmages")
import { readGwas, readLd, readLdList, readModels, shrink } from "mlmages";

const dir = Deno.args[0] ?? "ex";
const read = (path: string) => Deno.readFile(`${dir}/${path}`);
const gwas = await readGwas(await read("gwas_T1.tsv"), "gwas_T1.tsv");
const ldBlocks = [];
for (const f of readLdList(new TextDecoder().decode(await read("ld_blocks.txt")))) ldBlocks.push(await readLd(await read(f), f));
const modelFile = new URL("../models/default/default.mlm", import.meta.url);
const models = readModels([{ name: "default.mlm", bytes: await Deno.readFile(modelFile) }]);

const { betaShrink } = await shrink({ gwas, ldBlocks, models });
console.log(`${gwas.n} variants in ${ldBlocks.length} LD blocks`);
for (let i = 0; i < 3; i++) console.log(`${gwas.id?.[i] ?? i}\tbeta ${gwas.beta[i]}\tshrunk ${betaShrink[i]}`);
