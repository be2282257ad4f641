import { ConfedError } from "../errors/index.ts";

/** Codes of errors about a generation's manifest. */
export type ManifestErrorCode =
  /** The text is not JSON, or the JSON does not have the manifest's shape. */
  | "E_MANIFEST_INVALID"
  /** The manifest was written by a newer (or unknown) confed: its version is not understood. */
  | "E_MANIFEST_VERSION";

/**
 * An error about a manifest. `problems` lists every problem found, each starting with the
 * field's path (`files.".bashrc".mode: …`), so that one run reports them all.
 *
 * @example
 * try { parseManifest(text) } catch (e) {
 *   if (e instanceof ManifestError && e.code === "E_MANIFEST_VERSION") console.error(e.message);
 * }
 */
export class ManifestError extends ConfedError {
  declare readonly code: ManifestErrorCode;
  /** Each problem, as `<field path>: <what is wrong>`. */
  readonly problems: string[];
  /** Where the manifest came from (a file path), when known. */
  readonly file: string | undefined;

  constructor(
    code: ManifestErrorCode,
    message: string,
    data: { problems?: string[]; file?: string; cause?: unknown } = {},
  ) {
    super(code, message, { cause: data.cause });
    this.problems = data.problems ?? [];
    this.file = data.file;
  }
}
