// npm run web: serves the built web app (build/web) on localhost and prints its address.
// Options: --port N (default 8080; 0 = any free port).
import { fileURLToPath } from "node:url";
import { serveWeb } from "../build/js/node/serve-web.js";

const at = process.argv.indexOf("--port");
const port = at > 0 ? Number(process.argv[at + 1]) : 8080;
const { url } = await serveWeb(fileURLToPath(new URL("../build/web", import.meta.url)), port);
console.log(`mlmages web app: ${url}  (Ctrl-C to stop; everything runs in your browser tab)`);
