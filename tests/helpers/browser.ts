// Browser tests' page opener: headless Debian chromium (launchChromium from
// chromium.ts, the flags there) and a page that records every request it makes
// and every console or page error, for tests asserting "no network, no error".
import { existsSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM_ARGS, launchChromium } from "./chromium.js";

export { CHROMIUM_ARGS, launchChromium };

/** The chromium executable the tests use. */
export const CHROMIUM_PATH = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** Waits until the chromium executable exists (it may still be being installed); false on timeout. */
export async function waitForChromium(timeoutMs = 60_000): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (!existsSync(CHROMIUM_PATH)) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
  return true;
}

/** A page with what it did. */
export interface RecordedPage {
  page: Page;
  /** Console errors and uncaught page errors, in order. */
  errors: string[];
  /** Every request's URL, in order (the page itself first). */
  requests: string[];
}

/** Opens `url` in a new page of `browser`, recording requests and errors from the start; resolves after the load event. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 1000 }): Promise<RecordedPage> {
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: "load" });
  return { page, errors, requests };
}
