/**
 * `programs.zsh`: the files of the Z shell, with home-manager's option names and meaning.
 *
 * - `.zshenv` (every zsh): sources the home's session file in non-login shells (login shells do
 *   it in `.zprofile`, after the system's `/etc/zprofile` may have reset PATH), then `envExtra`.
 *   With a `dotDir` other than the home, `~/.zshenv` sets ZDOTDIR and sources `<dotDir>/.zshenv`.
 * - `.zprofile` (login shells): the session file, `sessionVariables`, `profileExtra`.
 * - `.zshrc` (interactive shells): `initContent` with the generated parts at home-manager's
 *   orders — 510 `typeset -U`, 530 keymap, 570 compinit, 700 autosuggestions, 910 history,
 *   950 setopt, 1000 the user's code, 1100 aliases, 1200 syntax highlighting — and every
 *   program's `home.shell.init.zsh` entry at its own order.
 * - `.zlogin` / `.zlogout` when `loginExtra` / `logoutExtra` are set.
 *
 * The plugins are distro packages: Debian and Fedora put their scripts in
 * `/usr/share/zsh-autosuggestions/` and `/usr/share/zsh-syntax-highlighting/`, Arch in
 * `/usr/share/zsh/plugins/<name>/`.
 *
 * @example
 * programs: { zsh: { enable: true, autosuggestion: { enable: true }, history: { size: 50000 } } }
 */
import {
  mkIf,
  mkMerge,
  mkOption,
  mkOrder,
  mkPackageOption,
  mkRenamedOptionModule,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { shDoubleQuote } from "../home/session.ts";
import { joinBlocks, shellInitDefinitions, shellQuote } from "../home/shell-integration.ts";
import { exportLines } from "./bash.ts";

const KEYMAPS = { emacs: "bindkey -e", viins: "bindkey -v", vicmd: "bindkey -a" } as const;

/** Where a zsh plugin's script is, by distro family (Arch keeps them under zsh/plugins). */
export function zshPluginScript(family: string | undefined, plugin: string): string {
  return family === "pacman"
    ? `/usr/share/zsh/plugins/${plugin}/${plugin}.zsh`
    : `/usr/share/${plugin}/${plugin}.zsh`;
}

const historyModule =
  (outer: any) =>
  ({ config }: { config: any }) => ({
    options: {
      size: mkOption({
        type: types.int,
        default: 10000,
        description: "History lines kept (HISTSIZE).",
      }),
      save: mkOption({
        type: types.int,
        get default(): number {
          return config.size;
        },
        defaultText: "history.size",
        description: "History lines saved (SAVEHIST).",
      }),
      path: mkOption({
        type: types.str,
        get default(): string {
          return `${outer.programs.zsh.dotDir}/.zsh_history`;
        },
        defaultText: "programs.zsh.dotDir + /.zsh_history",
        description: "The history file (HISTFILE); its directory is created when missing.",
      }),
      ignorePatterns: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["rm *", "pkill *"],
        description: "Command lines matching one of these patterns stay out of the history.",
      }),
      ignoreDups: mkOption({ type: types.bool, default: true, description: "HIST_IGNORE_DUPS." }),
      ignoreAllDups: mkOption({
        type: types.bool,
        default: false,
        description: "HIST_IGNORE_ALL_DUPS.",
      }),
      saveNoDups: mkOption({ type: types.bool, default: false, description: "HIST_SAVE_NO_DUPS." }),
      findNoDups: mkOption({ type: types.bool, default: false, description: "HIST_FIND_NO_DUPS." }),
      ignoreSpace: mkOption({ type: types.bool, default: true, description: "HIST_IGNORE_SPACE." }),
      expireDuplicatesFirst: mkOption({
        type: types.bool,
        default: false,
        description: "HIST_EXPIRE_DUPS_FIRST.",
      }),
      extended: mkOption({
        type: types.bool,
        default: false,
        description: "EXTENDED_HISTORY (timestamps).",
      }),
      share: mkOption({
        type: types.bool,
        default: true,
        description: "SHARE_HISTORY between sessions.",
      }),
      append: mkOption({ type: types.bool, default: false, description: "APPEND_HISTORY." }),
    },
  });

const zshOptions = (pkgs: Pkgs, config: any) => ({
  programs: {
    zsh: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable the Z shell (its .zshenv, .zprofile, .zshrc).",
      }),
      package: mkPackageOption(pkgs, "zsh", { nullable: true }),
      dotDir: mkOption({
        type: types.str,
        get default(): string {
          return config.home.homeDirectory;
        },
        defaultText: "home.homeDirectory",
        example: "/home/me/.config/zsh",
        description:
          "The directory of zsh's files (ZDOTDIR), an absolute path inside the home; ~/.zshenv points zsh there.",
      }),
      autocd: mkOption({
        type: types.nullOr(types.bool),
        default: null,
        description: "AUTO_CD: a directory typed as a command is entered.",
      }),
      shellAliases: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        example: { ll: "ls -l" },
        description: "Aliases of interactive zsh shells (`home.shellAliases` are added).",
      }),
      shellGlobalAliases: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        example: { G: "| grep" },
        description: "Aliases expanded anywhere on a line (`alias -g`).",
      }),
      enableCompletion: mkOption({
        type: types.bool,
        default: true,
        description: "Whether interactive shells run `completionInit`.",
      }),
      completionInit: mkOption({
        type: types.lines,
        default: "autoload -U compinit && compinit",
        description: "The commands that initialise completion.",
      }),
      defaultKeymap: mkOption({
        type: types.nullOr(types.enum(["emacs", "viins", "vicmd"])),
        default: null,
        example: "emacs",
        description: "The keymap selected with `bindkey`.",
      }),
      autosuggestion: {
        enable: mkOption({
          type: types.bool,
          default: false,
          description: "Whether to load zsh-autosuggestions (the distro package is added).",
        }),
        highlight: mkOption({
          type: types.nullOr(types.str),
          default: null,
          example: "fg=#ff00ff,bg=cyan,bold,underline",
          description: "ZSH_AUTOSUGGEST_HIGHLIGHT_STYLE.",
        }),
        strategy: mkOption({
          type: types.listOf(types.enum(["history", "completion", "match_prev_cmd"])),
          default: ["history"],
          description: "ZSH_AUTOSUGGEST_STRATEGY; empty leaves it unset.",
        }),
      },
      syntaxHighlighting: {
        enable: mkOption({
          type: types.bool,
          default: false,
          description: "Whether to load zsh-syntax-highlighting (the distro package is added).",
        }),
        package: mkOption({
          type: types.package,
          get default() {
            return pkgs.distro("zsh-syntax-highlighting");
          },
          defaultText: 'pkgs.distro("zsh-syntax-highlighting")',
          description: "The zsh-syntax-highlighting package.",
        }),
        highlighters: mkOption({
          type: types.listOf(types.str),
          default: [],
          example: ["brackets"],
          description: "Highlighters besides `main` (always on).",
        }),
        styles: mkOption({
          type: types.attrsOf(types.str),
          default: {},
          example: { comment: "fg=black,bold" },
          description: "ZSH_HIGHLIGHT_STYLES entries.",
        }),
        patterns: mkOption({
          type: types.attrsOf(types.str),
          default: {},
          example: { "rm -rf *": "fg=white,bold,bg=red" },
          description: "ZSH_HIGHLIGHT_PATTERNS entries.",
        }),
      },
      history: mkOption({
        type: types.submodule(historyModule(config)),
        default: {},
        description: "History settings.",
      }),
      sessionVariables: mkOption({
        type: types.lazyAttrsOf(
          types.nullOr(types.oneOf([types.str, types.int, types.float, types.bool])),
        ),
        default: {},
        example: { MAILCHECK: 30 },
        description: "Environment variables exported once per session; null leaves one unset.",
      }),
      setOptions: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["EXTENDED_HISTORY", "NO_BEEP"],
        description: "Options given to `setopt`; a `NO_` prefix unsets one.",
      }),
      initContent: mkOption({
        type: types.lines,
        default: "",
        description:
          "The code of .zshrc; place it with mkOrder (500 early, 550 before compinit, 1000 default, 1500 last).",
      }),
      envExtra: mkOption({ type: types.lines, default: "", description: "Added to .zshenv." }),
      profileExtra: mkOption({
        type: types.lines,
        default: "",
        description: "Added to .zprofile.",
      }),
      loginExtra: mkOption({ type: types.lines, default: "", description: "Written to .zlogin." }),
      logoutExtra: mkOption({
        type: types.lines,
        default: "",
        description: "Written to .zlogout.",
      }),
    },
  },
});

/** The options of `programs.zsh`, for the type-level registry. */
export type ZshOptions = ReturnType<typeof zshOptions>;

function sessionBlock(sessionFile: string, cfg: any): string {
  const vars = exportLines(cfg.sessionVariables);
  return joinBlocks([
    `. ${shDoubleQuote(sessionFile)}`,
    vars &&
      `if [[ -z "\${__CONFED_ZSH_SESS_VARS_SOURCED-}" ]]; then\n  export __CONFED_ZSH_SESS_VARS_SOURCED=1\n${indent(vars)}\nfi`,
  ]).trimEnd();
}

function historyBlock(cfg: any): string {
  const h = cfg.history;
  return [
    `HISTSIZE=${h.size}`,
    `SAVEHIST=${h.save}`,
    ...(h.ignorePatterns.length
      ? [`HISTORY_IGNORE=${shellQuote(`(${h.ignorePatterns.join("|")})`)}`]
      : []),
    `HISTFILE=${shDoubleQuote(h.path)}`,
    'mkdir -p "$(dirname "$HISTFILE")"',
  ].join("\n");
}

function setoptList(cfg: any): string[] {
  const h = cfg.history;
  const flags: [string, boolean][] = [
    ["APPEND_HISTORY", h.append],
    ["HIST_IGNORE_DUPS", h.ignoreDups],
    ["HIST_IGNORE_ALL_DUPS", h.ignoreAllDups],
    ["HIST_SAVE_NO_DUPS", h.saveNoDups],
    ["HIST_FIND_NO_DUPS", h.findNoDups],
    ["HIST_IGNORE_SPACE", h.ignoreSpace],
    ["HIST_EXPIRE_DUPS_FIRST", h.expireDuplicatesFirst],
    ["SHARE_HISTORY", h.share],
    ["EXTENDED_HISTORY", h.extended],
  ];
  if (cfg.autocd !== null) flags.push(["AUTO_CD", cfg.autocd]);
  return [
    "HIST_FCNTL_LOCK",
    ...flags.map(([n, on]) => (on ? n : `NO_${n}`)),
    ...(cfg.setOptions as string[]),
  ];
}

function aliasBlock(cfg: any): string {
  const line = (flag: string, as: Record<string, string>) =>
    Object.keys(as)
      .sort()
      .map((k) => `alias ${flag}-- ${shellQuote(k)}=${shellQuote(as[k]!)}`);
  return [...line("", cfg.shellAliases), ...line("-g ", cfg.shellGlobalAliases)].join("\n");
}

function highlightingBlock(cfg: any, family: string | undefined): string {
  const s = cfg.syntaxHighlighting;
  const sorted = (o: Record<string, string>) => Object.keys(o).sort();
  return [
    `source ${zshPluginScript(family, "zsh-syntax-highlighting")}`,
    `ZSH_HIGHLIGHT_HIGHLIGHTERS=(${["main", ...s.highlighters.filter((h: string) => h !== "main")].map(shellQuote).join(" ")})`,
    ...sorted(s.styles).map(
      (k) => `ZSH_HIGHLIGHT_STYLES[${shellQuote(k)}]=${shellQuote(s.styles[k])}`,
    ),
    ...sorted(s.patterns).map(
      (k) => `ZSH_HIGHLIGHT_PATTERNS+=(${shellQuote(k)} ${shellQuote(s.patterns[k])})`,
    ),
  ].join("\n");
}

const HEADER = "# Written by confed (programs.zsh).";

const indent = (text: string) => text.replace(/^(?=.)/gm, "  ");

/** The path of `abs` relative to the home (`""` for the home itself). */
function inHome(abs: string, home: string): string {
  const h = home.replace(/\/+$/, "");
  if (abs.replace(/\/+$/, "") === h) return "";
  if (!abs.startsWith(`${h}/`)) return abs; // home.file reports it as outside the home
  return abs.slice(h.length + 1).replace(/\/+$/, "");
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.zsh;
  const sessionFile = () => `${config.xdg.configHome}/confed/session-vars.sh`;
  return {
    key: "programs/zsh",
    _file: "<confed>/modules/programs/zsh.ts",
    _class: "home",
    imports: [
      mkRenamedOptionModule(["programs", "zsh", "initExtra"], ["programs", "zsh", "initContent"]),
    ],
    options: zshOptions(pkgs, config),
    config: {
      programs: {
        zsh: {
          get shellAliases() {
            return config.home.shellAliases;
          },
          get initContent() {
            return mkMerge([
              mkOrder(510, "typeset -U path cdpath fpath manpath"),
              mkIf(
                () => cfg.defaultKeymap !== null,
                mkOrder(530, KEYMAPS[cfg.defaultKeymap as keyof typeof KEYMAPS] ?? ""),
              ),
              mkIf(() => cfg.enableCompletion, mkOrder(570, cfg.completionInit)),
              mkIf(
                () => cfg.autosuggestion.enable,
                mkOrder(
                  700,
                  [
                    `source ${zshPluginScript(pkgs.family, "zsh-autosuggestions")}`,
                    ...(cfg.autosuggestion.strategy.length
                      ? [`ZSH_AUTOSUGGEST_STRATEGY=(${cfg.autosuggestion.strategy.join(" ")})`]
                      : []),
                    ...(cfg.autosuggestion.highlight !== null
                      ? [
                          `ZSH_AUTOSUGGEST_HIGHLIGHT_STYLE=${shDoubleQuote(cfg.autosuggestion.highlight)}`,
                        ]
                      : []),
                  ].join("\n"),
                ),
              ),
              mkOrder(910, historyBlock(cfg)),
              mkOrder(950, `setopt ${setoptList(cfg).join(" ")}`),
              mkIf(() => aliasBlock(cfg) !== "", mkOrder(1100, aliasBlock(cfg))),
              // After every widget is defined, as zsh-syntax-highlighting requires.
              mkIf(
                () => cfg.syntaxHighlighting.enable,
                mkOrder(1200, highlightingBlock(cfg, pkgs.family)),
              ),
              shellInitDefinitions(config.home.shell.init.zsh),
            ]);
          },
        },
      },
      home: {
        // The targets depend on dotDir, so the whole set is one lazy definition.
        get file() {
          if (!cfg.enable) return {};
          const dir = inHome(cfg.dotDir, config.home.homeDirectory);
          const at = (name: string) => (dir === "" ? name : `${dir}/${name}`);
          const files: Record<string, { text: string }> = {};
          if (dir !== "") {
            // ~/.zshenv only points zsh to the dotDir; the file there sets ZDOTDIR itself, so a
            // zsh started with ZDOTDIR already set still gets the variables.
            files[".zshenv"] = {
              text: `${HEADER}\nsource ${shellQuote(`${cfg.dotDir}/.zshenv`)}\n`,
            };
          }
          files[at(".zshenv")] = {
            text: joinBlocks([
              HEADER,
              dir === "" ? "" : `export ZDOTDIR=${shDoubleQuote(cfg.dotDir)}`,
              `if [[ ! -o login ]]; then\n${indent(sessionBlock(sessionFile(), cfg))}\nfi`,
              cfg.envExtra,
            ]),
          };
          files[at(".zprofile")] = {
            text: joinBlocks([HEADER, sessionBlock(sessionFile(), cfg), cfg.profileExtra]),
          };
          files[at(".zshrc")] = { text: joinBlocks([HEADER, cfg.initContent]) };
          if (cfg.loginExtra !== "")
            files[at(".zlogin")] = { text: joinBlocks([HEADER, cfg.loginExtra]) };
          if (cfg.logoutExtra !== "")
            files[at(".zlogout")] = { text: joinBlocks([HEADER, cfg.logoutExtra]) };
          return files;
        },
        get packages() {
          if (!cfg.enable) return [];
          return [
            ...(cfg.package === null ? [] : [cfg.package]),
            ...(cfg.autosuggestion.enable ? [pkgs.distro("zsh-autosuggestions")] : []),
            ...(cfg.syntaxHighlighting.enable ? [cfg.syntaxHighlighting.package] : []),
          ];
        },
      },
    },
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/zsh": ZshOptions;
  }
}
