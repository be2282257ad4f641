/**
 * `programs.fish`: the friendly interactive shell, with home-manager's option names and files
 * (reference: home-manager release-25.05, commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3).
 *
 * - `~/.config/fish/config.fish` runs once per shell: it sources the home's session variables
 *   (`~/.config/confed/session-vars.fish`, the fish spelling of the session-vars.sh that bash
 *   and zsh read, with the same once-per-session guard), then `shellInit`, `loginShellInit` in
 *   login shells, and in interactive shells the abbreviations, the aliases
 *   (`home.shellAliases` merged in) and `interactiveShellInit` — which also receives every
 *   program's `home.shell.init.fish` entry by order — and last `shellInitLast`.
 * - `~/.config/fish/functions/<name>.fish` for each of `functions` (fish autoloads them).
 * - `~/.config/fish/conf.d/plugin-<name>.fish` for each plugin: it puts the plugin's
 *   `functions/` and `completions/` on fish's paths and sources its `conf.d/*.fish`,
 *   `key_bindings.fish` and `init.fish`. The plugin's tree is linked at
 *   `~/.local/share/fish/confed-plugins/<name>`, so a path and a store package work alike.
 * - `generateCompletions` runs fish's own `fish_update_completions` after a switch (fish reads
 *   the man pages installed on the machine); home-manager builds the same from the packages.
 *
 * @example
 * programs: { fish: { enable: true, shellAbbrs: { gco: "git checkout" }, functions: { mkcd: "mkdir -p $argv[1]; and cd $argv[1]" } } }
 */
import { ModuleError } from "../../errors/index.ts";
import {
  mkIf,
  mkOption,
  mkPackageOption,
  mkRemovedOptionModule,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { entryAfter } from "../home/activation.ts";
import { sessionPathOf, sessionXdgVariables } from "../home/session.ts";
import { joinBlocks, shellInitDefinitions } from "../home/shell-integration.ts";
import { fishQuote, fishSessionVarsScript } from "./_fish-syntax.ts";

const strOrList = types.nullOr(types.either(types.str, types.listOf(types.str)));
const strOrInt = types.nullOr(types.either(types.str, types.int));

const functionModule = types.submodule({
  options: {
    body: mkOption({ type: types.lines, description: "The function's body." }),
    argumentNames: mkOption({
      type: strOrList,
      default: null,
      description: "Names given to the successive arguments (`--argument-names`).",
    }),
    description: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "What the function does, shown by completion (`--description`).",
    }),
    wraps: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "A command whose completions the function inherits (`--wraps`).",
    }),
    onEvent: mkOption({
      type: strOrList,
      default: null,
      description: "Named events that run the function (`--on-event`).",
    }),
    onVariable: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "A variable whose change runs the function (`--on-variable`).",
    }),
    onJobExit: mkOption({
      type: strOrInt,
      default: null,
      description: "A job (group id, or `caller`) whose exit runs the function (`--on-job-exit`).",
    }),
    onProcessExit: mkOption({
      type: strOrInt,
      default: null,
      example: "$fish_pid",
      description: "A process whose exit runs the function (`--on-process-exit`).",
    }),
    onSignal: mkOption({
      type: strOrInt,
      default: null,
      example: "SIGHUP",
      description: "A signal (name or number) that runs the function (`--on-signal`).",
    }),
    noScopeShadowing: mkOption({
      type: types.bool,
      default: false,
      description: "Whether the function sees its caller's variables (`--no-scope-shadowing`).",
    }),
    inheritVariable: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "A variable copied into the function when it is defined (`--inherit-variable`).",
    }),
  },
});

const abbrModule = types.submodule({
  options: {
    expansion: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "What the abbreviation expands to.",
    }),
    position: mkOption({
      type: types.nullOr(types.enum(["command", "anywhere"])),
      default: null,
      example: "anywhere",
      description: "Where it expands: as a command (fish's default) or anywhere on the line.",
    }),
    regex: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "A regular expression matched instead of the name (fish 3.6).",
    }),
    command: mkOption({
      type: strOrList,
      default: null,
      description: "Expand only as an argument of these commands (fish 4.0).",
    }),
    setCursor: mkOption({
      type: types.either(types.bool, types.str),
      default: false,
      description:
        "Where the cursor goes after expansion: true marks it with `%`, a string names the marker.",
    }),
    function: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "A fish function whose output is the expansion.",
    }),
  },
});

const pluginModule = types.submodule({
  options: {
    name: mkOption({ type: types.str, description: "The plugin's name." }),
    src: mkOption({
      type: types.either(types.path, types.package),
      description:
        "The plugin's tree (a path, or a store package): its functions/, completions/, conf.d/, init.fish and key_bindings.fish are used.",
    }),
  },
});

const fishOptions = (pkgs: Pkgs) => ({
  programs: {
    fish: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable fish, the friendly interactive shell.",
      }),
      package: mkPackageOption(pkgs, "fish", { nullable: true }),
      generateCompletions: mkOption({
        type: types.bool,
        default: true,
        description:
          "Whether to generate completions from the machine's man pages after each switch (`fish_update_completions`).",
      }),
      shellAliases: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        example: { g: "git", "...": "cd ../.." },
        description: "Aliases of interactive fish shells (`home.shellAliases` are added).",
      }),
      shellAbbrs: mkOption({
        type: types.attrsOf(types.either(types.str, abbrModule)),
        default: {},
        example: { gco: "git checkout", "-C": { position: "anywhere", expansion: "--color" } },
        description: "Abbreviations: a word the line editor expands as it is typed.",
      }),
      preferAbbrs: mkOption({
        type: types.bool,
        default: false,
        description:
          "Whether other modules add their aliases for fish as abbreviations instead (programs.eza does).",
      }),
      shellInit: mkOption({
        type: types.lines,
        default: "",
        description: "Code run by every fish.",
      }),
      loginShellInit: mkOption({
        type: types.lines,
        default: "",
        description: "Code run by login shells.",
      }),
      interactiveShellInit: mkOption({
        type: types.lines,
        default: "",
        description:
          "Code run by interactive shells, among the programs' integrations by order (mkOrder).",
      }),
      shellInitLast: mkOption({
        type: types.lines,
        default: "",
        description: "Code run last by every fish, after the interactive init.",
      }),
      functions: mkOption({
        type: types.attrsOf(types.either(types.lines, functionModule)),
        default: {},
        example: {
          gitignore: "curl -sL https://www.gitignore.io/api/$argv",
          __fish_command_not_found_handler: {
            body: "__fish_default_command_not_found_handler $argv[1]",
            onEvent: "fish_command_not_found",
          },
        },
        description:
          "Functions, each autoloaded from ~/.config/fish/functions/<name>.fish: a body, or the body with `function`'s flags.",
      }),
      plugins: mkOption({
        type: types.listOf(pluginModule),
        default: [],
        example: [{ name: "z", src: "/home/me/src/z" }],
        description: "Plugins, each loaded by its ~/.config/fish/conf.d/plugin-<name>.fish.",
      }),
    },
  },
});

/** The options of `programs.fish`, for the type-level registry. */
export type FishOptions = ReturnType<typeof fishOptions>;

const list = (v: string | number | string[] | null): (string | number)[] =>
  v === null ? [] : Array.isArray(v) ? v : [v];

/** One `abbr --add` line. */
export function abbrLine(name: string, def: string | Record<string, any>): string {
  if (typeof def === "string") return `abbr --add -- ${fishQuote(name)} ${fishQuote(def)}`;
  const flags: string[] = [];
  if (def.position !== null) flags.push(`--position ${def.position}`);
  if (def.regex !== null) flags.push(`--regex ${fishQuote(def.regex)}`);
  for (const c of list(def.command)) flags.push(`--command ${fishQuote(String(c))}`);
  if (def.setCursor === true) flags.push("--set-cursor");
  else if (typeof def.setCursor === "string")
    flags.push(`--set-cursor=${fishQuote(def.setCursor)}`);
  if (def.function !== null) flags.push(`--function ${fishQuote(def.function)}`);
  const expansion = def.expansion === null ? "" : ` ${fishQuote(def.expansion)}`;
  return ["abbr --add", ...flags, `-- ${fishQuote(name)}${expansion}`].join(" ");
}

/** The text of functions/<name>.fish. */
export function functionText(name: string, def: string | Record<string, any>): string {
  const flags: string[] = [];
  const body = typeof def === "string" ? def : def.body;
  if (typeof def !== "string") {
    const one = (flag: string, v: unknown) => {
      if (v !== null) flags.push(`--${flag} ${fishQuote(String(v))}`);
    };
    one("description", def.description);
    one("wraps", def.wraps);
    for (const e of list(def.onEvent)) one("on-event", e);
    one("on-variable", def.onVariable);
    one("on-job-exit", def.onJobExit);
    one("on-process-exit", def.onProcessExit);
    one("on-signal", def.onSignal);
    if (def.noScopeShadowing) flags.push("--no-scope-shadowing");
    one("inherit-variable", def.inheritVariable);
    const args = list(def.argumentNames);
    if (args.length)
      flags.push(`--argument-names ${args.map((a) => fishQuote(String(a))).join(" ")}`);
  }
  return [
    "# Written by confed (programs.fish.functions).",
    [`function ${fishQuote(name)}`, ...flags].join(" "),
    body.replace(/\n+$/, ""),
    "end",
    "",
  ].join("\n");
}

/** The text of conf.d/plugin-<name>.fish, loading the plugin linked at `dir`. */
export function pluginText(name: string, dir: string): string {
  return `# Written by confed (programs.fish.plugins): the plugin ${name}.
set -l plugin_dir ${fishQuote(dir)}
if test -d $plugin_dir/functions
    set fish_function_path $fish_function_path[1] $plugin_dir/functions $fish_function_path[2..-1]
end
if test -d $plugin_dir/completions
    set fish_complete_path $fish_complete_path[1] $plugin_dir/completions $fish_complete_path[2..-1]
end
if test -d $plugin_dir/conf.d
    for f in $plugin_dir/conf.d/*.fish
        source $f
    end
end
if test -f $plugin_dir/key_bindings.fish
    source $plugin_dir/key_bindings.fish
end
if test -f $plugin_dir/init.fish
    source $plugin_dir/init.fish
end
`;
}

const block = (guard: string, comment: string, body: string) =>
  body.trim() === "" ? "" : `if ${guard}\n    # ${comment}\n${body.replace(/\n+$/, "")}\nend`;

/** The text of config.fish. */
export function configFishText(sessionFile: string, cfg: any): string {
  const aliases = cfg.shellAliases as Record<string, string>;
  const abbrs = cfg.shellAbbrs as Record<string, string | Record<string, unknown>>;
  const interactive = joinBlocks([
    Object.keys(abbrs)
      .sort()
      .map((k) => abbrLine(k, abbrs[k]!))
      .join("\n"),
    Object.keys(aliases)
      .sort()
      .map((k) => `alias ${fishQuote(k)} ${fishQuote(aliases[k]!)}`)
      .join("\n"),
    cfg.interactiveShellInit,
  ]);
  return joinBlocks([
    "# Written by confed (programs.fish). Run once per shell.",
    "set -q __fish_confed_config_sourced; and exit\nset -g __fish_confed_config_sourced 1",
    `source ${fishQuote(sessionFile)}`,
    cfg.shellInit,
    block("status is-login", "Login shells", cfg.loginShellInit),
    block("status is-interactive", "Interactive shells", interactive),
    cfg.shellInitLast,
  ]);
}

const PLUGIN_NAME = /^[A-Za-z0-9._+-]+$/;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.fish;
  const pluginDir = (name: string) => `${config.xdg.dataHome}/fish/confed-plugins/${name}`;
  const checkedPlugins = (): { name: string; src: unknown }[] => {
    const seen = new Set<string>();
    for (const p of cfg.plugins as { name: string }[]) {
      if (!PLUGIN_NAME.test(p.name) || p.name === "." || p.name === "..")
        throw new ModuleError(
          "E_VALUE",
          `programs.fish.plugins: the name \`${p.name}' cannot be a file name (letters, digits, . _ + - only).`,
          { optionPath: "programs.fish.plugins" },
        );
      if (seen.has(p.name))
        throw new ModuleError(
          "E_VALUE",
          `programs.fish.plugins: two plugins are named \`${p.name}'; names must be unique.`,
          { optionPath: "programs.fish.plugins" },
        );
      seen.add(p.name);
    }
    return cfg.plugins;
  };
  return {
    key: "programs/fish",
    _file: "<confed>/modules/programs/fish.ts",
    _class: "home",
    imports: [
      mkRemovedOptionModule(
        ["programs", "fish", "promptInit"],
        "Set the prompt in programs.fish.interactiveShellInit instead.",
      ),
    ],
    options: fishOptions(pkgs),
    config: {
      programs: {
        fish: {
          get shellAliases() {
            return config.home.shellAliases;
          },
          get interactiveShellInit() {
            return shellInitDefinitions(config.home.shell.init.fish);
          },
        },
      },
      home: {
        get packages() {
          return cfg.enable && cfg.package !== null ? [cfg.package] : [];
        },
        activation: mkIf(() => cfg.enable && cfg.generateCompletions, {
          fishCompletions: entryAfter(
            ["linkGeneration"],
            "if command -v fish >/dev/null 2>&1; then\n  fish -c fish_update_completions >/dev/null 2>&1 || true\nfi",
          ),
        }),
      },
      xdg: {
        // The file names depend on the functions and plugins, so each set is one lazy definition.
        get configFile() {
          if (!cfg.enable) return {};
          const files: Record<string, { text: string }> = {
            "fish/config.fish": {
              text: configFishText(`${config.xdg.configHome}/confed/session-vars.fish`, cfg),
            },
            "confed/session-vars.fish": {
              text: fishSessionVarsScript(
                config.home.sessionVariables,
                sessionPathOf(config),
                sessionXdgVariables(config),
              ),
            },
          };
          for (const [name, def] of Object.entries(cfg.functions as Record<string, any>)) {
            if (name === "" || name.includes("/") || name.startsWith("-"))
              throw new ModuleError(
                "E_VALUE",
                `programs.fish.functions: \`${name}' cannot be a function name (no \`/', no leading \`-').`,
                { optionPath: `programs.fish.functions.${name}` },
              );
            files[`fish/functions/${name}.fish`] = { text: functionText(name, def) };
          }
          for (const p of checkedPlugins())
            files[`fish/conf.d/plugin-${p.name}.fish`] = {
              text: pluginText(p.name, pluginDir(p.name)),
            };
          return files;
        },
        get dataFile() {
          if (!cfg.enable) return {};
          const files: Record<string, { source: unknown }> = {};
          for (const p of checkedPlugins())
            files[`fish/confed-plugins/${p.name}`] = { source: p.src };
          return files;
        },
      },
    },
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/fish": FishOptions;
  }
}
