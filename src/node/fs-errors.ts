// The one place where the file system's errors (EISDIR, ENOSPC, ENOENT, ...)
// become the one-line messages the user sees, each naming the path.
import { InputError } from "../core/errors.js";

/** What each error code means to a user, and what to do about it. */
const MEANING: Record<string, string> = {
  ENOENT: "no such file or folder",
  EISDIR: "is a folder, not a file",
  ENOTDIR: "a part of this path is a file, not a folder",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOSPC: "no space left on the device: free some space or write elsewhere",
  EDQUOT: "the disk quota is exceeded: free some space or write elsewhere",
  EFBIG: "the file is too large for this file system",
  ENAMETOOLONG: "the file name is too long",
  EMFILE: "too many open files",
  ELOOP: "too many levels of symbolic links",
  EEXIST: "already exists",
  ENOTEMPTY: "the folder is not empty",
  EBUSY: "the file or folder is busy",
  EXDEV: "cannot move across file systems",
  EIO: "input/output error",
};

/** A Node system error (it has a `code` such as "ENOENT"). */
export function isSystemError(e: unknown): e is NodeJS.ErrnoException & { code: string } {
  return e instanceof Error && typeof (e as NodeJS.ErrnoException).code === "string" && /^E[A-Z]+$/.test((e as NodeJS.ErrnoException).code!);
}

/**
 * The user's message for a failed file call on `path` (default: the path in
 * the error): "PATH: no space left on the device ... (ENOSPC)". Anything that
 * is not a system error is returned as it is.
 */
export function fileError(e: unknown, path?: string): unknown {
  if (!isSystemError(e)) return e;
  const where = path ?? e.path ?? "";
  const meaning = MEANING[e.code] ?? e.message.replace(/^[A-Z]+: /, "").split(",")[0];
  return new InputError({ file: where }, `${meaning} (${e.code})`);
}

/** Runs a file call and rethrows its failure as `fileError` (naming `path`). */
export async function mapFileError<T>(path: string | undefined, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw fileError(e, path);
  }
}
