/**
 * The manifest: the versioned plain-data contract between evaluation (which writes it into a
 * generation as `manifest.json`) and activation (which reads it, possibly years later, possibly
 * with a newer confed, possibly on another host). Only JSON data: no functions, no options.
 *
 * Compatibility: `version` is bumped for any change an older activator would misread. A newer
 * activator reads every older version (a transition A→B is run by the newer of the two
 * activators, so rollback works across upgrades); an activator refuses versions it does not
 * know. Unknown fields are refused too: inside one version they can only be a bug.
 */
import { ManifestError } from "./manifest-error.ts";
import { checkSecretsSection, type SecretsSection } from "./secrets-section.ts";

/**
 * The newest manifest version this confed writes and reads.
 *
 * - 1: a home's links point straight into the generation (`<generation>/home-files/<target>`);
 *   a recursive directory is found by walking it.
 * - 2: links point through the profile's stable `home-files` link, which a switch swaps to the
 *   new generation at once; files say what their content is (`id`, and `entries` for every file
 *   of a recursive directory), so a switch touches only the targets that appear or go, and the
 *   plan names exactly the files whose content changed.
 * - 3: adds `secrets` (what to decrypt at activation). A home without secrets is still written
 *   as version 2, byte for byte as before; a home with secrets is version 3, so an activator
 *   that cannot decrypt refuses it as "built by a newer confed" instead of skipping them.
 */
export const MANIFEST_VERSION = 3;

/**
 * A home generation's manifest (`<generation>/manifest.json`).
 *
 * @example
 * const m: HomeManifest = {
 *   version: 1, kind: "home", user: "me", homeDirectory: "/home/me",
 *   files: { ".bashrc": { source: "/home/me/.local/state/confed/store/abc-home/home-files/.bashrc", mode: "link" } },
 *   activation: [], packages: [], units: {},
 * };
 */
export interface HomeManifest {
  /** The manifest format version; see MANIFEST_VERSION (every older one is still read). */
  version: 1 | 2 | 3;
  /** What is activated: a user's home. (A machine's manifest will be `kind: "system"`.) */
  kind: "home";
  /** The user the home belongs to; activation runs as this user. */
  user: string;
  /** The absolute home directory the files were evaluated for. */
  homeDirectory: string;
  /**
   * The files to place in the home, by target path relative to `homeDirectory` (normalised:
   * no leading `/`, no `.`/`..` components, no trailing `/`).
   */
  files: Record<string, HomeFile>;
  /** Steps run after the files are in place, ordered as a DAG by `after`/`before`. */
  activation: ActivationEntry[];
  /** Distro packages the home wants; a home switch only reports missing ones. */
  packages: PackageRef[];
  /** systemd user units by unit file name (`foo.service`). */
  units: Record<string, UnitEntry>;
  /**
   * Version 2: whether a switch starts, stops and restarts the units when a user manager runs
   * (`systemd.user.startServices`); absent means yes.
   */
  startServices?: boolean;
  /** Version 3: the secrets activation decrypts (absent when the home has none). */
  secrets?: SecretsSection;
}

/** One target file (or directory) of a home. */
export interface HomeFile {
  /**
   * Absolute path of the content inside the generation, `<generation>/home-files/<target>`.
   * A file, or a directory (linked as a whole, or file by file when `recursive`).
   */
  source: string;
  /**
   * `link`: the target is a symlink to `source` (read-only, changes with each generation).
   * `copy`: the target is a real, writable file with `source`'s bytes; changes made by the user
   * are detected by hash (drift) and never overwritten silently.
   */
  mode: "link" | "copy";
  /** Copy mode: the file gets mode 0755 instead of 0644. (Links take the source's mode.) */
  executable?: boolean;
  /** Replace whatever is at the target even when confed does not own it (no backup kept). */
  force?: boolean;
  /** A shell script run after the switch's commit when this target was added or changed. */
  onChange?: string;
  /**
   * `source` is a directory whose files are placed one by one (so the target directory stays
   * a real directory other programs may add to), instead of one link to the directory.
   */
  recursive?: boolean;
  /** Copy mode, non-recursive: lowercase hex SHA-256 of `source`'s bytes. Required there. */
  sha256?: string;
  /**
   * Version 2, link mode, not recursive: what the content is (equal ids, equal content), so a
   * plan can tell a changed file from an unchanged one without reading either.
   */
  id?: string;
  /**
   * Version 2, recursive: every file (or symlink) below the directory, by path relative to the
   * target, with its content id. Activation places exactly these, without walking the source.
   */
  entries?: Record<string, string>;
}

/** One `home.activation` step. */
export interface ActivationEntry {
  /** Unique name; other entries order themselves against it. */
  name: string;
  /** Names this entry runs after (unknown names are ignored, like home-manager's anchors). */
  after: string[];
  /** Names this entry runs before. */
  before: string[];
  /** The shell script. */
  script: string;
}

/** A distro package the home wants, with its name per package manager when it differs. */
export interface PackageRef {
  /** The generic name (used when no per-manager name is given). */
  name: string;
  apt?: string;
  dnf?: string;
  pacman?: string;
}

/** One systemd user unit. */
export interface UnitEntry {
  /** Absolute path of the unit file inside the generation. */
  source: string;
  /** Targets that want this unit (`default.target`); empty when only installed. */
  wantedBy: string[];
}

const HEX64 = /^[0-9a-f]{64}$/;

/**
 * True when `rel` is a normalised relative target path.
 *
 * @example
 * isRelTarget(".config/git/config") // true
 * isRelTarget("../etc/passwd") // false
 */
export function isRelTarget(rel: string): boolean {
  // One regular expression (no arrays, no repeated scans): a manifest may list tens of thousands
  // of paths. Empty, absolute, trailing "/", NUL, "//", or a "." or ".." component.
  return !NOT_REL.test(rel);
}
const NOT_REL = /^$|^\/|\/$|\0|\/\/|(^|\/)\.\.?(\/|$)/;

type Problems = string[];
const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const field = (path: string, key: string) =>
  /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

function checkKeys(v: Record<string, unknown>, path: string, allowed: string[], p: Problems) {
  for (const k of Object.keys(v))
    if (!allowed.includes(k)) p.push(`${field(path, k)}: unknown field`);
}
function str(v: unknown, path: string, p: Problems, absolute = false): void {
  if (typeof v !== "string") p.push(`${path}: expected a string, got ${JSON.stringify(v)}`);
  else if (absolute && !v.startsWith("/")) p.push(`${path}: expected an absolute path, got "${v}"`);
}
function optBool(v: unknown, path: string, p: Problems): void {
  if (v !== undefined && typeof v !== "boolean") p.push(`${path}: expected a boolean`);
}
function strList(v: unknown, path: string, p: Problems): void {
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
    p.push(`${path}: expected a list of strings`);
}

function checkFile(rel: string, f: unknown, path: string, p: Problems, version: number): void {
  if (!isRelTarget(rel)) p.push(`${path}: not a normalised path relative to the home`);
  if (!isObj(f)) {
    p.push(`${path}: expected an object`);
    return;
  }
  checkKeys(
    f,
    path,
    [
      "source",
      "mode",
      "executable",
      "force",
      "onChange",
      "recursive",
      "sha256",
      ...(version >= 2 ? ["id", "entries"] : []),
    ],
    p,
  );
  str(f.source, `${path}.source`, p, true);
  if (f.mode !== "link" && f.mode !== "copy")
    p.push(`${path}.mode: expected "link" or "copy", got ${JSON.stringify(f.mode)}`);
  optBool(f.executable, `${path}.executable`, p);
  optBool(f.force, `${path}.force`, p);
  optBool(f.recursive, `${path}.recursive`, p);
  if (f.onChange !== undefined) str(f.onChange, `${path}.onChange`, p);
  if (f.sha256 !== undefined && (typeof f.sha256 !== "string" || !HEX64.test(f.sha256)))
    p.push(`${path}.sha256: expected 64 lowercase hex digits`);
  if (f.mode === "copy" && f.recursive !== true && f.sha256 === undefined)
    p.push(`${path}.sha256: required for a copy-mode file (drift is detected by hash)`);
  if (version < 2) return;
  if (f.id !== undefined) str(f.id, `${path}.id`, p);
  if (f.mode === "link" && f.recursive !== true && f.id === undefined)
    p.push(`${path}.id: required for a link (changes are found by id)`);
  if (f.recursive === true) {
    if (!isObj(f.entries)) p.push(`${path}.entries: required for a recursive directory`);
    else
      for (const sub in f.entries) {
        if (!isRelTarget(sub))
          p.push(`${field(`${path}.entries`, sub)}: not a normalised relative path`);
        if (typeof f.entries[sub] !== "string")
          p.push(`${field(`${path}.entries`, sub)}: expected a string`);
      }
  } else if (f.entries !== undefined)
    p.push(`${path}.entries: only a recursive directory has them`);
}

/**
 * Checks that `value` is a manifest this confed understands and returns it typed. Every problem
 * is reported in one ManifestError; a version from the future is refused with its own code.
 *
 * @example
 * const m = validateManifest(JSON.parse(text), "/store/…-home/manifest.json");
 */
export function validateManifest(value: unknown, file?: string): HomeManifest {
  const where = file === undefined ? "The manifest" : `The manifest \`${file}'`;
  if (!isObj(value))
    throw new ManifestError("E_MANIFEST_INVALID", `${where} is not a JSON object.`, { file });
  const v = value.version;
  if (typeof v === "number" && Number.isInteger(v) && v > MANIFEST_VERSION)
    throw new ManifestError(
      "E_MANIFEST_VERSION",
      `${where} has version ${v}, but this confed reads manifest versions up to ` +
        `${MANIFEST_VERSION}. It was built by a newer confed: activate it with that confed ` +
        "(a generation carries its own activator), or upgrade confed.",
      { file },
    );
  const p: Problems = [];
  if (v !== 1 && v !== 2 && v !== 3)
    p.push(`version: expected 1 to ${MANIFEST_VERSION}, got ${JSON.stringify(v)}`);
  const version = typeof v === "number" ? v : MANIFEST_VERSION;
  checkKeys(
    value,
    "manifest",
    [
      "version",
      "kind",
      "user",
      "homeDirectory",
      "files",
      "activation",
      "packages",
      "units",
      ...(version >= 2 ? ["startServices"] : []),
      ...(version >= 3 ? ["secrets"] : []),
    ],
    p,
  );
  optBool(value.startServices, "startServices", p);
  if (value.secrets !== undefined && version >= 3) checkSecretsSection(value.secrets, p);
  if (value.kind !== "home") p.push(`kind: expected "home", got ${JSON.stringify(value.kind)}`);
  str(value.user, "user", p);
  str(value.homeDirectory, "homeDirectory", p, true);
  if (!isObj(value.files)) p.push("files: expected an object");
  else
    for (const [rel, f] of Object.entries(value.files))
      checkFile(rel, f, field("files", rel), p, version);
  if (!Array.isArray(value.activation)) p.push("activation: expected a list");
  else {
    const seen = new Set<string>();
    value.activation.forEach((e, i) => {
      const path = `activation[${i}]`;
      if (!isObj(e)) {
        p.push(`${path}: expected an object`);
        return;
      }
      checkKeys(e, path, ["name", "after", "before", "script"], p);
      str(e.name, `${path}.name`, p);
      if (typeof e.name === "string" && seen.has(e.name))
        p.push(`${path}.name: "${e.name}" is defined twice`);
      seen.add(e.name as string);
      strList(e.after, `${path}.after`, p);
      strList(e.before, `${path}.before`, p);
      str(e.script, `${path}.script`, p);
    });
  }
  if (!Array.isArray(value.packages)) p.push("packages: expected a list");
  else
    value.packages.forEach((e, i) => {
      const path = `packages[${i}]`;
      if (!isObj(e)) {
        p.push(`${path}: expected an object`);
        return;
      }
      checkKeys(e, path, ["name", "apt", "dnf", "pacman"], p);
      str(e.name, `${path}.name`, p);
      for (const k of ["apt", "dnf", "pacman"])
        if (e[k] !== undefined) str(e[k], `${path}.${k}`, p);
    });
  if (!isObj(value.units)) p.push("units: expected an object");
  else
    for (const [name, u] of Object.entries(value.units)) {
      const path = field("units", name);
      if (!isObj(u)) {
        p.push(`${path}: expected an object`);
        continue;
      }
      checkKeys(u, path, ["source", "wantedBy"], p);
      str(u.source, `${path}.source`, p, true);
      strList(u.wantedBy, `${path}.wantedBy`, p);
    }
  if (p.length > 0)
    throw new ManifestError(
      "E_MANIFEST_INVALID",
      `${where} is not valid:\n${p.map((x) => `  - ${x}`).join("\n")}`,
      { problems: p, file },
    );
  return value as unknown as HomeManifest;
}

/**
 * Parses and validates `manifest.json` text.
 *
 * @example
 * const m = parseManifest(readFileSync(`${gen}/manifest.json`, "utf8"), `${gen}/manifest.json`);
 */
export function parseManifest(json: string, file?: string): HomeManifest {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    const where = file === undefined ? "The manifest" : `The manifest \`${file}'`;
    throw new ManifestError("E_MANIFEST_INVALID", `${where} is not JSON: ${(e as Error).message}`, {
      file,
      cause: e,
    });
  }
  return validateManifest(value, file);
}

/**
 * `JSON.stringify(v, null, 2)` of `v` with every object's keys in sorted order, written
 * directly (no sorted copy of a manifest's tens of thousands of entries is made first). For
 * the plain data a manifest holds: objects, arrays, strings, numbers, booleans and null;
 * undefined members are left out, as JSON.stringify does.
 */
function stringifySorted(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push("[]");
      return;
    }
    const inner = `${indent}  `;
    out.push("[");
    for (let i = 0; i < v.length; i++) {
      out.push(i === 0 ? `\n${inner}` : `,\n${inner}`);
      if (v[i] === undefined) out.push("null");
      else stringifySorted(v[i], inner, out);
    }
    out.push(`\n${indent}]`);
  } else if (isObj(v)) {
    const keys = Object.keys(v)
      .filter((k) => {
        const t = typeof v[k];
        return t !== "undefined" && t !== "function" && t !== "symbol";
      })
      .sort();
    if (keys.length === 0) {
      out.push("{}");
      return;
    }
    const inner = `${indent}  `;
    out.push("{");
    for (let i = 0; i < keys.length; i++) {
      out.push(`${i === 0 ? "\n" : ",\n"}${inner}${JSON.stringify(keys[i])}: `);
      stringifySorted(v[keys[i]], inner, out);
    }
    out.push(`\n${indent}}`);
  } else out.push(JSON.stringify(v) ?? "null");
}

/**
 * The manifest as JSON text with keys in sorted order at every level (lists keep their order),
 * so equal manifests are byte-identical and a generation's hash is reproducible.
 *
 * @example
 * writeFileSync(`${out}/manifest.json`, serializeManifest(m));
 */
export function serializeManifest(m: HomeManifest): string {
  const out: string[] = [];
  stringifySorted(m, "", out);
  out.push("\n");
  return out.join("");
}
