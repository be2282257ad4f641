// Test helpers (private): generations and homes in a MemorySystem.
import { createHash } from "node:crypto";
import type { HomeFile, HomeManifest } from "../manifest/index.ts";
import { MemorySystem } from "../system/memory-system.ts";

export const HOME = "/home/me";
export const STORE = "/home/me/.local/state/confed/store";
export const STATE = "/state/confed/home-me";
/** The profile's stable link to the active generation's files (version 2 manifests). */
export const FILES_LINK = `${STATE}/home-files`;

export type Spec = {
  text?: string;
  mode?: "link" | "copy";
  executable?: boolean;
  force?: boolean;
  onChange?: string;
  /** A recursive directory: files below it, relative. */
  tree?: Record<string, string>;
};

/** Writes a generation `<STORE>/<name>-home` into `sys` and returns its manifest. */
export function generation(
  sys: MemorySystem,
  name: string,
  files: Record<string, Spec | string>,
  activation: HomeManifest["activation"] = [],
  version: 1 | 2 = 1,
): HomeManifest {
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const gen = `${STORE}/${name}-home`;
  const out: Record<string, HomeFile> = {};
  for (const [rel, s0] of Object.entries(files)) {
    const s: Spec = typeof s0 === "string" ? { text: s0 } : s0;
    const source = `${gen}/home-files/${rel}`;
    const f: HomeFile = { source, mode: s.mode ?? "link" };
    if (s.tree) {
      for (const [sub, text] of Object.entries(s.tree)) sys.put(`${source}/${sub}`, text);
      f.recursive = true;
      if (version === 2)
        f.entries = Object.fromEntries(Object.entries(s.tree).map(([k, t]) => [k, sha(t)]));
    } else {
      const text = s.text ?? "";
      sys.put(source, { text, mode: s.executable ? 0o555 : 0o444 });
      if (f.mode === "copy") f.sha256 = sha(text);
      else if (version === 2) f.id = sha(text);
    }
    if (s.executable) f.executable = true;
    if (s.force) f.force = true;
    if (s.onChange) f.onChange = s.onChange;
    out[rel] = f;
  }
  return {
    version,
    kind: "home",
    user: "me",
    homeDirectory: HOME,
    files: out,
    activation,
    packages: [],
    units: {},
  };
}

export function emptyHome(): MemorySystem {
  const sys = new MemorySystem();
  sys.put(HOME, { dir: true });
  sys.put(STATE, { dir: true });
  return sys;
}
