/**
 * Shell integration: the one way a program adds init code to the shells of a home.
 *
 * A program never writes `.bashrc` or `.zshrc` itself. It adds a named entry for each shell it
 * supports, guarded by its own `enable<Shell>Integration` flag:
 *
 * ```ts
 * home.shell.init.bash.direnv = mkIf(() => cfg.enable && cfg.enableBashIntegration, {
 *   order: 1500,
 *   text: 'eval "$(direnv hook bash)"',
 * });
 * ```
 *
 * The shell's module (`programs.bash`, `programs.zsh`, `programs.fish`) turns every entry into a
 * definition of its interactive init option (`initExtra`, `initContent`,
 * `interactiveShellInit`) at the entry's order, so integrations and the user's own init code
 * interleave by order as `mkOrder` does: 500 is early (`mkBefore`), 1000 the default, 1500 late
 * (`mkAfter`, for code that wraps the prompt). Entries are keyed by name, so a user can replace
 * or drop one (`home.shell.init.bash.fzf = mkForce(...)`), and `confed why` shows where each
 * comes from.
 *
 * The per-program flags default to `home.shell.enable<Shell>Integration`, which defaults to
 * `home.shell.enableShellIntegration` (true), as in home-manager: one switch turns off all
 * integrations, or those of one shell.
 */
import { mkMerge, mkOption, mkOrder, types } from "../../module-system/index.ts";

/** The shells whose init code this mechanism carries. */
export const SHELLS = ["bash", "zsh", "fish"] as const;
/** One of {@link SHELLS}. */
export type Shell = (typeof SHELLS)[number];

const TITLE: Record<Shell, "Bash" | "Zsh" | "Fish"> = { bash: "Bash", zsh: "Zsh", fish: "Fish" };

/** One piece of init code as `home.shell.init.<shell>` holds it. */
export interface ShellInitEntry {
  text: string;
  order: number;
}

const entryType = types.attrsOf(
  types.submodule({
    options: {
      text: mkOption({
        type: types.lines,
        description: "The shell code, run by every interactive shell.",
      }),
      order: mkOption({
        type: types.int,
        default: 1000,
        description:
          "Where the code goes among the shell's init code, as `mkOrder` sorts it: 500 early, 1000 default, 1500 late.",
      }),
    },
  }),
);

/**
 * A program's `enable<Shell>Integration` option, defaulting to the home's setting for that shell.
 *
 * @example
 * enableBashIntegration: mkShellIntegrationOption(config, "bash", "fzf's key bindings"),
 */
export function mkShellIntegrationOption(config: any, shell: Shell, what: string) {
  const flag = `enable${TITLE[shell]}Integration`;
  return mkOption({
    type: types.bool,
    get default(): boolean {
      return config.home.shell[flag];
    },
    defaultText: `home.shell.${flag}`,
    example: false,
    description: `Whether to add ${what} to ${TITLE[shell]}'s interactive init code.`,
  });
}

/**
 * The entries of `home.shell.init.<shell>` as definitions of a shell's own init option, each at
 * its order. Call it in a getter, since it reads config.
 *
 * @example
 * programs: { bash: { get initExtra() { return shellInitDefinitions(config.home.shell.init.bash); } } }
 */
export function shellInitDefinitions(entries: Record<string, ShellInitEntry>): unknown {
  return mkMerge(
    Object.keys(entries)
      .sort()
      .map((name) => {
        const e = entries[name]!;
        return mkOrder(e.order, e.text.replace(/\n+$/, ""));
      }),
  );
}

/** A word for POSIX shells (from src/lib, where every layer can reach it). */
export { shellQuote } from "../../lib/index.ts";

/**
 * Non-empty blocks of a generated file joined by one blank line, ending in a newline.
 *
 * @example
 * joinBlocks(["a", "", "b\n"]) // "a\n\nb\n"
 */
export function joinBlocks(blocks: readonly string[]): string {
  const kept = blocks.map((b) => b.replace(/^\n+|\n+$/g, "")).filter((b) => b !== "");
  return kept.length ? `${kept.join("\n\n")}\n` : "";
}

/** The upstream `major.minor.patch` of a distro version (`1:0.38.0-1+b1` gives [0, 38, 0]). */
export function upstreamVersion(version: string): number[] {
  const noEpoch = version.replace(/^\d+:/, "");
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(noEpoch);
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : [];
}

/**
 * Whether a distro version is at least `min`; undefined when the version is unknown or not a
 * version number, so the caller decides what an unknown version means.
 *
 * @example
 * versionAtLeast("0.38.0-1", "0.48") // false
 */
export function versionAtLeast(
  version: string | null | undefined,
  min: string,
): boolean | undefined {
  if (version === null || version === undefined) return undefined;
  const v = upstreamVersion(version);
  if (v.length === 0) return undefined;
  const m = upstreamVersion(min);
  for (let i = 0; i < 3; i++) if (v[i] !== m[i]) return v[i]! > m[i]!;
  return true;
}

const shellOptions = (config: any) => ({
  home: {
    shell: {
      enableShellIntegration: mkOption({
        type: types.bool,
        default: true,
        example: false,
        description:
          "Whether programs add their integrations (key bindings, hooks, completions) to every shell; each shell and each program can still say otherwise.",
      }),
      enableBashIntegration: mkOption({
        type: types.bool,
        get default(): boolean {
          return config.home.shell.enableShellIntegration;
        },
        defaultText: "home.shell.enableShellIntegration",
        description: "The default of every program's `enableBashIntegration`.",
      }),
      enableZshIntegration: mkOption({
        type: types.bool,
        get default(): boolean {
          return config.home.shell.enableShellIntegration;
        },
        defaultText: "home.shell.enableShellIntegration",
        description: "The default of every program's `enableZshIntegration`.",
      }),
      enableFishIntegration: mkOption({
        type: types.bool,
        get default(): boolean {
          return config.home.shell.enableShellIntegration;
        },
        defaultText: "home.shell.enableShellIntegration",
        description: "The default of every program's `enableFishIntegration`.",
      }),
      init: {
        bash: mkOption({
          type: entryType,
          default: {},
          example: { direnv: { order: 1500, text: 'eval "$(direnv hook bash)"' } },
          description:
            "Init code programs add to interactive bash shells, by name; `programs.bash` places it in `~/.bashrc` by order.",
        }),
        zsh: mkOption({
          type: entryType,
          default: {},
          example: { direnv: { text: 'eval "$(direnv hook zsh)"' } },
          description:
            "Init code programs add to interactive zsh shells, by name; `programs.zsh` places it in `.zshrc` by order.",
        }),
        fish: mkOption({
          type: entryType,
          default: {},
          example: { direnv: { text: "direnv hook fish | source" } },
          description:
            "Init code programs add to interactive fish shells, by name; `programs.fish` places it by order.",
        }),
      },
    },
  },
});

/** The options of this module, for the type-level registry. */
export type ShellIntegrationOptions = ReturnType<typeof shellOptions>;

export default ({ config }: { config: any }) => ({
  key: "home/shell-integration",
  _file: "<confed>/modules/home/shell-integration.ts",
  _class: "home",
  options: shellOptions(config),
});

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "home/shell-integration": ShellIntegrationOptions;
  }
}
