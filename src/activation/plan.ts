/**
 * Planning a home switch: compare the old manifest, the new one and what `$HOME` holds, and
 * decide every operation before anything is written. Reads only (a `SystemReader`); the result
 * is plain data that `renderPlan` prints and `applyPlan` executes.
 */
import type { HomeManifest } from "../manifest/index.ts";
import type { FileInfo, SystemReader } from "../system/system.ts";
import { orderEntries } from "./dag.ts";
import { expandFiles, type Target } from "./expand.ts";
import type {
  Collision,
  FileChange,
  Notice,
  Op,
  PendingScript,
  Placed,
  Plan,
} from "./plan-types.ts";
import { unifiedDiff } from "./unified-diff.ts";
import { planUnits, unitScript } from "./units.ts";

/** The inputs of `planHome` besides the System. */
export interface PlanOptions {
  /** The directory the files go into (the manifest's homeDirectory, or `--destination`). */
  home: string;
  /** The manifest `$HOME` currently matches; null for a first switch. */
  oldManifest: HomeManifest | null;
  newManifest: HomeManifest;
  /** The generation being activated, recorded in the state (opaque here). */
  generation?: string | null;
  /** A link pointing below one of these (the profile's store) is confed's. */
  ownedPrefixes?: string[];
  /**
   * The profile's stable link to the active generation's files (version 2 manifests link
   * through it; a switch flips it). Needs `generation`. Without it, links go straight into the
   * generation, as version 1 placed them.
   */
  filesLink?: string;
  /** Directories confed created at earlier switches (from the activation state). */
  createdDirectories?: string[];
  /** `-b EXT`: move unowned files aside to `name.EXT`, `name.EXT.1`, … instead of colliding. */
  backupExtension?: string;
  /** `--adopt`: take over files whose content already equals the new one. */
  adopt?: boolean;
  /** Where the distro's skeleton files are (default `/etc/skel`). */
  skelDir?: string;
  /**
   * A systemd user manager runs for this home: units are started and stopped after the commit.
   * A function is asked only when some unit changed (asking may start a process).
   */
  userManager?: boolean | (() => boolean);
}

/**
 * True when two version 1 manifests place the same files the same way (their expansion, which
 * walks recursive directories, is equal). Version 2 expands without reading: no shortcut needed.
 */
function sameFiles(a: HomeManifest, b: HomeManifest): boolean {
  return (
    a.version === 1 &&
    b.version === 1 &&
    a.homeDirectory === b.homeDirectory &&
    JSON.stringify(a.files) === JSON.stringify(b.files)
  );
}

const parentOf = (rel: string) => rel.slice(0, Math.max(0, rel.lastIndexOf("/")));
const baseOf = (rel: string) => rel.slice(rel.lastIndexOf("/") + 1);
const DIFF_LIMIT = 64 * 1024;

/**
 * Plans a switch from `oldManifest` to `newManifest` in `home`. Collisions are all collected;
 * a plan with collisions must not be applied (`applyPlan` refuses it).
 *
 * @example
 * const plan = planHome(new RealSystem(), { home, oldManifest, newManifest, backupExtension: "bak" });
 * console.log(renderPlan(plan));
 */
export function planHome(sys: SystemReader, o: PlanOptions): Plan {
  const abs = (rel: string) => `${o.home}/${rel}`;
  const linkVia =
    o.filesLink !== undefined && o.generation && o.newManifest.version >= 2
      ? o.filesLink
      : undefined;
  const prefixes = [...(o.ownedPrefixes ?? []), ...(o.filesLink ? [o.filesLink] : [])].map((p) =>
    p.endsWith("/") ? p : `${p}/`,
  );
  const newT = expandFiles(sys, o.newManifest, linkVia);
  // Switching to the generation already in place (a no-op) needs one expansion, not two.
  const oldT = !o.oldManifest
    ? new Map<string, Target>()
    : o.oldManifest === o.newManifest || sameFiles(o.oldManifest, o.newManifest)
      ? newT
      : expandFiles(sys, o.oldManifest, o.filesLink);
  const files: FileChange[] = [];
  const notices: Notice[] = [];
  const collisions: Collision[] = [];
  const removes: Op[] = [];
  const asides: Op[] = [];
  const mkdirs: string[] = [];
  const puts: Op[] = [];
  const gone = new Set<string>(); // paths the ops empty before the puts
  const reserved = new Set<string>(newT.keys()); // names a backup must not take
  const shaMemo = new Map<string, string>();
  const sha = (rel: string) => {
    let h = shaMemo.get(rel);
    if (h === undefined) shaMemo.set(rel, (h = sys.sha256(abs(rel))));
    return h;
  };
  const ownedLink = (rel: string, old: Target | undefined): string | null => {
    const t = sys.readlink(abs(rel));
    if (old?.placed.mode === "link" && t === old.placed.source) return t;
    return prefixes.some((p) => t.startsWith(p)) ? t : null;
  };
  /** True when `rel` (whose lstat is `st`) is exactly as `p` wants it. */
  const matches = (rel: string, st: FileInfo | null, p: Placed): boolean => {
    if (p.mode === "link") return st?.kind === "symlink" && sys.readlink(abs(rel)) === p.source;
    return (
      st?.kind === "file" &&
      (st.mode & 0o111) === (p.executable ? 0o111 : 0) &&
      sha(rel) === p.sha256
    );
  };
  /** A free sibling name `base.ext`, `base.ext.1`, … that nothing is at or will be at. */
  const freeName = (rel: string, ext: string, hidden: boolean): string => {
    const dir = parentOf(rel);
    const base = `${dir ? `${dir}/` : ""}${hidden ? "." : ""}${baseOf(rel)}.${ext}`;
    for (let n = 0; ; n++) {
      const cand = n === 0 ? base : `${base}.${n}`;
      if (!reserved.has(cand) && sys.lstatOrNull(abs(cand)) === null) {
        reserved.add(cand);
        return cand;
      }
    }
  };
  const moveAside = (rel: string, kind: Notice["kind"] | null, ext: string, keep: boolean) => {
    const to = freeName(rel, ext, !keep);
    asides.push({ op: "moveAside", target: rel, to, keep });
    gone.add(rel);
    if (kind) notices.push(kind === "forced" ? { target: rel, kind } : { target: rel, kind, to });
  };

  // Prune: what the old generation placed and the new one drops, if it is still confed's.
  for (const [rel, old] of oldT) {
    if (newT.has(rel)) continue;
    const st = sys.lstatOrNull(abs(rel));
    if (st === null) continue;
    if (old.placed.mode === "link" && st.kind === "symlink") {
      const t = ownedLink(rel, old);
      if (t !== null) {
        removes.push({ op: "remove", target: rel, prev: { mode: "link", source: t } });
        files.push({ target: rel, action: "remove" });
        gone.add(rel);
        continue;
      }
    } else if (old.placed.mode === "copy" && st.kind === "file") {
      if (sha(rel) === old.placed.sha256) {
        removes.push({
          op: "remove",
          target: rel,
          prev: { ...old.placed, executable: (st.mode & 0o111) !== 0 },
        });
        files.push({ target: rel, action: "remove" });
        gone.add(rel);
        continue;
      }
      notices.push({ target: rel, kind: "modified-kept" });
      continue;
    }
    notices.push({ target: rel, kind: "released" });
  }

  // Parents: each ancestor of a new target must be (or become) a real directory.
  const parentState = new Map<string, "ok" | "missing" | "bad">();
  const checkParent = (dir: string): "ok" | "missing" | "bad" => {
    let s = parentState.get(dir);
    if (s !== undefined) return s;
    const up = parentOf(dir);
    if (up !== "" && checkParent(up) !== "ok") s = checkParent(up) === "bad" ? "bad" : "missing";
    else {
      const st = gone.has(dir) ? null : sys.lstatOrNull(abs(dir));
      if (st === null) s = "missing";
      else if (st.kind === "directory") s = "ok";
      else if (o.backupExtension !== undefined) {
        moveAside(dir, "backup", o.backupExtension, true);
        s = "missing";
      } else {
        const link = st.kind === "symlink";
        collisions.push({
          target: dir,
          kind: link ? "parent-symlink" : "parent-file",
          detail: link
            ? `a symlink confed did not create (to \`${sys.readlink(abs(dir))}'), where a directory is needed`
            : "a file, where a directory is needed",
        });
        s = "bad";
      }
    }
    if (s === "missing") mkdirs.push(dir);
    parentState.set(dir, s);
    return s;
  };

  let unchanged = 0;
  const changed = new Set<string>();
  /** A target already placed as wanted: through the stable link, its content may still change. */
  const unchangedOrChanged = (rel: string, t: Target, old: Target | undefined) => {
    if (t.id !== undefined && old !== undefined && old.id !== t.id && oldT !== newT) {
      files.push({ target: rel, action: "change" });
      changed.add(rel);
    } else unchanged++;
  };
  const skel = o.skelDir ?? "/etc/skel";
  for (const [rel, t] of newT) {
    const up = parentOf(rel);
    const ps = up === "" ? "ok" : checkParent(up);
    if (ps === "bad") continue;
    const old = oldT.get(rel);
    // The common case first, in one call: a link already as wanted.
    if (ps !== "missing" && t.placed.mode === "link") {
      if (sys.readlinkOrNull(abs(rel)) === t.placed.source) {
        unchangedOrChanged(rel, t, old);
        continue;
      }
    }
    const st = ps === "missing" ? null : sys.lstatOrNull(abs(rel));
    const put = (prev: Placed | null, action: "add" | "change") => {
      puts.push({ op: "put", target: rel, entry: t.placed, prev });
      files.push(diffed({ target: rel, action }, prev, t.placed, sys));
      changed.add(rel);
    };
    if (st === null) {
      put(null, "add");
      continue;
    }
    if (matches(rel, st, t.placed)) {
      unchangedOrChanged(rel, t, old);
      continue;
    }
    if (st.kind === "symlink") {
      const owned = ownedLink(rel, old);
      if (owned !== null) {
        put({ mode: "link", source: owned }, "change");
        continue;
      }
    } else if (st.kind === "file" && old?.placed.mode === "copy") {
      const prev = { ...old.placed, executable: (st.mode & 0o111) !== 0 };
      if (sha(rel) === old.placed.sha256) {
        put(prev, "change");
        continue;
      }
      const newChangesIt = t.placed.mode !== "copy" || t.placed.sha256 !== old.placed.sha256;
      if (!newChangesIt) {
        notices.push({ target: rel, kind: "modified-kept" });
        continue;
      }
      if (!t.force && o.backupExtension === undefined) {
        collisions.push({
          target: rel,
          kind: "modified-copy",
          detail: "changed since the last switch, and the new generation changes it too",
        });
        continue;
      }
    }
    // Not confed's.
    const isFile = st.kind === "file";
    if (
      isFile &&
      sys.lstatOrNull(`${skel}/${rel}`)?.kind === "file" &&
      sha(rel) === sys.sha256(`${skel}/${rel}`)
    ) {
      moveAside(rel, "skel", o.backupExtension ?? "confed-skel", true);
      put(null, "add");
    } else if (o.adopt && isFile && sha(rel) === sys.sha256(t.content)) {
      if (t.placed.mode === "copy" && (st.mode & 0o111) === (t.placed.executable ? 0o111 : 0)) {
        notices.push({ target: rel, kind: "adopted" });
        unchanged++;
      } else {
        moveAside(rel, "adopted", "confed-displaced", false);
        put(null, "add");
      }
    } else if (o.backupExtension !== undefined) {
      moveAside(rel, "backup", o.backupExtension, true);
      put(null, "add");
    } else if (t.force && st.kind !== "directory") {
      moveAside(rel, "forced", "confed-displaced", false);
      put(null, "add");
    } else if (t.force) {
      collisions.push({
        target: rel,
        kind: "directory",
        detail: "a directory: `force' replaces files only; use -b EXT to move it aside",
      });
    } else {
      collisions.push({
        target: rel,
        kind: "unowned",
        detail: `${st.kind === "symlink" ? `a symlink to \`${sys.readlink(abs(rel))}'` : `a ${st.kind}`} confed did not create`,
      });
    }
  }

  // Directories confed created that nothing will be in: removed, deepest first.
  const oldDirs = [...new Set(o.createdDirectories ?? [])];
  const needed = new Set<string>();
  if (oldDirs.length > 0)
    for (const rel of newT.keys())
      for (let d = parentOf(rel); d !== "" && !needed.has(d); d = parentOf(d)) needed.add(d);
  const candidates = new Set(
    oldDirs.filter((d) => !needed.has(d) && sys.lstatOrNull(abs(d))?.kind === "directory"),
  );
  const rmdirs: string[] = [];
  for (const d of [...candidates].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
    const left = sys.readdir(abs(d)).filter((n) => {
      const r = `${d}/${n}`;
      return !gone.has(r) && !(candidates.has(r) && rmdirs.includes(r));
    });
    if (left.length === 0) {
      rmdirs.push(d);
      gone.add(d);
    } else candidates.delete(d);
  }
  const createdDirectories = [
    ...new Set([...oldDirs.filter((d) => !rmdirs.includes(d)), ...mkdirs]),
  ].sort();

  const pending: PendingScript[] = [];
  const seen = new Set<string>();
  for (const rel of [...changed].sort()) {
    const t = newT.get(rel)!;
    if (t.onChange !== undefined && !seen.has(t.owner)) {
      seen.add(t.owner);
      pending.push({ kind: "onChange", name: t.owner, script: t.onChange });
    }
  }
  const flips: Op[] = [];
  if (linkVia !== undefined) {
    const to = `${o.generation}/home-files`;
    const st = sys.lstatOrNull(linkVia);
    const prev = st?.kind === "symlink" ? sys.readlink(linkVia) : null;
    if (st !== null && st.kind !== "symlink")
      collisions.push({
        target: linkVia,
        kind: "unowned",
        detail: `a ${st.kind} where confed keeps its link to the active generation's files`,
      });
    else if (prev !== to) flips.push({ op: "flip", link: linkVia, to, prev });
  }
  const ops: Op[] = [
    ...removes,
    ...rmdirs.map((dir): Op => ({ op: "rmdir", dir })),
    ...asides,
    ...mkdirs
      .sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
      .map((dir): Op => ({ op: "mkdir", dir })),
    ...flips,
    ...puts,
  ];
  // Activation entries run at every switch that changes something, as home-manager's do; a
  // no-op switch runs nothing (and writes nothing).
  if (ops.length > 0)
    for (const e of orderEntries(o.newManifest.activation))
      pending.push({ kind: "activation", name: e.name, script: e.script });
  const units =
    o.oldManifest === o.newManifest
      ? undefined
      : planUnits(sys, o.oldManifest, o.newManifest, o.userManager ?? false);
  if (units?.run)
    pending.push({ kind: "units", name: "systemd", script: unitScript(units, o.newManifest) });
  return {
    version: 1,
    home: o.home,
    generation: o.generation ?? null,
    files: files.sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0)),
    unchanged,
    notices,
    collisions,
    ops,
    createdDirectories,
    pending,
    ...(units ? { units } : {}),
  };
}

/** Adds a unified diff to a changed copy-mode text file's line when both sides are small. */
function diffed(c: FileChange, prev: Placed | null, next: Placed, sys: SystemReader): FileChange {
  if (prev?.mode !== "copy" || next.mode !== "copy") return c;
  try {
    const a = sys.readFile(prev.source);
    const b = sys.readFile(next.source);
    if (a.length > DIFF_LIMIT || b.length > DIFF_LIMIT || a.includes(0) || b.includes(0)) return c;
    const dec = new TextDecoder("utf-8", { fatal: true });
    return {
      ...c,
      diff: unifiedDiff(dec.decode(a), dec.decode(b), `a/${c.target}`, `b/${c.target}`),
    };
  } catch {
    return c; // not text, or the old generation is gone: no diff, the change is still listed
  }
}
