// Messages to the user on stderr, so stdout stays for data. On a terminal a
// step's line carries a progress bar rewritten in place
// ("mlmages: cluster T1 [########............] 12/25 restarts, 3 s left");
// elsewhere (a log file, a pipe) steps are plain lines, and a long step adds a
// plain progress line at most every LOG_EVERY seconds.

// Whether the last thing written to the terminal is a step line still open for its count.
let open = false;
// When the current step started, and when its last plain progress line was written (ms).
let stepStart = 0;
let lastLog = 0;

const BAR = 20;
const LOG_EVERY = 10;

function endLine(): void {
  if (open) process.stderr.write("\n");
  open = false;
}

/** A progress or information line. */
export function note(message: string): void {
  endLine();
  process.stderr.write(`mlmages: ${message}\n`);
}

/** An error line. */
export function error(message: string): void {
  endLine();
  process.stderr.write(`mlmages: error: ${message}\n`);
}

/** A step's line: left open on a terminal, for `stepCount` to complete. */
export function step(message: string): void {
  stepStart = lastLog = performance.now();
  if (!process.stderr.isTTY) return note(message);
  endLine();
  process.stderr.write(`mlmages: ${message}`);
  open = true;
}

/** "12 s", "3 min", "1.5 h": a time left, roughly. */
export function roughTime(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** "[#####...] done/total unit, T left" (the time left from the pace so far, once something is done). */
export function progressText(done: number, total: number, unit: string, elapsedSeconds: number): string {
  const filled = total > 0 ? Math.round((BAR * Math.min(done, total)) / total) : BAR;
  const left = done > 0 && done < total ? `, ${roughTime((elapsedSeconds * (total - done)) / done)} left` : "";
  return `[${"#".repeat(filled)}${".".repeat(BAR - filled)}] ${done}/${total} ${unit}${left}`;
}

/** The open step's progress: rewritten in place on a terminal; elsewhere a plain line at most every LOG_EVERY seconds. */
export function stepCount(message: string, done: number, total: number, unit: string): void {
  const now = performance.now();
  const text = progressText(done, total, unit, (now - stepStart) / 1000);
  if (process.stderr.isTTY) {
    process.stderr.write(`\r\x1b[Kmlmages: ${message} ${text}`);
    open = true;
  } else if (now - lastLog >= LOG_EVERY * 1000 && done < total) {
    lastLog = now;
    note(`${message} ${text}`);
  }
}

/** Ends an open step line (before the process exits). */
export function endSteps(): void {
  endLine();
}
