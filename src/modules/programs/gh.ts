/**
 * `programs.gh`: the GitHub CLI, with home-manager's option names and files (reference:
 * home-manager release-25.05, commit 44831a7eaba4360fb81f2acc5ea6de5fde90aaa3):
 * `~/.config/gh/config.yml` (`version: "1"` and `settings`), `hosts.yml` when `hosts` is set,
 * and, with `gitCredentialHelper.enable` (the default), `gh auth git-credential` as git's
 * credential helper for each of `gitCredentialHelper.hosts` (through programs.git).
 *
 * gh rewrites hosts.yml when one logs in; a linked file is read-only, so leave `hosts` empty
 * to keep `gh auth login` working.
 *
 * @example
 * programs: { gh: { enable: true, settings: { git_protocol: "ssh", aliases: { co: "pr checkout" } } } }
 */
import { formats } from "../../formats/index.ts";
import {
  mkIf,
  mkOption,
  mkPackageOption,
  mkRenamedOptionModule,
  types,
} from "../../module-system/index.ts";
import { mainProgram, type Pkgs } from "../../packages/index.ts";

const yaml = formats.yaml();

const settingsModule = {
  freeformType: yaml.type,
  options: {
    aliases: mkOption({
      type: types.attrsOf(types.str),
      default: {},
      example: { co: "pr checkout", pv: "pr view" },
      description: "Nicknames for gh commands.",
    }),
    editor: mkOption({
      type: types.str,
      default: "",
      description: "The editor gh runs; empty means the environment's.",
    }),
    git_protocol: mkOption({
      type: types.str,
      default: "https",
      example: "ssh",
      description: "The protocol of git operations (https or ssh).",
    }),
  },
};

const ghOptions = (pkgs: Pkgs) => ({
  programs: {
    gh: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable the GitHub CLI.",
      }),
      package: mkPackageOption(pkgs, "gh", { nullable: true }),
      settings: mkOption({
        type: types.submodule(settingsModule),
        default: {},
        description: "gh's configuration (~/.config/gh/config.yml).",
      }),
      hosts: mkOption({
        type: yaml.type,
        default: {},
        example: { "github.com": { user: "octocat" } },
        description: "Per-host settings (~/.config/gh/hosts.yml); empty leaves the file to gh.",
      }),
      gitCredentialHelper: {
        enable: mkOption({
          type: types.bool,
          default: true,
          description: "Whether git asks gh for GitHub credentials.",
        }),
        hosts: mkOption({
          type: types.listOf(types.str),
          default: ["https://github.com", "https://gist.github.com"],
          description: "The hosts whose credentials gh provides to git.",
        }),
      },
      extensions: mkOption({
        type: types.listOf(types.package),
        default: [],
        description: "gh extensions, as packages (installed with the home's packages).",
      }),
    },
  },
});

/** The options of `programs.gh`, for the type-level registry. */
export type GhOptions = ReturnType<typeof ghOptions>;

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.gh;
  const renamed = (from: string[], to: string[]) =>
    mkRenamedOptionModule(["programs", "gh", ...from], ["programs", "gh", ...to]);
  return {
    key: "programs/gh",
    _file: "<confed>/modules/programs/gh.ts",
    _class: "home",
    imports: [
      renamed(["aliases"], ["settings", "aliases"]),
      renamed(["editor"], ["settings", "editor"]),
      renamed(["gitProtocol"], ["settings", "git_protocol"]),
      renamed(["enableGitCredentialHelper"], ["gitCredentialHelper", "enable"]),
    ],
    options: ghOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return [...(cfg.package === null ? [] : [cfg.package]), ...cfg.extensions];
        },
      },
      programs: {
        git: {
          iniContent: mkIf(() => cfg.gitCredentialHelper.enable, {
            get credential() {
              const gh = cfg.package === null ? "gh" : mainProgram(cfg.package, pkgs.family);
              return Object.fromEntries(
                (cfg.gitCredentialHelper.hosts as string[]).map((h) => [
                  h,
                  { helper: `!${gh} auth git-credential` },
                ]),
              );
            },
          }),
        },
      },
      xdg: {
        configFile: {
          "gh/config.yml": {
            get text() {
              return yaml.generate("config.yml", { version: "1", ...cfg.settings });
            },
          },
          "gh/hosts.yml": {
            get enable() {
              return Object.keys(cfg.hosts).length > 0;
            },
            get text() {
              return yaml.generate("hosts.yml", cfg.hosts);
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/gh": GhOptions;
  }
}
