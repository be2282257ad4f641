/**
 * `types.anything`: attribute sets merge recursively (entries may use mkIf, mkMerge, …); lists
 * and scalars must be equal; functions merge their results; packages take one definition.
 */
import { ModuleError, messages } from "../../errors/index.ts";
import { isPackage, isPlainObject, showOption } from "../../lib/index.ts";
import { type Def, getFiles, mergeEqualOption, mergeOneOption } from "../merge.ts";
import { force } from "../value.ts";
import { mergeAttrsOf } from "./attrs-merge.ts";
import type { OptionType } from "./base.ts";

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "list";
  if (isPackage(v)) return "package";
  if (isPlainObject(v)) return "set";
  if (typeof v === "function") return "lambda";
  if (typeof v === "number") return Number.isSafeInteger(v) ? "int" : "float";
  return typeof v;
}

export function mergeAnything(
  loc: readonly string[],
  defs: readonly Def[],
  self?: OptionType,
): unknown {
  const common = kind(defs[0].value);
  for (const d of defs) {
    if (kind(d.value) !== common) {
      const path = showOption(loc);
      throw new ModuleError("E_CONFLICT", messages.conflictingKinds(path, getFiles(defs)), {
        optionPath: path,
        files: getFiles(defs),
      });
    }
  }
  switch (common) {
    case "set":
      return mergeAttrsOf(loc, defs, self ?? anythingRef.type!, false);
    case "package":
      return mergeOneOption(loc, defs);
    case "lambda":
      return (arg: unknown) =>
        mergeAnything(
          [...loc, "<function body>"],
          defs.map((d) => ({
            file: d.file,
            value: force((d.value as (a: unknown) => unknown)(arg)),
          })),
          self,
        );
    default:
      return mergeEqualOption(loc, defs);
  }
}

/** Set once `types.anything` exists (it merges its own entries). */
export const anythingRef: { type: OptionType | undefined } = { type: undefined };
