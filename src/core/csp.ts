// The web app's content security policy: every request stays on the page's
// origin (the data a user drops never leaves the machine). The local server
// sends it as a header and the build writes it into index.html's meta tag, so
// a copy of build/web served by anything else keeps it too.
export const CSP =
  "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; worker-src 'self'; frame-src 'self' blob: data:; font-src 'self'; form-action 'none'";
