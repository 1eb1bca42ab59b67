#!/usr/bin/env node
// mlmages command line (bundled by `npm run build` into build/cli).
import { main } from "../build/cli/mlmages.js";

process.exitCode = await main(process.argv.slice(2));
