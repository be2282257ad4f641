/**
 * `programs.bash`: the files of GNU bash, with home-manager's option names and meaning.
 *
 * - `~/.bash_profile` is what a login bash reads (and it reads only that one), so it reads
 *   `~/.profile` and then `~/.bashrc`.
 * - `~/.profile` sources the home's session file (`home.sessionVariables`, once per session),
 *   then exports `programs.bash.sessionVariables` and runs `profileExtra`. Other login shells
 *   (`sh`, a display manager) read it too.
 * - `~/.bashrc` runs `bashrcExtra` for every bash, then, in interactive shells only: history
 *   settings, `shopt`s, aliases (`home.shellAliases` merged in), and `initExtra` — which also
 *   receives completion (order 100) and every program's `home.shell.init.bash` entry by order.
 * - `~/.bash_logout` only when `logoutExtra` is set.
 *
 * @example
 * programs: { bash: { enable: true, historyControl: ["ignoreboth"], shellAliases: { ll: "ls -l" } } }
 */
import {
  mkIf,
  mkMerge,
  mkOption,
  mkOrder,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { shDoubleQuote } from "../home/session.ts";
import { joinBlocks, shellInitDefinitions, shellQuote } from "../home/shell-integration.ts";

/** Where bash-completion's loader lives (the same path on Debian, Fedora and Arch). */
export const BASH_COMPLETION_SCRIPT = "/usr/share/bash-completion/bash_completion";

const sessionVariableType = types.lazyAttrsOf(
  types.nullOr(types.oneOf([types.str, types.int, types.float, types.bool])),
);

const COMPLETION = `if [[ ! -v BASH_COMPLETION_VERSINFO && -f ${BASH_COMPLETION_SCRIPT} ]]; then
  . ${BASH_COMPLETION_SCRIPT}
fi`;

/** `export NAME="value"` lines for variables that are not null, sorted by name. */
export function exportLines(vars: Record<string, unknown>): string {
  return Object.keys(vars)
    .sort()
    .filter((k) => vars[k] !== null && vars[k] !== undefined)
    .map((k) => `export ${k}=${shDoubleQuote(String(vars[k]))}`)
    .join("\n");
}

const bashOptions = (pkgs: Pkgs) => ({
  programs: {
    bash: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable GNU Bourne-Again SHell (its ~/.bashrc, ~/.profile, ...).",
      }),
      package: mkPackageOption(pkgs, "bash", { nullable: true }),
      enableCompletion: mkOption({
        type: types.bool,
        default: true,
        description:
          "Whether interactive shells load bash-completion (the `bash-completion` package is added).",
      }),
      historySize: mkOption({
        type: types.nullOr(types.int),
        default: 10000,
        description: "Number of history lines kept in memory (HISTSIZE).",
      }),
      historyFile: mkOption({
        type: types.nullOr(types.str),
        default: null,
        example: "$HOME/.local/state/bash/history",
        description: "The history file (HISTFILE); its directory is created when missing.",
      }),
      historyFileSize: mkOption({
        type: types.nullOr(types.int),
        default: 100000,
        description: "Number of history lines kept on file (HISTFILESIZE).",
      }),
      historyControl: mkOption({
        type: types.listOf(types.enum(["erasedups", "ignoredups", "ignorespace", "ignoreboth"])),
        default: [],
        description: "How commands are saved on the history list (HISTCONTROL).",
      }),
      historyIgnore: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["ls", "cd", "exit"],
        description: "Commands not saved on the history list (HISTIGNORE).",
      }),
      shellOptions: mkOption({
        type: types.listOf(types.str),
        default: ["histappend", "extglob", "globstar", "checkjobs"],
        example: ["extglob", "-cdspell"],
        description: "`shopt` options to set; a leading `-` unsets one.",
      }),
      sessionVariables: mkOption({
        type: sessionVariableType,
        default: {},
        example: { MAILCHECK: 30 },
        description:
          "Environment variables exported by ~/.profile (login shells); null leaves one unset.",
      }),
      shellAliases: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        example: { ll: "ls -l", "..": "cd .." },
        description: "Aliases of interactive bash shells (`home.shellAliases` are added).",
      }),
      profileExtra: mkOption({
        type: types.lines,
        default: "",
        description: "Commands run by login shells (end of ~/.profile).",
      }),
      initExtra: mkOption({
        type: types.lines,
        default: "",
        description:
          "Commands run by interactive shells (end of ~/.bashrc), among the programs' integrations by order.",
      }),
      bashrcExtra: mkOption({
        type: types.lines,
        default: "",
        description:
          "Commands at the top of ~/.bashrc, run by every bash including non-interactive ones.",
      }),
      logoutExtra: mkOption({
        type: types.lines,
        default: "",
        description: "Commands run when a login shell exits (~/.bash_logout).",
      }),
    },
  },
});

/** The options of `programs.bash`, for the type-level registry. */
export type BashOptions = ReturnType<typeof bashOptions>;

/** What `~/.bash_profile` says: read ~/.profile, then ~/.bashrc. */
export const BASH_PROFILE = `# Written by confed (programs.bash). A login bash reads only this file: read the others.
[[ -f ~/.profile ]] && . ~/.profile
[[ -f ~/.bashrc ]] && . ~/.bashrc
`;

/** The text of ~/.profile. */
export function profileText(sessionFile: string, cfg: any): string {
  return joinBlocks([
    `# Written by confed (programs.bash).\n. ${shDoubleQuote(sessionFile)}`,
    exportLines(cfg.sessionVariables),
    cfg.profileExtra,
  ]);
}

function historyLines(cfg: any): string {
  const out: string[] = [];
  if (cfg.historyFileSize !== null) out.push(`HISTFILESIZE=${cfg.historyFileSize}`);
  if (cfg.historySize !== null) out.push(`HISTSIZE=${cfg.historySize}`);
  if (cfg.historyFile !== null) out.push(`HISTFILE=${shDoubleQuote(cfg.historyFile)}`);
  if (cfg.historyControl.length) out.push(`HISTCONTROL=${cfg.historyControl.join(":")}`);
  if (cfg.historyIgnore.length) out.push(`HISTIGNORE=${shellQuote(cfg.historyIgnore.join(":"))}`);
  if (cfg.historyFile !== null) out.push('mkdir -p "$(dirname "$HISTFILE")"');
  return out.join("\n");
}

/** The text of ~/.bashrc. */
export function bashrcText(cfg: any): string {
  const aliases = cfg.shellAliases as Record<string, string>;
  return joinBlocks([
    "# Written by confed (programs.bash).",
    cfg.bashrcExtra,
    "# The rest is for interactive shells only.\n[[ $- == *i* ]] || return",
    historyLines(cfg),
    (cfg.shellOptions as string[])
      .map((o) => (o.startsWith("-") ? `shopt -u ${o.slice(1)}` : `shopt -s ${o}`))
      .join("\n"),
    Object.keys(aliases)
      .sort()
      .map((k) => `alias -- ${k}=${shellQuote(aliases[k]!)}`)
      .join("\n"),
    cfg.initExtra,
  ]);
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.bash;
  return {
    key: "programs/bash",
    _file: "<confed>/modules/programs/bash.ts",
    _class: "home",
    options: bashOptions(pkgs),
    config: {
      programs: {
        bash: {
          get shellAliases() {
            return config.home.shellAliases;
          },
          // Completion comes first (order 100), so that later init code can register completions.
          get initExtra() {
            return mkMerge([
              mkIf(() => cfg.enableCompletion, mkOrder(100, COMPLETION)),
              shellInitDefinitions(config.home.shell.init.bash),
            ]);
          },
        },
      },
      home: {
        file: mkIf(() => cfg.enable, {
          ".bash_profile": { text: BASH_PROFILE },
          ".profile": {
            get text() {
              return profileText(`${config.xdg.configHome}/confed/session-vars.sh`, cfg);
            },
          },
          ".bashrc": {
            get text() {
              return bashrcText(cfg);
            },
          },
          ".bash_logout": {
            get enable() {
              return cfg.logoutExtra !== "";
            },
            get text() {
              return `# Written by confed (programs.bash).\n${cfg.logoutExtra}`;
            },
          },
        }),
        get packages() {
          if (!cfg.enable) return [];
          return [
            ...(cfg.package === null ? [] : [cfg.package]),
            ...(cfg.enableCompletion ? [pkgs["bash-completion"]] : []),
          ];
        },
      },
    },
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/bash": BashOptions;
  }
}
