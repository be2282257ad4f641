/**
 * `programs.neovim`: `~/.config/nvim/init.lua` and plugins in a pack directory, with
 * home-manager's option names and meaning (reference: home-manager release-25.05, commit
 * 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3).
 *
 * - init.lua is what home-manager writes: the Vim script (each `viml` plugin's `config`, then
 *   `extraConfig`) run first — home-manager sources it from a file in the store, confed runs
 *   the same text with `vim.cmd` in a long bracket —, then `extraLuaConfig`, then each `lua`
 *   plugin's `config`. Nothing is written when all of them are empty.
 * - Plugins are trees (a path, or a store package) linked at
 *   `~/.local/share/nvim/site/pack/confed/start/<name>` (`opt/` for `optional` ones, loaded
 *   with `:packadd`): that directory is on Neovim's default 'packpath', so no wrapper is
 *   needed. The name is the path's last component or the package's name, or `name`.
 *   Distribution plugin packages (`vim-fugitive` …) install themselves system-wide: put them in
 *   `home.packages`.
 * - `viAlias`/`vimAlias`/`vimdiffAlias` are shell aliases (home-manager links `vi`/`vim` in its
 *   wrapper; confed installs the distro's nvim, so the names live in the shells);
 *   `defaultEditor` sets EDITOR.
 * - The providers: `withPython3` adds pynvim; Node and Ruby add the runtime only, since the
 *   distributions do not package their `neovim` host modules (install them with npm or gem).
 *
 * @example
 * programs: { neovim: { enable: true, vimAlias: true, extraLuaConfig: "vim.opt.number = true", plugins: [path(import.meta, "./vim/my-plugin")] } }
 */
import { ModuleError } from "../../errors/index.ts";
import {
  mkIf,
  mkMerge,
  mkOption,
  mkPackageOption,
  mkRemovedOptionModule,
  types,
} from "../../module-system/index.ts";
import { isDistroPackage, type Pkgs } from "../../packages/index.ts";
import { joinBlocks } from "../home/shell-integration.ts";

const pluginSource = types.either(types.path, types.package);

const pluginWithConfig = types.submodule({
  options: {
    plugin: mkOption({
      type: pluginSource,
      description: "The plugin's tree: a path, or a store package.",
    }),
    name: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description:
        "The plugin's directory name in the pack directory; by default the path's last component or the package's name.",
    }),
    config: mkOption({
      type: types.nullOr(types.lines),
      default: null,
      description: "Configuration for the plugin, in the language `type` says.",
    }),
    type: mkOption({
      type: types.enum(["viml", "lua"]),
      default: "viml",
      description: "The language of `config`: Vim script (`viml`) or `lua`.",
    }),
    optional: mkOption({
      type: types.bool,
      default: false,
      description:
        "Whether the plugin waits for `:packadd` (pack/confed/opt) instead of loading at startup.",
    }),
  },
});

const neovimOptions = (pkgs: Pkgs) => ({
  programs: {
    neovim: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable Neovim.",
      }),
      package: mkPackageOption(pkgs, "neovim", { nullable: true }),
      viAlias: mkOption({
        type: types.bool,
        default: false,
        description: "Whether `vi` runs nvim (a shell alias).",
      }),
      vimAlias: mkOption({
        type: types.bool,
        default: false,
        description: "Whether `vim` runs nvim (a shell alias).",
      }),
      vimdiffAlias: mkOption({
        type: types.bool,
        default: false,
        description: "Whether `vimdiff` runs `nvim -d` (a shell alias).",
      }),
      defaultEditor: mkOption({
        type: types.bool,
        default: false,
        description: "Whether nvim is the default editor (EDITOR in the session variables).",
      }),
      withPython3: mkOption({
        type: types.bool,
        default: true,
        description: "Whether to install the Python 3 provider (pynvim) for Python plugins.",
      }),
      withNodeJs: mkOption({
        type: types.bool,
        default: false,
        description:
          "Whether to install Node.js for Node plugins (the `neovim` npm module is not packaged by distributions).",
      }),
      withRuby: mkOption({
        type: types.nullOr(types.bool),
        default: false,
        description:
          "Whether to install Ruby for Ruby plugins (the `neovim` gem is not packaged by distributions).",
      }),
      extraPackages: mkOption({
        type: types.listOf(types.package),
        default: [],
        example: ["pkgs.ripgrep", "pkgs.shfmt"],
        description: "Packages installed for plugins to run (language servers, formatters …).",
      }),
      extraConfig: mkOption({
        type: types.lines,
        default: "",
        example: "set nobackup",
        description: "Vim script run at startup, after the plugins' Vim script configuration.",
      }),
      extraLuaConfig: mkOption({
        type: types.lines,
        default: "",
        example: "vim.opt.backup = false",
        description:
          "Lua run at startup, after the Vim script and before the plugins' Lua configuration.",
      }),
      plugins: mkOption({
        type: types.listOf(types.either(pluginSource, pluginWithConfig)),
        default: [],
        example: [
          "/home/me/src/vim-surround",
          { plugin: "/home/me/src/lualine", type: "lua", config: "require('lualine').setup()" },
        ],
        description:
          "Plugins placed in ~/.local/share/nvim/site/pack/confed/{start,opt}/: a tree, or `{ plugin, config, type, optional }`.",
      }),
      generatedConfigs: mkOption({
        type: types.attrsOf(types.lines),
        readOnly: true,
        description:
          "The plugins' configuration joined by language (`viml`, `lua`), as written in init.lua.",
      }),
    },
  },
});

/** The options of `programs.neovim`, for the type-level registry. */
export type NeovimOptions = ReturnType<typeof neovimOptions>;

/** A plugin in one shape. */
export interface NormalizedPlugin {
  name: string;
  plugin: unknown;
  config: string | null;
  type: "viml" | "lua";
  optional: boolean;
}

const NAME = /^[A-Za-z0-9._+-]+$/;

/** The plugins as `{ name, plugin, config, type, optional }`, checked; errors name the entry. */
export function normalizePlugins(plugins: readonly unknown[]): NormalizedPlugin[] {
  const seen = new Map<string, number>();
  return plugins.map((p, i) => {
    const where = `programs.neovim.plugins.[${i}]`;
    const entry: any =
      typeof p === "object" && p !== null && "plugin" in p
        ? p
        : { plugin: p, name: null, config: null, type: "viml", optional: false };
    if (isDistroPackage(entry.plugin))
      throw new ModuleError(
        "E_VALUE",
        `${where}: \`${String(entry.plugin)}' is a distribution package, which installs its plugin system-wide; put it in home.packages. A plugin here is a path or a store package.`,
        { optionPath: "programs.neovim.plugins" },
      );
    const name: string =
      entry.name ??
      (typeof entry.plugin === "string"
        ? entry.plugin.replace(/\/+$/, "").split("/").pop()!
        : String(entry.plugin));
    if (!NAME.test(name) || name === "." || name === "..")
      throw new ModuleError(
        "E_VALUE",
        `${where}: \`${name}' cannot be a plugin's directory name; set \`name'.`,
        { optionPath: "programs.neovim.plugins" },
      );
    const first = seen.get(name);
    if (first !== undefined)
      throw new ModuleError(
        "E_VALUE",
        `${where}: the plugin name \`${name}' is also the name of plugins.[${first}]; set \`name' on one of them.`,
        { optionPath: "programs.neovim.plugins" },
      );
    seen.set(name, i);
    return {
      name,
      plugin: entry.plugin,
      config: entry.config,
      type: entry.type,
      optional: entry.optional,
    };
  });
}

/** A Lua long bracket holding `text` unchanged (its level avoids any closing bracket inside). */
export function luaLongString(text: string): string {
  let eq = "";
  while (text.includes(`]${eq}]`)) eq += "=";
  return `[${eq}[\n${text}]${eq}]`;
}

/** The text of init.lua, or "" when there is nothing to run. */
export function initLuaText(viml: string, lua: string): string {
  const body = joinBlocks([
    viml.trim() === "" ? "" : `vim.cmd(${luaLongString(viml.endsWith("\n") ? viml : `${viml}\n`)})`,
    lua,
  ]);
  return body === "" ? "" : `-- Written by confed (programs.neovim).\n${body}`;
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.neovim;
  const plugins = () => normalizePlugins(cfg.plugins);
  const configs = (type: "viml" | "lua") =>
    plugins()
      .filter((p) => p.type === type && p.config !== null)
      .map((p) => p.config!.replace(/\n+$/, ""))
      .join("\n");
  return {
    key: "programs/neovim",
    _file: "<confed>/modules/programs/neovim.ts",
    _class: "home",
    imports: [
      mkRemovedOptionModule(
        ["programs", "neovim", "configure"],
        "Use programs.neovim.plugins (with `optional`) and programs.neovim.extraConfig instead.",
      ),
    ],
    options: neovimOptions(pkgs),
    config: {
      programs: {
        neovim: {
          get generatedConfigs() {
            const out: Record<string, string> = {};
            for (const t of ["viml", "lua"] as const)
              if (plugins().some((p) => p.type === t)) out[t] = configs(t);
            return out;
          },
        },
      },
      home: mkIf(() => cfg.enable, {
        get packages() {
          return [
            ...(cfg.package === null ? [] : [cfg.package]),
            ...(cfg.withPython3 ? [pkgs.pynvim] : []),
            ...(cfg.withNodeJs ? [pkgs.nodejs] : []),
            ...(cfg.withRuby ? [pkgs.ruby] : []),
            ...cfg.extraPackages,
          ];
        },
        sessionVariables: mkIf(() => cfg.defaultEditor, { EDITOR: "nvim" }),
        shellAliases: mkMerge([
          mkIf(() => cfg.viAlias, { vi: "nvim" }),
          mkIf(() => cfg.vimAlias, { vim: "nvim" }),
          mkIf(() => cfg.vimdiffAlias, { vimdiff: "nvim -d" }),
        ]),
      }),
      xdg: {
        get configFile() {
          if (!cfg.enable) return {};
          const text = initLuaText(
            joinBlocks([configs("viml"), cfg.extraConfig]),
            joinBlocks([cfg.extraLuaConfig, configs("lua")]),
          );
          return text === "" ? {} : { "nvim/init.lua": { text } };
        },
        get dataFile() {
          if (!cfg.enable) return {};
          const files: Record<string, { source: unknown }> = {};
          for (const p of plugins())
            files[`nvim/site/pack/confed/${p.optional ? "opt" : "start"}/${p.name}`] = {
              source: p.plugin,
            };
          return files;
        },
      },
    },
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/neovim": NeovimOptions;
  }
}
