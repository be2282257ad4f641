/**
 * Executing and undoing the plan's operations. `doOp` runs one for the first time and checks
 * that the disk is still as planned (a file that appeared after the check is a race: the
 * switch is rolled back). `undoOp` is idempotent and looks at the disk to see whether the
 * operation happened, so recovery can run it again after a crash in the middle of undoing.
 */
import type { System } from "../system/system.ts";
import { isFsError } from "../system/system.ts";
import { ActivationError } from "./activation-error.ts";
import type { Op, Placed } from "./plan-types.ts";
import {
  doSecretOp,
  isSecretOp,
  type SecretContents,
  secretTouchedDirs,
  undoSecretOp,
} from "./secrets-ops.ts";

const parentOf = (p: string) => p.slice(0, p.lastIndexOf("/")) || "/";
const baseOf = (p: string) => p.slice(p.lastIndexOf("/") + 1);

/** The temporary sibling a target is prepared in before it is renamed into place. */
export const tmpPath = (abs: string) => `${parentOf(abs)}/.${baseOf(abs)}.confed-new`;

function race(target: string, what: string, cause?: unknown): ActivationError {
  return new ActivationError(
    "E_ACTIVATION_RACE",
    `\`${target}' ${what} after the checks; the switch was rolled back and nothing was changed. ` +
      "Run it again.",
    { paths: [target], cause },
  );
}

/** True when `abs` holds exactly what `p` places (copy mode: by hash, and the executable bit). */
export function isPlaced(sys: System, abs: string, p: Placed): boolean {
  const st = sys.lstatOrNull(abs);
  if (p.mode === "link") return st?.kind === "symlink" && sys.readlink(abs) === p.source;
  return (
    st?.kind === "file" &&
    (st.mode & 0o111) === (p.executable ? 0o111 : 0) &&
    sys.sha256(abs) === p.sha256
  );
}

/** Prepares `p` at the temporary path (removing a leftover of an earlier crash, confed's own). */
function prepare(sys: System, abs: string, p: Placed): string {
  const tmp = tmpPath(abs);
  if (sys.lstatOrNull(tmp) !== null) sys.unlink(tmp);
  if (p.mode === "link") sys.symlink(p.source, tmp);
  else {
    sys.writeFileExclusive(tmp, sys.readFile(p.source), p.executable ? 0o755 : 0o644);
    sys.fsyncFile(tmp);
  }
  return tmp;
}

/**
 * Runs `op` (paths relative to `home`) for the first time, checking the disk is as planned.
 *
 * @example
 * for (const op of plan.ops) doOp(sys, plan.home, op);
 */
export function doOp(sys: System, home: string, op: Op, secrets?: SecretContents): void {
  if (isSecretOp(op)) {
    doSecretOp(sys, op, secrets);
    return;
  }
  const abs = (rel: string) => `${home}/${rel}`;
  switch (op.op) {
    case "remove":
      if (!isPlaced(sys, abs(op.target), op.prev)) throw race(op.target, "changed");
      sys.unlink(abs(op.target));
      return;
    case "rmdir":
      try {
        sys.rmdir(abs(op.dir));
      } catch (e) {
        if (isFsError(e, "ENOTEMPTY")) throw race(op.dir, "got new files", e);
        throw e;
      }
      return;
    case "moveAside":
      if (sys.lstatOrNull(abs(op.to)) !== null) throw race(op.to, "appeared");
      sys.rename(abs(op.target), abs(op.to));
      return;
    case "mkdir":
      try {
        sys.mkdir(abs(op.dir));
      } catch (e) {
        if (isFsError(e, "EEXIST")) throw race(op.dir, "appeared", e);
        throw e;
      }
      return;
    case "flip": {
      const now = sys.lstatOrNull(op.link)?.kind === "symlink" ? sys.readlink(op.link) : null;
      if (now !== op.prev) throw race(op.link, "changed");
      setLink(sys, op.link, op.to);
      return;
    }
    case "put": {
      const target = abs(op.target);
      if (op.prev === null && op.entry.mode === "link") {
        // Exclusive creation: a file that appeared since the check makes this fail.
        try {
          sys.symlink(op.entry.source, target);
        } catch (e) {
          if (isFsError(e, "EEXIST")) throw race(op.target, "appeared", e);
          throw e;
        }
        return;
      }
      if (op.prev !== null && !isPlaced(sys, target, op.prev)) throw race(op.target, "changed");
      const tmp = prepare(sys, target, op.entry);
      // A new copy-mode file: rename would replace a file that appeared meanwhile, so look
      // first. (The window is one lstat wide; links above have none.)
      if (op.prev === null && sys.lstatOrNull(target) !== null) {
        sys.unlink(tmp);
        throw race(op.target, "appeared");
      }
      sys.rename(tmp, target);
      return;
    }
  }
}

/**
 * Undoes `op` if (and as far as) it happened; does nothing otherwise. Safe to repeat.
 *
 * @example
 * for (const op of [...ops].reverse()) undoOp(sys, home, op);
 */
export function undoOp(sys: System, home: string, op: Op): void {
  if (isSecretOp(op)) {
    undoSecretOp(sys, op);
    return;
  }
  const abs = (rel: string) => `${home}/${rel}`;
  switch (op.op) {
    case "flip": {
      const tmp = tmpPath(op.link);
      if (sys.lstatOrNull(tmp) !== null) sys.unlink(tmp);
      if (sys.lstatOrNull(op.link)?.kind !== "symlink" || sys.readlink(op.link) !== op.to) return;
      if (op.prev === null) sys.unlink(op.link);
      else setLink(sys, op.link, op.prev);
      return;
    }
    case "put": {
      const target = abs(op.target);
      const tmp = tmpPath(target);
      if (sys.lstatOrNull(tmp) !== null) sys.unlink(tmp);
      if (!isPlaced(sys, target, op.entry)) return;
      if (op.prev === null) sys.unlink(target);
      else sys.rename(prepare(sys, target, op.prev), target);
      return;
    }
    case "mkdir": {
      const d = abs(op.dir);
      if (sys.lstatOrNull(d)?.kind === "directory" && sys.readdir(d).length === 0) sys.rmdir(d);
      return;
    }
    case "moveAside":
      if (sys.lstatOrNull(abs(op.to)) !== null && sys.lstatOrNull(abs(op.target)) === null)
        sys.rename(abs(op.to), abs(op.target));
      return;
    case "rmdir":
      if (sys.lstatOrNull(abs(op.dir)) === null) sys.mkdir(abs(op.dir));
      return;
    case "remove":
      if (sys.lstatOrNull(abs(op.target)) === null)
        sys.rename(prepare(sys, abs(op.target), op.prev), abs(op.target));
      return;
  }
}

/** Points the symlink `link` at `to` in one rename (a temporary sibling first). */
function setLink(sys: System, link: string, to: string): void {
  const tmp = tmpPath(link);
  if (sys.lstatOrNull(tmp) !== null) sys.unlink(tmp);
  sys.symlink(to, tmp);
  sys.rename(tmp, link);
}

/** The directories whose entries `op` changes (to be fsynced before the commit record). */
export function touchedDirs(home: string, op: Op): string[] {
  if (isSecretOp(op)) return secretTouchedDirs(op);
  if (op.op === "flip") return [parentOf(op.link)];
  if (op.op === "rmdir" || op.op === "mkdir") return [parentOf(`${home}/${op.dir}`)];
  if (op.op === "moveAside")
    return [parentOf(`${home}/${op.target}`), parentOf(`${home}/${op.to}`)];
  return [parentOf(`${home}/${op.target}`)];
}
