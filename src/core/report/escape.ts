// Text put into HTML or SVG (element content and quoted attribute values).

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** `s` with & < > " ' replaced by entities: safe as XML/HTML text and in quoted attributes. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A file-name-safe form of a name: characters outside [A-Za-z0-9._+-] become "_". */
export function fileSafe(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._+-]/g, "_");
  return s === "" || s.startsWith(".") ? `_${s}` : s;
}
