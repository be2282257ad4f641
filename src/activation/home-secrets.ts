/**
 * A home's secrets at a switch (and at re-decryption after a reboot): the user's keys, a private
 * directory on RAM owned by the user, `systemctl --user` for the units a change restarts.
 * Activation never prompts: a passphrase-protected key that is needed fails here, before the
 * write boundary, naming the key.
 */
import type { HomeManifest } from "../manifest/index.ts";
import { type Env, loadIdentities } from "../secrets/identities.ts";
import type { SecretFiles } from "../system/secret-files.ts";
import type { SystemReader } from "../system/system.ts";
import { ActivationError } from "./activation-error.ts";
import { type PreparedSecrets, prepareSecrets } from "./secrets.ts";

/**
 * Key files read through the System (activation's only way to the OS). Only reading is needed.
 *
 * @example
 * loadIdentities({ env, files: systemKeyFiles(sys) });
 */
export function systemKeyFiles(sys: SystemReader): SecretFiles {
  const readOnly = () => {
    throw new Error("activation only reads key files");
  };
  return {
    read: (p) => (sys.lstatOrNull(p) === null ? undefined : sys.readFile(p)),
    write: readOnly,
    create: readOnly,
    find: readOnly,
  };
}

/** Options of `prepareHomeSecrets`. */
export interface HomeSecretsOptions {
  manifest: HomeManifest;
  /** The manifest of the generation the home leaves (null: none). */
  previous?: HomeManifest | null;
  /** The user's environment (HOME, XDG_CONFIG_HOME, CONFED_IDENTITY find the keys). */
  env: Env;
  /** False when re-decrypting after a reboot or logout: no unit is restarted. */
  restarts?: boolean;
  /** Told about key files that exist but cannot be used. */
  warn?: (message: string) => void;
}

/**
 * Decrypts a home's secrets in memory and plans their placement; undefined when the generation
 * has none (and the previous one had none either).
 *
 * @example
 * const s = prepareHomeSecrets(sys, { manifest, previous, env: process.env });
 * if (s) plan = withSecrets(plan, s);
 */
export function prepareHomeSecrets(
  sys: SystemReader,
  o: HomeSecretsOptions,
): PreparedSecrets | undefined {
  const section = o.manifest.secrets;
  const previous = o.previous?.secrets ?? null;
  if (!section) {
    if (!previous) return undefined;
    // Secrets all removed: an empty generation replaces the old one (which goes at the commit).
    return prepareSecrets(sys, {
      section: { ...previous, files: {}, templates: {} },
      previous,
      identities: [],
      dirMode: 0o700,
      ownerUid: sys.euid(),
      units: "user",
      restarts: false,
    });
  }
  const explicit = section.identityPaths;
  let loaded: ReturnType<typeof loadIdentities>;
  try {
    loaded = loadIdentities({
      env: o.env,
      explicit,
      defaults: explicit.length === 0,
      files: systemKeyFiles(sys),
      warn: o.warn,
    });
  } catch (e) {
    throw new ActivationError(
      "E_ACTIVATION_SECRETS",
      `${(e as Error).message} (secrets.identityPaths). Nothing was changed.`,
      { cause: e },
    );
  }
  return prepareSecrets(sys, {
    section,
    previous,
    identities: loaded.identities,
    looked: loaded.looked,
    dirMode: 0o700,
    ownerUid: sys.euid(),
    units: "user",
    restarts: o.restarts,
  });
}
