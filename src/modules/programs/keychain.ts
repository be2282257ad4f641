/**
 * `programs.keychain`: starts or reuses one ssh-agent (and gpg-agent) per machine and loads
 * `keys` into it, from every interactive bash and zsh through `home.shell.init`, so that every
 * shell shares the agent.
 *
 * keychain 2.9 dropped `--agents` and `--inherit`; with a pinned version from 2.9 on, setting
 * `agents` or `inheritType` gives a warning (Debian 12 ships 2.8.5).
 *
 * @example
 * programs: { keychain: { enable: true, keys: ["id_ed25519"] } }
 */
import { mkIf, mkMerge, mkOption, mkPackageOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";
import { mkShellIntegrationOption, versionAtLeast } from "../home/shell-integration.ts";

const keychainOptions = (pkgs: Pkgs, config: any) => ({
  programs: {
    keychain: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to enable keychain, which shares ssh-agent between logins.",
      }),
      package: mkPackageOption(pkgs, "keychain", { nullable: true }),
      keys: mkOption({
        type: types.listOf(types.str),
        default: ["id_rsa"],
        example: ["id_ed25519"],
        description: "Keys to load (names in ~/.ssh, paths, or GPG key ids).",
      }),
      agents: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["ssh", "gpg"],
        description: "Agents to start (`--agents`; keychain before 2.9 only).",
      }),
      inheritType: mkOption({
        type: types.nullOr(types.enum(["local", "any", "local-once", "any-once"])),
        default: null,
        description: "Which agent found in the environment to take over (`--inherit`; before 2.9).",
      }),
      extraFlags: mkOption({
        type: types.listOf(types.str),
        default: ["--quiet"],
        description: "More flags for keychain.",
      }),
      enableBashIntegration: mkShellIntegrationOption(config, "bash", "keychain"),
      enableZshIntegration: mkShellIntegrationOption(config, "zsh", "keychain"),
    },
  },
});

/** The options of `programs.keychain`, for the type-level registry. */
export type KeychainOptions = ReturnType<typeof keychainOptions>;

/** The keychain command line (keys as written, so `~/.ssh/x` and `$VAR` expand). */
export function keychainCommand(cfg: any): string {
  const flags = [
    ...cfg.extraFlags,
    ...(cfg.agents.length ? [`--agents ${cfg.agents.join(",")}`] : []),
    ...(cfg.inheritType !== null ? [`--inherit ${cfg.inheritType}`] : []),
  ];
  return ["keychain", "--eval", ...flags, ...cfg.keys].join(" ");
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.keychain;
  const from29 = () => versionAtLeast(cfg.package?.version, "2.9") === true;
  return {
    key: "programs/keychain",
    _file: "<confed>/modules/programs/keychain.ts",
    _class: "home",
    options: keychainOptions(pkgs, config),
    config: mkIf(() => cfg.enable, {
      warnings: mkMerge([
        mkIf(
          () => from29() && cfg.agents.length > 0,
          ["programs.keychain.agents: keychain 2.9 and later have no --agents; leave it empty."],
        ),
        mkIf(
          () => from29() && cfg.inheritType !== null,
          [
            "programs.keychain.inheritType: keychain 2.9 and later have no --inherit; leave it null.",
          ],
        ),
      ]),
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
        shell: {
          init: {
            bash: {
              keychain: mkIf(() => cfg.enableBashIntegration, {
                get text() {
                  return `eval "$(SHELL=bash ${keychainCommand(cfg)})"`;
                },
              }),
            },
            zsh: {
              keychain: mkIf(() => cfg.enableZshIntegration, {
                get text() {
                  return `eval "$(SHELL=zsh ${keychainCommand(cfg)})"`;
                },
              }),
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/keychain": KeychainOptions;
  }
}
