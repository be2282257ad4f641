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
  | "E_BASE32"
  /** A string that is not `<storeDir>/<hash>-<name>`. */
  | "E_STORE_PATH"
  /** A store path name with characters Nix does not allow, too long, or starting with '.'. */
  | "E_STORE_NAME"
  /** A store directory that is not an absolute, normalised path. */
  | "E_STORE_DIR"
  /** A recipe that is not plain JSON data, so it has no stable hash. */
  | "E_RECIPE"
  /** The operating system refused a store operation (permission denied, disk full, …). */
  | "E_STORE_IO"
  /** Another process holds the store lock and did not release it in time. */
  | "E_STORE_LOCKED"
  /** A store path that is not valid (absent, half-written or without metadata). */
  | "E_STORE_INVALID"
  /** Metadata that cannot be read back (malformed JSON, an unknown version). */
  | "E_STORE_METADATA"
  /** A build callback that failed or did not create its output. */
  | "E_STORE_BUILD"
  /** A profile or generation that does not exist, or a request no generation can satisfy. */
  | "E_PROFILE";

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
