#!/usr/bin/env node
// mlmages command line (compiled by `npm run build` into build/js).
import { main } from "../build/js/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
