// Locates files of the installed mlmages package, whether running from the
// TypeScript sources (src/node) or from the compiled build (build/js/node).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

/** The folder holding mlmages' package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string };
      if (pkg.name === "mlmages") return (root = dir);
    } catch {
      // no package.json here; go up
    }
    const up = dirname(dir);
    if (up === dir) throw new Error("mlmages: cannot find the package's own package.json");
    dir = up;
  }
}

/** mlmages' version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/** A path inside the package. */
export function packagePath(...parts: string[]): string {
  return join(packageRoot(), ...parts);
}
