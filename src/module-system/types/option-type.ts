/**
 * `types.optionType`: a value that is itself an option type (used by `_module.freeformType`).
 * Several definitions merge like several declarations of one option.
 */
import { ModuleError, messages } from "../../errors/index.ts";
import { showOption } from "../../lib/index.ts";
import { isOptionType, mkOptionType, type OptionType } from "./base.ts";

export const optionTypeType: OptionType<OptionType> = mkOptionType<OptionType>({
  name: "optionType",
  description: "optionType",
  descriptionClass: "noun",
  check: isOptionType,
  merge: (loc, defs) => {
    let t = defs[0].value as OptionType;
    const seen = [defs[0].file];
    for (const d of defs.slice(1)) {
      const m = t.typeMerge((d.value as OptionType).functor);
      if (m === null) {
        const path = showOption(loc);
        throw new ModuleError("E_ALREADY_DECLARED", messages.alreadyDeclared(path, d.file, seen), {
          optionPath: path,
          files: [d.file, ...seen],
        });
      }
      t = m;
      seen.push(d.file);
    }
    return t;
  },
  selfMerge: true,
});
