// Test helpers (private): generations and homes in a MemorySystem.
import { createHash } from "node:crypto";
import type { HomeFile, HomeManifest } from "../manifest/index.ts";
import { MemorySystem } from "../system/memory-system.ts";

export const HOME = "/home/me";
export const STORE = "/home/me/.local/state/confed/store";
export const STATE = "/state/confed/home-me";

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
): HomeManifest {
  const gen = `${STORE}/${name}-home`;
  const out: Record<string, HomeFile> = {};
  for (const [rel, s0] of Object.entries(files)) {
    const s: Spec = typeof s0 === "string" ? { text: s0 } : s0;
    const source = `${gen}/home-files/${rel}`;
    const f: HomeFile = { source, mode: s.mode ?? "link" };
    if (s.tree) {
      for (const [sub, text] of Object.entries(s.tree)) sys.put(`${source}/${sub}`, text);
      f.recursive = true;
    } else {
      const text = s.text ?? "";
      sys.put(source, { text, mode: s.executable ? 0o555 : 0o444 });
      if (f.mode === "copy") f.sha256 = createHash("sha256").update(text).digest("hex");
    }
    if (s.executable) f.executable = true;
    if (s.force) f.force = true;
    if (s.onChange) f.onChange = s.onChange;
    out[rel] = f;
  }
  return {
    version: 1,
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
