import { ConfedError } from "./confed-error.ts";

/** Codes of errors about the repository: finding, loading and shaping its files. */
export type FlakeErrorCode =
  /** No confed.ts here or above. */
  | "E_FLAKE_NOT_FOUND"
  /** A user file's default export is not what it must be. */
  | "E_FLAKE_EXPORT"
  /** machines/ or homes/ holds something ambiguous or incomplete. */
  | "E_FLAKE_DISCOVERY"
  /** A user file does not parse. */
  | "E_FLAKE_SYNTAX"
  /** A user file failed while loading (import not found, error thrown at top level). */
  | "E_FLAKE_LOAD"
  /** A machine, home or output name that does not exist. */
  | "E_FLAKE_UNKNOWN"
  /** Failed assertions of a machine or home. */
  | "E_FLAKE_ASSERTION"
  /** The lock was written by another confed (another built-in module tree). */
  | "E_FLAKE_VERSION"
  /** A bad command-line argument (an attribute path, an --apply function, …). */
  | "E_FLAKE_ARGUMENT";

/**
 * An error about the repository's files or names. Carries the file (repository-relative) and,
 * for syntax errors, the line and column.
 *
 * @example
 * new FlakeError("E_FLAKE_UNKNOWN", "no machine `mpa'", { suggestions: ["map"] })
 */
export class FlakeError extends ConfedError {
  declare readonly code: FlakeErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly suggestions: string[];
  /** For E_FLAKE_ASSERTION: every failed assertion's message. */
  readonly messages: string[];

  constructor(
    code: FlakeErrorCode,
    message: string,
    data: {
      file?: string;
      line?: number;
      column?: number;
      suggestions?: string[];
      messages?: string[];
      cause?: unknown;
    } = {},
  ) {
    super(code, message, { cause: data.cause });
    this.file = data.file;
    this.line = data.line;
    this.column = data.column;
    this.suggestions = data.suggestions ?? [];
    this.messages = data.messages ?? [];
  }
}
