/**
 * A machine's secrets, as an activation step system activation calls (twice): first the
 * `neededForUsers` secrets into `/run/confed/secrets-for-users` (root's, before users exist),
 * then, after the users step, the others into `/run/confed/secrets`, each file owned by the ids
 * its owner and group have in the target root's /etc/passwd and /etc/group. Both decrypt with the
 * host's keys (`secrets.identityPaths`: the ssh host keys by default) into `<dir>.d/N` and swap
 * the `<dir>` link in one journaled switch of their own, all or nothing.
 */
import type { SecretsSection } from "../manifest/index.ts";
import type { Identity } from "../secrets/age/index.ts";
import { readIdentityFile } from "../secrets/identities.ts";
import type { System, SystemReader } from "../system/system.ts";
import { ActivationError } from "./activation-error.ts";
import { type ApplyOptions, type ApplyResult, applyPlan, needsRecovery, recover } from "./apply.ts";
import type { Plan } from "./plan-types.ts";
import { type Ids, type PreparedSecrets, prepareSecrets } from "./secrets.ts";

/** Where `neededForUsers` secrets go (they are owned by root). */
export const FOR_USERS_DIR = "/run/confed/secrets-for-users";

/** Options of the machine secrets step. */
export interface SystemSecretsOptions {
  section: SecretsSection;
  /** The section of the generation the machine leaves. */
  previous?: SecretsSection | null;
  /** The target's root ("" or "/" for this machine; a directory for `--root`). */
  root?: string;
  /** "forUsers" before the users step, "main" after it. */
  phase: "forUsers" | "main";
  /** False when re-decrypting at boot: nothing is restarted. */
  restarts?: boolean;
}

/** `name:…:id:…` lines of /etc/passwd or /etc/group as a map (name → [id, gid]). */
function readDb(sys: SystemReader, file: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  if (sys.lstatOrNull(file) === null) return out;
  for (const line of new TextDecoder().decode(sys.readFile(file)).split("\n")) {
    const f = line.split(":");
    if (f.length >= 3 && f[0] !== "" && !line.startsWith("#"))
      out.set(f[0], [Number(f[2]), Number(f[3])]);
  }
  return out;
}

/** The host's identities: each of `paths` under `root` that exists. */
function hostIdentities(sys: SystemReader, root: string, paths: readonly string[]) {
  const identities: Identity[] = [];
  const looked: string[] = [];
  for (const p of paths) {
    looked.push(p);
    if (sys.lstatOrNull(`${root}${p}`) === null) continue;
    try {
      identities.push(...readIdentityFile(sys.readFile(`${root}${p}`), p));
    } catch (e) {
      throw new ActivationError(
        "E_ACTIVATION_SECRETS",
        `${p} (secrets.identityPaths) cannot be used: ${(e as Error).message}. Nothing was changed.`,
        { cause: e },
      );
    }
  }
  return { identities, looked };
}

/**
 * Checks and decrypts one phase of a machine's secrets (nothing written).
 *
 * @example
 * const s = prepareSystemSecrets(sys, { section, root: "/mnt", phase: "main" });
 */
export function prepareSystemSecrets(sys: SystemReader, o: SystemSecretsOptions): PreparedSecrets {
  const root = (o.root ?? "").replace(/\/+$/, "");
  const forUsers = o.phase === "forUsers";
  const only = (name: string, needed: boolean) => (name === "" ? !forUsers : needed === forUsers);
  const { identities, looked } = hostIdentities(sys, root, o.section.identityPaths);
  const users = forUsers ? new Map() : readDb(sys, `${root}/etc/passwd`);
  const groups = forUsers ? new Map() : readDb(sys, `${root}/etc/group`);
  const ids = (owner: string | undefined, group: string | undefined, what: string): Ids => {
    if (forUsers) return { uid: 0, gid: 0 };
    const u = users.get(owner ?? "root");
    if (u === undefined)
      throw new ActivationError(
        "E_ACTIVATION_SECRETS",
        `${what}.owner: no user \`${owner}' in ${root}/etc/passwd. Create it first (users.users), or fix the owner.`,
      );
    let gid = u[1];
    if (group !== undefined) {
      const g = groups.get(group);
      if (g === undefined)
        throw new ActivationError(
          "E_ACTIVATION_SECRETS",
          `${what}.group: no group \`${group}' in ${root}/etc/group. Create it first (users.groups), or fix the group.`,
        );
      gid = g[0];
    }
    return { uid: u[0], gid };
  };
  return prepareSecrets(sys, {
    section: o.section,
    previous: o.previous,
    identities,
    looked,
    dir: forUsers ? FOR_USERS_DIR : o.section.dir,
    previousDir: forUsers ? FOR_USERS_DIR : undefined,
    only,
    dirMode: 0o751,
    ownerUid: 0,
    ids,
    root,
    units: "system",
    restarts: o.restarts,
  });
}

/**
 * The machine secrets step: prepares one phase and applies it as its own journaled switch under
 * `stateDir` (a crash is recovered first). Returns what `applyPlan` returns.
 *
 * @example
 * activateSystemSecrets(sys, { section, previous, phase: "forUsers" }, { stateDir: "/var/lib/confed/activation/secrets-for-users" });
 * // … users …
 * activateSystemSecrets(sys, { section, previous, phase: "main" }, { stateDir, runScript });
 */
export function activateSystemSecrets(
  sys: System,
  o: SystemSecretsOptions,
  a: ApplyOptions & { generation?: string | null },
): ApplyResult {
  if (needsRecovery(sys, a.stateDir)) recover(sys, a);
  const root = (o.root ?? "").replace(/\/+$/, "");
  if (sys.euid() === 0)
    ensureRamfs(sys, `${root}${o.phase === "forUsers" ? FOR_USERS_DIR : o.section.dir}.d`);
  const s = prepareSystemSecrets(sys, o);
  const plan: Plan = {
    version: 1,
    home: (o.root ?? "").replace(/\/+$/, "") || "/",
    generation: a.generation ?? null,
    files: [],
    unchanged: 0,
    notices: [],
    collisions: [],
    ops: s.ops,
    createdDirectories: [],
    pending: s.pending,
    secrets: s.changes,
  };
  let result: ApplyResult;
  try {
    result = applyPlan(sys, plan, { ...a, secrets: s.contents });
  } finally {
    s.contents.wipe();
  }
  recordSection(sys, a.stateDir, o.section, o.phase, o.root);
  return result;
}

/**
 * As root, a machine's secrets generations live on a ramfs of their own (`<dir>.d`, nodev,
 * nosuid, 0751), as agenix does: unlike tmpfs, ramfs is never swapped out to disk. Mounted when
 * the place is already on RAM (/run is a tmpfs), once per boot; its parents are made if missing.
 * A place on disk is left alone: the step then refuses it, naming the fix.
 */
function ensureRamfs(sys: System, path: string): void {
  const missing: string[] = [];
  let p = path;
  while (p !== "" && sys.lstatOrNull(p) === null) {
    missing.unshift(p);
    p = p.slice(0, p.lastIndexOf("/"));
  }
  const type = sys.fileSystemType(p === "" ? "/" : p);
  if (type !== "tmpfs" && type !== "ramfs") return;
  for (const d of missing) sys.mkdir(d);
  if (type === "tmpfs") sys.mountRamfs(path, 0o751);
}

/** Where the step records what it activated, for the boot unit (no plaintext: paths, owners). */
export const SECTION_FILE = "secrets-section.json";

interface SectionRecord {
  version: 1;
  root: string;
  section: SecretsSection;
  /** The phases activated with this state directory, in order. */
  phases: ("forUsers" | "main")[];
}

function readRecord(sys: SystemReader, file: string): SectionRecord | undefined {
  if (sys.lstatOrNull(file) === null) return undefined;
  let rec: Partial<SectionRecord>;
  try {
    rec = JSON.parse(new TextDecoder().decode(sys.readFile(file)));
  } catch (e) {
    throw new ActivationError(
      "E_ACTIVATION_SECRETS",
      `\`${file}' is not JSON: ${(e as Error).message}`,
    );
  }
  if (rec.version !== 1 || rec.section === undefined || !Array.isArray(rec.phases))
    throw new ActivationError(
      "E_ACTIVATION_SECRETS",
      `\`${file}' has version ${JSON.stringify(rec.version)}; this confed reads version 1.`,
    );
  return rec as SectionRecord;
}

/** Records the section the machine's secrets come from, replacing the file in one rename. */
function recordSection(
  sys: System,
  stateDir: string,
  section: SecretsSection,
  phase: "forUsers" | "main",
  root?: string,
) {
  const file = `${stateDir}/${SECTION_FILE}`;
  let before: SectionRecord | undefined;
  try {
    before = readRecord(sys, file);
  } catch {
    before = undefined; // unreadable: written anew
  }
  const same =
    before !== undefined &&
    before.root === (root ?? "") &&
    JSON.stringify(before.section) === JSON.stringify(section);
  const phases = (["forUsers", "main"] as const).filter(
    (p) => p === phase || (same && before!.phases.includes(p)),
  );
  const rec: SectionRecord = { version: 1, root: root ?? "", section, phases };
  const text = `${JSON.stringify(rec)}\n`;
  const tmp = `${file}.new`;
  const now = sys.lstatOrNull(file) ? new TextDecoder().decode(sys.readFile(file)) : null;
  if (now === text) return;
  if (sys.lstatOrNull(tmp) !== null) sys.unlink(tmp);
  sys.writeFileExclusive(tmp, text, 0o600);
  sys.fsyncFile(tmp);
  sys.rename(tmp, file);
  sys.fsyncDir(stateDir);
}

/**
 * Decrypts the machine's secrets again from what the last activation recorded in `stateDir`
 * (both phases, nothing restarted): /run is empty after a boot, and the boot unit runs this.
 * Returns false when nothing was ever activated there.
 *
 * @example
 * redecryptSystemSecrets(new RealSystem(), "/var/lib/confed/activation/secrets");
 */
export function redecryptSystemSecrets(sys: System, stateDir: string): boolean {
  const rec = readRecord(sys, `${stateDir}/${SECTION_FILE}`);
  if (rec === undefined) return false;
  for (const phase of rec.phases)
    activateSystemSecrets(
      sys,
      { section: rec.section, root: rec.root, phase, restarts: false },
      { stateDir },
    );
  return true;
}

/**
 * The machine's boot unit (`confed-secrets.service`): /run is a fresh tmpfs at every boot, so
 * the secrets are decrypted again early, before sysinit.target (so before users log in and
 * before services start), from what the last activation recorded in each state directory (one
 * per phase, or one for both). System
 * activation installs it; `command` runs confed (an absolute path in the system's profile).
 *
 * @example
 * writeFileSync("/etc/systemd/system/confed-secrets.service", systemSecretsUnit("/usr/local/bin/confed", [stateDir]));
 */
export function systemSecretsUnit(command: string, stateDirs: readonly string[]): string {
  return `[Unit]
Description=Decrypt the machine's confed secrets onto /run
DefaultDependencies=no
After=local-fs.target
Before=sysinit.target shutdown.target
Conflicts=shutdown.target

[Service]
Type=oneshot
RemainAfterExit=yes
${stateDirs.map((d) => `ExecStart=${command} activate-secrets --system --state-dir ${d} --quiet`).join("\n")}

[Install]
WantedBy=sysinit.target
`;
}
