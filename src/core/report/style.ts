// The report's stylesheet, inline: system fonts, no external resources.

/** CSS of report.html. */
export const REPORT_CSS = `
:root { --ink: #222; --muted: #666; --line: #ddd; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fafafa; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; }
main { max-width: 1080px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
header h1 { margin: 0 0 4px; font-size: 28px; }
header .sub { margin: 0; color: var(--muted); }
nav { margin: 16px 0 8px; padding: 8px 0; border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); }
nav a { margin-right: 18px; color: var(--accent); text-decoration: none; }
h2 { margin: 36px 0 8px; font-size: 22px; border-bottom: 2px solid var(--ink); padding-bottom: 2px; }
h3 { margin: 24px 0 6px; font-size: 17px; }
h4 { margin: 16px 0 4px; font-size: 15px; }
p.lead { margin: 4px 0 12px; color: #333; }
.muted { color: var(--muted); }
figure { margin: 12px 0 20px; }
figure svg { display: block; max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption, p.caption { margin: 6px 0 0; font-size: 13px; color: #444; }
figcaption a { color: var(--accent); }
.table-wrap { overflow-x: auto; margin: 8px 0; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 3px 9px; border-bottom: 1px solid #eee; text-align: right; white-space: nowrap; }
th { background: #f2f2f2; font-weight: 600; }
td:first-child, th:first-child { text-align: left; }
table.kv th { text-align: left; vertical-align: top; background: none; }
table.kv td { text-align: left; white-space: normal; }
table.types td, table.types th { text-align: left; white-space: normal; }
table.genes td.gene, table.genes th[data-col="1"] { text-align: left; }
table.genes td.gene { font-weight: 600; }
sup { line-height: 0; }
table.genes th[data-col] { cursor: pointer; user-select: none; }
table.genes th[data-col]:hover { background: #e4e4e4; }
table.genes th[aria-sort="ascending"]::after { content: " ▲"; font-size: 10px; }
table.genes th[aria-sort="descending"]::after { content: " ▼"; font-size: 10px; }
table.genes th.trait { text-align: center; border-left: 1px solid var(--line); }
table.genes .first { border-left: 1px solid var(--line); }
table.genes td.sig { font-weight: 700; color: #A33; }
table.genes tbody tr:hover { background: #f5f9fc; }
.tools { margin: 10px 0 4px; font-size: 14px; }
.tools input { margin-left: 6px; padding: 3px 6px; font: inherit; border: 1px solid #bbb; border-radius: 3px; }
#gene-count { margin-left: 12px; color: var(--muted); }
.sw { display: inline-block; width: 11px; height: 11px; margin-right: 6px; vertical-align: -1px; border-radius: 2px; }
.warn { border-left: 4px solid #D55E00; background: #fff6ef; padding: 6px 12px; margin: 12px 0; }
.warn ul { margin: 4px 0; padding-left: 18px; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; border-top: 1px solid var(--line); padding-top: 8px; }
`;
