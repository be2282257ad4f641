/**
 * Building a home into a generation: a store path holding `home-files/` (every managed file:
 * text written out, sources linked into their own store paths or copied for copy mode) and the
 * versioned `manifest.json` activation reads. Input-addressed: the same configuration and
 * storeDir give the same path, byte for byte, on any machine.
 */
import { createHash } from "node:crypto";
import { ConfedError } from "../errors/index.ts";
import type {
  ActivationEntry,
  HomeFile,
  HomeManifest,
  PackageRef,
  SecretsSection,
} from "../manifest/index.ts";
import { serializeManifest } from "../manifest/index.ts";
import type { ManagedFile } from "../modules/index.ts";
import { isStorePackage, type StorePackage, symlinkJoin } from "../packages/index.ts";
import { addTreeToStore, realLocation, type Store, type StorePath } from "../store/index.ts";
import { realise } from "./realise.ts";
import { buildSecrets, type SecretsInputs, secretsInputs } from "./secrets-inputs.ts";
import {
  type ImportedSource,
  importSource,
  resolveInStore,
  SourceCache,
  storeIds,
  storeName,
} from "./sources.ts";

const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest("hex");

/** What a home generation is built from (read from an evaluated home config). */
export interface HomeInputs {
  user: string;
  homeDirectory: string;
  files: ManagedFile[];
  activation: ActivationEntry[];
  packages: PackageRef[];
  /** Packages confed builds: joined into the generation's `home-path` (its `bin` is on PATH). */
  storePackages: StorePackage[];
  /** systemd user units by file name: the home file that holds each, and what wants it. */
  units: Record<string, { target: string; wantedBy: string[] }>;
  /** `systemd.user.startServices`. */
  startServices: boolean;
  /** The home's secrets (absent when it has none). */
  secrets?: SecretsInputs;
}

const UNIT_KINDS = ["service", "timer", "socket", "path", "target"] as const;

function unitsOf(config: any): HomeInputs["units"] {
  const home: string = config.home.homeDirectory;
  const cfg: string = config.xdg.configHome;
  const rel =
    cfg === home ? "" : cfg.startsWith(`${home}/`) ? `${cfg.slice(home.length + 1)}/` : null;
  const out: HomeInputs["units"] = {};
  if (rel === null) return out; // units outside the home are not placed by it
  for (const kind of UNIT_KINDS) {
    const units = config.systemd.user[`${kind}s`] as Record<string, any>;
    for (const name of Object.keys(units)) {
      const w = units[name].Install?.WantedBy;
      out[`${name}.${kind}`] = {
        target: `${rel}systemd/user/${name}.${kind}`,
        wantedBy: w === undefined ? [] : (Array.isArray(w) ? w : [w]).map(String),
      };
    }
  }
  return out;
}

/** The parts of an evaluated home configuration a generation needs. */
export function homeInputs(config: any): HomeInputs {
  const order: string[] = config.home.activationOrder;
  const steps = config.home.activation as Record<
    string,
    { after: string[]; before: string[]; data: string }
  >;
  const secrets = secretsInputs(config);
  return {
    ...(secrets && { secrets }),
    user: config.home.username,
    homeDirectory: config.home.homeDirectory,
    files: config.home.managedFiles,
    activation: order
      .filter((n) => n in steps)
      .map((n) => ({
        name: n,
        after: [...steps[n].after],
        before: [...steps[n].before],
        script: steps[n].data,
      })),
    storePackages: (config.home.packages as unknown[]).filter(isStorePackage),
    units: unitsOf(config),
    startServices: config.systemd.user.startServices !== false,
    packages: (config.home.packages as any[])
      .filter((p) => !isStorePackage(p))
      .map((p) => {
        const j = typeof p?.toJSON === "function" ? p.toJSON() : p;
        const ref: PackageRef = { name: String(j.name ?? p) };
        for (const f of ["apt", "dnf", "pacman"] as const) if (j.names?.[f]) ref[f] = j.names[f];
        return ref;
      }),
  };
}

/**
 * Builds (or finds, when it exists) the generation of a home in `store`.
 *
 * @example
 * const store = openStore({ storeDir: config.home.storeDir });
 * const { path, manifest } = buildHomeGeneration(store, homeInputs(config));
 */
export function buildHomeGeneration(
  store: Store,
  h: HomeInputs,
): { path: StorePath; manifest: HomeManifest } {
  const fs = store.fs;
  // Sources first, each its own store path (shared by every generation that uses it).
  const sources = new Map<string | StorePackage, StorePath>();
  const imported = new Map<string | StorePackage, ImportedSource>();
  const cache = new SourceCache(store);
  const built = new Map<StorePackage, StorePath>();
  for (const f of h.files) {
    if (f.source === null) continue;
    const key = sourceKey(f);
    if (sources.has(key)) continue;
    if (isStorePackage(key)) {
      const path = realise(store, key, built);
      sources.set(key, path);
      imported.set(key, { path, ids: () => storeIds(store, path) });
    } else if (typeof key === "string") {
      // A directory linked file by file is imported split (a change costs only the directories
      // it touches); one linked whole stays one tree, as browsing it shows.
      const src = importSource(store, f.source as string, cache, { split: f.recursive });
      sources.set(key, src.path);
      imported.set(key, src);
    } else {
      throw new ConfedError(
        "E_BUILD",
        `${f.definedBy}: a distro package cannot be a file source; use a path, \`text' or a store builder.`,
      );
    }
  }
  const homePath = h.storePackages.length
    ? realise(store, symlinkJoin({ name: `home-${h.user}-path`, paths: h.storePackages }), built)
    : undefined;
  // Version 3 only when there are secrets: a home without them builds as before, byte for byte.
  const version = h.secrets ? 3 : 2;
  const ciphertexts = h.secrets ? readCiphertexts(fs, h.secrets) : undefined;
  const recipe = {
    homePath: homePath ?? null,
    kind: "home-generation",
    version,
    user: h.user,
    homeDirectory: h.homeDirectory,
    files: h.files.map((f) => ({
      target: f.target,
      mode: f.mode,
      executable: f.executable,
      force: f.force,
      onChange: f.onChange,
      recursive: f.recursive,
      text: f.text === null ? null : sha256(f.text),
      source: f.source === null ? null : sources.get(sourceKey(f)),
    })),
    activation: h.activation,
    packages: h.packages,
    units: h.units,
    startServices: h.startServices,
    ...(h.secrets && { secrets: { ...h.secrets, ciphertext: ciphertexts!.hashes } }),
  };
  cache.save();
  let manifest: HomeManifest | undefined;
  const path = addTreeToStore(store, storeName(`home-${h.user}`), {
    recipe,
    inputs: [...new Set(sources.values()), ...(homePath ? [homePath] : [])],
    // Its files link to its sources and home-path, its texts are the configuration's: nothing
    // else in the store can be named in it.
    references: "inputs",
    build: (out, final) => {
      fs.mkdir(`${out}/home-files`, 0o755);
      if (homePath) fs.symlink(homePath, `${out}/home-path`);
      const files: Record<string, HomeFile> = {};
      // Targets other files lie below: a recursive directory there is built file by file (the
      // explicit file wins); elsewhere it is one link to its source.
      const explicit = new Set(h.files.map((f) => f.target));
      const holders = new Set<string>(); // directories some target lies below
      for (const t of explicit)
        for (let i = t.lastIndexOf("/"); i > 0; i = t.lastIndexOf("/", i - 1))
          holders.add(t.slice(0, i));
      for (const f of h.files) {
        const dest = `${out}/home-files/${f.target}`;
        const parent = dest.slice(0, dest.lastIndexOf("/"));
        fs.mkdir(parent, 0o755);
        const entry: HomeFile = { source: `${final}/home-files/${f.target}`, mode: f.mode };
        if (f.force) entry.force = true;
        if (f.onChange) entry.onChange = f.onChange;
        if (f.text !== null) {
          fs.writeFile(dest, new TextEncoder().encode(f.text), f.executable ? 0o755 : 0o644);
          if (f.mode === "copy") entry.sha256 = sha256(f.text);
          else entry.id = sha256(f.text);
        } else {
          const key = sourceKey(f);
          const src = sources.get(key)!;
          const st = fs.lstat(realLocation(store, src));
          if (st?.kind === "directory") {
            if (f.mode === "copy") {
              throw new ConfedError(
                "E_BUILD",
                `${f.definedBy}: copy mode takes a file; ${f.source} is a directory.`,
              );
            }
            if (f.recursive) {
              // (Key order does not matter: the manifest is written with sorted keys.)
              let entries = imported.get(key)!.ids();
              if (holders.has(f.target)) {
                // Other files lie below: built file by file, without what they place.
                const all = entries;
                const inside = below(f.target, explicit);
                entries = {};
                for (const rel in all) if (!shadowed(rel, inside)) entries[rel] = all[rel];
                linkEach(store, src, dest, f.target, explicit, holders);
              } else fs.symlink(src, dest);
              entry.recursive = true;
              entry.entries = entries;
            } else {
              fs.symlink(src, dest);
              entry.id = src;
            }
          } else if (f.mode === "copy") {
            const bytes = fs.readFile(realLocation(store, src))!;
            fs.writeFile(dest, bytes, f.executable ? 0o755 : 0o644);
            entry.sha256 = sha256(bytes);
          } else {
            fs.symlink(src, dest);
            entry.id = imported.get(key)!.ids()[""] ?? src;
          }
        }
        if (f.executable !== null && f.mode === "copy") entry.executable = f.executable;
        files[f.target] = entry;
      }
      let secrets: SecretsSection | undefined;
      if (h.secrets) secrets = buildSecrets(fs, out, final, h.secrets, ciphertexts!.bytes);
      manifest = {
        version,
        kind: "home",
        user: h.user,
        homeDirectory: h.homeDirectory,
        files,
        activation: h.activation,
        packages: h.packages,
        units: Object.fromEntries(
          Object.entries(h.units).map(([u, x]) => [
            u,
            { source: `${final}/home-files/${x.target}`, wantedBy: x.wantedBy },
          ]),
        ),
        ...(h.startServices ? {} : { startServices: false }),
        ...(secrets && { secrets }),
      };
      fs.writeFile(
        `${out}/manifest.json`,
        new TextEncoder().encode(serializeManifest(manifest)),
        0o644,
      );
    },
  });
  if (!manifest) {
    const bytes = fs.readFile(`${realLocation(store, path)}/manifest.json`);
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as HomeManifest;
  }
  return { path, manifest };
}

/**
 * Which import a file's source is: a path linked file by file (`recursive`) is imported split, so
 * the same path used both ways is two imports.
 */
function sourceKey(f: ManagedFile): string | StorePackage {
  const s = f.source as string | StorePackage;
  return typeof s === "string" && f.recursive ? `split:${s}` : s;
}

/** Each secret's ciphertext (read once: hashed into the recipe, then copied into the build). */
function readCiphertexts(fs: Store["fs"], s: SecretsInputs) {
  const bytes = new Map<string, Uint8Array>();
  const hashes: Record<string, string> = {};
  for (const f of s.files) {
    let b: Uint8Array | undefined;
    try {
      b = fs.readFile(f.file) ?? undefined;
    } catch {
      b = undefined;
    }
    if (b === undefined)
      throw new ConfedError(
        "E_BUILD",
        `secrets.${f.name}.file: \`${f.file}' cannot be read. Create it with \`confed secret edit', or fix the path.`,
      );
    bytes.set(f.name, b);
    hashes[f.name] = sha256(b);
  }
  return { bytes, hashes };
}

/** The other files' targets below the directory `owner`, relative to it. */
function below(owner: string, explicit: ReadonlySet<string>): string[] {
  const prefix = `${owner}/`;
  return [...explicit].filter((t) => t.startsWith(prefix)).map((t) => t.slice(prefix.length));
}

/** True when one of `inside` (targets relative to a directory) is `rel` or a directory above it. */
function shadowed(rel: string, inside: readonly string[]): boolean {
  for (const t of inside)
    if (
      rel.length >= t.length &&
      rel.startsWith(t) &&
      (rel.length === t.length || rel[t.length] === "/")
    )
      return true;
  return false;
}

/**
 * A recursive directory other targets lie below: real directories along the way to those
 * targets, and one link for everything else (a file, or a whole subdirectory nothing else lies
 * in), leaving out what the other targets place.
 */
function linkEach(
  store: Store,
  src: string,
  dest: string,
  target: string,
  explicit: ReadonlySet<string>,
  holders: ReadonlySet<string>,
): void {
  store.fs.mkdir(dest, 0o755);
  // A split import's subdirectories are symlinks to their own store paths: followed.
  const dir = resolveInStore(store, src);
  for (const name of store.fs.readdir(dir)) {
    const s = `${src}/${name}`;
    const t = `${target}/${name}`;
    if (explicit.has(t)) continue;
    if (holders.has(t) && store.fs.lstat(resolveInStore(store, s))?.kind === "directory")
      linkEach(store, s, `${dest}/${name}`, t, explicit, holders);
    else store.fs.symlink(s, `${dest}/${name}`);
  }
}
