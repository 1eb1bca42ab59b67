#!/usr/bin/env node
// mlmages command line (bundled by `npm run build` into build/cli): a command's
// own bundle when it has one (build/cli/commands/<name>.js, only what it needs),
// else the whole command line (help, version, unknown commands).
import { existsSync } from "node:fs";

const argv = process.argv.slice(2);
const own = /^[a-z][a-z-]*$/.test(argv[0] ?? "") ? new URL(`../build/cli/commands/${argv[0]}.js`, import.meta.url) : undefined;
const { main } = await import(own && existsSync(own) ? own.href : "../build/cli/mlmages.js");
process.exitCode = await main(argv);
