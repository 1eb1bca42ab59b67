// The report's only script, inline: sorting the gene table by a clicked
// header (numbers by their data-v key, text otherwise; missing values last)
// and filtering its rows by gene name. No eval, no network.

/** JavaScript of report.html. */
export const REPORT_SCRIPT = `
(function () {
  var table = document.getElementById("gene-table");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = Array.prototype.slice.call(table.querySelectorAll("th[data-col]"));
  function key(row, col) {
    var cell = row.cells[col];
    var v = cell.getAttribute("data-v");
    if (v === null) return cell.textContent.toLowerCase();
    return v === "" ? null : Number(v);
  }
  function sortBy(th) {
    var col = Number(th.getAttribute("data-col"));
    var now = th.getAttribute("aria-sort");
    var dir = now === "ascending" ? "descending" : now === "descending" ? "ascending" : th.getAttribute("data-first");
    heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var sign = dir === "ascending" ? 1 : -1;
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, col);
      var y = key(b, col);
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return (x < y ? -1 : x > y ? 1 : 0) * sign;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  heads.forEach(function (th) {
    th.addEventListener("click", function () { sortBy(th); });
    th.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sortBy(th); }
    });
  });
  var filter = document.getElementById("gene-filter");
  var count = document.getElementById("gene-count");
  if (!filter || !count) return;
  filter.addEventListener("input", function () {
    var q = filter.value.trim().toLowerCase();
    var shown = 0;
    Array.prototype.forEach.call(body.rows, function (r) {
      var ok = r.cells[1].textContent.toLowerCase().indexOf(q) >= 0;
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = shown + " of " + body.rows.length + " genes";
  });
})();
`;
