// Browser tests' page opener: headless Debian chromium (chromium.ts) and a
// page that records every request it makes and every console or page error
// from before it loads.
import type { Browser, Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium, recordPage, type PageRecord } from "./chromium.js";

export { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium };

/** A page with what it did (the page's own request first). */
export interface RecordedPage extends PageRecord {
  page: Page;
}

/** Opens `url` in a new page of `browser`, recording requests and errors from the start; resolves after the load event. */
export async function openPage(browser: Browser, url: string, viewport = { width: 1280, height: 1000 }): Promise<RecordedPage> {
  const page = await browser.newPage({ viewport });
  const record = recordPage(page);
  await page.goto(url, { waitUntil: "load" });
  return { page, ...record };
}
