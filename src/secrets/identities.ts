/**
 * Which private keys the secret verbs decrypt with: files named with `--identity`, the
 * `$CONFED_IDENTITY` list, the user's `~/.ssh/id_ed25519` and `~/.ssh/id_rsa`, and the identity
 * `confed secret keygen --home` writes. Passphrase-protected keys ask for their passphrase only
 * when a file is actually addressed to them, and only through the prompt the caller gives (none
 * when not interactive: then the error names the key).
 */
import { join } from "node:path";
import { realSecretFiles, type SecretFiles } from "../system/secret-files.ts";
import { AgeError, type Identity, parseIdentities, type Stanza } from "./age/index.ts";
import { SecretsError } from "./secrets-error.ts";

/** The environment variables identities are found with. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Options for {@link loadIdentities}. */
export interface LoadIdentitiesOptions {
  env: Env;
  /** Identity files named on the command line, tried first; each must exist. */
  explicit?: readonly string[];
  /** Also try `$CONFED_IDENTITY`, the ssh keys in ~/.ssh and the home identity (default true). */
  defaults?: boolean;
  /**
   * Asks for the passphrase of a protected key (`what` names it); undefined when cancelled.
   * Leave it out where nobody can answer: a protected key then fails with E_SECRET_PASSPHRASE.
   */
  askPassphrase?: (what: string) => string | undefined;
  /** Told about default key files that exist but cannot be used (they are skipped). */
  warn?: (message: string) => void;
  files?: SecretFiles;
}

/** The identities found, and where confed looked (for messages when none fits). */
export interface LoadedIdentities {
  identities: Identity[];
  /** Every file that was looked for, in order, as shown to the user. */
  looked: string[];
}

/**
 * Where `confed secret keygen --home` writes a home's X25519 identity:
 * `$XDG_CONFIG_HOME/confed/identity.txt` (default `~/.config/confed/identity.txt`).
 *
 * @example
 * homeIdentityPath(process.env); // "/home/me/.config/confed/identity.txt"
 */
export function homeIdentityPath(env: Env): string {
  const config = env.XDG_CONFIG_HOME || join(home(env), ".config");
  return join(config, "confed", "identity.txt");
}

/**
 * The key files tried when none is named: `$CONFED_IDENTITY` (a `:`-separated list), then
 * `~/.ssh/id_ed25519`, `~/.ssh/id_rsa`, and the home identity.
 *
 * @example
 * defaultIdentityPaths({ HOME: "/home/me" });
 * // ["/home/me/.ssh/id_ed25519", "/home/me/.ssh/id_rsa", "/home/me/.config/confed/identity.txt"]
 */
export function defaultIdentityPaths(env: Env): { configured: string[]; usual: string[] } {
  const configured = (env.CONFED_IDENTITY ?? "").split(":").filter((p) => p !== "");
  if (!env.HOME && !env.XDG_CONFIG_HOME) return { configured, usual: [] };
  const ssh = env.HOME
    ? [join(env.HOME, ".ssh", "id_ed25519"), join(env.HOME, ".ssh", "id_rsa")]
    : [];
  return { configured, usual: [...ssh, homeIdentityPath(env)] };
}

/**
 * Reads the identities to decrypt with. Named files (`explicit`, `$CONFED_IDENTITY`) must exist
 * and parse; the usual files are skipped when absent, and with a warning when unusable.
 *
 * @example
 * const { identities } = loadIdentities({ env: process.env, explicit: ["./key.txt"] });
 * const plaintext = decrypt(ciphertext, identities);
 */
export function loadIdentities(opts: LoadIdentitiesOptions): LoadedIdentities {
  const files = opts.files ?? realSecretFiles;
  const env = opts.env;
  const identities: Identity[] = [];
  const looked: string[] = [];
  const seen = new Set<string>();
  const defaults = opts.defaults === false ? undefined : defaultIdentityPaths(env);
  const named = [...(opts.explicit ?? []), ...(defaults?.configured ?? [])];
  for (const path of named) {
    if (seen.has(path)) continue;
    seen.add(path);
    looked.push(shown(path, env));
    let bytes: Uint8Array | undefined;
    try {
      bytes = files.read(path);
    } catch (e) {
      throw new SecretsError(
        "E_SECRET_KEY",
        `cannot read identity file ${shown(path, env)}: ${errno(e)}`,
        { file: path, cause: e },
      );
    }
    if (bytes === undefined) {
      throw new SecretsError(
        "E_SECRET_MISSING",
        `identity file ${shown(path, env)} does not exist`,
        {
          file: path,
        },
      );
    }
    identities.push(...readIdentityFile(bytes, shown(path, env), opts));
  }
  for (const path of defaults?.usual ?? []) {
    if (seen.has(path)) continue;
    seen.add(path);
    looked.push(shown(path, env));
    let bytes: Uint8Array | undefined;
    try {
      bytes = files.read(path);
    } catch (e) {
      opts.warn?.(`skipping ${shown(path, env)}: ${errno(e)}`);
      continue;
    }
    if (bytes === undefined) continue;
    try {
      identities.push(...readIdentityFile(bytes, shown(path, env), opts));
    } catch (e) {
      if (!(e instanceof AgeError)) throw e;
      opts.warn?.(`skipping ${shown(path, env)}: ${e.message}`);
    }
  }
  return { identities, looked };
}

/**
 * Parses one identity file's bytes, with the passphrase prompt wired in. A PEM key protected
 * by a passphrase keeps even its public half encrypted, so it is opened lazily: only a file
 * with an ssh-rsa stanza makes it ask.
 *
 * @example
 * const ids = readIdentityFile(readFileSync("key.txt"), "key.txt", { askPassphrase });
 */
export function readIdentityFile(
  bytes: Uint8Array,
  source: string,
  opts: Pick<LoadIdentitiesOptions, "askPassphrase"> = {},
): Identity[] {
  const passphrase = passphraseFor(source, opts.askPassphrase);
  const text = new TextDecoder().decode(bytes);
  const encryptedPem =
    text.includes("Proc-Type: 4,ENCRYPTED") || text.includes("BEGIN ENCRYPTED PRIVATE KEY");
  if (encryptedPem) return [lazyPemIdentity(text, source, passphrase)];
  // As bytes: parseIdentities tells a passphrase-encrypted age identity file from a text one.
  return parseIdentities(bytes, { passphrase, source });
}

/** The prompt for one key, asked at most once: an unlocked key stays unlocked. */
function passphraseFor(
  source: string,
  ask: ((what: string) => string | undefined) | undefined,
): () => string {
  let answer: string | undefined;
  return () => {
    if (answer !== undefined) return answer;
    if (!ask) {
      throw new SecretsError(
        "E_SECRET_PASSPHRASE",
        `${source} is passphrase-protected and there is no terminal to ask for its passphrase ` +
          "(not interactive). Run interactively, or use a key without a passphrase for " +
          "unattended use (confed secret keygen --home).",
        { file: source },
      );
    }
    const given = ask(source);
    if (given === undefined) {
      throw new SecretsError("E_SECRET_PASSPHRASE", `no passphrase given for ${source}`, {
        file: source,
      });
    }
    answer = given;
    return given;
  };
}

function lazyPemIdentity(text: string, source: string, passphrase: () => string): Identity {
  let inner: Identity | undefined;
  const open = () => {
    inner ??= parseIdentities(text, { passphrase, source })[0];
    return inner;
  };
  return {
    kind: "ssh-rsa",
    label: `protected PEM key ${source}`,
    unwrap(stanzas: readonly Stanza[]) {
      if (!stanzas.some((s) => s.args[0] === "ssh-rsa" || s.args[0] === "ssh-ed25519")) {
        return undefined;
      }
      return open().unwrap(stanzas);
    },
    toRecipient: () => open().toRecipient(),
  };
}

/** A file system error's short reason, e.g. "permission denied (EACCES)". */
function errno(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "EACCES") return "permission denied (EACCES)";
  if (err.code === "EISDIR") return "it is a directory (EISDIR)";
  return err.code ?? String(err.message);
}

/** `~/…` for paths under $HOME, as users write them. */
function shown(path: string, env: Env): string {
  const h = env.HOME;
  return h && path.startsWith(`${h}/`) ? `~/${path.slice(h.length + 1)}` : path;
}

function home(env: Env): string {
  if (!env.HOME) {
    throw new SecretsError("E_SECRET_KEY", "$HOME is not set, so confed cannot find your keys");
  }
  return env.HOME;
}
