import { ConfedError, messages } from "../errors/index.ts";

/**
 * Codes of errors about the package set `pkgs` and package references.
 *
 * @example
 * if (isConfedError(e, "E_PKG_UNKNOWN" satisfies PackagesErrorCode)) showSuggestions(e);
 */
export type PackagesErrorCode =
  /** A name that neither the catalog nor an overlay defines (`pkgs.moshh`). */
  | "E_PKG_UNKNOWN"
  /** An overlay that is not a function, returns something other than an attribute set, or throws. */
  | "E_PKG_OVERLAY"
  /** A package reference spelled wrongly: a bad name, an unknown family, a bad version. */
  | "E_PKG_INVALID"
  /** A distro family confed does not know (`makePkgs({ family: "yum" })`). */
  | "E_PKG_FAMILY"
  /** A package that the catalog marks as not packaged for the family asked about. */
  | "E_PKG_UNAVAILABLE"
  /** A package whose (lazy) value depends on itself through overlays. */
  | "E_PKG_CYCLE"
  /** An attempt to assign to or delete from `pkgs`. */
  | "E_PKG_READONLY";

/**
 * An error about packages: an unknown name in `pkgs` (with near misses), a broken overlay, a
 * package reference that cannot be resolved for a distro family.
 *
 * @example
 * try { pkgs.moshh } catch (e) {
 *   if (e instanceof PackagesError && e.code === "E_PKG_UNKNOWN") e.suggestions // ["mosh"]
 * }
 */
export class PackagesError extends ConfedError {
  declare readonly code: PackagesErrorCode;
  /** The package (or family) name the error is about, if any. */
  readonly packageName: string | undefined;
  /** Near misses for an unknown name, best first. */
  readonly suggestions: string[];

  constructor(
    code: PackagesErrorCode,
    message: string,
    data: {
      name?: string;
      suggestions?: string[];
      cause?: unknown;
      context?: string[];
    } = {},
  ) {
    super(code, message, { cause: data.cause, context: data.context });
    this.packageName = data.name;
    this.suggestions = data.suggestions ?? [];
  }
}

/**
 * "Did you mean `x'?" in the module system's wording (after a blank line), or "" without
 * suggestions.
 *
 * @example
 * didYouMean(["mosh"]) // "\n\nDid you mean `mosh'?"
 */
export const didYouMean = (suggestions: readonly string[]): string =>
  messages.didYouMean(suggestions);
