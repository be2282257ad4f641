/**
 * Applying a plan, crash-safely. Under an exclusive lock on the profile's state directory:
 *
 *   1. the journal's `begin` record (the whole op list, the new state, the pending scripts) is
 *      written and fsynced before the first change to the home;
 *   2. the ops run (prune, rmdir, moves aside, mkdir, puts); the directories they touched are
 *      fsynced;
 *   3. the `commit` record is appended and fsynced — the switch has happened;
 *   4. displaced files are deleted, `state.json` is replaced, scripts run, `scripts-done` is
 *      appended, the journal is removed.
 *
 * `recover` reads a journal left by a crash: without `commit` it undoes every op (each undo is
 * idempotent and checks the disk), with it it finishes step 4 (scripts re-run unless
 * `scripts-done` was written). Three journal records per switch, whatever its size.
 */
import type { System } from "../system/system.ts";
import { ActivationError } from "./activation-error.ts";
import { doOp, touchedDirs, undoOp } from "./ops.ts";
import type { ActivationState, Op, PendingScript, Plan } from "./plan-types.ts";
import { finishSecretOp, type SecretContents } from "./secrets-ops.ts";

/** How `applyPlan` and `recover` run scripts and where they keep state. */
export interface ApplyOptions {
  /** The profile's state directory (lock, journal, state.json); it must exist. */
  stateDir: string;
  /** Runs one pending script (a shell in production, a recorder in tests). Throw on failure. */
  runScript?: (script: PendingScript, home: string) => void;
  /** The decrypted secrets the plan's `writeSecrets` ops write (in memory; never journaled). */
  secrets?: SecretContents;
}

/** What a switch did. */
export interface ApplyResult {
  /** False for a no-op switch (no mutating call at all). */
  changed: boolean;
  /** Scripts that failed, with their error messages (the switch itself stands). */
  failedScripts: { name: string; error: string }[];
}

interface Begin {
  type: "begin";
  version: 1;
  home: string;
  ops: Op[];
  state: ActivationState;
  pending: PendingScript[];
}

const EMPTY_STATE: ActivationState = { version: 1, generation: null, createdDirectories: [] };
const dec = new TextDecoder();

/**
 * The state the last switch left (`generation`, `createdDirectories`); the empty state when
 * there was none.
 *
 * @example
 * const { createdDirectories } = readState(sys, stateDir);
 */
export function readState(sys: System, stateDir: string): ActivationState {
  const p = `${stateDir}/state.json`;
  if (sys.lstatOrNull(p) === null) return EMPTY_STATE;
  const s = JSON.parse(dec.decode(sys.readFile(p)));
  if (s?.version !== 1)
    throw new ActivationError(
      "E_ACTIVATION_JOURNAL",
      `\`${p}' has version ${JSON.stringify(s?.version)}; this confed reads version 1.`,
    );
  return s as ActivationState;
}

function writeState(sys: System, stateDir: string, s: ActivationState): void {
  const tmp = `${stateDir}/state.json.new`;
  if (sys.lstatOrNull(tmp) !== null) sys.unlink(tmp);
  sys.writeFileExclusive(tmp, `${JSON.stringify(s)}\n`, 0o600);
  sys.fsyncFile(tmp);
  sys.rename(tmp, `${stateDir}/state.json`);
  sys.fsyncDir(stateDir);
}

function lock(sys: System, stateDir: string): () => void {
  const p = `${stateDir}/lock`;
  for (let attempt = 0; ; attempt++) {
    if (sys.lstatOrNull(p) === null || attempt > 0) {
      try {
        sys.writeFileExclusive(p, `${sys.pid()}\n`, 0o600);
        return () => sys.unlink(p);
      } catch (e) {
        if (attempt > 0) throw e;
      }
    }
    const holder = Number.parseInt(dec.decode(sys.readFile(p)), 10);
    if (Number.isInteger(holder) && sys.processAlive(holder))
      throw new ActivationError(
        "E_ACTIVATION_LOCKED",
        `Another switch of this profile is running (process ${holder}, lock \`${p}').`,
      );
    sys.unlink(p); // stale: its process is gone (the journal, if any, is recovered next)
  }
}

const journalPath = (stateDir: string) => `${stateDir}/journal`;

/** The directories the ops change, once each (a first switch has ten thousand puts). */
function dirsOf(home: string, ops: readonly Op[]): Set<string> {
  const dirs = new Set<string>();
  for (const op of ops) for (const d of touchedDirs(home, op)) dirs.add(d);
  return dirs;
}

/**
 * True when a crashed switch left a journal: call `recover` before planning.
 *
 * @example
 * if (needsRecovery(sys, stateDir)) recover(sys, { stateDir, runScript });
 */
export function needsRecovery(sys: System, stateDir: string): boolean {
  return sys.lstatOrNull(journalPath(stateDir)) !== null;
}

/**
 * Executes a plan without collisions. A no-op plan whose state is already recorded makes no
 * mutating call. An error before the commit (a file appeared after the checks) rolls back.
 *
 * @example
 * const plan = planHome(sys, { home, oldManifest, newManifest, generation, createdDirectories });
 * applyPlan(sys, plan, { stateDir, runScript: (s) => execFileSync("sh", ["-c", s.script]) });
 */
export function applyPlan(sys: System, plan: Plan, o: ApplyOptions): ApplyResult {
  if (plan.collisions.length > 0)
    throw new ActivationError(
      "E_ACTIVATION_COLLISION",
      `${plan.collisions.length} file(s) are in the way; nothing was written:\n` +
        plan.collisions.map((c) => `  ${c.target}: ${c.detail}`).join("\n"),
      { paths: plan.collisions.map((c) => c.target) },
    );
  if (needsRecovery(sys, o.stateDir))
    throw new ActivationError(
      "E_ACTIVATION_JOURNAL",
      "An interrupted switch must be recovered before a new plan is applied.",
    );
  const old = readState(sys, o.stateDir);
  const state: ActivationState = {
    version: 1,
    generation: plan.generation,
    createdDirectories: plan.createdDirectories,
  };
  if (plan.ops.length === 0 && JSON.stringify(old) === JSON.stringify(state))
    return { changed: false, failedScripts: [] };
  const unlock = lock(sys, o.stateDir);
  const journal = journalPath(o.stateDir);
  const begin: Begin = {
    type: "begin",
    version: 1,
    home: plan.home,
    ops: plan.ops,
    state,
    pending: plan.pending,
  };
  sys.writeFileExclusive(journal, `${JSON.stringify(begin)}\n`, 0o600);
  sys.fsyncFile(journal);
  sys.fsyncDir(o.stateDir);
  let done = 0;
  try {
    for (const op of plan.ops) {
      doOp(sys, plan.home, op, o.secrets);
      done++;
    }
    const dirs = dirsOf(plan.home, plan.ops);
    for (const d of [...dirs].sort()) if (sys.lstatOrNull(d) !== null) sys.fsyncDir(d);
  } catch (e) {
    // Roll back what was done. If the process is gone (a simulated crash) this throws too,
    // and the next run's `recover` does it instead.
    // The failing op itself did nothing (its checks come first) except perhaps leave a
    // temporary file, which only a put makes and undoing a put removes.
    const failed = plan.ops[done];
    const undo = plan.ops.slice(0, done);
    if (failed?.op === "put") undo.push(failed);
    for (const op of undo.reverse()) undoOp(sys, plan.home, op);
    sys.unlink(journal);
    unlock();
    throw e;
  }
  sys.appendFile(journal, '{"type":"commit"}\n');
  sys.fsyncFile(journal);
  const result = finish(sys, begin, journal, o, true);
  unlock();
  return result;
}

/** Step 4: after the commit. Idempotent, so recovery can run it again. */
function finish(
  sys: System,
  b: Begin,
  journal: string,
  o: ApplyOptions,
  runScripts: boolean,
): ApplyResult {
  for (const op of b.ops) {
    if (op.op === "moveAside" && !op.keep && sys.lstatOrNull(`${b.home}/${op.to}`) !== null)
      sys.unlink(`${b.home}/${op.to}`);
    finishSecretOp(sys, op);
  }
  writeState(sys, o.stateDir, b.state);
  const failedScripts: ApplyResult["failedScripts"] = [];
  if (runScripts && b.pending.length > 0) {
    for (const s of b.pending) {
      try {
        o.runScript?.(s, b.home);
      } catch (e) {
        failedScripts.push({ name: s.name, error: (e as Error).message });
      }
    }
    sys.appendFile(journal, '{"type":"scripts-done"}\n');
  }
  sys.unlink(journal);
  sys.fsyncDir(o.stateDir);
  return { changed: true, failedScripts };
}

/**
 * Finishes or rolls back a switch a crash interrupted (see the file comment). Returns what it
 * did: "none" (no journal), "rolled-back" or "completed".
 *
 * @example
 * recover(new RealSystem(), { stateDir, runScript });
 */
export function recover(sys: System, o: ApplyOptions): "none" | "rolled-back" | "completed" {
  const journal = journalPath(o.stateDir);
  if (sys.lstatOrNull(journal) === null) {
    // A crash between taking the lock and writing the journal leaves only a stale lock.
    if (sys.lstatOrNull(`${o.stateDir}/lock`) !== null) lock(sys, o.stateDir)();
    return "none";
  }
  const unlock = lock(sys, o.stateDir);
  const lines = dec.decode(sys.readFile(journal)).split("\n");
  let begin: Begin | undefined;
  try {
    begin = JSON.parse(lines[0]) as Begin;
  } catch {
    // A torn first record: the crash came before the first change to the home.
  }
  if (begin?.type !== "begin") {
    sys.unlink(journal);
    unlock();
    return "rolled-back";
  }
  const has = (t: string) => lines.slice(1).some((l) => l === `{"type":"${t}"}`);
  if (!has("commit")) {
    for (const op of [...begin.ops].reverse()) undoOp(sys, begin.home, op);
    const dirs = dirsOf(begin.home, begin.ops);
    for (const d of [...dirs].sort()) if (sys.lstatOrNull(d) !== null) sys.fsyncDir(d);
    sys.unlink(journal);
    sys.fsyncDir(o.stateDir);
    unlock();
    return "rolled-back";
  }
  finish(sys, begin, journal, o, !has("scripts-done"));
  unlock();
  return "completed";
}
