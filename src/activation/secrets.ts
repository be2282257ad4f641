/**
 * Planning the secrets of a switch, before the write boundary: check the secrets directory is
 * on RAM (tmpfs/ramfs), owned by the right user, mode as wanted; decrypt every secret and render
 * every template in memory; compare each value with the active generation's (in memory, never
 * hashed to disk); and return the ops (a fresh `<dir>.d/N`, the swap of the `<dir>` link, links
 * or copies elsewhere) plus the unit restarts a changed value asks for. Any failure throws here,
 * so nothing was written and the previous secrets stay in place.
 *
 * Used by homes (the user's keys, `systemctl --user`) and machines (host keys, owners from the
 * target's /etc/passwd; see system-secrets.ts).
 */
import { singleQuote } from "../lib/index.ts";
import type { SecretsSection, SecretTarget } from "../manifest/index.ts";
import { bytesEqual, concatBytes } from "../secrets/age/encoding.ts";
import type { Identity } from "../secrets/age/index.ts";
import { decryptBytes } from "../secrets/ops.ts";
import { isFsError, type SystemReader } from "../system/system.ts";
import { ActivationError } from "./activation-error.ts";
import type { Op, PendingScript, Plan, SecretFileSpec } from "./plan-types.ts";
import { SecretContents } from "./secrets-ops.ts";

/** What `prepareSecrets` needs besides the System. */
export interface PrepareSecretsOptions {
  section: SecretsSection;
  /** The previous generation's section (its links outside the directory are removed). */
  previous?: SecretsSection | null;
  identities: readonly Identity[];
  /** Where the keys were looked for (for the message when none decrypts). */
  looked?: readonly string[];
  /** The secrets directory to fill (default `section.dir`; machines: the for-users one too). */
  dir?: string;
  /** Where the previous generation's links of this step point (default `previous.dir`). */
  previousDir?: string;
  /** Which secrets go into it (default: all). */
  only?: (name: string, neededForUsers: boolean) => boolean;
  /** The mode of `<dir>.d` and each generation: 0o700 for a home, 0o751 on a machine. */
  dirMode: number;
  /** The uid that must own `<dir>.d`. */
  ownerUid: number;
  /** Machines: the ids of a secret's owner and group (from the target's /etc/passwd, /etc/group). */
  ids?: (owner: string | undefined, group: string | undefined, what: string) => Ids;
  /** A machine activated under another root: every path is below it. */
  root?: string;
  /** `systemctl --user` (homes) or `systemctl` (machines). */
  units: "user" | "system";
  /** False when re-decrypting after a reboot: nothing is restarted. */
  restarts?: boolean;
}

/** A user and group id. */
export interface Ids {
  uid: number;
  gid: number;
}

/** The outcome: ops for the journal, plaintext for `applyPlan` (in memory), names for the plan. */
export interface PreparedSecrets {
  ops: Op[];
  pending: PendingScript[];
  changes: NonNullable<Plan["secrets"]>;
  contents: SecretContents;
}

const RAM = new Set(["tmpfs", "ramfs"]);
const sameOwner = (a: { uid: number; gid: number }, b: { uid: number; gid: number }) =>
  a.uid === b.uid && a.gid === b.gid;
const parentOf = (p: string) => p.slice(0, p.lastIndexOf("/")) || "/";
const baseOf = (p: string) => p.slice(p.lastIndexOf("/") + 1);
const fail = (message: string, paths: string[] = []) =>
  new ActivationError("E_ACTIVATION_SECRETS", message, { paths });

/** `sh` single quoting. */
const q = singleQuote;

/**
 * The post-commit script that restarts (or reloads) units, skipped with a note when no
 * service manager answers (a home without a systemd user manager, a container without systemd).
 */
export function unitScript(kind: "user" | "system", verb: "restart" | "reload", units: string[]) {
  const ctl = kind === "user" ? "systemctl --user" : "systemctl";
  const list = units.map(q).join(" ");
  const who = kind === "user" ? "no systemd user manager runs" : "systemd does not run";
  return (
    `if ${ctl} show-environment >/dev/null 2>&1; then ${ctl} ${verb} -- ${list}; ` +
    `else echo ${q(`confed: ${who}; not ${verb === "restart" ? "restarting" : "reloading"}: ${units.join(" ")}`)} >&2; fi`
  );
}

/**
 * Checks, decrypts and plans the secrets of `o.section` (see the file comment).
 *
 * @example
 * const s = prepareSecrets(sys, { section, identities, dirMode: 0o700, ownerUid: sys.euid(), units: "user" });
 * applyPlan(sys, withSecrets(plan, s), { stateDir, secrets: s.contents });
 */
export function prepareSecrets(sys: SystemReader, o: PrepareSecretsOptions): PreparedSecrets {
  try {
    return prepare(sys, o);
  } catch (e) {
    // A directory of someone else's on the way: say where, not "internal error".
    if (isFsError(e, "EACCES") || isFsError(e, "EPERM")) {
      const path = (e as { path?: string }).path ?? o.dir ?? o.section.dir;
      throw fail(
        `permission denied at \`${path}' while checking the secrets directory \`${o.dir ?? o.section.dir}': ` +
          "it must be on a path the activating user may read and create in. Nothing was changed.",
        [path],
      );
    }
    throw e;
  }
}

function prepare(sys: SystemReader, o: PrepareSecretsOptions): PreparedSecrets {
  const root = (o.root ?? "").replace(/\/+$/, "");
  const R = (p: string) => `${root}${p}`;
  const dir = o.dir ?? o.section.dir;
  const base = `${dir}.d`;
  const only = o.only ?? (() => true);
  const files = Object.entries(o.section.files).filter(([n, f]) => only(n, !!f.neededForUsers));
  const templates = Object.entries(o.section.templates).filter(() => only("", false));
  /** A section's files and templates this step places, by their path below the directory. */
  const entriesOf = (s: SecretsSection): [string, SecretTarget][] => [
    ...Object.entries(s.files).filter(([n, f]) => only(n, !!f.neededForUsers)),
    ...(only("", false)
      ? Object.entries(s.templates).map(([n, t]): [string, SecretTarget] => [`templates/${n}`, t])
      : []),
  ];
  const entries = entriesOf(o.section);

  // The directory: on RAM, ours, private.
  const runUid = /^\/run\/user\/(\d+)\//.exec(dir)?.[1];
  if (runUid !== undefined && o.units === "user" && Number(runUid) !== o.ownerUid)
    throw fail(
      `secrets.dir \`${dir}' is under /run/user/${runUid}, but this is uid ${o.ownerUid}: ` +
        `a home's secrets are decrypted by its own user. Set home.uid to ${o.ownerUid} (\`id -u'), ` +
        "or run the switch as the user whose home it is.",
      [dir],
    );
  const mkdirs: string[] = [];
  let existing = R(base);
  while (sys.lstatOrNull(existing) === null && existing !== (root || "/")) {
    mkdirs.unshift(existing);
    existing = parentOf(existing);
  }
  // /run/user/<uid> is made by systemd-logind for a session (or a lingering user): confed
  // does not make it, whatever /run is.
  const runUser = /^\/run\/user\/(\d+)\//.exec(dir);
  const noSession =
    runUser && sys.lstatOrNull(R(`/run/user/${runUser[1]}`)) === null
      ? `/run/user/${runUser[1]} does not exist (no login session of uid ${runUser[1]} made it): ` +
        "log in through systemd-logind, or `loginctl enable-linger', or set secrets.dir " +
        "to a directory under /dev/shm."
      : undefined;
  if (noSession !== undefined && RAM.has(sys.fileSystemType(existing)))
    throw fail(`secrets.dir \`${dir}' cannot be made: ${noSession}`, [dir]);
  const fsType = sys.fileSystemType(existing);
  if (!RAM.has(fsType)) {
    const hint =
      noSession ??
      "Set secrets.dir to a directory on tmpfs (under /run/user/<uid> for a home, or /dev/shm).";
    throw fail(
      `secrets.dir \`${dir}' would be on a ${fsType} file system (\`${existing}'), not on RAM ` +
        `(tmpfs or ramfs): decrypted secrets must never reach a disk. ${hint}`,
      [dir],
    );
  }
  const bst = sys.lstatOrNull(R(base));
  if (bst !== null) {
    if (bst.kind !== "directory")
      throw fail(
        `\`${base}' is a ${bst.kind}, where confed keeps its secrets generations: remove it.`,
        [base],
      );
    const { uid } = sys.ownerOf(R(base));
    if (uid !== o.ownerUid)
      throw fail(
        `\`${base}' is owned by uid ${uid}, not ${o.ownerUid}: someone else could read or swap ` +
          `the secrets. Remove it (confed recreates it) or \`chown ${o.ownerUid} ${base}'.`,
        [base],
      );
    if ((bst.mode & 0o777) !== o.dirMode)
      throw fail(
        `\`${base}' has mode ${(bst.mode & 0o777).toString(8).padStart(4, "0")}, not ` +
          `${o.dirMode.toString(8).padStart(4, "0")}: fix it with \`chmod ${o.dirMode.toString(8)} ${base}'.`,
        [base],
      );
  }
  const lst = sys.lstatOrNull(R(dir));
  if (lst !== null && lst.kind !== "symlink")
    throw fail(
      `\`${dir}' is a ${lst.kind}, where confed keeps its link to the active secrets: remove it.`,
      [dir],
    );
  const linkNow = lst === null ? null : sys.readlink(R(dir));
  // The active generation, if the link points at one that still exists.
  const activeGen =
    linkNow !== null && /^[^/]+\.d\/\d+$/.test(linkNow) ? `${parentOf(dir)}/${linkNow}` : null;
  const activeOk = activeGen !== null && sys.lstatOrNull(R(activeGen))?.kind === "directory";

  // Decrypt and render, in memory.
  const contents = new SecretContents();
  const specs: SecretFileSpec[] = [];
  const changed = new Set<string>();
  const changes: PreparedSecrets["changes"] = [];
  let differs = !activeOk;
  const values = new Map<string, Uint8Array>();
  try {
    for (const [name, f] of files) {
      let ciphertext: Uint8Array;
      try {
        ciphertext = sys.readFile(f.source);
      } catch (e) {
        throw new ActivationError(
          "E_ACTIVATION_SOURCE",
          `secrets.${name}: its ciphertext \`${f.source}' cannot be read (${(e as { code?: string }).code ?? e}); rebuild the generation.`,
          { cause: e },
        );
      }
      let plain: Uint8Array;
      try {
        plain = decryptBytes(ciphertext, `secrets.${name}`, o.identities);
      } catch (e) {
        const looked = o.looked?.length ? ` Keys looked for: ${o.looked.join(", ")}.` : "";
        throw new ActivationError(
          "E_ACTIVATION_SECRETS",
          `${(e as Error).message}${looked} Nothing was changed; the previous secrets stay in place.`,
          { cause: e },
        );
      }
      values.set(name, plain);
    }
    for (const [name, t] of templates) {
      const chunks = t.parts.map((p) => {
        if (typeof p === "string") return new TextEncoder().encode(p);
        const v = values.get(p.secret);
        if (v === undefined)
          throw fail(`secrets.templates.${name}: the secret \`${p.secret}' is not decrypted here.`);
        return v;
      });
      values.set(`templates/${name}`, concatBytes(...chunks));
    }
    for (const [rel, t] of entries) {
      const plain = values.get(rel)!;
      const mode = Number.parseInt(t.mode, 8);
      const ids = o.ids?.(
        t.owner,
        t.group,
        rel.startsWith("templates/") ? `secrets.${rel.replace("/", ".")}` : `secrets.${rel}`,
      );
      specs.push({ name: rel, mode, ...(ids && { uid: ids.uid, gid: ids.gid }) });
      contents.set(rel, plain);
      const at = activeOk ? R(`${activeGen}/${rel}`) : null;
      const st = at === null ? null : sys.lstatOrNull(at);
      let same = false;
      if (st?.kind === "file") {
        try {
          same = bytesEqual(sys.readFile(at!), plain);
        } catch {
          same = false; // not readable: it is rewritten
        }
      }
      if (!same) {
        changed.add(rel);
        changes.push({ name: rel.replace("/", "."), action: st === null ? "add" : "change" });
        differs = true;
      } else if (
        (st!.mode & 0o7777) !== mode ||
        (ids !== undefined && !sameOwner(sys.ownerOf(at!), ids))
      )
        differs = true;
    }
    if (activeOk) {
      const wanted = new Set(entries.map(([rel]) => rel));
      const list = (d: string): string[] =>
        sys
          .readdir(R(`${activeGen}${d ? `/${d}` : ""}`))
          .flatMap((n) =>
            sys.lstatOrNull(R(`${activeGen}/${d ? `${d}/` : ""}${n}`))?.kind === "directory"
              ? list(d ? `${d}/${n}` : n)
              : [d ? `${d}/${n}` : n],
          );
      for (const rel of list("")) {
        if (wanted.has(rel)) continue;
        differs = true;
        changes.push({ name: rel.replace("/", "."), action: "remove" });
      }
    }
  } catch (e) {
    contents.wipe();
    for (const v of values.values()) v.fill(0);
    throw e;
  }

  const ops: Op[] = [];
  let genDir = activeGen;
  if (differs) {
    let n = 0;
    if (sys.lstatOrNull(R(base))?.kind === "directory")
      for (const e of sys.readdir(R(base))) if (/^\d+$/.test(e)) n = Math.max(n, Number(e));
    genDir = `${base}/${n + 1}`;
    ops.push({
      op: "writeSecrets",
      target: R(genDir),
      prev: activeOk ? R(activeGen!) : null,
      mkdirs,
      dirMode: o.dirMode,
      files: specs,
    });
    ops.push({
      op: "flip",
      link: R(dir),
      to: `${baseOf(dir)}.d/${n + 1}`,
      prev: linkNow,
    });
  } else contents.wipe();

  // Paths outside the directory: a link into it, or a copy.
  const inDir = (p: string) => p === dir || p.startsWith(`${dir}/`);
  const outside = entries.filter(([, t]) => !inDir(t.path));
  const placed = new Set<string>();
  for (const [rel, t] of outside) {
    placed.add(t.path);
    const p = R(t.path);
    if (sys.lstatOrNull(parentOf(p))?.kind !== "directory")
      throw fail(
        `secrets.${rel.replace("/", ".")}.path: the directory \`${parentOf(t.path)}' does not exist; create it first.`,
        [t.path],
      );
    const st = sys.lstatOrNull(p);
    if (t.symlink) {
      const to = `${dir}/${rel}`;
      const now = st?.kind === "symlink" ? sys.readlink(p) : null;
      if (st !== null && (now === null || (now !== to && !now.startsWith(`${dir}/`))))
        throw fail(
          `secrets.${rel.replace("/", ".")}.path: \`${t.path}' is in the way (${now === null ? `a ${st.kind}` : `a link to \`${now}'`} confed did not create). Move it away.`,
          [t.path],
        );
      if (now !== to) ops.push({ op: "flip", link: p, to, prev: now });
    } else {
      const type = sys.fileSystemType(parentOf(p));
      if (!RAM.has(type))
        throw fail(
          `secrets.${rel.replace("/", ".")}.path: \`${t.path}' is on a ${type} file system; a copy ` +
            "(symlink = false) must be on RAM (tmpfs or ramfs) too. Use a link (the default) or another path.",
          [t.path],
        );
      if (st !== null && st.kind !== "file")
        throw fail(
          `secrets.${rel.replace("/", ".")}.path: \`${t.path}' is a ${st.kind}; move it away.`,
          [t.path],
        );
      if (differs || st === null)
        ops.push({
          op: "copySecret",
          target: p,
          from: R(`${genDir}/${rel}`),
          aside: st === null ? null : `${parentOf(p)}/.${baseOf(p)}.confed-old`,
        });
    }
  }
  // Links a previous generation placed that this one drops (in the same step, so its links
  // pointed into this step's directory, or into the previous generation's own).
  const prevDir = o.previousDir ?? o.previous?.dir;
  if (o.previous && prevDir !== undefined) {
    for (const [rel, t] of entriesOf(o.previous)) {
      if (!t.symlink || placed.has(t.path) || t.path.startsWith(`${prevDir}/`)) continue;
      const to = `${prevDir}/${rel}`;
      if (sys.readlinkOrNull(R(t.path)) === to)
        ops.push({ op: "unlinkSecret", target: R(t.path), prev: to });
    }
  }

  const pending: PendingScript[] = [];
  if (o.restarts !== false) {
    const units = (k: "restartUnits" | "reloadUnits") => {
      const set = new Set<string>();
      for (const [n, f] of files) if (changed.has(n)) for (const u of f[k]) set.add(u);
      for (const [n, t] of templates)
        if (changed.has(`templates/${n}`)) for (const u of t[k]) set.add(u);
      return [...set].sort();
    };
    const restart = units("restartUnits");
    const reload = units("reloadUnits").filter((u) => !restart.includes(u));
    if (restart.length)
      pending.push({
        kind: "secrets",
        name: `restart ${restart.join(" ")} (secrets changed)`,
        script: unitScript(o.units, "restart", restart),
      });
    if (reload.length)
      pending.push({
        kind: "secrets",
        name: `reload ${reload.join(" ")} (secrets changed)`,
        script: unitScript(o.units, "reload", reload),
      });
  }
  return { ops, pending, changes, contents };
}

/**
 * The plan with the secrets' ops, scripts and names added (their ops after the files', their
 * restarts before the activation steps).
 *
 * @example
 * const plan = withSecrets(planHome(sys, opts), prepareSecrets(sys, secretOpts));
 */
export function withSecrets(plan: Plan, s: PreparedSecrets): Plan {
  return {
    ...plan,
    ops: [...plan.ops, ...s.ops],
    pending: [...s.pending, ...plan.pending],
    secrets: s.changes,
  };
}
