import type { HomeFile, HomeManifest } from "../manifest/index.ts";
import type { SystemReader } from "../system/system.ts";
import { ActivationError } from "./activation-error.ts";
import type { Placed } from "./plan-types.ts";

/** One target after expansion: what to place, and the manifest entry it came from. */
export interface Target {
  placed: Placed;
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
export function expandFiles(sys: SystemReader, m: HomeManifest): Map<string, Target> {
  const out = new Map<string, Target>();
  for (const rel of Object.keys(m.files).sort()) {
    const f = m.files[rel];
    if (f.recursive) walk(sys, f, rel, f.source, rel, out);
    else out.set(rel, target(sys, f, rel, f.source, f.sha256));
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
  return { placed, owner, force: f.force === true, onChange: f.onChange };
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
