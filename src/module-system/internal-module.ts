/**
 * The module every evaluation includes: the `_module` options (args, check, freeformType,
 * specialArgs), as nixpkgs' internal module declares them.
 */
import { mkOption } from "./option.ts";
import { bool, raw } from "./types/basic.ts";
import { lazyAttrsOf, nullOr } from "./types/compound.ts";
import { optionTypeType } from "./types/option-type.ts";

const declarations = {
  _file: "lib/modules.nix",
  key: "confed:internal-module-options",
  options: {
    _module: {
      args: mkOption({
        type: lazyAttrsOf(raw),
        internal: true,
        description: "Arguments passed to each module function, next to specialArgs (which win).",
      }),
      check: mkOption({
        type: bool,
        internal: true,
        default: true,
        description: "Whether to check that every definition has a declared option.",
      }),
      freeformType: mkOption({
        type: nullOr(optionTypeType),
        internal: true,
        default: null,
        description:
          "The type of definitions that have no declared option; null makes them an error.",
      }),
      specialArgs: mkOption({
        readOnly: true,
        internal: true,
        description: "The specialArgs of this evaluation.",
      }),
    },
  },
};

/**
 * The internal module of one evaluation: its config holds that evaluation's specialArgs, and the
 * module arguments `extendModules` and `moduleType` (read lazily from the evaluation).
 */
export function internalModule(
  specialArgs: Record<string, unknown>,
  evaluation: () => { extendModules: unknown; type: unknown },
): unknown {
  return {
    _file: "lib/modules.nix",
    key: undefined,
    imports: [declarations],
    config: {
      _module: {
        specialArgs,
        args: {
          get extendModules() {
            return evaluation().extendModules;
          },
          get moduleType() {
            return evaluation().type;
          },
        },
      },
    },
  };
}
