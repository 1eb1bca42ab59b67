// The report in headless chromium: every figure renders with a non-empty
// bounding box, nothing is requested but the page itself, no console error,
// the gene table sorts by a clicked header and filters by name, and each
// standalone SVG file parses as XML and renders.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { renderReport } from "../src/core/report/report.js";
import { launchChromium, openPage } from "./helpers/browser.js";
import { syntheticReport } from "./helpers/report-data.js";
import { CHROMIUM, describeWith } from "./helpers/requirements.js";
import { testDir } from "./helpers/tmp.js";

let dir: string;
let browser: Browser;

/** Writes a report and its figures under dir/name; returns report.html's file URL. */
function writeReport(name: string, input: Parameters<typeof renderReport>[0]): { url: string; figures: string[]; root: string } {
  const root = join(dir, name);
  mkdirSync(join(root, "figures"), { recursive: true });
  const out = renderReport(input);
  writeFileSync(join(root, "report.html"), out.html);
  for (const [f, svg] of out.figures) writeFileSync(join(root, "figures", f), svg);
  return { url: pathToFileURL(join(root, "report.html")).href, figures: [...out.figures.keys()], root };
}

/** Each figure's rendered size and its drawing's bounding box. */
function figureBoxes(page: Page) {
  return page.$$eval("figure > svg", (els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      const b = (e as SVGSVGElement).getBBox();
      return { w: r.width, h: r.height, bw: b.width, bh: b.height, marks: e.querySelectorAll("path, rect, ellipse, circle").length };
    }),
  );
}

describeWith(CHROMIUM)("report in chromium", () => {
  beforeAll(async () => {
    dir = testDir("report");
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("renders a 3-trait report: figures, no request, no error, sortable and filterable gene table", async () => {
    const { url, figures, root } = writeReport("three", syntheticReport({ n: 20000, names: ["T1", "T2", "T3"], genes: 120 }));
    const { page, errors, requests } = await openPage(browser, url);
    const boxes = await figureBoxes(page);
    expect(boxes.length).toBe(figures.length);
    for (const b of boxes) {
      expect(b.w).toBeGreaterThan(100);
      expect(b.h).toBeGreaterThan(100);
      expect(b.bw).toBeGreaterThan(100);
      expect(b.bh).toBeGreaterThan(100);
      expect(b.marks).toBeGreaterThan(3);
    }
    await page.screenshot({ path: join(root, "report.png"), fullPage: true });
    const figs = await page.$$("figure");
    for (let i = 0; i < figs.length; i++) await figs[i].screenshot({ path: join(root, `figure${i + 1}.png`) });
    console.log(`report screenshots in ${root}`);

    const column = (col: number) =>
      page.$$eval(`#gene-table tbody tr:not([hidden])`, (rows, c) => rows.map((r) => (r as HTMLTableRowElement).cells[c].getAttribute("data-v") ?? (r as HTMLTableRowElement).cells[c].textContent), col);
    // Rank order at first: exact p of the best trait decreasing, rank 1..G.
    expect((await column(0)).slice(0, 3)).toEqual(["1", "2", "3"]);
    // T2's exact p (column 3 + 3 + 2): descending −log10 p on the first click, ascending on the second.
    const head = page.locator('#gene-table th[data-col="8"]');
    await head.click();
    expect(await head.getAttribute("aria-sort")).toBe("descending");
    const desc = (await column(8)).map(Number);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    expect(desc[0]).toBe(342.5);
    await head.click();
    const asc = (await column(8)).map(Number);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    // Gene names alphabetically.
    await page.locator('#gene-table th[data-col="1"]').click();
    const genes = await column(1);
    expect(genes).toEqual([...genes].sort((a, b) => (a!.toLowerCase() < b!.toLowerCase() ? -1 : 1)));
    // Filtering by name.
    await page.fill("#gene-filter", "gene11");
    const shown = await column(1);
    expect(shown.sort()).toEqual(["GENE11", "GENE110", "GENE111", "GENE112", "GENE113", "GENE114", "GENE115", "GENE116", "GENE117", "GENE118", "GENE119"]);
    expect(await page.textContent("#gene-count")).toBe("11 of 120 genes");

    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it("renders a 2-trait report without positions, with hostile names", async () => {
    const { url, root } = writeReport("two", syntheticReport({ n: 4000, names: ["<b>&amp;", 'T"2'], positions: false }));
    const { page, errors, requests } = await openPage(browser, url);
    for (const b of await figureBoxes(page)) {
      expect(b.bw).toBeGreaterThan(100);
      expect(b.bh).toBeGreaterThan(100);
    }
    expect(await page.$$("b:text-is('&amp;')")).toHaveLength(0);
    expect(await page.textContent("header h1 + p")).toContain("<b>&amp;, T\"2");
    await page.screenshot({ path: join(root, "report.png"), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it("each standalone SVG file parses as XML and renders", async () => {
    const { figures, root } = writeReport("files", syntheticReport({ n: 3000, names: ["T1", "T2", "T3"] }));
    for (const f of figures) {
      const url = pathToFileURL(join(root, "figures", f)).href;
      const { page, errors, requests } = await openPage(browser, url);
      const info = await page.evaluate(() => {
        const root = document.documentElement as unknown as SVGSVGElement;
        return { tag: root.tagName, parseError: document.getElementsByTagName("parsererror").length, w: root.getBBox().width };
      });
      expect(info, f).toEqual({ tag: "svg", parseError: 0, w: info.w });
      expect(info.w, f).toBeGreaterThan(100);
      expect(errors, f).toEqual([]);
      expect(requests, f).toEqual([url]);
      await page.close();
    }
  });
});
