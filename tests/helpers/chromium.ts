// Headless Debian chromium driven by playwright-core, and pages that record
// their console errors, page errors and requests, for tests asserting "no
// network, no error". Browser tests are declared with `describeWith(CHROMIUM)`
// (requirements.ts): without a chromium executable they skip at once.
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM_PATH } from "./chromium-path.js";

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export { CHROMIUM_PATH };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** What a page did, recorded from the moment `recordPage` is called. */
export interface PageRecord {
  /** Console errors and uncaught page errors, in order. */
  errors: string[];
  /** Every request's URL, in order. */
  requests: string[];
}

export function recordPage(page: Page): PageRecord {
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  return { errors, requests };
}

export interface Watched {
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requests to anything but the origin (and data:/blob: URLs), so far. */
  readonly foreign: string[];
}

/** A new page (downloads allowed) that records errors and requests outside `origin`. */
export async function watchedPage(browser: Browser, origin: string): Promise<Watched> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const { errors, requests } = recordPage(page);
  return {
    page,
    errors,
    get foreign() {
      return requests.filter((url) => !url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:"));
    },
  };
}
