/**
 * `programs.direnv`: `~/.config/direnv/direnv.toml` from `config`, `direnvrc` from `stdlib`,
 * and the hook in bash, zsh and fish through `home.shell.init` (late, after other prompt changes).
 *
 * `use confed` (with `confed.enable`): `~/.config/direnv/lib/confed.sh` defines the function
 * `use_confed` that an `.envrc` calls. Dev shells do not exist in confed yet, so for now it says
 * so and fails, which makes direnv report the `.envrc` as failing instead of silently loading
 * nothing; the file is the place the dev-shell hook will fill in.
 *
 * nix-direnv has no distro package (it needs Nix), so there is no `nix-direnv` option.
 *
 * @example
 * programs: { direnv: { enable: true, config: { global: { hide_env_diff: true } } } }
 */
import { mkIf, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { mkShellIntegrationOption, versionAtLeast } from "../home/shell-integration.ts";

const tomlKey = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));

function tomlValue(v: unknown, where: string): string {
  if (typeof v === "string") return JSON.stringify(v); // JSON escapes are valid TOML escapes
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  if (Array.isArray(v)) return `[${v.map((x) => tomlValue(x, where)).join(", ")}]`;
  throw new Error(
    `programs.direnv.config.${where}: ${JSON.stringify(v)} cannot be written as a TOML value here.`,
  );
}

/**
 * direnv.toml: top-level values, then one table per attribute set (direnv's file has only
 * `[global]` and `[whitelist]` tables of scalars and lists). Keys are sorted.
 */
export function direnvTomlText(config: Record<string, unknown>): string {
  const isTable = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v);
  const keys = Object.keys(config).sort();
  const lines: string[] = [];
  for (const k of keys)
    if (!isTable(config[k])) lines.push(`${tomlKey(k)} = ${tomlValue(config[k], k)}`);
  for (const k of keys) {
    if (!isTable(config[k])) continue;
    const t = config[k] as Record<string, unknown>;
    if (lines.length) lines.push("");
    lines.push(`[${tomlKey(k)}]`);
    for (const kk of Object.keys(t).sort())
      lines.push(`${tomlKey(kk)} = ${tomlValue(t[kk], `${k}.${kk}`)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The text of lib/confed.sh: the `use confed` placeholder. */
export const USE_CONFED = `# Written by confed (programs.direnv.confed): \`use confed' in an .envrc.
use_confed() {
  log_error "use confed: confed has no dev shells yet; nothing was loaded"
  return 1
}
`;

const direnvOptions = (pkgs: Pkgs, config: any) => ({
  programs: {
    direnv: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable direnv, the environment switcher.",
      }),
      package: mkPackageOption(pkgs, "direnv", { nullable: true }),
      config: mkOption({
        type: types.attrsOf(types.anything),
        default: {},
        example: { global: { hide_env_diff: true, warn_timeout: "1m" } },
        description: "direnv.toml's settings (see direnv.toml(1)); nothing is written when empty.",
      }),
      stdlib: mkOption({
        type: types.lines,
        default: "",
        description: "Shell code of ~/.config/direnv/direnvrc, loaded before every .envrc.",
      }),
      silent: mkOption({
        type: types.bool,
        default: false,
        description:
          "Whether direnv logs nothing: from 2.36 in direnv.toml, for older or unknown versions with DIRENV_LOG_FORMAT.",
      }),
      confed: {
        enable: mkOption({
          type: types.bool,
          default: false,
          description:
            "Whether to define `use confed` for .envrc files (a placeholder until confed has dev shells).",
        }),
      },
      enableBashIntegration: mkShellIntegrationOption(config, "bash", "direnv's hook"),
      enableZshIntegration: mkShellIntegrationOption(config, "zsh", "direnv's hook"),
      enableFishIntegration: mkShellIntegrationOption(config, "fish", "direnv's hook"),
    },
  },
});

/** The options of `programs.direnv`, for the type-level registry. */
export type DirenvOptions = ReturnType<typeof direnvOptions>;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.direnv;
  // log_format/log_filter exist from 2.36; older or unknown versions get the variable instead.
  const newLog = () => versionAtLeast(cfg.package?.version, "2.36") === true;
  return {
    key: "programs/direnv",
    _file: "<confed>/modules/programs/direnv.ts",
    _class: "home",
    options: direnvOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      programs: {
        direnv: {
          config: mkIf(() => cfg.silent && newLog(), {
            global: { log_format: "-", log_filter: "^$" },
          }),
        },
      },
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
        sessionVariables: mkIf(() => cfg.silent && !newLog(), { DIRENV_LOG_FORMAT: "" }),
        shell: {
          init: {
            bash: {
              direnv: mkIf(() => cfg.enableBashIntegration, {
                order: 1500,
                text: 'eval "$(direnv hook bash)"',
              }),
            },
            zsh: {
              direnv: mkIf(() => cfg.enableZshIntegration, {
                text: 'eval "$(direnv hook zsh)"',
              }),
            },
            // Late, after other changes to the prompt (as home-manager orders it).
            fish: {
              direnv: mkIf(() => cfg.enableFishIntegration, {
                order: 1500,
                text: "direnv hook fish | source",
              }),
            },
          },
        },
      },
      xdg: {
        configFile: {
          "direnv/direnv.toml": {
            get enable() {
              return Object.keys(cfg.config).length > 0;
            },
            get text() {
              return direnvTomlText(cfg.config);
            },
          },
          "direnv/direnvrc": {
            get enable() {
              return cfg.stdlib !== "";
            },
            get text() {
              return cfg.stdlib;
            },
          },
          "direnv/lib/confed.sh": {
            get enable() {
              return cfg.confed.enable;
            },
            text: USE_CONFED,
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/direnv": DirenvOptions;
  }
}
