// The web app in headless chromium: the example's files uploaded and run give
// the CLI's bytes; Load example runs in one click; wrong files get the CLI's
// message beside them and nothing runs. Throughout: no console error, no
// request off the page's origin (the page's longest main-thread task is a
// speed figure: bench/browser.js prints it).
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync, unzipSync } from "fflate";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { serveWeb } from "../src/node/serve-web.js";
import { CSP } from "../src/core/csp.js";
import { packagePath } from "../src/node/package-root.js";
import { launchChromium, watchedPage, type Watched } from "./helpers/chromium.js";
import { CHROMIUM, describeWith, itWith, SHARED } from "./helpers/requirements.js";
import { sharedPath } from "./helpers/shared.js";
import { filesUnder, filesWithBytes } from "./helpers/files.js";
import { testDir } from "./helpers/tmp.js";

const run = promisify(execFile);
const cli = packagePath("bin", "mlmages.js");
const shots = packagePath("test-output", "web");
let dir: string;
let ex: string;
let cliOut: string;
let server: Server;
let origin: string;
let browser: Browser;

/** run.json without what may differ between platforms: times, paths and the command line. */
function comparableRecord(bytes: Uint8Array): unknown {
  const r = JSON.parse(new TextDecoder().decode(bytes));
  const { threads: _threads, ...settings } = r.settings; // threads change nothing else
  return {
    mlmages: r.mlmages,
    settings,
    traits: r.traits.map((t: { name: string }) => t.name),
    inputs: r.inputs.map((i: { sha256: string; bytes: number }) => [i.sha256, i.bytes]),
    steps: r.steps.map((s: { step: string }) => s.step),
    warnings: r.warnings,
  };
}

async function openApp(): Promise<Watched> {
  const w = await watchedPage(browser, origin);
  await w.page.goto(origin);
  return w;
}

async function waitForRun(page: Page): Promise<string> {
  await page.waitForFunction(() => /^(done|stopped|cancelled)/.test(document.getElementById("status")!.textContent ?? ""), null, { timeout: 240_000 });
  return (await page.textContent("#status")) ?? "";
}

async function downloadZip(page: Page): Promise<Map<string, Uint8Array>> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#zip")]);
  const file = join(dir, `zip-${Date.now()}.zip`);
  await download.saveAs(file);
  const files = unzipSync(new Uint8Array(readFileSync(file)));
  return new Map(Object.entries(files).map(([k, v]) => [k.replace(/^mlmages-results\//, ""), v]));
}

function expectSameOutputs(got: Map<string, Uint8Array>, want: Map<string, Uint8Array>): void {
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
  for (const [path, bytes] of want) {
    if (path === "run.json") expect(comparableRecord(got.get(path)!), path).toEqual(comparableRecord(bytes));
    else expect(Buffer.compare(Buffer.from(got.get(path)!), Buffer.from(bytes)), path).toBe(0);
  }
}

async function expectClean(w: Watched): Promise<void> {
  expect(w.errors).toEqual([]);
  expect(w.foreign).toEqual([]);
}

describeWith(CHROMIUM)("the web app", () => {
  beforeAll(async () => {
    dir = testDir("web");
    ex = join(dir, "example");
    cliOut = join(dir, "cli");
    mkdirSync(shots, { recursive: true });
    await run("node", [cli, "example", "--quiet", "--out", ex]);
    await run("node", [cli, "run", "--quiet", "--gwas", ...[1, 2, 3].map((t) => `T${t}=${ex}/gwas_T${t}.tsv`), "--ld", `${ex}/ld_blocks.txt`, "--genes", `${ex}/genes.tsv`, "--out", cliOut]);
    ({ server, url: origin } = await serveWeb(packagePath("build", "web"), 0));
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it("carries one content security policy: the server's header and the built page's meta tag", async () => {
    const res = await fetch(new URL("/", origin));
    const header = res.headers.get("content-security-policy");
    expect(header).toBe(CSP);
    expect(await res.text()).toContain(`<meta http-equiv="Content-Security-Policy" content="${CSP}">`);
  });

  it("runs the example's files uploaded to the page and gives the CLI's bytes", async () => {
    const w = await openApp();
    const files = filesUnder(ex).filter((f) => !/README|meta|truth/.test(f)).map((f) => join(ex, f));
    await w.page.setInputFiles("#file-input", files);
    await w.page.click("#run");
    expect(await waitForRun(w.page)).toMatch(/^done/);
    await w.page.screenshot({ path: join(shots, "results.png"), fullPage: true });
    expectSameOutputs(await downloadZip(w.page), filesWithBytes(cliOut));
    await expectClean(w);
  });

  it("runs the bundled example with one click on Load example (restarts on 2 workers: the same bytes)", async () => {
    const w = await openApp();
    await w.page.fill("#opt-threads", "2");
    await w.page.click("#example");
    expect(await waitForRun(w.page)).toMatch(/^done/);
    expect(await w.page.locator("#files tbody tr").count()).toBeGreaterThan(5);
    const got = await downloadZip(w.page);
    expect(JSON.parse(new TextDecoder().decode(got.get("run.json")!)).settings.threads).toBe(2);
    expectSameOutputs(got, filesWithBytes(cliOut));
    await expectClean(w);
  });

  it("runs SuSiE-RSS when chosen with N (shrinkage with PIP, CS and credible sets) and gives the CLI's run --method susie bytes", async () => {
    const susieOut = join(dir, "cli-susie");
    await run("node", [cli, "run", "--quiet", "--method", "susie", "--n", "290000", "--gwas", ...[1, 2, 3].map((t) => `T${t}=${ex}/gwas_T${t}.tsv`), "--ld", `${ex}/ld_blocks.txt`, "--genes", `${ex}/genes.tsv`, "--out", susieOut]);
    const w = await openApp();
    await w.page.selectOption("#opt-method", "susie");
    await w.page.click("#example");
    expect(await waitForRun(w.page)).toMatch(/^stopped/);
    expect(await w.page.textContent("#input-error")).toMatch(/SuSiE-RSS needs the GWAS sample size/);
    await w.page.fill("#opt-n", "290000");
    await w.page.click("#example");
    expect(await waitForRun(w.page)).toMatch(/^done/);
    const got = await downloadZip(w.page);
    expect(new TextDecoder().decode(got.get("shrinkage/shrink_T1.tsv")!).split("\n")[0]).toMatch(/\tBETA_SHRINK\tPIP\tCS$/);
    expect(JSON.parse(new TextDecoder().decode(got.get("run.json")!)).command).toEqual(expect.arrayContaining(["--method", "susie", "--n", "290000"]));
    expectSameOutputs(got, filesWithBytes(susieOut));
    await expectClean(w);
  });

  itWith(SHARED)("runs the dev input (whole-chromosome LD as gz text, 3 traits, genes) and gives the CLI's bytes", async () => {
    const input = (f: string) => sharedPath(`oracle/dev/input/${f}`);
    const devOut = join(dir, "cli-dev");
    await run("node", [cli, "run", "--quiet", "--gwas", ...[1, 2, 3].map((t) => `T${t}=${input(`gwas_T${t}.csv`)}`), "--ld-full", input("chr22_full.ld.gz"), "--genes", input("genes.csv"), "--out", devOut]);
    const w = await openApp();
    await w.page.setInputFiles("#file-input", [...[1, 2, 3].map((t) => input(`gwas_T${t}.csv`)), input("chr22_full.ld.gz"), input("genes.csv")]);
    expect(await w.page.locator('#files tr[data-file="chr22_full.ld.gz"] select').inputValue()).toBe("ld-full");
    await w.page.click("#run");
    expect(await waitForRun(w.page)).toMatch(/^done/);
    expectSameOutputs(await downloadZip(w.page), filesWithBytes(devOut));
    await expectClean(w);
  });

  it("stops a run on Cancel and runs again afterwards", async () => {
    const w = await openApp();
    await w.page.click("#example");
    await w.page.waitForSelector("#steps li");
    await w.page.click("#cancel");
    expect(await w.page.textContent("#status")).toBe("cancelled");
    expect(await w.page.isEnabled("#run")).toBe(true);
    const made = await w.page.locator("#outputs li").count();
    await w.page.waitForTimeout(1500);
    expect(await w.page.locator("#outputs li").count()).toBe(made);
    await w.page.click("#example");
    expect(await waitForRun(w.page)).toMatch(/^done/);
    await expectClean(w);
  });

  it("shows the CLI's message beside a wrong file, and runs nothing", async () => {
    const bad = join(dir, "bad");
    mkdirSync(bad, { recursive: true });
    const gwas = readFileSync(join(ex, "gwas_T1.tsv"));
    const gz = gzipSync(new Uint8Array(gwas));
    writeFileSync(join(bad, "gwas_T1.tsv.gz"), gz.subarray(0, gz.length >> 1));
    const lines = gwas.toString().trimEnd().split("\n");
    writeFileSync(join(bad, "gwas_T2.tsv"), lines.slice(0, -1).join("\n") + "\n");
    // the blocks without their .bim (variants matched by row), so that a GWAS one row short does not fit
    mkdirSync(join(bad, "ld"), { recursive: true });
    const blocks = readdirSync(join(ex, "ld")).filter((f) => f.endsWith(".ld")).map((f) => {
      copyFileSync(join(ex, "ld", f), join(bad, "ld", f));
      return join(bad, "ld", f);
    });
    const cases: { files: string[]; culprit: string; ld: string[] }[] = [
      { files: [join(bad, "gwas_T1.tsv.gz"), ...blocks], culprit: "gwas_T1.tsv.gz", ld: blocks },
      { files: [join(bad, "gwas_T2.tsv"), ...blocks], culprit: "gwas_T2.tsv", ld: blocks },
    ];
    for (const c of cases) {
      const w = await openApp();
      await w.page.setInputFiles("#file-input", c.files);
      await w.page.click("#run");
      expect(await waitForRun(w.page)).toMatch(/^stopped/);
      const shown = await w.page.locator(`#files tr[data-file="${c.culprit}"] td.msg`).textContent();
      const gwasFile = c.files[0];
      const cliError = await run("node", [cli, "run", "--quiet", "--gwas", `T1=${gwasFile}`, "--ld", ...c.ld, "--out", join(bad, "out")]).then(
        () => "",
        (e: { stderr: string }) => e.stderr.trim().replace(/^mlmages: error: /, ""),
      );
      expect(cliError).not.toBe("");
      expect(shown).toBe(cliError.split(`${bad}/`).join("").split(`${join(ex, "ld")}/`).join(""));
      expect(await w.page.locator("#outputs li").count()).toBe(0);
      expect(w.foreign).toEqual([]);
    }
    // a GWAS file given as an LD block
    const w = await openApp();
    await w.page.setInputFiles("#file-input", [join(ex, "gwas_T1.tsv"), join(ex, "gwas_T2.tsv")]);
    await w.page.locator('#files tr[data-file="gwas_T2.tsv"] select').selectOption("ld");
    await w.page.click("#run");
    expect(await waitForRun(w.page)).toMatch(/^stopped/);
    const cliError = await run("node", [cli, "run", "--quiet", "--gwas", `T1=${join(ex, "gwas_T1.tsv")}`, "--ld", join(ex, "gwas_T2.tsv"), "--out", join(bad, "out")]).then(
      () => "",
      (e: { stderr: string }) => e.stderr.trim().replace(/^mlmages: error: /, ""),
    );
    expect(await w.page.locator('#files tr[data-file="gwas_T2.tsv"] td.msg').textContent()).toBe(cliError.split(`${ex}/`).join(""));
    expect(await w.page.locator("#outputs li").count()).toBe(0);
  });
});
