// The page: collects files and options, hands the run to a worker, shows
// progress per step, and offers every output (and all of them as one zip)
// with the report. Nothing heavy runs here, so the page stays responsive.
import type { FromWorker, RunSettings, ToWorker } from "./protocol.js";
import { ROLE_LABELS, guessRole, panelStems, runFiles, stem, type GivenFile, type PanelOptions, type Role } from "./roles.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const given: GivenFile[] = [];
let worker: Worker | undefined;
let outputs = new Map<string, string | Uint8Array>();
let expectedSteps = 1;
let doneSteps = 0;

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

function addFiles(files: { name: string; blob: Blob }[]): void {
  const names = [...given.map((g) => g.name), ...files.map((f) => f.name)];
  for (const f of files) {
    const at = given.findIndex((g) => g.name === f.name);
    if (at >= 0) given.splice(at, 1);
    const traits = given.filter((g) => g.role === "gwas").length;
    const role = guessRole(f.name, names);
    given.push({ name: f.name, blob: f.blob, role, trait: role === "gwas" ? traitName(f.name, traits) : "" });
  }
  // a .bed or .bim given before the rest of its panel joins it now
  const panels = panelStems(names);
  for (const g of given) if ((g.role === "genes" || g.role === "ld-variants") && /\.(bed|bim)$/i.test(g.name) && panels.has(stem(g.name))) g.role = "panel";
  renderFiles();
}

/** T1, T2, ... unless the file name carries one (gwas_HDL.csv gives HDL). */
function traitName(file: string, index: number): string {
  const m = /^gwas[_-]([^.]+)\./i.exec(file.replace(/^.*[\\/]/, ""));
  return m ? m[1] : `T${index + 1}`;
}

function renderFiles(messages: Map<string, string> = new Map()): void {
  const body = $("files").querySelector("tbody")!;
  body.replaceChildren();
  $("files").hidden = given.length === 0;
  for (const f of given) {
    const tr = document.createElement("tr");
    tr.dataset.file = f.name;
    const name = document.createElement("td");
    name.textContent = f.name;
    const size = document.createElement("td");
    size.textContent = formatSize(f.blob.size);
    const role = document.createElement("td");
    const select = document.createElement("select");
    for (const [value, label] of Object.entries(ROLE_LABELS)) select.add(new Option(label, value, false, value === f.role));
    select.onchange = () => {
      f.role = select.value as Role;
      if (f.role === "gwas" && !f.trait) f.trait = traitName(f.name, given.filter((g) => g.role === "gwas").length - 1);
      renderFiles();
    };
    role.append(select);
    const trait = document.createElement("td");
    if (f.role === "gwas") {
      const input = document.createElement("input");
      input.type = "text";
      input.value = f.trait;
      input.setAttribute("aria-label", `trait name of ${f.name}`);
      input.onchange = () => (f.trait = input.value.trim() || f.trait);
      trait.append(input);
    }
    const msg = document.createElement("td");
    msg.className = "msg";
    msg.textContent = messages.get(f.name) ?? "";
    tr.append(name, size, role, trait, msg);
    body.append(tr);
  }
}

/** A non-negative integer option, or its default when the field holds something else. */
function intOption(id: string, fallback: number): number {
  const v = Number(($(id) as HTMLInputElement).value);
  return Number.isInteger(v) && v >= 0 ? v : fallback;
}

/** SuSiE-RSS's sample size when it is the chosen shrinkage; an error message when N is missing. */
function susieN(): number | undefined | string {
  if (($("opt-method") as HTMLSelectElement).value !== "susie") return undefined;
  const n = Number(($("opt-n") as HTMLInputElement).value);
  return Number.isInteger(n) && n >= 2 && n <= 1e8 ? n : "SuSiE-RSS needs the GWAS sample size: a whole number N from 2 to 100,000,000";
}

function settings(n: number | undefined): RunSettings {
  const int = intOption;
  return {
    ...(n !== undefined ? { susieN: n } : {}),
    seed: int("opt-seed", 1),
    restarts: Math.max(1, int("opt-restarts", 25)),
    K: Math.max(2, int("opt-k", 20)),
    threads: Math.max(1, int("opt-threads", 1)),
    publishedIndexing: ($("opt-published") as HTMLInputElement).checked,
  };
}

function setRunning(running: boolean): void {
  ($("run") as HTMLButtonElement).disabled = running;
  ($("example") as HTMLButtonElement).disabled = running;
  ($("cancel") as HTMLButtonElement).disabled = !running;
}

function status(text: string): void {
  $("status").textContent = text;
}

/** `ldSteps`: steps before the analysis (the split of a whole matrix; a panel's scan, LD and harmonisation). */
function resetResults(traits: number, genes: boolean, ldSteps = 0): void {
  outputs = new Map();
  $("outputs").replaceChildren();
  $("steps").replaceChildren();
  $("results").hidden = true;
  $("progress").hidden = false;
  ($("report") as HTMLIFrameElement).srcdoc = "";
  const joint = traits >= 3 ? (traits * (traits - 1)) / 2 + 1 : traits === 2 ? 1 : 0;
  // the LD's steps, shrink and cluster per trait, gene tests, joint clusterings with their gene level, the report
  expectedSteps = ldSteps + 2 * traits + (genes ? traits : 0) + joint * (genes ? 2 : 1) + 1;
  doneSteps = 0;
  ($("overall") as HTMLProgressElement).value = 0;
}

function finishStep(): void {
  const running = $("steps").querySelector("li.running");
  if (!running) return;
  running.classList.replace("running", "done");
  const bar = running.querySelector("progress")!;
  bar.max = 1;
  bar.value = 1;
  doneSteps++;
  ($("overall") as HTMLProgressElement).value = Math.min(1, doneSteps / expectedSteps);
}

/** The running step's bar at done of total (e.g. clustering restarts). */
function stepProgress(done: number, total: number): void {
  const bar = $("steps").querySelector("li.running progress") as HTMLProgressElement | null;
  if (!bar) return;
  bar.max = total;
  bar.value = done;
}

function startStep(step: string): void {
  finishStep();
  const li = document.createElement("li");
  li.className = "running";
  const label = document.createElement("span");
  label.textContent = step;
  const bar = document.createElement("progress");
  li.append(label, bar);
  $("steps").append(li);
  status(`${step}…`);
}

function download(name: string, data: BlobPart, type: string): void {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([data], { type }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 60_000);
}

function addOutput(path: string, content: string | Uint8Array): void {
  outputs.set(path, content);
  const li = document.createElement("li");
  const a = document.createElement("a");
  a.href = "#";
  a.textContent = path;
  a.dataset.path = path;
  a.onclick = (e) => {
    e.preventDefault();
    const data = outputs.get(path)!;
    download(path.replace(/\//g, "_"), data as BlobPart, typeof data === "string" ? "text/plain" : "application/octet-stream");
  };
  li.append(a);
  $("outputs").append(li);
  $("results").hidden = false;
  if (path === "report.html" && typeof content === "string") ($("report") as HTMLIFrameElement).srcdoc = content;
}

function onMessage(m: FromWorker): void {
  switch (m.type) {
    case "files":
      addFiles(m.files);
      break;
    case "step":
      startStep(m.step);
      break;
    case "progress":
      stepProgress(m.done, m.total);
      break;
    case "output":
      addOutput(m.path, m.content);
      break;
    case "done":
      finishStep();
      ($("overall") as HTMLProgressElement).value = 1;
      status(`done in ${m.seconds.toFixed(1)} s${m.warnings.length ? ` — ${m.warnings.join("; ")}` : ""}`);
      setRunning(false);
      break;
    case "zip":
      download("mlmages-results.zip", m.bytes, "application/zip");
      break;
    case "error": {
      const messages = new Map<string, string>();
      for (const f of (m.file ?? "").split(", ")) if (given.some((g) => g.name === f)) messages.set(f, m.message);
      renderFiles(messages);
      const box = $("input-error");
      box.textContent = m.message;
      box.hidden = false;
      status("stopped: see the message above");
      $("progress").hidden = true;
      setRunning(false);
      break;
    }
  }
}

function startWorker(): Worker {
  worker?.terminate();
  worker = new Worker("run-worker.js", { type: "module" });
  worker.onmessage = (e: MessageEvent<FromWorker>) => onMessage(e.data);
  worker.onerror = (e) => onMessage({ type: "error", message: e.message || "the run stopped unexpectedly" });
  return worker;
}

function send(m: ToWorker): void {
  $("input-error").hidden = true;
  renderFiles();
  setRunning(true);
  status(m.type === "example" ? "making the example…" : "reading the inputs…");
  startWorker().postMessage(m);
}

/** The panel options, or why they cannot be used. */
function panelOptions(): PanelOptions | string {
  const maf = Number(($("opt-maf") as HTMLInputElement).value);
  if (!(maf >= 0 && maf <= 0.5)) return "the panel's MAF filter is a number from 0 to 0.5";
  return { blocks: ($("opt-blocks") as HTMLSelectElement).value, build: ($("opt-build") as HTMLSelectElement).value === "38" ? 38 : 37, maf };
}

$("run").onclick = () => {
  const panel = panelOptions();
  if (typeof panel === "string") {
    onMessage({ type: "error", message: panel });
    return;
  }
  const spec = runFiles(given, { avgBlockSize: Math.max(2, intOption("opt-block", 1000)), geneWindowKb: intOption("opt-window", 0), panel });
  const panelOnly = given.find((g) => (g.role === "blocks" || g.role === "keep") && !spec.panel);
  if (panelOnly) {
    onMessage({ type: "error", message: `${panelOnly.name} is used as ${ROLE_LABELS[panelOnly.role]}, which applies to a reference panel: drop the panel's .bed, .bim and .fam too, or mark it "${ROLE_LABELS.ignore}"`, file: panelOnly.name });
    return;
  }
  if (!spec.gwas.length || (!spec.ld.length && !spec.ldFull && !spec.panel)) {
    onMessage({ type: "error", message: "give at least one GWAS file and the LD (block files, a list of them, a full matrix, or a plink reference panel .bed/.bim/.fam)" });
    return;
  }
  const n = susieN();
  if (typeof n === "string") return onMessage({ type: "error", message: n });
  resetResults(spec.gwas.length, Boolean(spec.genes), spec.ldFull ? 1 : spec.panel ? 3 : 0);
  const extras = { saveLd: ($("opt-save-ld") as HTMLInputElement).checked };
  send({ type: "run", files: given.filter((g) => g.role !== "ignore").map((g) => ({ name: g.name, blob: g.blob })), spec, settings: settings(n), extras });
};

$("example").onclick = () => {
  const n = susieN();
  if (typeof n === "string") return onMessage({ type: "error", message: n });
  given.length = 0;
  renderFiles();
  resetResults(3, true);
  send({ type: "example", settings: settings(n) });
};

$("cancel").onclick = () => {
  worker?.terminate();
  worker = undefined;
  setRunning(false);
  status("cancelled");
};

$("zip").onclick = () => worker?.postMessage({ type: "zip", folder: "mlmages-results" } satisfies ToWorker);

const input = $("file-input") as HTMLInputElement;
input.onchange = () => {
  addFiles([...(input.files ?? [])].map((f) => ({ name: f.name, blob: f })));
  input.value = "";
};
const drop = $("drop");
drop.ondragover = (e) => {
  e.preventDefault();
  drop.classList.add("over");
};
drop.ondragleave = () => drop.classList.remove("over");
drop.ondrop = (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  addFiles([...(e.dataTransfer?.files ?? [])].map((f) => ({ name: f.name, blob: f })));
};
