// Messages to the user on stderr, so stdout stays for data. On a terminal a
// step's line can carry a count that is rewritten in place
// ("mlmages: cluster T1 (12/25 restarts)"); elsewhere steps are plain lines.

// Whether the last thing written to the terminal is a step line still open for its count.
let open = false;

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
  if (!process.stderr.isTTY) return note(message);
  endLine();
  process.stderr.write(`mlmages: ${message}`);
  open = true;
}

/** On a terminal, rewrites the open step line as "message (done/total unit)"; elsewhere nothing. */
export function stepCount(message: string, done: number, total: number, unit: string): void {
  if (!process.stderr.isTTY) return;
  process.stderr.write(`\r\x1b[Kmlmages: ${message} (${done}/${total} ${unit})`);
  open = true;
}

/** Ends an open step line (before the process exits). */
export function endSteps(): void {
  endLine();
}
