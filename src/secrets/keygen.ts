/**
 * Keys for secrets.ts: the recipient string of a host's or user's ssh key, and a fresh X25519
 * identity for a home that must decrypt without anyone typing a passphrase.
 */
import { join } from "node:path";
import { realSecretFiles, type SecretFiles } from "../system/secret-files.ts";
import {
  AgeError,
  generateX25519Identity,
  identityToRecipient,
  parseRecipient,
  parseRecipients,
  type Recipient,
  sshRecipientFromPrivateKey,
} from "./age/index.ts";
import { type Env, homeIdentityPath, readIdentityFile } from "./identities.ts";
import { SecretsError } from "./secrets-error.ts";

/** A recipient and the file it was read from. */
export interface FoundRecipient {
  source: string;
  /** The recipient line for secrets.ts (SSH keys keep their comment). */
  recipient: string;
}

/**
 * The public key files `keygen` reads: a user's `~/.ssh/id_{ed25519,rsa}.pub`, or a host's
 * `/etc/ssh/ssh_host_{ed25519,rsa}_key.pub` under `root` (default `/`).
 *
 * @example
 * sshPublicKeyPaths({ kind: "host" }); // ["/etc/ssh/ssh_host_ed25519_key.pub", …]
 */
export function sshPublicKeyPaths(
  opts: { kind: "user"; env: Env } | { kind: "host"; root?: string },
): string[] {
  if (opts.kind === "host") {
    const dir = join(opts.root ?? "/", "etc", "ssh");
    return [join(dir, "ssh_host_ed25519_key.pub"), join(dir, "ssh_host_rsa_key.pub")];
  }
  if (!opts.env.HOME) {
    throw new SecretsError("E_SECRET_KEY", "$HOME is not set, so confed cannot find ~/.ssh");
  }
  const dir = join(opts.env.HOME, ".ssh");
  return [join(dir, "id_ed25519.pub"), join(dir, "id_rsa.pub")];
}

/**
 * The recipients of the ssh public key files that exist among `paths`; an error naming the
 * paths when none does.
 *
 * @example
 * sshKeyRecipients(sshPublicKeyPaths({ kind: "host" }));
 * // [{ source: "/etc/ssh/ssh_host_ed25519_key.pub", recipient: "ssh-ed25519 AAAA… root@map" }]
 */
export function sshKeyRecipients(
  paths: readonly string[],
  fs: SecretFiles = realSecretFiles,
): FoundRecipient[] {
  const found: FoundRecipient[] = [];
  for (const path of paths) {
    const bytes = fs.read(path);
    if (bytes === undefined) continue;
    for (const r of recipientsFromKeyFile(bytes, path)) {
      found.push({ source: path, recipient: r.toString() });
    }
  }
  if (found.length === 0) {
    throw new SecretsError(
      "E_SECRET_MISSING",
      `no ssh public key found (looked for ${paths.join(", ")}). Create one with ` +
        "`ssh-keygen -t ed25519`, or make an age identity with `confed secret keygen --home`.",
    );
  }
  return found;
}

/**
 * The recipients of a key file's content: an ssh public key (`*.pub`) or recipients list, an
 * OpenSSH private key (its public half: no passphrase needed), a PEM key (unlocked with
 * `askPassphrase`), or an age identity file.
 *
 * @example
 * recipientsFromKeyFile(readFileSync("/etc/ssh/ssh_host_ed25519_key"), "ssh_host_ed25519_key");
 */
export function recipientsFromKeyFile(
  bytes: Uint8Array,
  source: string,
  opts: { askPassphrase?: (what: string) => string | undefined } = {},
): Recipient[] {
  const text = new TextDecoder().decode(bytes);
  try {
    if (text.includes("-----BEGIN OPENSSH PRIVATE KEY-----")) {
      return [sshRecipientFromPrivateKey(text, { source })];
    }
    if (/-----BEGIN |AGE-SECRET-KEY-|^age-encryption\.org\//im.test(text)) {
      return readIdentityFile(bytes, source, opts).map((id) => identityToRecipient(id));
    }
    const recipients = parseRecipients(text, source);
    if (recipients.length === 0) {
      throw new SecretsError("E_SECRET_KEY", `${source} holds no key`, { file: source });
    }
    return recipients;
  } catch (e) {
    if (!(e instanceof AgeError)) throw e;
    throw new SecretsError("E_SECRET_KEY", `${source}: ${e.message}`, { file: source, cause: e });
  }
}

/**
 * A recipient given on the command line as a string (`age1…`, `ssh-ed25519 AAAA…`), or
 * undefined when the text is not one.
 *
 * @example
 * recipientFromString("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj");
 */
export function recipientFromString(text: string): Recipient | undefined {
  if (!/^(age1|ssh-ed25519 |ssh-rsa )/i.test(text.trim())) return undefined;
  try {
    return parseRecipient(text);
  } catch (e) {
    if (!(e instanceof AgeError)) throw e;
    throw new SecretsError("E_SECRET_KEY", `not a valid recipient: ${e.message}`, { cause: e });
  }
}

/**
 * Writes a new X25519 identity file, mode 0600 (its directory 0700), for a home's unattended
 * activation, and returns its recipient. Refuses to replace an existing file (E_SECRET_EXISTS):
 * files encrypted to the old key would become unreadable.
 *
 * @example
 * const { recipient } = generateHomeIdentity({ env: process.env });
 * // add `recipient` to the publicKeys of the home's secrets in secrets.ts, then rekey
 */
export function generateHomeIdentity(opts: {
  env: Env;
  path?: string;
  fs?: SecretFiles;
  now?: Date;
}): { path: string; recipient: string } {
  const fs = opts.fs ?? realSecretFiles;
  const path = opts.path ?? homeIdentityPath(opts.env);
  const identity = generateX25519Identity();
  const recipient = identityToRecipient(identity).toString();
  const created = (opts.now ?? new Date()).toISOString().replace(/\.\d+Z$/, "Z");
  const text = `# created: ${created}\n# public key: ${recipient}\n${identity}\n`;
  try {
    fs.create(path, new TextEncoder().encode(text), 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    throw new SecretsError(
      "E_SECRET_EXISTS",
      `${path} already exists; confed does not replace an identity (files encrypted to it would ` +
        "become unreadable). Remove it yourself if you really mean to, or pass another path with -o.",
      { file: path },
    );
  }
  return { path, recipient };
}
