// Small HTML helpers for the report's tables.
import { esc } from "./escape.js";

/** A colour swatch before a label. */
export function swatch(colour: string): string {
  return `<span class="sw" style="background:${colour}"></span>`;
}

/** A table from a header row and body rows of cell HTML (callers escape text cells). */
export function htmlTable(cls: string, head: string[], rows: string[][]): string {
  const th = head.map((h) => `<th>${h}</th>`).join("");
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  return `<div class="table-wrap"><table class="${esc(cls)}">\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}
