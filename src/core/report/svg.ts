// SVG building blocks shared by the figures: the document, text, axes with
// ticks and labels, legends, and point layers drawn as one path.
import { esc } from "./escape.js";
import { cx, niceTicks, type Scale, type Ticks } from "./format.js";
import { GRID, INK } from "./palette.js";

/** System fonts only: the report loads nothing. */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif";

/** A plot area in pixels. */
export interface Area {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A standalone SVG document (also valid inline in HTML) of size w x h with a white background. */
export function svgDoc(w: number, h: number, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" font-family="${esc(FONT)}" font-size="12" fill="${INK}" role="img">` +
    `<title>${esc(title)}</title><rect width="${w}" height="${h}" fill="#fff"/>${body}</svg>`
  );
}

/** A text element; `attrs` is raw attribute text (callers escape what they put there). */
export function text(x: number, y: number, s: string, attrs = ""): string {
  return `<text x="${cx(x)}" y="${cx(y)}"${attrs ? " " + attrs : ""}>${esc(s)}</text>`;
}

/** Approximate width of `s` in pixels at `size` (for layout; no font metrics are available). */
export function textWidth(s: string, size = 12): number {
  return s.length * size * 0.56;
}

/** `s` cut to `max` characters with an ellipsis. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + "…";
}

/** Nice ticks for an axis of `pixels` length whose labels (11 px text) do not touch: the most, up to `target`, that fit. */
export function fitTicks(lo: number, hi: number, pixels: number, target: number, extend = false): Ticks {
  for (let t = target; ; t--) {
    const ticks = niceTicks(lo, hi, t, extend);
    const width = ticks.labels.reduce((w, l) => w + textWidth(l, 11) + 10, 0);
    if (width <= pixels || t <= 2) return ticks;
  }
}

/** Grid lines, axis lines, ticks, tick labels and axis titles of one plot area. */
export function axes(a: Area, xs: Scale, ys: Scale, xt: Ticks, yt: Ticks, xLabel: string, yLabel: string): string {
  const bottom = a.y + a.h;
  let grid = "";
  let ticks = "";
  let labels = "";
  xt.values.forEach((v, i) => {
    const x = cx(xs(v));
    grid += `M${x} ${cx(a.y)}V${cx(bottom)}`;
    ticks += `M${x} ${cx(bottom)}v5`;
    labels += text(xs(v), bottom + 18, xt.labels[i], 'text-anchor="middle"');
  });
  yt.values.forEach((v, i) => {
    const y = cx(ys(v));
    grid += `M${cx(a.x)} ${y}H${cx(a.x + a.w)}`;
    ticks += `M${cx(a.x)} ${y}h-5`;
    labels += text(a.x - 8, ys(v) + 4, yt.labels[i], 'text-anchor="end"');
  });
  const titles =
    text(a.x + a.w / 2, bottom + 36, xLabel, 'text-anchor="middle" font-size="13"') +
    `<text transform="translate(${cx(a.x - 48)} ${cx(a.y + a.h / 2)}) rotate(-90)" text-anchor="middle" font-size="13">${esc(yLabel)}</text>`;
  return (
    `<path d="${grid}" stroke="${GRID}" fill="none"/>` +
    `<path d="M${cx(a.x)} ${cx(a.y)}V${cx(bottom)}H${cx(a.x + a.w)}${ticks}" stroke="${INK}" fill="none"/>` +
    `<g font-size="11">${labels}</g>${titles}`
  );
}

/** A horizontal reference line at data value `v` across the area. */
export function hLine(a: Area, ys: Scale, v: number, colour = "#888", dash = "4 3"): string {
  return `<path d="M${cx(a.x)} ${cx(ys(v))}H${cx(a.x + a.w)}" stroke="${colour}" stroke-dasharray="${dash}" fill="none"/>`;
}

/**
 * Points drawn as one path of zero-length round-capped segments ("M x y h0"),
 * one per occupied 1-pixel cell: a point drawn on top of another in the same
 * pixel adds nothing visible, so it is left out, which keeps figures of 100k
 * variants small.
 */
export class Dots {
  private readonly seen = new Set<number>();
  private d = "";

  /** Adds a point at pixel (x, y). */
  add(x: number, y: number): void {
    const rx = Math.round(x);
    const ry = Math.round(y);
    const key = rx * 65536 + ry;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.d += `M${rx} ${ry}h0`;
  }

  /** The path element ("" when no point was added). */
  svg(colour: string, radius: number, opacity = 1): string {
    if (this.d === "") return "";
    const op = opacity < 1 ? ` stroke-opacity="${opacity}"` : "";
    return `<path d="${this.d}" stroke="${colour}" stroke-width="${radius * 2}" stroke-linecap="round"${op} fill="none"/>`;
  }
}

/** Points at pixel positions (px[i], py[i]) as one Dots path. */
export function dotPath(px: ArrayLike<number>, py: ArrayLike<number>, colour: string, radius: number, opacity = 1): string {
  const dots = new Dots();
  for (let i = 0; i < px.length; i++) dots.add(px[i], py[i]);
  return dots.svg(colour, radius, opacity);
}

/** One legend entry. */
export interface LegendItem {
  label: string;
  colour: string;
  /** Marker: a dot (default), a filled box, or an outline ellipse. */
  mark?: "dot" | "box" | "ring";
}

function legendMark(x: number, y: number, it: LegendItem): string {
  if (it.mark === "box") return `<rect x="${cx(x)}" y="${cx(y - 5)}" width="10" height="10" fill="${it.colour}"/>`;
  if (it.mark === "ring") return `<ellipse cx="${cx(x + 5)}" cy="${cx(y)}" rx="6" ry="4" fill="none" stroke="${it.colour}" stroke-width="1.5"/>`;
  return `<circle cx="${cx(x + 5)}" cy="${cx(y)}" r="4" fill="${it.colour}"/>`;
}

/** Legend entries in a row from (x, y) (y = the entries' middle). */
export function legendRow(items: LegendItem[], x: number, y: number): string {
  let out = "";
  for (const it of items) {
    out += legendMark(x, y, it) + text(x + 16, y + 4, it.label);
    x += 16 + textWidth(it.label) + 18;
  }
  return out;
}

/** Legend entries in a column from (x, y), `step` pixels apart. */
export function legendColumn(items: LegendItem[], x: number, y: number, step = 18): string {
  return items.map((it, i) => legendMark(x, y + i * step, it) + text(x + 16, y + i * step + 4, it.label)).join("");
}
