// Messages to the user on stderr, so stdout stays for data.

/** A progress or information line. */
export function note(message: string): void {
  process.stderr.write(`mlmages: ${message}\n`);
}

/** An error line. */
export function error(message: string): void {
  process.stderr.write(`mlmages: error: ${message}\n`);
}
