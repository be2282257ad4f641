import { ConfedError } from "./confed-error.ts";

/**
 * Codes raised by the module system. Each maps to a class of failure of nixpkgs'
 * `lib.evalModules`, so a differential test compares codes rather than wording.
 */
export type ModuleErrorCode =
  /** A definition for an option nobody declared (also under a false mkIf). */
  | "E_OPTION_UNDECLARED"
  /** A value that is not of the option's type. */
  | "E_TYPE"
  /** Definitions that cannot be merged (different values for str/int/bool, uniq, …). */
  | "E_CONFLICT"
  /** An option read that has neither a definition nor a default. */
  | "E_NO_VALUE"
  /** A value that depends on itself. */
  | "E_RECURSION"
  /** A module function asked for an argument nobody provides. */
  | "E_MISSING_ARG"
  /** An option declared twice with types that do not merge. */
  | "E_ALREADY_DECLARED"
  /** A read-only option set more than once. */
  | "E_READ_ONLY"
  /** A module that is not a module (wrong shape, unknown attribute, mkMerge as a module …). */
  | "E_BAD_MODULE"
  /** An option removed by mkRemovedOptionModule was set. */
  | "E_REMOVED"
  /** A failed assertion, a `throw` from user code inside evaluation. */
  | "E_ASSERTION"
  /** Reading config while modules are still being collected, a Promise as a value, … */
  | "E_LAZINESS"
  /** A class mismatch: a home module imported into a machine. */
  | "E_CLASS"
  /** A function value where JSON is wanted, and other value-shape errors. */
  | "E_VALUE";

/** One definition as errors show it. */
export interface DefinitionRef {
  file: string;
  /** A short rendering of the value (never the full value: it may be large). */
  value: string;
}

/**
 * An error of the module system: names the option path (`optionPath`, dotted) and the files of
 * every definition or declaration involved (`files`).
 *
 * @example
 * new ModuleError("E_TYPE", "…", { optionPath: "networking.hostName", files: ["machines/map.ts"] })
 */
export class ModuleError extends ConfedError {
  declare readonly code: ModuleErrorCode;
  readonly optionPath: string | undefined;
  readonly files: string[];
  readonly definitions: DefinitionRef[];

  constructor(
    code: ModuleErrorCode,
    message: string,
    data: {
      optionPath?: string;
      files?: string[];
      definitions?: DefinitionRef[];
      cause?: unknown;
      context?: string[];
    } = {},
  ) {
    super(code, message, { cause: data.cause, context: data.context });
    this.optionPath = data.optionPath;
    this.files = data.files ?? [];
    this.definitions = data.definitions ?? [];
  }
}
