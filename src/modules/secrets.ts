/**
 * `secrets.<name>`, `secrets.templates.<name>`, `secrets.identityPaths` (machines and homes),
 * `secrets.dir` (homes): age-encrypted files of the repository, decrypted at activation into a
 * RAM-backed directory. Evaluation sees only paths: `config.secrets.<name>.path` is fixed here
 * (so other options can name it, e.g. `programs.ssh.includes`), the plaintext exists only on the
 * machine, only after activation. `secrets.placeholder.<name>` is a marker for a template's
 * text that activation replaces with the secret's value.
 *
 * @example
 * ({ config, self }) => ({
 *   home: { uid: 1000 },
 *   secrets: { ssh: { file: `${self.outPath}/secrets/ssh.age` } },
 *   programs: { ssh: { enable: true, includes: [config.secrets.ssh.path] } },
 * })
 */

import { ModuleError } from "../errors/index.ts";
import { singleQuote } from "../lib/index.ts";
import { mkAfter, mkIf, mkOption, type Option, types } from "../module-system/index.ts";

/** The marker `secrets.placeholder.<name>` stands for (replaced at activation). */
export const placeholderFor = (name: string) => `<confed-secret:${name}>`;

/** Secret and template names: one path component a file name can be. */
export const SECRET_NAME = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/;

const MODE = types.strMatching("^0?[0-7]{3}$");

type Cls = "home" | "system";

/** One `secrets.<name>` (or template) as modules read it. */
export interface SecretConfig {
  name: string;
  /** The age file (secrets only; templates have `content`). */
  file: string;
  owner: string | null;
  group: string | null;
  mode: string;
  /** Absolute, fixed at evaluation: usable in other options. */
  path: string;
  symlink: boolean;
  restartUnits: string[];
  reloadUnits: string[];
  neededForUsers?: boolean;
}

/** `secrets` as modules read it: the secrets by name, and the options beside them. */
export type SecretsConfig = {
  templates: Record<string, Omit<SecretConfig, "file"> & { content: string }>;
  identityPaths: string[];
  /** Null in a home without secrets and without `home.uid`. */
  dir: string | null;
  confedCommand?: string;
  placeholder: Record<string, string>;
} & Record<string, any>;

/** The options of the secrets module, as the type level sees them. */
export type SecretsOptions = { secrets: Option<SecretsConfig, Record<string, unknown>> };

/** The secrets module's shape (declared: its inferred type is too deep to name). */
export interface SecretsModule {
  key: string;
  _file: string;
  _class: Cls;
  options: SecretsOptions;
  config: Record<string, unknown>;
}

const common = (cls: Cls, dir: () => string, sub: string, name: string) => ({
  owner: mkOption({
    type: types.nullOr(types.str),
    default: cls === "system" ? "root" : null,
    description:
      cls === "system"
        ? "The user that owns the decrypted file."
        : "Not settable in a home: a home's secrets belong to its user (null).",
  }),
  group: mkOption({
    type: types.nullOr(types.str),
    default: null,
    description:
      cls === "system"
        ? "The group of the decrypted file; the owner's primary group when null."
        : "Not settable in a home (null).",
  }),
  mode: mkOption({
    type: MODE,
    default: "0400",
    description: "The permission bits of the decrypted file, in octal.",
  }),
  path: mkOption({
    type: types.path,
    get default() {
      return `${dir()}/${sub}${name}`;
    },
    defaultText: `"\${secrets.dir}/${sub}<name>"`,
    description:
      "Where the decrypted file is found. Outside the secrets directory it is a link into it " +
      "(or, with `symlink = false`, a copy, which must then be on a RAM-backed file system too).",
  }),
  symlink: mkOption({
    type: types.bool,
    default: true,
    description: "For a `path` outside the secrets directory: a link to the file (else a copy).",
  }),
  restartUnits: mkOption({
    type: types.listOf(types.str),
    default: [],
    example: ["sshd.service"],
    description: "Units restarted after a switch that changed the decrypted value.",
  }),
  reloadUnits: mkOption({
    type: types.listOf(types.str),
    default: [],
    description: "Units reloaded after a switch that changed the decrypted value.",
  }),
  ...(cls === "system" && {
    neededForUsers: mkOption({
      type: types.bool,
      default: false,
      description:
        "Decrypted before users are created (password hashes), into a separate directory; " +
        "owned by root.",
    }),
  }),
});

/**
 * The `secrets` module of a machine (`cls: "system"`) or a home (`cls: "home"`).
 *
 * @example
 * const homeModules = [..., secretsModule("home")];
 */
export function secretsModule(cls: Cls): (args: { config: any }) => SecretsModule {
  return ({ config }: { config: any }): SecretsModule => {
    const dir = (): string => config.secrets.dir;
    const forUsersDir = "/run/confed/secrets-for-users";
    const secretType = types.submodule<any>(
      ({ name, config: s }: { name: string; config: any }) => ({
        options: {
          name: mkOption({ type: types.str, default: name, description: "The secret's name." }),
          file: mkOption({
            type: types.path,
            example: "${self.outPath}/secrets/ssh.age",
            description: "The age-encrypted file (its ciphertext is copied into the generation).",
          }),
          ...common(
            cls,
            () => (cls === "system" && s.neededForUsers ? forUsersDir : dir()),
            "",
            name,
          ),
        },
      }),
    );
    const templateType = types.submodule<any>(({ name }: { name: string }) => ({
      options: {
        name: mkOption({ type: types.str, default: name, description: "The template's name." }),
        content: mkOption({
          type: types.lines,
          example: "password=${config.secrets.placeholder.db}",
          description:
            "The file's text; each `secrets.placeholder.<name>` in it becomes that secret's value.",
        }),
        ...common(cls, dir, "templates/", name),
      },
    }));
    return {
      key: `${cls}/secrets`,
      _file: "<confed>/modules/secrets.ts",
      _class: cls,
      options: {
        secrets: mkOption<any>({
          type: types.submodule({
            freeformType: types.attrsOf(secretType),
            options: {
              templates: mkOption({
                type: types.attrsOf(templateType),
                default: {},
                description: "Files rendered at activation from text with secret placeholders.",
              }),
              identityPaths: mkOption({
                type: types.listOf(types.path),
                default:
                  cls === "system"
                    ? ["/etc/ssh/ssh_host_ed25519_key", "/etc/ssh/ssh_host_rsa_key"]
                    : [],
                description:
                  cls === "system"
                    ? "The private keys the machine decrypts its secrets with."
                    : "Private keys to decrypt with; when empty, the user's ~/.ssh/id_ed25519, " +
                      "~/.ssh/id_rsa and the identity `confed secret keygen --home` writes.",
              }),
              dir: mkOption({
                type: cls === "system" ? types.path : types.nullOr(types.path),
                get default() {
                  if (cls === "system") return "/run/confed/secrets";
                  const uid = config.home.uid;
                  // Without secrets nothing needs it (and `confed check` reads every option).
                  if (uid === null && !hasSecrets(config)) return null;
                  if (uid === null)
                    throw new ModuleError(
                      "E_VALUE",
                      "secrets.dir: this home has secrets, so it needs the user's id to find " +
                        "/run/user/<uid>: set `home.uid' (e.g. `home.uid = 1000', see `id -u') " +
                        "or `secrets.dir' to a directory on a RAM-backed file system.",
                      { optionPath: "home.uid" },
                    );
                  return `/run/user/${uid}/confed/secrets`;
                },
                defaultText:
                  cls === "system"
                    ? "/run/confed/secrets"
                    : '"/run/user/${home.uid}/confed/secrets"',
                description:
                  "The stable link to the active secrets generation (each switch decrypts into " +
                  "`<dir>.d/N` and swaps the link). It must be on tmpfs or ramfs. In a home, null " +
                  "only while it has no secrets and no `home.uid`.",
              }),
              ...(cls === "home" && {
                confedCommand: mkOption({
                  type: types.str,
                  default: "confed",
                  example: "/usr/local/bin/confed",
                  description:
                    "The confed command the re-decryption hook runs (after a reboot or logout " +
                    "emptied /run/user): its user unit and the session file's fallback line.",
                }),
              }),
              placeholder: mkOption({
                type: types.attrsOf(types.str),
                readOnly: true,
                get default() {
                  const out: Record<string, string> = {};
                  for (const n of secretNames(config.secrets)) out[n] = placeholderFor(n);
                  return out;
                },
                description: "`placeholder.<name>`: the marker a template uses for a secret.",
              }),
            },
          }),
          default: {},
          description: "Age-encrypted secrets, decrypted at activation (see `secrets.<name>`).",
        }),
      },
      config: {
        ...(cls === "home" && homeHook(config)),
        assertions: [
          {
            get assertion() {
              return problems(cls, config).length === 0;
            },
            get message() {
              return problems(cls, config).join("\n");
            },
          },
        ],
      },
    };
  };
}

const RESERVED = new Set(["templates", "identityPaths", "dir", "placeholder", "confedCommand"]);

/** `sh` single quoting. */
const q = singleQuote;

/**
 * The re-decryption hook of a home with secrets: /run/user is emptied at logout and boot, so a
 * user unit decrypts the active generation's secrets again when the user manager starts, and
 * where no systemd runs, the session file does it once per session when the link dangles.
 */
function hasSecrets(config: any): boolean {
  return secretNames(config.secrets).length > 0 || Object.keys(config.secrets.templates).length > 0;
}

function homeHook(config: any) {
  const has = () => hasSecrets(config);
  const stateDir = () => {
    const store = String(config.home.storeDir);
    return `${store.slice(0, store.lastIndexOf("/"))}/activation/home-${config.home.username}`;
  };
  return {
    systemd: {
      user: {
        services: mkIf(has, {
          "confed-secrets": {
            Unit: {
              get Description() {
                return `Decrypt the confed secrets of this home into ${config.secrets.dir}`;
              },
            },
            Service: {
              Type: "oneshot",
              RemainAfterExit: true,
              get ExecStart() {
                return `${config.secrets.confedCommand} activate-secrets --state-dir ${stateDir()} --quiet`;
              },
            },
            Install: { WantedBy: ["default.target"] },
          },
        }),
      },
    },
    xdg: {
      configFile: {
        "confed/session-vars.sh": {
          // Only without a systemd user manager (which runs the unit), and only when the
          // link to the secrets dangles; a failure never stops the login.
          get text() {
            if (!has()) return mkIf(false, "");
            const dir = q(config.secrets.dir);
            return mkAfter(
              [
                "# confed: decrypt this home's secrets again when /run/user was emptied (no systemd user manager)",
                `if [ ! -e ${dir} ] && [ ! -d /run/systemd/system ]; then ${config.secrets.confedCommand} activate-secrets --state-dir ${q(stateDir())} --quiet >/dev/null 2>&1 || true; fi`,
              ].join("\n"),
            );
          },
        },
      },
    },
  };
}

/**
 * The names of the secrets (not the other `secrets.*` options), sorted.
 *
 * @example
 * secretNames(config.secrets); // ["ssh", "wifi"]
 */
export function secretNames(secrets: Record<string, unknown>): string[] {
  return Object.keys(secrets)
    .filter((k) => !RESERVED.has(k))
    .sort();
}

function problems(cls: Cls, config: any): string[] {
  const out: string[] = [];
  const all: [string, any][] = [
    ...secretNames(config.secrets).map((n): [string, any] => [`secrets.${n}`, config.secrets[n]]),
    ...Object.entries(config.secrets.templates as Record<string, any>).map(
      ([n, t]): [string, any] => [`secrets.templates.${n}`, t],
    ),
  ];
  for (const [opt, s] of all) {
    if (!SECRET_NAME.test(s.name))
      out.push(`${opt}: the name must be a file name (letters, digits, . _ + -).`);
    if (cls === "home" && (s.owner !== null || s.group !== null))
      out.push(
        `${opt}.owner/group: a home's secrets belong to its user; leave them unset (they are for machines).`,
      );
    if (cls === "system" && s.neededForUsers && (s.owner !== "root" || s.group !== null))
      out.push(
        `${opt}.neededForUsers: decrypted before users exist, so it is owned by root; unset owner and group.`,
      );
  }
  for (const [n, t] of Object.entries(config.secrets.templates as Record<string, any>)) {
    for (const m of String(t.content).matchAll(/<confed-secret:([^>]*)>/g))
      if (!(m[1] in config.secrets) || RESERVED.has(m[1]))
        out.push(`secrets.templates.${n}.content: a placeholder names \`${m[1]}', no secret.`);
  }
  return out;
}
