// Bundles the command line into one module, build/cli/mlmages.js (build/js/cli/main.js
// and everything it imports, commands included), and each command alone with the
// code that runs it into build/cli/commands/<name>.js. bin/mlmages.js loads a
// command's own bundle when there is one: `mlmages ld` then parses and initialises
// only what ld needs (about 75 kB instead of 520 kB, some 50 ms less a start; one
// file instead of about a hundred saves Node about 70 ms more). The clustering
// worker threads run the unbundled build/js (cluster-workers.ts starts
// build/js/node/cluster-workers.js).
// Run: node scripts/build-cli.js   (part of npm run build, after build:ts)
import { build } from "esbuild";
import { readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const common = { bundle: true, format: "esm", platform: "node", target: "node20", logLevel: "warning" };
const commands = readdirSync(`${root}build/js/cli/commands`).filter((f) => f.endsWith(".js")).map((f) => f.slice(0, -3));
rmSync(`${root}build/cli`, { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: [`${root}build/js/cli/main.js`], outfile: `${root}build/cli/mlmages.js` }),
  ...commands.map((name) =>
    build({
      ...common,
      stdin: {
        contents: `import { runCommand } from "./dispatch.js";\n` + `export const main = ([name, ...rest]) => runCommand(name, () => import("./commands/${name}.js"), rest);\n`,
        resolveDir: `${root}build/js/cli`,
        sourcefile: `${name}-entry.js`,
      },
      outfile: `${root}build/cli/commands/${name}.js`,
    }),
  ),
]);
