/**
 * Packages built into the store from a recipe (nixpkgs' trivial builders): `writeText`,
 * `writeShellScript`, `writeShellScriptBin`, `symlinkJoin`, `runCommand`. Here they are only
 * data — the recipe and the packages it uses — realised into a store when a generation is
 * built. The same recipe gives the same store path on any machine.
 */
import { PACKAGE } from "../lib/index.ts";
import { PackagesError } from "./packages-error.ts";

/** What a store package is built from. */
export type BuildRecipe =
  | { builder: "text"; text: string; executable: boolean; destination: string }
  | { builder: "symlinkJoin"; paths: StorePackage[] }
  | { builder: "runCommand"; script: string; env: Record<string, string> }
  | { builder: "fetchurl"; url: string; hash: string; executable: boolean };

/**
 * A package built into the store. Like a distro reference it is a package (`types.package`
 * accepts it); unlike one, it is made by confed and has a store path once realised.
 *
 * @example
 * pkgs.writeShellScriptBin("hello", "echo hello")
 */
export class StorePackage {
  readonly [PACKAGE] = true as const;
  readonly kind = "store" as const;
  constructor(
    readonly name: string,
    readonly recipe: BuildRecipe,
  ) {}

  /** The packages this one is built from. */
  get inputs(): StorePackage[] {
    return this.recipe.builder === "symlinkJoin" ? [...this.recipe.paths] : [];
  }

  toString(): string {
    return this.name;
  }

  toJSON(): unknown {
    return { kind: "store", name: this.name, recipe: this.recipe };
  }
}

/** True for a package built from a recipe. */
export function isStorePackage(v: unknown): v is StorePackage {
  return (
    typeof v === "object" &&
    v !== null &&
    (v as { kind?: unknown }).kind === "store" &&
    PACKAGE in v
  );
}

/** A text file. @example writeText("motd", "welcome\n") */
export function writeText(name: string, text: string): StorePackage {
  return new StorePackage(name, { builder: "text", text, executable: false, destination: "" });
}

/** An executable bash script (its file is the package). @example writeShellScript("hi", "echo hi") */
export function writeShellScript(name: string, text: string): StorePackage {
  return new StorePackage(name, {
    builder: "text",
    text: `#!/bin/bash\n${text}${text.endsWith("\n") ? "" : "\n"}`,
    executable: true,
    destination: "",
  });
}

/**
 * An executable bash script as `bin/<name>`, so the package puts a command on PATH.
 *
 * @example writeShellScriptBin("hello", 'echo "hello $USER"')
 */
export function writeShellScriptBin(name: string, text: string): StorePackage {
  return new StorePackage(name, {
    builder: "text",
    text: `#!/bin/bash\n${text}${text.endsWith("\n") ? "" : "\n"}`,
    executable: true,
    destination: `bin/${name}`,
  });
}

/** One tree of links to the files of several store packages. @example symlinkJoin({ name: "tools", paths: [a, b] }) */
export function symlinkJoin(spec: { name: string; paths: readonly StorePackage[] }): StorePackage {
  return new StorePackage(spec.name, { builder: "symlinkJoin", paths: [...spec.paths] });
}

const SRI_SHA256 = /^sha256-[A-Za-z0-9+/]{43}=$/;

/**
 * A file downloaded from `url` (`file://`, `http://`, `https://`) whose SHA-256 must equal
 * `hash` (SRI form, `sha256-…=`, as Nix's fetchurl takes it). Fixed-output: its store path
 * depends on the name and the hash, not the URL, so a mirror gives the same path. `executable`
 * makes it 0555 (a downloaded script or binary).
 *
 * @example
 * fetchurl({ url: "https://example.org/tool.sh", hash: "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" })
 */
export function fetchurl(spec: {
  url: string;
  hash: string;
  name?: string;
  executable?: boolean;
}): StorePackage {
  const { url, hash } = spec;
  if (typeof url !== "string" || !/^(file|https?):\/\/./.test(url))
    throw new PackagesError(
      "E_PKG_INVALID",
      `fetchurl: url must be a file://, http:// or https:// URL, got ${JSON.stringify(url)}`,
    );
  if (typeof hash !== "string" || !SRI_SHA256.test(hash))
    throw new PackagesError(
      "E_PKG_INVALID",
      `fetchurl ${url}: hash must be a SHA-256 in SRI form (sha256-<44 base64 characters>), got ${JSON.stringify(hash)}`,
    );
  const base = decodeURIComponent(new URL(url).pathname.split("/").pop() ?? "");
  const name =
    spec.name ?? (base.replace(/[^A-Za-z0-9+\-._?=]/g, "_").replace(/^\.+/, "") || "download");
  return new StorePackage(name, {
    builder: "fetchurl",
    url,
    hash,
    executable: spec.executable === true,
  });
}

/**
 * A package made by a shell script writing `$out`, run in an empty directory with a clean
 * environment (`env` plus PATH=/usr/bin:/bin).
 *
 * @example runCommand("greeting", {}, 'mkdir -p $out && echo hi > $out/greeting')
 */
export function runCommand(
  name: string,
  env: Record<string, string>,
  script: string,
): StorePackage {
  return new StorePackage(name, { builder: "runCommand", script, env: { ...env } });
}
