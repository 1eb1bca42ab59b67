// Trait names become parts of output file names (shrinkage/shrink_T1.tsv,
// clustering/T1-T2.clusters.json) and TSV columns, so they are kept to a safe
// set: 1 to 64 letters, digits, '.' and '_', not starting with '.'. No '/' or
// '..' can reach outside the output folder, no TAB or newline can break a
// table, and no name is too long for a file system. '-' is refused because it
// joins the names of traits clustered together (jointSetName): with it, the
// pair of traits A and B and a trait named A-B would share one file name.
import { InputError } from "./errors.js";

export const MAX_TRAIT_NAME = 64;

const TRAIT_NAME = /^[A-Za-z0-9_][A-Za-z0-9._]*$/;

/** Refuses a trait name outside the safe set, naming the file it was given for. */
export function checkTraitName(name: string, file: string): void {
  if (TRAIT_NAME.test(name) && name.length <= MAX_TRAIT_NAME) return;
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}...` : name);
  const why = name.length > MAX_TRAIT_NAME ? `is ${name.length} characters long` : "has a character outside the allowed set";
  throw new InputError(
    { file },
    `trait name ${shown} ${why}: use 1 to ${MAX_TRAIT_NAME} letters, digits, '.' and '_', not starting with '.' ('-' joins the names of traits clustered together, as in T1-T2)`,
  );
}
