/**
 * `programs.git`: `~/.config/git/config` (and `ignore`, `attributes` when given), with
 * home-manager's option names (release-25.05) and the same meaning: `userName`/`userEmail` are
 * `user.name`/`user.email`, `aliases` the `[alias]` section, `signing` sets the signing key,
 * `commit.gpgSign`/`tag.gpgSign` and `gpg.format`, `lfs` the `filter "lfs"` commands, `delta`
 * the pager. `extraConfig` takes nested sets (`url."git@github.com:".insteadOf` becomes
 * `[url "git@github.com:"]`) or text; `includes` go last, so included files override.
 * Everything merges through `programs.git.iniContent`, which other modules may extend.
 *
 * @example
 * programs: { git: { enable: true, userName: "Me", userEmail: "me@example.org", ignores: ["*.swp"] } }
 */
import { gitIniText, gitIniType, gitString } from "../../formats/index.ts";
import {
  mkDefault,
  mkEnableOption,
  mkIf,
  mkMerge,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import { mainProgram, type Pkgs } from "../../packages/index.ts";

const includeType = types.submodule({
  options: {
    path: mkOption({ type: types.str, description: "The configuration file to include." }),
    condition: mkOption({
      type: types.nullOr(types.str),
      default: null,
      example: "gitdir:~/src/work/",
      description:
        "Include the file only when this `includeIf` condition holds (see git-config(1)).",
    }),
  },
});

const gitOptions = (pkgs: Pkgs) => ({
  programs: {
    git: {
      enable: mkEnableOption("Git"),
      package: mkPackageOption(pkgs, "git", { nullable: true }),
      userName: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description: "Default user name (`user.name`).",
      }),
      userEmail: mkOption({
        type: types.nullOr(types.str),
        default: null,
        description: "Default user email (`user.email`).",
      }),
      aliases: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        example: { co: "checkout" },
        description: "Git aliases (the `[alias]` section).",
      }),
      extraConfig: mkOption({
        type: types.either(types.lines, gitIniType),
        default: {},
        example: {
          core: { whitespace: "trailing-space" },
          url: { "git@github.com:": { insteadOf: "gh:" } },
        },
        description:
          "More configuration: sections of keys (a nested set is a subsection), or text appended as it is.",
      }),
      iniContent: mkOption({
        type: gitIniType,
        internal: true,
        description: "The configuration as sections, from the options above and other modules.",
      }),
      ignores: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["*~", "*.swp"],
        description: "Patterns ignored in every repository (`~/.config/git/ignore`).",
      }),
      attributes: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["*.pdf diff=pdf"],
        description: "Attributes of every repository (`~/.config/git/attributes`).",
      }),
      includes: mkOption({
        type: types.listOf(includeType),
        default: [],
        example: [{ path: "~/.config/git/work", condition: "gitdir:~/work/" }],
        description: "Configuration files to include, after everything else.",
      }),
      signing: {
        key: mkOption({
          type: types.nullOr(types.str),
          default: null,
          description: "The signing key (`user.signingKey`); null lets the signer choose.",
        }),
        signByDefault: mkOption({
          type: types.nullOr(types.bool),
          default: null,
          description: "Whether commits and tags are signed by default.",
        }),
        format: mkOption({
          type: types.nullOr(types.enum(["openpgp", "ssh", "x509"])),
          default: null,
          description: "The signature format (`gpg.format`); null keeps git's default (openpgp).",
        }),
        signer: mkOption({
          type: types.nullOr(types.str),
          default: null,
          example: "gpg2",
          description: "The program that signs (`gpg.<format>.program`); null keeps git's default.",
        }),
      },
      lfs: {
        enable: mkEnableOption("Git Large File Storage"),
        skipSmudge: mkOption({
          type: types.bool,
          default: false,
          description: "Do not download LFS content on checkout (`git lfs pull` fetches it).",
        }),
      },
      delta: {
        enable: mkEnableOption("the delta pager for diffs"),
        package: mkPackageOption(pkgs, "delta", { nullable: true }),
        options: mkOption({
          type: types.attrsOf(
            types.either(
              types.oneOf([types.str, types.bool, types.int]),
              types.attrsOf(types.oneOf([types.str, types.bool, types.int])),
            ),
          ),
          default: {},
          example: { features: "decorations", decorations: { "file-style": "bold yellow ul" } },
          description: "delta's settings (the `[delta]` section; a set is a named feature).",
        }),
      },
    },
  },
});

export type GitOptions = ReturnType<typeof gitOptions>;

/** The `[include]`/`[includeIf "…"]` sections, one per include, in order. */
export function includesText(
  includes: readonly { path: string; condition: string | null }[],
): string {
  return includes
    .map((i) =>
      i.condition === null
        ? `[include]\n\tpath = ${gitString(i.path)}\n`
        : `[includeIf ${gitString(i.condition)}]\n\tpath = ${gitString(i.path)}\n`,
    )
    .join("\n");
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.git;
  const delta = () =>
    cfg.delta.package === null ? "delta" : mainProgram(cfg.delta.package, pkgs.family);
  // Sections, then extraConfig given as text, then the includes (last, so they override).
  const configText = () =>
    [
      gitIniText(cfg.iniContent),
      typeof cfg.extraConfig === "string" ? cfg.extraConfig : "",
      includesText(cfg.includes),
    ]
      .filter((t) => t !== "")
      .map((t) => (t.endsWith("\n") ? t : `${t}\n`))
      .join("\n");
  return {
    key: "programs/git",
    _file: "<confed>/modules/programs/git.ts",
    _class: "home",
    options: gitOptions(pkgs),
    config: mkIf(
      () => cfg.enable,
      mkMerge([
        {
          home: {
            get packages() {
              return [
                ...(cfg.package === null ? [] : [cfg.package]),
                ...(cfg.lfs.enable ? [pkgs["git-lfs"]] : []),
                ...(cfg.delta.enable && cfg.delta.package !== null ? [cfg.delta.package] : []),
              ];
            },
          },
          programs: {
            git: {
              iniContent: {
                get user() {
                  const u: Record<string, unknown> = {};
                  if (cfg.userName !== null) u.name = cfg.userName;
                  if (cfg.userEmail !== null) u.email = cfg.userEmail;
                  return u;
                },
                get alias() {
                  return cfg.aliases;
                },
              },
            },
          },
          xdg: {
            configFile: {
              "git/config": {
                get enable() {
                  return configText() !== "";
                },
                get text() {
                  return configText();
                },
              },
              "git/ignore": {
                get enable() {
                  return cfg.ignores.length > 0;
                },
                get text() {
                  return `${cfg.ignores.join("\n")}\n`;
                },
              },
              "git/attributes": {
                get enable() {
                  return cfg.attributes.length > 0;
                },
                get text() {
                  return `${cfg.attributes.join("\n")}\n`;
                },
              },
            },
          },
        },
        // extraConfig as sections joins iniContent; as text it is appended to the file.
        {
          programs: {
            git: {
              get iniContent() {
                return typeof cfg.extraConfig === "string" ? {} : cfg.extraConfig;
              },
            },
          },
        },
        // Signing: defaults, so extraConfig may still say otherwise (as in home-manager).
        {
          programs: {
            git: {
              iniContent: {
                get user() {
                  const s = cfg.signing;
                  return s.key === null ? {} : { signingKey: mkDefault(s.key) };
                },
                get commit() {
                  const s = cfg.signing;
                  return s.signByDefault === null ? {} : { gpgSign: mkDefault(s.signByDefault) };
                },
                get tag() {
                  const s = cfg.signing;
                  return s.signByDefault === null ? {} : { gpgSign: mkDefault(s.signByDefault) };
                },
                get gpg() {
                  const s = cfg.signing;
                  if (s.format === null) return {};
                  return {
                    format: mkDefault(s.format),
                    ...(s.signer === null ? {} : { [s.format]: { program: mkDefault(s.signer) } }),
                  };
                },
              },
            },
          },
        },
        mkIf(() => cfg.lfs.enable, {
          programs: {
            git: {
              iniContent: {
                filter: {
                  get lfs() {
                    const skip = cfg.lfs.skipSmudge ? " --skip" : "";
                    return {
                      clean: "git-lfs clean -- %f",
                      process: `git-lfs filter-process${skip}`,
                      required: true,
                      smudge: `git-lfs smudge${skip} -- %f`,
                    };
                  },
                },
              },
            },
          },
        }),
        mkIf(() => cfg.delta.enable, {
          programs: {
            git: {
              iniContent: {
                core: {
                  get pager() {
                    return delta();
                  },
                },
                interactive: {
                  get diffFilter() {
                    return `${delta()} --color-only`;
                  },
                },
                get delta() {
                  return cfg.delta.options;
                },
              },
            },
          },
        }),
      ]),
    ),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/git": GitOptions;
  }
}
