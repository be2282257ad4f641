import { ConfedError } from "../errors/index.ts";

/** Codes of errors about secrets: the rules in secrets.ts, the recipients lock, the secret verbs. */
export type SecretsErrorCode =
  /** secrets.ts does not have the expected shape, or lists an invalid recipient. */
  | "E_SECRET_RULES"
  /** A file is not listed in secrets.ts, so confed does not know who may read it. */
  | "E_SECRET_UNLISTED"
  /** secrets/.recipients.lock is malformed or of an unknown version. */
  | "E_SECRET_LOCK"
  /** A secret file (or another named file) does not exist. */
  | "E_SECRET_MISSING"
  /** A secret file could not be decrypted or encrypted; the cause says why. */
  | "E_SECRET_CRYPTO"
  /** A key or identity file cannot be read or used. */
  | "E_SECRET_KEY"
  /** A passphrase is needed and there is no terminal to ask on, or the prompt was cancelled. */
  | "E_SECRET_PASSPHRASE"
  /** No RAM-backed directory to decrypt into for editing. */
  | "E_SECRET_TMPDIR"
  /** The editor could not be started or did not exit successfully. */
  | "E_SECRET_EDITOR"
  /** A file that must not be overwritten already exists. */
  | "E_SECRET_EXISTS"
  /** A bad command-line argument of `confed secret`. */
  | "E_SECRET_USAGE";

/**
 * An error about secrets. Messages name files, secrets and keys by position or public
 * fingerprint; they never contain plaintext or private key material.
 *
 * @example
 * throw new SecretsError("E_SECRET_UNLISTED", "`secrets/x.age' is not listed in secrets.ts", {
 *   file: "secrets/x.age",
 * });
 */
export class SecretsError extends ConfedError {
  declare readonly code: SecretsErrorCode;
  /** The repository-relative secret file (or key file) involved, when there is one. */
  readonly file: string | undefined;
  /** Near misses for a misspelled name. */
  readonly suggestions: string[];

  constructor(
    code: SecretsErrorCode,
    message: string,
    data: { file?: string; suggestions?: string[]; cause?: unknown; context?: string[] } = {},
  ) {
    super(code, message, { cause: data.cause, context: data.context });
    this.file = data.file;
    this.suggestions = data.suggestions ?? [];
  }
}
