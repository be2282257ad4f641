/**
 * `programs.feh`: the image viewer's key and mouse bindings and themes, with home-manager's
 * option names and files (reference: home-manager release-25.05, commit
 * 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3): `~/.config/feh/keys`, `buttons` and `themes`,
 * each only when set. A binding is `action key…`; null unbinds an action (a line with the
 * action alone), and those lines come first.
 *
 * @example
 * programs: { feh: { enable: true, keybindings: { prev_img: ["h", "Left"], zoom_in: "plus" } } }
 */
import { ModuleError } from "../../errors/index.ts";
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { shellQuote } from "../home/shell-integration.ts";

const bindingsOf = (t: any) => types.attrsOf(types.nullOr(types.either(t, types.listOf(t))));

const fehOptions = (pkgs: Pkgs) => ({
  programs: {
    feh: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable feh, the fast and light image viewer.",
      }),
      package: mkPackageOption(pkgs, "feh", { nullable: true }),
      buttons: mkOption({
        type: bindingsOf(types.either(types.str, types.int)),
        default: {},
        example: { zoom_in: 4, zoom_out: "C-4", prev_img: [3, "C-3"] },
        description:
          "Mouse buttons by action (~/.config/feh/buttons); null unbinds the action, a list binds several.",
      }),
      keybindings: mkOption({
        type: bindingsOf(types.str),
        default: {},
        example: { zoom_in: "plus", zoom_out: "minus", prev_img: ["h", "Left"] },
        description:
          "Keys by action (~/.config/feh/keys); null unbinds the action, a list binds several.",
      }),
      themes: mkOption({
        type: types.attrsOf(types.listOf(types.str)),
        default: {},
        example: { present: ["--full-screen", "--sort", "name", "--hide-pointer"] },
        description: "Named sets of options (~/.config/feh/themes), used with `feh -T name`.",
      }),
    },
  },
});

/** The options of `programs.feh`, for the type-level registry. */
export type FehOptions = ReturnType<typeof fehOptions>;

/** The lines of a bindings file: unbound actions first, then the bound ones, sorted. */
export function bindingsText(option: string, bindings: Record<string, unknown>): string {
  const names = Object.keys(bindings).sort();
  for (const n of names)
    if (bindings[n] === "")
      throw new ModuleError(
        "E_VALUE",
        `${option}.${n}: an empty string binds nothing; use null to unbind the action.`,
        { optionPath: `${option}.${n}` },
      );
  const line = (n: string) => {
    const v = bindings[n];
    if (v === null) return n;
    return [n, ...(Array.isArray(v) ? v : [v]).map(String)].join(" ");
  };
  return `${[
    ...names.filter((n) => bindings[n] === null).map(line),
    ...names.filter((n) => bindings[n] !== null).map(line),
  ].join("\n")}\n`;
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.feh;
  const file = (name: string, option: string, get: () => Record<string, unknown>) => ({
    [`feh/${name}`]: {
      get enable() {
        return Object.keys(get()).length > 0;
      },
      get text() {
        return bindingsText(option, get());
      },
    },
  });
  return {
    key: "programs/feh",
    _file: "<confed>/modules/programs/feh.ts",
    _class: "home",
    options: fehOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
      },
      xdg: {
        configFile: {
          ...file("keys", "programs.feh.keybindings", () => cfg.keybindings),
          ...file("buttons", "programs.feh.buttons", () => cfg.buttons),
          "feh/themes": {
            get enable() {
              return Object.keys(cfg.themes).length > 0;
            },
            get text() {
              const t = cfg.themes as Record<string, string[]>;
              return `${Object.keys(t)
                .sort()
                .map((n) => [n, ...t[n]!.map(shellQuote)].join(" "))
                .join("\n")}\n`;
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/feh": FehOptions;
  }
}
