/**
 * The secrets' operations of a switch. The decrypted bytes are never part of an op (ops go into
 * the journal): `writeSecrets` takes them from a `SecretContents` held in memory, which
 * activation fills before the write boundary and wipes afterwards. Recovery never needs them:
 * without a commit record it deletes the new generation, with one it only deletes the old.
 */
import type { System } from "../system/system.ts";
import { ActivationError } from "./activation-error.ts";
import type { Op } from "./plan-types.ts";

/**
 * Decrypted files by name (relative to a secrets generation), in memory only. It refuses to be
 * serialised or printed, so a stray `JSON.stringify` or log line cannot carry plaintext.
 *
 * @example
 * const c = new SecretContents(); c.set("ssh", bytes); …; c.wipe();
 */
export class SecretContents {
  readonly #files = new Map<string, Uint8Array>();
  set(name: string, data: Uint8Array): void {
    this.#files.get(name)?.fill(0);
    this.#files.set(name, data);
  }
  get(name: string): Uint8Array | undefined {
    return this.#files.get(name);
  }
  get size(): number {
    return this.#files.size;
  }
  /** Overwrites every buffer with zeros and forgets them. */
  wipe(): void {
    for (const b of this.#files.values()) b.fill(0);
    this.#files.clear();
  }
  toJSON(): string {
    return "[secret contents]";
  }
  toString(): string {
    return "[secret contents]";
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return "[secret contents]";
  }
}

type SecretOp = Extract<Op, { op: "writeSecrets" | "copySecret" | "unlinkSecret" }>;

/** True for the ops this file handles. */
export function isSecretOp(op: Op): op is SecretOp {
  return op.op === "writeSecrets" || op.op === "copySecret" || op.op === "unlinkSecret";
}

const tmpOf = (p: string) =>
  `${p.slice(0, p.lastIndexOf("/"))}/.${p.slice(p.lastIndexOf("/") + 1)}.confed-new`;

/** Deletes a tree (secrets generations are small and flat: a directory of files, `templates/`). */
export function removeTree(sys: System, path: string): void {
  const st = sys.lstatOrNull(path);
  if (st === null) return;
  if (st.kind !== "directory") {
    sys.unlink(path);
    return;
  }
  for (const name of sys.readdir(path)) removeTree(sys, `${path}/${name}`);
  sys.rmdir(path);
}

/**
 * Runs a secrets op for the first time.
 *
 * @example
 * doSecretOp(sys, op, contents);
 */
export function doSecretOp(sys: System, op: SecretOp, contents: SecretContents | undefined): void {
  switch (op.op) {
    case "writeSecrets": {
      for (const d of op.mkdirs) if (sys.lstatOrNull(d) === null) sys.mkdir(d, op.dirMode);
      if (sys.lstatOrNull(op.target) !== null)
        throw new ActivationError(
          "E_ACTIVATION_RACE",
          `\`${op.target}' appeared after the checks; the switch was rolled back. Run it again.`,
          { paths: [op.target] },
        );
      // Private while it fills; its final mode (0751 on a machine, for the owners' sake) last.
      sys.mkdir(op.target, 0o700);
      for (const f of op.files) {
        const data = contents?.get(f.name);
        if (data === undefined)
          throw new ActivationError(
            "E_ACTIVATION_SECRETS",
            `the decrypted value of \`${f.name}' is not in memory (a switch decrypts before it writes).`,
          );
        const slash = f.name.lastIndexOf("/");
        if (slash > 0 && sys.lstatOrNull(`${op.target}/${f.name.slice(0, slash)}`) === null)
          sys.mkdir(`${op.target}/${f.name.slice(0, slash)}`, op.dirMode);
        const p = `${op.target}/${f.name}`;
        // Created with its final mode (never wider), owned before the link swap shows it.
        sys.writeFileExclusive(p, data, f.mode);
        if (f.uid !== undefined) sys.chown(p, f.uid, f.gid ?? f.uid);
        sys.fsyncFile(p);
      }
      if (op.dirMode !== 0o700) sys.chmod(op.target, op.dirMode);
      sys.fsyncDir(op.target);
      return;
    }
    case "copySecret": {
      if (op.aside !== null && sys.lstatOrNull(op.target) !== null) sys.rename(op.target, op.aside);
      const tmp = tmpOf(op.target);
      if (sys.lstatOrNull(tmp) !== null) sys.unlink(tmp);
      const st = sys.lstatOrNull(op.from);
      sys.writeFileExclusive(tmp, sys.readFile(op.from), st?.mode ?? 0o400);
      sys.fsyncFile(tmp);
      sys.rename(tmp, op.target);
      return;
    }
    case "unlinkSecret":
      if (sys.readlinkOrNull(op.target) === op.prev) sys.unlink(op.target);
      return;
  }
}

/**
 * Undoes a secrets op as far as it happened; safe to repeat.
 *
 * @example
 * undoSecretOp(sys, op);
 */
export function undoSecretOp(sys: System, op: SecretOp): void {
  switch (op.op) {
    case "writeSecrets":
      removeTree(sys, op.target);
      for (const d of [...op.mkdirs].reverse())
        if (sys.lstatOrNull(d)?.kind === "directory" && sys.readdir(d).length === 0) sys.rmdir(d);
      return;
    case "copySecret": {
      const tmp = tmpOf(op.target);
      if (sys.lstatOrNull(tmp) !== null) sys.unlink(tmp);
      if (op.aside !== null && sys.lstatOrNull(op.aside) !== null) sys.rename(op.aside, op.target);
      else if (op.aside === null && sys.lstatOrNull(op.target) !== null) sys.unlink(op.target);
      return;
    }
    case "unlinkSecret":
      if (sys.lstatOrNull(op.target) === null) sys.symlink(op.prev, op.target);
      return;
  }
}

/** After the commit: the previous generation and displaced copies go. Idempotent. */
export function finishSecretOp(sys: System, op: Op): void {
  if (op.op === "writeSecrets" && op.prev !== null && op.prev !== op.target)
    removeTree(sys, op.prev);
  if (op.op === "copySecret" && op.aside !== null && sys.lstatOrNull(op.aside) !== null)
    sys.unlink(op.aside);
}

/** The directories whose entries a secrets op changes. */
export function secretTouchedDirs(op: SecretOp): string[] {
  return [op.target.slice(0, op.target.lastIndexOf("/")) || "/"];
}
