/**
 * `programs.ssh`: `~/.ssh/config` with home-manager's option names (release-25.05) and layout:
 * `extraOptionOverrides` first (they win, as ssh takes the first value it reads), then
 * `Include`, then each match block, then a `Host *` block holding the global options and
 * `extraConfig`. Match blocks come in name order unless `after`/`before` (names of other
 * blocks) say otherwise — the role of home-manager's `lib.hm.dag` entries; since ssh uses the
 * first value it finds, put specific hosts before general patterns.
 *
 * @example
 * programs: { ssh: { enable: true, matchBlocks: { gh: { host: "github.com", user: "git", identityFile: "~/.ssh/gh" } } } }
 */
import { ModuleError } from "../../errors/index.ts";
import { DagCycleError, dagSort } from "../../lib/index.ts";
import {
  mkEnableOption,
  mkIf,
  mkOption,
  mkPackageOption,
  types,
} from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";

const nullOrBool = (description: string) =>
  mkOption({ type: types.nullOr(types.bool), default: null, description });
const flag = (description: string) => mkOption({ type: types.bool, default: false, description });
const files = types.coercedTo(
  types.nullOr(types.str),
  (v: string | null) => (v === null ? [] : [v]),
  types.listOf(types.str),
);

const matchBlockType = types.submodule({
  options: {
    host: mkOption({
      type: types.nullOr(types.str),
      default: null,
      example: "*.example.org",
      description: "The `Host` patterns of the block; the block's name when null.",
    }),
    match: mkOption({
      type: types.nullOr(types.str),
      default: null,
      example: 'host canonical\n  exec "ping -c1 -q 192.168.1.1"',
      description:
        "`Match` conditions; when set, the block is a `Match` block and `host` is ignored.",
    }),
    port: mkOption({ type: types.nullOr(types.port), default: null, description: "Port." }),
    user: mkOption({ type: types.nullOr(types.str), default: null, description: "User name." }),
    hostname: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "Real host name.",
    }),
    identityFile: mkOption({
      type: files,
      default: [],
      description: "Identity files, tried in order.",
    }),
    identitiesOnly: flag("Use only the identities given here (not every key of the agent)."),
    forwardAgent: nullOrBool("Forward the authentication agent."),
    forwardX11: flag("Forward X11."),
    forwardX11Trusted: flag("Forward X11 as a trusted client."),
    proxyJump: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "Jump hosts.",
    }),
    proxyCommand: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "Proxy command.",
    }),
    serverAliveInterval: mkOption({
      type: types.int,
      default: 0,
      description: "Seconds between keep-alives (0: none).",
    }),
    serverAliveCountMax: mkOption({
      type: types.ints.positive,
      default: 3,
      description: "Unanswered keep-alives before disconnecting.",
    }),
    compression: nullOrBool("Compress the connection."),
    checkHostIP: mkOption({
      type: types.bool,
      default: true,
      description: "Check the host IP in known_hosts too.",
    }),
    sendEnv: mkOption({
      type: types.listOf(types.str),
      default: [],
      description: "Variables sent to the server.",
    }),
    setEnv: mkOption({
      type: types.attrsOf(types.oneOf([types.str, types.int])),
      default: {},
      description: "Variables set on the server.",
    }),
    extraOptions: mkOption({
      type: types.attrsOf(types.str),
      default: {},
      example: { RequestTTY: "yes" },
      description: "Other keywords of the block.",
    }),
    after: mkOption({
      type: types.listOf(types.str),
      default: [],
      description: "Blocks (by name) this one comes after.",
    }),
    before: mkOption({
      type: types.listOf(types.str),
      default: [],
      description: "Blocks (by name) this one comes before.",
    }),
  },
});

const sshOptions = (pkgs: Pkgs) => ({
  programs: {
    ssh: {
      enable: mkEnableOption("the SSH client configuration"),
      package: mkPackageOption(pkgs, "openssh", {
        nullable: true,
        default: null,
        extraDescription: "By default the system's client is used.",
      }),
      forwardAgent: mkOption({
        type: types.bool,
        default: false,
        description: "Forward the agent to every host.",
      }),
      addKeysToAgent: mkOption({
        type: types.str,
        default: "no",
        description: "`AddKeysToAgent` (yes, no, ask, confirm or a time).",
      }),
      compression: mkOption({
        type: types.bool,
        default: false,
        description: "Compress every connection.",
      }),
      serverAliveInterval: mkOption({
        type: types.int,
        default: 0,
        description: "Seconds between keep-alives (0: none).",
      }),
      serverAliveCountMax: mkOption({
        type: types.ints.positive,
        default: 3,
        description: "Unanswered keep-alives before disconnecting.",
      }),
      hashKnownHosts: mkOption({
        type: types.bool,
        default: false,
        description: "Hash host names in known_hosts.",
      }),
      userKnownHostsFile: mkOption({
        type: types.str,
        default: "~/.ssh/known_hosts",
        description: "The user's known hosts file(s).",
      }),
      controlMaster: mkOption({
        type: types.enum(["yes", "no", "ask", "auto", "autoask"]),
        default: "no",
        description: "Share one connection per host.",
      }),
      controlPath: mkOption({
        type: types.str,
        default: "~/.ssh/master-%r@%n:%p",
        description: "The shared connection's socket.",
      }),
      controlPersist: mkOption({
        type: types.str,
        default: "no",
        example: "10m",
        description: "How long a shared connection outlives its last client.",
      }),
      extraConfig: mkOption({
        type: types.lines,
        default: "",
        description: "More lines of the `Host *` block.",
      }),
      extraOptionOverrides: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        description:
          "Keywords at the top of the file, before any block: they override every block.",
      }),
      includes: mkOption({
        type: types.listOf(types.str),
        default: [],
        example: ["~/.ssh/config.d/*"],
        description: "Files read before the blocks (`Include`).",
      }),
      matchBlocks: mkOption({
        type: types.attrsOf(matchBlockType),
        default: {},
        description:
          "`Host` and `Match` blocks by name, in name order unless `after`/`before` say otherwise.",
      }),
    },
  },
});

export type SshOptions = ReturnType<typeof sshOptions>;

const yesNo = (b: boolean) => (b ? "yes" : "no");

/** The lines of one block, keywords in home-manager's order. */
export function matchBlockText(name: string, b: any): string {
  const l: string[] = [b.match !== null ? `Match ${b.match}` : `Host ${b.host ?? name}`];
  const opt = (cond: boolean, line: () => string) => {
    if (cond) l.push(`  ${line()}`);
  };
  opt(b.port !== null, () => `Port ${b.port}`);
  opt(b.forwardAgent !== null, () => `ForwardAgent ${yesNo(b.forwardAgent)}`);
  opt(b.forwardX11, () => "ForwardX11 yes");
  opt(b.forwardX11Trusted, () => "ForwardX11Trusted yes");
  opt(b.identitiesOnly, () => "IdentitiesOnly yes");
  opt(b.user !== null, () => `User ${b.user}`);
  opt(b.hostname !== null, () => `HostName ${b.hostname}`);
  opt(b.sendEnv.length > 0, () => `SendEnv ${b.sendEnv.join(" ")}`);
  opt(Object.keys(b.setEnv).length > 0, () => {
    const env = Object.keys(b.setEnv)
      .sort()
      .map((k) => `${k}="${String(b.setEnv[k]).replace(/["\\]/g, (c) => `\\${c}`)}"`);
    return `SetEnv ${env.join(" ")}`;
  });
  opt(b.serverAliveInterval !== 0, () => `ServerAliveInterval ${b.serverAliveInterval}`);
  opt(b.serverAliveCountMax !== 3, () => `ServerAliveCountMax ${b.serverAliveCountMax}`);
  opt(b.compression !== null, () => `Compression ${yesNo(b.compression)}`);
  opt(!b.checkHostIP, () => "CheckHostIP no");
  opt(b.proxyCommand !== null, () => `ProxyCommand ${b.proxyCommand}`);
  opt(b.proxyJump !== null, () => `ProxyJump ${b.proxyJump}`);
  for (const f of b.identityFile) l.push(`  IdentityFile ${f}`);
  for (const k of Object.keys(b.extraOptions).sort()) l.push(`  ${k} ${b.extraOptions[k]}`);
  return l.join("\n");
}

/** The text of ~/.ssh/config. */
export function sshConfigText(cfg: any): string {
  let order: string[];
  try {
    order = dagSort(cfg.matchBlocks);
  } catch (e) {
    if (!(e instanceof DagCycleError)) throw e;
    throw new ModuleError(
      "E_VALUE",
      `programs.ssh.matchBlocks: the blocks' after/before form a cycle: ${e.cycle.join(" -> ")}.`,
      { optionPath: "programs.ssh.matchBlocks" },
    );
  }
  const parts = [
    ...Object.keys(cfg.extraOptionOverrides)
      .sort()
      .map((k) => `${k} ${cfg.extraOptionOverrides[k]}`),
    ...(cfg.includes.length ? [`Include ${cfg.includes.join(" ")}\n`] : []),
    ...order.map((n) => matchBlockText(n, cfg.matchBlocks[n])),
  ];
  const global = [
    "Host *",
    `  ForwardAgent ${yesNo(cfg.forwardAgent)}`,
    `  AddKeysToAgent ${cfg.addKeysToAgent}`,
    `  Compression ${yesNo(cfg.compression)}`,
    `  ServerAliveInterval ${cfg.serverAliveInterval}`,
    `  ServerAliveCountMax ${cfg.serverAliveCountMax}`,
    `  HashKnownHosts ${yesNo(cfg.hashKnownHosts)}`,
    `  UserKnownHostsFile ${cfg.userKnownHostsFile}`,
    `  ControlMaster ${cfg.controlMaster}`,
    `  ControlPath ${cfg.controlPath}`,
    `  ControlPersist ${cfg.controlPersist}`,
    ...(cfg.extraConfig === ""
      ? []
      : cfg.extraConfig
          .replace(/\n$/, "")
          .split("\n")
          .map((x: string) => (x === "" ? "" : `  ${x}`))),
  ];
  return `${[...parts, ...(parts.length ? [""] : []), ...global].join("\n")}\n`;
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.ssh;
  return {
    key: "programs/ssh",
    _file: "<confed>/modules/programs/ssh.ts",
    _class: "home",
    options: sshOptions(pkgs),
    config: mkIf(() => cfg.enable, {
      home: {
        get packages() {
          return cfg.package === null ? [] : [cfg.package];
        },
        file: {
          ".ssh/config": {
            get text() {
              return sshConfigText(cfg);
            },
          },
        },
      },
      get warnings() {
        return Object.keys(cfg.matchBlocks)
          .filter((n) => cfg.matchBlocks[n].host !== null && cfg.matchBlocks[n].match !== null)
          .map(
            (n) =>
              `programs.ssh.matchBlocks.${n} sets both host and match; it is written as a Match block.`,
          );
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/ssh": SshOptions;
  }
}
