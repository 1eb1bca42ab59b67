// Where the browser tests' chromium is: $CHROMIUM, else Debian's (apt-get install chromium).
// Apart from chromium.ts so that checking for it does not load playwright-core (a second of CPU).
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM || (["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p)) ?? "/usr/bin/chromium");
