/**
 * The `secrets` section of a manifest (version 3): what activation decrypts, from where, to
 * where, for whom. Names, paths, modes and the ciphertext's location only: a manifest never
 * holds plaintext. A template is its text cut at each placeholder (`parts`), so activation
 * needs no parsing and the text can hold anything.
 */

/** Where a decrypted file (or rendered template) goes and what follows a change of its value. */
export interface SecretTarget {
  /** Where the file is found: inside `dir`, or a link (or copy, `symlink: false`) elsewhere. */
  path: string;
  /** Octal permission bits, e.g. "0400". */
  mode: string;
  /** The owning user and group by name (machines only; a home's belong to its user). */
  owner?: string;
  group?: string;
  symlink: boolean;
  /** Units restarted / reloaded after a switch that changed the plaintext. */
  restartUnits: string[];
  reloadUnits: string[];
}

/** One age-encrypted secret. */
export interface SecretEntry extends SecretTarget {
  /** The ciphertext inside the generation (`<generation>/secrets/<name>.age`). */
  source: string;
  /** Machines: decrypted into the separate for-users directory, before users are created. */
  neededForUsers?: boolean;
}

/** One template: literal text and, between, the values of secrets by name. */
export interface TemplateEntry extends SecretTarget {
  parts: (string | { secret: string })[];
}

/**
 * The whole section.
 *
 * @example
 * const s: SecretsSection = {
 *   dir: "/run/user/1000/confed/secrets", identityPaths: [],
 *   files: { ssh: { source: "/store/…-home-me/secrets/ssh.age", path: "/run/user/1000/confed/secrets/ssh",
 *     mode: "0400", symlink: true, restartUnits: [], reloadUnits: [] } },
 *   templates: {},
 * };
 */
export interface SecretsSection {
  /** The stable link to the active secrets generation (`<dir>.d/N`). */
  dir: string;
  /** Keys to decrypt with; empty: the activating user's (or host's) usual keys. */
  identityPaths: string[];
  files: Record<string, SecretEntry>;
  templates: Record<string, TemplateEntry>;
}

const NAME = /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/;
const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);
const isAbs = (v: unknown) => typeof v === "string" && v.startsWith("/") && !v.includes("\0");
const strList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string");

function checkTarget(path: string, t: Record<string, unknown>, extra: string[], p: string[]) {
  for (const k of Object.keys(t))
    if (
      ![
        "path",
        "mode",
        "owner",
        "group",
        "symlink",
        "restartUnits",
        "reloadUnits",
        ...extra,
      ].includes(k)
    )
      p.push(`${path}.${k}: unknown field`);
  if (!isAbs(t.path)) p.push(`${path}.path: expected an absolute path`);
  if (typeof t.mode !== "string" || !/^0?[0-7]{3}$/.test(t.mode))
    p.push(`${path}.mode: expected octal permission bits like "0400"`);
  for (const k of ["owner", "group"])
    if (t[k] !== undefined && typeof t[k] !== "string") p.push(`${path}.${k}: expected a string`);
  if (typeof t.symlink !== "boolean") p.push(`${path}.symlink: expected a boolean`);
  for (const k of ["restartUnits", "reloadUnits"])
    if (!strList(t[k])) p.push(`${path}.${k}: expected a list of strings`);
}

/**
 * Checks a manifest's `secrets` section, pushing each problem onto `p`.
 *
 * @example
 * const p: string[] = []; checkSecretsSection(m.secrets, p);
 */
export function checkSecretsSection(v: unknown, p: string[]): void {
  if (!isObj(v)) {
    p.push("secrets: expected an object");
    return;
  }
  for (const k of Object.keys(v))
    if (!["dir", "identityPaths", "files", "templates"].includes(k))
      p.push(`secrets.${k}: unknown field`);
  if (!isAbs(v.dir)) p.push("secrets.dir: expected an absolute path");
  if (!strList(v.identityPaths)) p.push("secrets.identityPaths: expected a list of strings");
  const files = isObj(v.files) ? v.files : {};
  if (!isObj(v.files)) p.push("secrets.files: expected an object");
  for (const [name, f] of Object.entries(files)) {
    const path = `secrets.files.${name}`;
    if (!NAME.test(name)) p.push(`${path}: not a file name`);
    if (!isObj(f)) {
      p.push(`${path}: expected an object`);
      continue;
    }
    checkTarget(path, f, ["source", "neededForUsers"], p);
    if (!isAbs(f.source)) p.push(`${path}.source: expected an absolute path`);
    if (f.neededForUsers !== undefined && typeof f.neededForUsers !== "boolean")
      p.push(`${path}.neededForUsers: expected a boolean`);
  }
  if (!isObj(v.templates)) p.push("secrets.templates: expected an object");
  else
    for (const [name, t] of Object.entries(v.templates)) {
      const path = `secrets.templates.${name}`;
      if (!NAME.test(name)) p.push(`${path}: not a file name`);
      if (!isObj(t)) {
        p.push(`${path}: expected an object`);
        continue;
      }
      checkTarget(path, t, ["parts"], p);
      if (!Array.isArray(t.parts)) p.push(`${path}.parts: expected a list`);
      else
        for (const part of t.parts)
          if (typeof part !== "string") {
            if (!isObj(part) || typeof part.secret !== "string" || !(part.secret in files))
              p.push(`${path}.parts: ${JSON.stringify(part)} names no secret of this manifest`);
          }
    }
}
