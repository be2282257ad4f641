import { ConfedError } from "../errors/index.ts";

/**
 * Codes raised by the store. Each names one class of failure so that callers and tests act on
 * the code, not on the wording.
 */
export type StoreErrorCode =
  /** A socket, fifo or device inside a tree being archived: a NAR has no representation for it. */
  | "E_NAR_UNSUPPORTED_FILE"
  /** A file, directory or symlink that could not be read (missing, permission denied, I/O). */
  | "E_NAR_UNREADABLE"
  /** A regular file that shrank while it was being archived, so its NAR would be a lie. */
  | "E_NAR_FILE_CHANGED"
  /** Bytes that are not a well-formed NAR as Nix writes it. */
  | "E_NAR_MALFORMED"
  /** A string that is not valid Nix base32. */
  | "E_BASE32";

/**
 * An error of the store. `path` names the file involved, when there is one, in a printable form
 * (bytes that are not UTF-8 shown as `\xNN`).
 *
 * @example
 * try { narHash("/srv/tree") } catch (e) {
 *   if (e instanceof StoreError && e.code === "E_NAR_UNSUPPORTED_FILE") console.error(e.path);
 * }
 */
export class StoreError extends ConfedError {
  declare readonly code: StoreErrorCode;
  /** The file the error is about, printable; undefined when no single file is at fault. */
  readonly path: string | undefined;

  constructor(
    code: StoreErrorCode,
    message: string,
    data: { path?: string; cause?: unknown; context?: string[] } = {},
  ) {
    super(code, message, { cause: data.cause, context: data.context });
    this.path = data.path;
  }
}
