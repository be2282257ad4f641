/**
 * `confed activate-secrets --state-dir DIR [--generation PATH]`: decrypts the active home
 * generation's secrets again, into a fresh `<secrets.dir>.d/N`, as a journaled switch of its
 * own. /run/user is emptied at logout and boot; the home's `confed-secrets.service` user unit
 * (and, without systemd, a guarded line in session-vars.sh) runs this. It works from the
 * generation alone: it loads no configuration, so it imports neither the module system nor a
 * TypeScript loader.
 */
// Only the files it needs (not the folders' index files): this runs at every login.
import { ActivationError } from "../activation/activation-error.ts";
import { applyPlan, needsRecovery, readState, recover } from "../activation/apply.ts";
import { prepareHomeSecrets } from "../activation/home-secrets.ts";
import type { Plan } from "../activation/plan-types.ts";
import { redecryptSystemSecrets } from "../activation/system-secrets.ts";
import { parseManifest } from "../manifest/manifest.ts";
import { RealSystem } from "../system/real-system.ts";
import { colors as c, type Out } from "./output.ts";

export interface ActivateSecretsOptions {
  stateDir?: string;
  /** A machine's secrets (the boot unit), from what the last activation recorded. */
  system?: boolean;
  generation?: string;
  quiet?: boolean;
}

export async function run(opts: Record<string, unknown>, out: Out): Promise<number> {
  const o = opts as ActivateSecretsOptions;
  if (!o.stateDir)
    throw new ActivationError(
      "E_ACTIVATION_SECRETS",
      "activate-secrets needs --state-dir DIR: the home's activation directory " +
        "(<store>/../activation/home-<user>, which the home's confed-secrets.service names).",
    );
  const sys = new RealSystem();
  const stateDir = o.stateDir.replace(/\/+$/, "");
  if (o.system) {
    const done = redecryptSystemSecrets(sys, stateDir);
    if (!o.quiet || !done)
      out.stdout(
        done
          ? `decrypted the machine's secrets recorded in ${stateDir}`
          : `nothing recorded in ${stateDir}: no secrets to decrypt`,
      );
    return 0;
  }
  if (sys.lstatOrNull(stateDir)?.kind !== "directory")
    throw new ActivationError(
      "E_ACTIVATION_SECRETS",
      `\`${stateDir}' is not a directory: this home has not been switched here yet (confed home switch).`,
    );
  if (needsRecovery(sys, stateDir)) {
    recover(sys, { stateDir });
    out.stderr(`${c.yellow("note:")} an interrupted switch was recovered first`);
  }
  const state = readState(sys, stateDir);
  const generation = o.generation ?? state.generation;
  if (!generation) {
    if (!o.quiet) out.stdout("no generation is active: nothing to decrypt");
    return 0;
  }
  const file = `${generation}/manifest.json`;
  const manifest = parseManifest(new TextDecoder().decode(sys.readFile(file)), file);
  const s = prepareHomeSecrets(sys, {
    manifest,
    env: process.env,
    restarts: false,
    warn: (m) => out.stderr(`${c.yellow("warning:")} ${m}`),
  });
  if (!s || s.ops.length === 0) {
    s?.contents.wipe();
    if (!o.quiet) out.stdout("secrets already in place");
    return 0;
  }
  const plan: Plan = {
    version: 1,
    home: manifest.homeDirectory,
    generation: state.generation,
    files: [],
    unchanged: 0,
    notices: [],
    collisions: [],
    ops: s.ops,
    createdDirectories: state.createdDirectories,
    pending: [],
    secrets: s.changes,
  };
  try {
    applyPlan(sys, plan, { stateDir, secrets: s.contents });
  } finally {
    s.contents.wipe();
  }
  const n = Object.keys(manifest.secrets?.files ?? {}).length;
  const t = Object.keys(manifest.secrets?.templates ?? {}).length;
  if (out.json) out.stdout(JSON.stringify({ decrypted: n, templates: t }));
  else out.stdout(`decrypted ${n} secret(s) and ${t} template(s) into ${manifest.secrets?.dir}`);
  return 0;
}
