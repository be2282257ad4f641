/**
 * `confed home build|plan|switch|status|generations|rollback|gc [user@host]`: a home on any
 * Linux account. Build makes the generation in the home's store; switch plans it against what
 * `$HOME` holds (all collisions at once, nothing written before every check passed), applies it
 * with a journal, then records the generation in the profile. `--destination DIR` evaluates and
 * places the home as if DIR were its home directory (nothing outside DIR is written).
 */
import { spawnSync } from "node:child_process";
import { hostname, userInfo } from "node:os";
import { resolve } from "node:path";
import {
  applyPlan,
  homeStatus,
  needsRecovery,
  type PendingScript,
  type Plan,
  planHome,
  prepareHomeSecrets,
  readState,
  recover,
  renderPlan,
  withSecrets,
} from "../activation/index.ts";
import { prefetchHome } from "../configuration/fetchurl.ts";
import { buildHomeGeneration, homeInputs } from "../configuration/home-generation.ts";
import { SourceCache } from "../configuration/sources.ts";
import { FlakeError } from "../errors/index.ts";
import { type HomeManifest, parseManifest } from "../manifest/index.ts";
import { mkForce } from "../module-system/index.ts";
import {
  activeGeneration,
  addGeneration,
  addRoot,
  addTempRoots,
  deleteGenerations,
  gc,
  listGenerations,
  openProfile,
  openStore,
  type Store,
  type StorePath,
  setActiveGeneration,
  switchGeneration,
} from "../store/index.ts";
import { detectFamily, installCommand, installedPackages } from "../system/distro-packages.ts";
import { exists, mkdirp, readText, replaceSymlink } from "../system/fs.ts";
import { RealSystem } from "../system/real-system.ts";
import { userManagerRunning } from "../system/user-manager.ts";
import { colors as c, type Out } from "./output.ts";

export interface HomeOptions {
  flake?: string;
  destination?: string;
  backup?: string;
  adopt?: boolean;
  dryRun?: boolean;
  outLink?: string;
  /** gc: delete generations older than this (`30d`, `12h`, `90m`, `45s`, `2w`). */
  olderThan?: string;
  /** Build or switch even though confed.lock was written by another confed. */
  acceptVersion?: boolean;
  keep?: string;
  secretsDir?: string;
}

const UNIT_MS: Record<string, number> = {
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/** `30d`, `12h`, `90m`, `45s`, `2w` in milliseconds (as Nix's --delete-older-than takes days). */
export function parseAge(text: string): number {
  const m = /^(\d+)([smhdw])$/.exec(text.trim());
  if (!m)
    throw new FlakeError(
      "E_FLAKE_ARGUMENT",
      `--older-than takes an age such as 30d, 12h, 90m, 45s or 2w, not \`${text}'.`,
    );
  return Number(m[1]) * UNIT_MS[m[2]];
}

function defaultName(): string {
  return `${userInfo().username}@${hostname().split(".")[0]}`;
}

/** Verbs that write into the home (or its store and profile). */
const WRITES = new Set(["switch", "rollback", "gc", "build"]);

async function evaluateHome(verb: string, name: string | undefined, o: HomeOptions, out: Out) {
  const { parseFlakeRef } = await import("./flake-arg.ts");
  const { loadFlake } = await import("../flake/index.ts");
  const ref = parseFlakeRef(o.flake);
  const api = await import("../index.ts");
  if (o.destination && !exists(o.destination)) mkdirp(o.destination);
  const extraHomeModules = [
    ...(o.destination
      ? [
          {
            _file: "--destination",
            home: { homeDirectory: mkForce(o.destination.replace(/\/+$/, "")) },
          },
        ]
      : []),
    ...(o.secretsDir
      ? [{ _file: "--secrets-dir", secrets: { dir: mkForce(resolve(o.secretsDir)) } }]
      : []),
  ];
  const flake = loadFlake(ref.dir, { api, extraHomeModules });
  const { fetchLockedInputs } = await import("./flake-arg.ts");
  await fetchLockedInputs(flake);
  if (flake.stampWarning) {
    // As a pinned nixpkgs would: another confed may build the same repository differently, so
    // building refuses unless asked; looking (plan, dry run, status) only warns.
    if ((verb === "build" || verb === "switch") && !o.dryRun && !o.acceptVersion)
      throw new FlakeError(
        "E_FLAKE_VERSION",
        `${flake.stampWarning.replace(/ Run `confed lock` to adopt this version\.$/, "")}\n` +
          `Not building with it: run \`confed lock\` to adopt this confed, or pass --accept-version to build anyway.`,
      );
    out.stderr(`${c.yellow("warning:")} ${flake.stampWarning}`);
  }
  const homeName = name ?? ref.name ?? defaultName();
  const config = flake.home(homeName).config;
  const failed = (config.assertions as { assertion: boolean; message: string }[]).filter(
    (a) => !a.assertion,
  );
  if (failed.length) {
    throw new FlakeError(
      "E_FLAKE_ASSERTION",
      `${homeName}: ${failed.length} failed assertion${failed.length > 1 ? "s" : ""}:\n${failed.map((a) => `- ${a.message}`).join("\n")}`,
      { messages: failed.map((a) => a.message) },
    );
  }
  for (const w of config.warnings as string[])
    out.stderr(`${c.yellow("warning:")} ${homeName}: ${w}`);
  // A home is activated by its own user: files made by anyone else would have the wrong owner.
  const me = userInfo().username;
  if (!o.destination && config.home.username !== me && WRITES.has(verb)) {
    throw new FlakeError(
      "E_FLAKE_ARGUMENT",
      `${homeName} is ${config.home.username}'s home, and this is ${me}: run it as ${config.home.username}, or place it elsewhere with --destination DIR.`,
    );
  }
  return { homeName, config };
}

/** The home's generation: its fetchurl downloads first (asynchronous), then the build. */
async function buildHome(store: Store, config: any) {
  const inputs = homeInputs(config);
  await prefetchHome(store, inputs);
  return buildHomeGeneration(store, inputs);
}

/** The home's store, profile and activation state, all under the directory above the store. */
function homeState(storeDir: string, user: string) {
  const store = openStore({ storeDir });
  const profile = openProfile(store, `home-${user}`);
  const activationDir = `${store.stateDir}/activation/home-${user}`;
  if (!exists(activationDir)) mkdirp(activationDir);
  return { store, profile, activationDir };
}

function readManifest(generation: string): HomeManifest {
  return parseManifest(readText(`${generation}/manifest.json`), `${generation}/manifest.json`);
}

/** Runs one post-commit script with sh, in the home, as this user. */
function runScript(s: PendingScript, home: string): void {
  const r = spawnSync("sh", ["-c", s.script], {
    cwd: home,
    env: { ...process.env, HOME: home },
    stdio: ["ignore", "inherit", "inherit"],
  });
  if (r.status !== 0) throw new Error(`${s.kind} ${s.name} exited with ${r.status ?? r.signal}`);
}

/** Plans (and unless dry, applies) a switch of the home to `generation`. */
function switchTo(
  store: Store,
  activationDir: string,
  generation: StorePath,
  manifest: HomeManifest,
  o: HomeOptions,
  out: Out,
): { plan: Plan; applied: boolean; failedScripts: { name: string; error: string }[] } {
  const sys = new RealSystem();
  if (needsRecovery(sys, activationDir)) {
    const what = recover(sys, { stateDir: activationDir, runScript });
    out.stderr(
      `${c.yellow("note:")} an interrupted switch was ${what === "completed" ? "completed" : "rolled back"} first`,
    );
  }
  const state = readState(sys, activationDir);
  const oldManifest =
    state.generation === generation
      ? manifest
      : state.generation
        ? readManifest(state.generation)
        : null;
  const filesPlan = planHome(sys, {
    home: manifest.homeDirectory,
    oldManifest,
    newManifest: manifest,
    generation,
    ownedPrefixes: [store.storeDir],
    filesLink: `${activationDir}/home-files`,
    // Units are started only in the real home of the user running confed.
    userManager: () => !o.destination && userManagerRunning(),
    createdDirectories: state.createdDirectories,
    backupExtension: o.backup,
    adopt: o.adopt,
  });
  if (filesPlan.collisions.length) return { plan: filesPlan, applied: false, failedScripts: [] };
  // Secrets are decrypted (in memory) before anything is written; any failure stops here.
  const secrets = prepareHomeSecrets(sys, {
    manifest,
    previous: oldManifest === manifest ? null : oldManifest,
    env: process.env,
    warn: (m) => out.stderr(`${c.yellow("warning:")} ${m}`),
  });
  const plan = secrets ? withSecrets(filesPlan, secrets) : filesPlan;
  if (o.dryRun) {
    secrets?.contents.wipe();
    return { plan, applied: false, failedScripts: [] };
  }
  // Already there: no journal, no gc root, no write at all.
  if (plan.ops.length === 0 && plan.pending.length === 0 && state.generation === generation) {
    secrets?.contents.wipe();
    return { plan, applied: false, failedScripts: [] };
  }
  const roots = addTempRoots(store, [generation]);
  try {
    const r = applyPlan(sys, plan, {
      stateDir: activationDir,
      runScript,
      secrets: secrets?.contents,
    });
    return { plan, applied: true, failedScripts: r.failedScripts };
  } finally {
    secrets?.contents.wipe();
    roots.release();
  }
}

/** The home's distro packages that are not installed here, and how to install them. */
export function missingPackages(
  manifest: HomeManifest,
): { family: string; missing: string[]; command: string } | undefined {
  if (manifest.packages.length === 0) return undefined;
  const family = detectFamily();
  if (!family) return undefined;
  const names = [...new Set(manifest.packages.map((p) => p[family] ?? p.name))];
  const installed = installedPackages(family, names);
  const missing = names.filter((n) => !installed.has(n));
  return missing.length ? { family, missing, command: installCommand(family, missing) } : undefined;
}

function report(
  plan: Plan,
  applied: boolean,
  failedScripts: { name: string; error: string }[],
  out: Out,
  manifest?: HomeManifest,
): number {
  const packages = manifest ? missingPackages(manifest) : undefined;
  if (out.json)
    out.stdout(JSON.stringify({ applied, plan, failedScripts, missingPackages: packages ?? null }));
  else {
    out.stdout(renderPlan(plan));
    if (packages) {
      const n = packages.missing.length;
      out.stdout(
        `\n${n} package${n > 1 ? "s" : ""} this home wants ${n > 1 ? "are" : "is"} not installed: ${packages.missing.join(" ")}`,
      );
      out.stdout(`  install with: ${packages.command}`);
    }
  }
  if (plan.collisions.length) {
    out.stderr(
      `${c.red("error:")} ${plan.collisions.length} file${plan.collisions.length > 1 ? "s are" : " is"} in the way; nothing was changed. ` +
        "Move them, or pass -b EXT to keep them as backups, or --adopt to take over identical ones.",
    );
    return 1;
  }
  for (const f of failedScripts) out.stderr(`${c.yellow("warning:")} ${f.name} failed: ${f.error}`);
  return 0;
}

export async function run(
  verb: string,
  name: string | undefined,
  o: HomeOptions,
  out: Out,
): Promise<number> {
  const { homeName, config } = await evaluateHome(verb, name, o, out);
  const user: string = config.home.username;
  const { store, profile, activationDir } = homeState(config.home.storeDir, user);
  switch (verb) {
    case "build": {
      const { path } = await buildHome(store, config);
      if (o.outLink) {
        replaceSymlink(path, o.outLink);
        addRoot(store, o.outLink.startsWith("/") ? o.outLink : `${process.cwd()}/${o.outLink}`);
      }
      out.stdout(out.json ? JSON.stringify({ home: homeName, generation: path }) : path);
      return 0;
    }
    case "plan":
    case "switch": {
      const { path, manifest } = await buildHome(store, config);
      const dry = verb === "plan" || o.dryRun;
      const r = switchTo(store, activationDir, path, manifest, { ...o, dryRun: dry }, out);
      const code = report(r.plan, r.applied, r.failedScripts, out, manifest);
      if (
        r.applied ||
        (!dry && !r.plan.collisions.length && activeGeneration(profile)?.path !== path)
      ) {
        const n = addGeneration(profile, path);
        setActiveGeneration(profile, n);
        out.stderr(`${c.green("switched")} ${homeName} to generation ${n}`);
      }
      return code;
    }
    case "status": {
      const active = activeGeneration(profile);
      if (!active)
        throw new FlakeError(
          "E_FLAKE_ARGUMENT",
          `${homeName} has not been switched yet (no active generation).`,
        );
      const { ok, drift } = homeStatus(new RealSystem(), {
        home: config.home.homeDirectory,
        manifest: readManifest(active.path),
        ownedPrefixes: [store.storeDir],
        filesLink: `${activationDir}/home-files`,
      });
      if (out.json) out.stdout(JSON.stringify({ generation: active.number, ok, drift }));
      else {
        out.stdout(
          `generation ${active.number}: ${ok} files as they should be, ${drift.length} drifted`,
        );
        for (const d of drift) out.stdout(`  ${d.kind.padEnd(8)} ~/${d.target}`);
      }
      return drift.length ? 1 : 0;
    }
    case "generations": {
      const gens = listGenerations(profile);
      if (out.json) out.stdout(JSON.stringify(gens));
      else {
        for (const g of gens) {
          const marks = [g.current ? "current" : "", g.active ? "active" : ""]
            .filter(Boolean)
            .join(", ");
          out.stdout(
            `${String(g.number).padStart(4)}  ${new Date(g.time).toISOString()}  ${g.path}${marks ? `  (${marks})` : ""}`,
          );
        }
      }
      return 0;
    }
    case "rollback": {
      const gens = listGenerations(profile);
      const active = activeGeneration(profile);
      const want = o.keep !== undefined ? Number(o.keep) : undefined;
      const target =
        want !== undefined
          ? gens.find((g) => g.number === want)
          : [...gens].reverse().find((g) => active !== undefined && g.number < active.number);
      if (!target)
        throw new FlakeError(
          "E_FLAKE_ARGUMENT",
          `No generation to roll back to${want !== undefined ? ` (no generation ${want})` : ""}.`,
        );
      const r = switchTo(
        store,
        activationDir,
        target.path as StorePath,
        readManifest(target.path),
        o,
        out,
      );
      const code = report(r.plan, r.applied, r.failedScripts, out);
      if (r.applied) {
        switchGeneration(profile, target.number);
        setActiveGeneration(profile, target.number);
        out.stderr(`${c.green("rolled back")} ${homeName} to generation ${target.number}`);
      }
      return code;
    }
    case "gc": {
      const keep = o.keep === undefined ? undefined : Number(o.keep);
      if (keep !== undefined && !(Number.isInteger(keep) && keep >= 1))
        throw new FlakeError(
          "E_FLAKE_ARGUMENT",
          `--keep takes a number of generations (1 or more), not \`${o.keep}'.`,
        );
      const olderThan = o.olderThan === undefined ? undefined : parseAge(o.olderThan);
      if (keep !== undefined || olderThan !== undefined) {
        const gone = deleteGenerations(profile, { keep, olderThan });
        if (!out.json && gone.length)
          out.stderr(`deleted generation${gone.length > 1 ? "s" : ""} ${gone.join(", ")}`);
      }
      const r = gc(store, { dryRun: o.dryRun });
      // What the source cache knew of collected paths goes with them.
      if (!o.dryRun) new SourceCache(store).prune();
      if (out.json) out.stdout(JSON.stringify(r));
      else
        out.stdout(
          `${o.dryRun ? "would delete" : "deleted"} ${r.deleted.length} store paths, ${r.bytesFreed} bytes`,
        );
      return 0;
    }
    default:
      throw new FlakeError(
        "E_FLAKE_ARGUMENT",
        `Unknown verb \`home ${verb}'. Verbs: build, plan, switch, status, generations, rollback, gc.`,
      );
  }
}
