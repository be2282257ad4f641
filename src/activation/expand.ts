import type { HomeFile, HomeManifest } from "../manifest/index.ts";
import type { SystemReader } from "../system/system.ts";
import { ActivationError } from "./activation-error.ts";
import type { Placed } from "./plan-types.ts";

/** One target after expansion: what to place, and the manifest entry it came from. */
export interface Target {
  placed: Placed;
  /** Version 2, link mode: the content's id (equal ids, equal content). */
  id?: string;
  /** Where the content can be read now (inside the generation, not through the stable link). */
  content: string;
  /** The manifest's target this file came from (itself, or a recursive directory's target). */
  owner: string;
  force: boolean;
  onChange: string | undefined;
}

/**
 * The manifest's files one target each: a `recursive` directory becomes one target per file
 * below it (symlinks in the source are placed as leaves). Reads the generation, never `$HOME`.
 *
 * @example
 * expandFiles(sys, manifest).get(".config/nvim/init.lua")?.placed // { mode: "link", source: … }
 */
export function expandFiles(
  sys: SystemReader,
  m: HomeManifest,
  filesLink?: string,
): Map<string, Target> {
  const out = new Map<string, Target>();
  const v2 = m.version >= 2;
  // Version 2 links go through the profile's stable link (when the caller has one): a switch
  // then swaps that one link instead of every file's.
  const via = (rel: string, source: string) =>
    v2 && filesLink !== undefined ? `${filesLink}/${rel}` : source;
  for (const rel of Object.keys(m.files).sort()) {
    const f = m.files[rel];
    if (f.recursive && f.entries !== undefined && f.mode !== "link") {
      for (const sub of Object.keys(f.entries)) {
        const r = `${rel}/${sub}`;
        if (out.has(r)) continue; // a file listed on its own wins
        const t = target(sys, f, rel, via(r, `${f.source}/${sub}`), undefined);
        t.id = f.entries[sub];
        t.content = `${f.source}/${sub}`;
        out.set(r, t);
      }
    } else if (f.recursive && f.entries !== undefined) {
      // Tens of thousands of entries: each target made in one go, in the shape `target` gives.
      const linkBase = v2 && filesLink !== undefined ? `${filesLink}/${rel}/` : `${f.source}/`;
      const contentBase = `${f.source}/`;
      const force = f.force === true;
      const entries = f.entries;
      for (const sub in entries) {
        const r = `${rel}/${sub}`;
        if (out.has(r)) continue; // a file listed on its own wins
        out.set(r, {
          placed: { mode: "link", source: linkBase + sub },
          id: entries[sub],
          content: contentBase + sub,
          owner: rel,
          force,
          onChange: f.onChange,
        });
      }
    } else if (f.recursive) walk(sys, f, rel, f.source, rel, out);
    else {
      const t = target(sys, f, rel, f.mode === "link" ? via(rel, f.source) : f.source, f.sha256);
      if (f.id !== undefined) t.id = f.id;
      t.content = f.source;
      out.set(rel, t);
    }
  }
  return out;
}

function target(
  sys: SystemReader,
  f: HomeFile,
  owner: string,
  source: string,
  sha256: string | undefined,
): Target {
  const placed: Placed =
    f.mode === "link"
      ? { mode: "link", source }
      : {
          mode: "copy",
          source,
          sha256: sha256 ?? readSha(sys, source, owner),
          executable: f.executable === true,
        };
  return {
    placed,
    id: undefined,
    content: source,
    owner,
    force: f.force === true,
    onChange: f.onChange,
  };
}

function readSha(sys: SystemReader, source: string, owner: string): string {
  try {
    return sys.sha256(source);
  } catch (e) {
    throw new ActivationError(
      "E_ACTIVATION_SOURCE",
      `The source \`${source}' of the home file \`${owner}' cannot be read: ${(e as Error).message}`,
      { paths: [owner], cause: e },
    );
  }
}

function walk(
  sys: SystemReader,
  f: HomeFile,
  owner: string,
  dir: string,
  rel: string,
  out: Map<string, Target>,
): void {
  let names: string[];
  try {
    names = sys.readdir(dir);
  } catch (e) {
    throw new ActivationError(
      "E_ACTIVATION_SOURCE",
      `The recursive source \`${dir}' of the home file \`${owner}' cannot be listed: ` +
        (e as Error).message,
      { paths: [owner], cause: e },
    );
  }
  for (const name of names) {
    const src = `${dir}/${name}`;
    const r = `${rel}/${name}`;
    if (sys.lstatOrNull(src)?.kind === "directory") walk(sys, f, owner, src, r, out);
    // A file explicitly listed in the manifest wins over one found in a recursive directory.
    else if (!out.has(r)) out.set(r, target(sys, f, owner, src, undefined));
  }
}
