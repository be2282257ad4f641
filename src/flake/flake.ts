/**
 * A loaded repository: its machines and homes as lazy outputs. Evaluating one machine does not
 * evaluate the others; listing homes evaluates each machine's `home.users` names only.
 */
import { dirname, join, resolve } from "node:path";
import { FlakeError } from "../errors/index.ts";
import { InputError } from "../inputs/index.ts";
import { suggest } from "../lib/index.ts";
import { type Evaluation, evalModules, evaluationOf, mkDefault } from "../module-system/index.ts";
import { homeModules, homeUsersModule, systemModules } from "../modules/index.ts";
import { makePkgs } from "../packages/index.ts";
import { exists, isDirectory } from "../system/fs.ts";
import {
  type ExtraOutputs,
  type FlakeModules,
  type FlakeSpec,
  type Overlay,
  type SelfInfo,
  unknownFlakeKeys,
} from "./define.ts";
import { discoverHomes, discoverMachines } from "./discover.ts";
import {
  defineInputs,
  type InputContext,
  inputContext,
  inputLoadError,
  type LoadedInput,
  noConfedTs,
} from "./inputs.ts";
import { createLoader, type Loader } from "./loader.ts";
import { type LockFile, readLock, stampMismatch } from "./lock.ts";
import { selfInfo } from "./self-info.ts";

/** One machine: where it is defined and its (lazy) evaluation. */
export interface Machine {
  readonly name: string;
  readonly file: string;
  readonly evaluation: Evaluation;
  readonly config: any;
  readonly options: any;
}

/** One home `user@host`: embedded in machine `host`, or standalone. */
export interface Home {
  readonly name: string;
  readonly user: string;
  readonly host: string;
  /** The machine it is embedded in, if any. */
  readonly machine: string | undefined;
  /** The homes/<user>@<host>.ts file, if any. */
  readonly file: string | undefined;
  readonly evaluation: Evaluation;
  readonly config: any;
  readonly options: any;
}

export interface Flake {
  readonly root: string;
  readonly spec: FlakeSpec;
  readonly description: string;
  readonly self: SelfInfo;
  readonly loader: Loader;
  readonly machineNames: readonly string[];
  machine(name: string): Machine;
  /** Every home's name (`user@host`), sorted. */
  homeNames(): string[];
  home(name: string): Home;
  /** The `pkgs` every evaluation receives (made on first use: overlays may come from inputs). */
  readonly pkgs: any;
  /** `inputs` as modules see them: `self` and one entry per input (read when first used). */
  readonly inputs: Record<string, any>;
  /** The overlays of defineFlake, resolved (a function of `{ inputs, self }` is called once). */
  readonly overlays: readonly Overlay[];
  /** The modules of defineFlake added to every machine and home, resolved. */
  readonly modules: { machine: readonly unknown[]; home: readonly unknown[] };
  /** Outputs added by `outputs` (packages, devShells, …). */
  extraOutputs(): ExtraOutputs;
  /** confed.lock, if the repository has one (or the one `useLock` gave). */
  readonly lock: LockFile | undefined;
  /** Evaluates with another lock (e.g. one with `--override-input`s), without writing it. */
  useLock(lock: LockFile): void;
  /** Set when confed.lock was written by another confed (version or built-in modules). */
  readonly stampWarning: string | undefined;
}

/** The directory holding confed.ts: `start` or the nearest parent that has one. */
export function findFlakeRoot(start: string): string {
  let dir = resolve(start);
  for (;;) {
    if (exists(join(dir, "confed.ts"))) return dir;
    const up = dirname(dir);
    if (up === dir) {
      throw new FlakeError(
        "E_FLAKE_NOT_FOUND",
        `No confed.ts in ${resolve(start)} or any parent directory. Run \`confed init\` to create one, or pass --flake DIR.`,
      );
    }
    dir = up;
  }
}

/** `evaluation`, `config` and `options` of an output, evaluated on first read. */
function lazyEvaluation(evaluate: () => Evaluation): PropertyDescriptorMap {
  return {
    evaluation: { enumerable: true, get: evaluate },
    config: { enumerable: true, get: () => evaluate().config },
    options: { enumerable: true, get: () => evaluate().options },
  };
}

function unknownName(kind: string, name: string, known: readonly string[]): FlakeError {
  const s = suggest(name, known);
  return new FlakeError(
    "E_FLAKE_UNKNOWN",
    `There is no ${kind} \`${name}'.${s.length ? ` Did you mean ${s.map((x) => `\`${x}'`).join(" or ")}?` : ""}` +
      (known.length ? ` Known: ${known.join(", ")}.` : ` This repository defines none.`),
    { suggestions: s },
  );
}

function checkModuleExport(value: unknown, rel: string, what: string): void {
  if (
    (typeof value === "object" && value !== null && !Array.isArray(value)) ||
    typeof value === "function"
  )
    return;
  throw new FlakeError(
    "E_FLAKE_EXPORT",
    `${rel} must default-export a ${what} module (an object, a module function, or ` +
      `define${what === "machine" ? "Machine" : "Home"}(…)), but its default export is ${
        value === undefined
          ? "missing"
          : Array.isArray(value)
            ? "a list"
            : `a ${value === null ? "null" : typeof value}`
      }.`,
    { file: rel },
  );
}

export interface LoadFlakeOptions {
  /** The running confed package (what `import "confed"` gives a user file). */
  api: object;
  cacheDir?: string;
  extraHomeModules?: readonly unknown[];
  /** Set when the repository is an input of another: where in the lock graph it sits. */
  asInput?: { ctx: InputContext; node: string; label: string; self: Record<string, unknown> };
}

/** The parts of a loaded input repository that `inputs.<name>` exposes. */
function loadedInput(f: Flake): LoadedInput {
  return {
    get description() {
      return f.description;
    },
    inputs: f.inputs,
    get overlays() {
      return f.overlays;
    },
    get modules() {
      return f.modules;
    },
    outputs: () => f.extraOutputs() as Record<string, unknown>,
    machineNames: f.machineNames,
    machine: (n) => f.machine(n),
    homeNames: () => f.homeNames(),
    home: (n) => f.home(n),
  };
}

/**
 * Loads the repository at `dir` (the directory holding confed.ts).
 *
 * @example
 * const flake = loadFlake("/home/me/dotfiles", { api: await import("confed") });
 * flake.machine("map").config.networking.hostName
 */
export function loadFlake(dir: string, opts: LoadFlakeOptions): Flake {
  const root = resolve(dir);
  const asInput = opts.asInput;
  if (asInput) {
    if (!exists(join(root, "confed.ts"))) throw noConfedTs(asInput.label);
  } else if (!exists(join(root, "confed.ts"))) findFlakeRoot(root);
  // An input's files are named by their path in the store (where errors must point).
  const loader = createLoader({
    root,
    api: opts.api,
    cacheDir: opts.cacheDir,
    absoluteNames: asInput !== undefined,
  });
  const spec = loader.load(join(root, "confed.ts")) as FlakeSpec;
  if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
    throw new FlakeError(
      "E_FLAKE_EXPORT",
      "confed.ts must default-export defineFlake({ … }) (an object), but it exports " +
        `${spec === undefined ? "nothing" : typeof spec}.`,
      { file: "confed.ts" },
    );
  }
  const unknown = unknownFlakeKeys(spec as Record<string, unknown>);
  if (unknown.length) {
    throw new FlakeError(
      "E_FLAKE_EXPORT",
      `confed.ts: defineFlake has no field ${unknown.map((k) => `\`${k}'`).join(", ")}; ` +
        "it takes description, inputs, overlays, modules and outputs.",
      {
        file: "confed.ts",
        suggestions: unknown.flatMap((k) =>
          suggest(k, ["description", "inputs", "overlays", "modules", "outputs"]),
        ),
      },
    );
  }

  const machineFiles = discoverMachines(root);
  const homeFiles = discoverHomes(root);
  const machineNames = [...machineFiles.keys()];
  // An input's `self` is its locked tree; its lock is the consumer's graph, not its own file.
  const self = asInput ? (asInput.self as unknown as SelfInfo) : selfInfo(root);
  const lock = asInput ? undefined : readLock(root);
  const ctx: InputContext =
    asInput?.ctx ??
    inputContext({ current: lock }, (inputDir, node, label, inputSelf) => {
      let f: Flake;
      try {
        f = loadFlake(inputDir, {
          api: opts.api,
          cacheDir: opts.cacheDir,
          asInput: { ctx, node, label, self: inputSelf },
        });
      } catch (e) {
        throw e instanceof InputError ? e : inputLoadError(label, e);
      }
      return loadedInput(f);
    });
  ctx.loaders ??= [];
  ctx.loaders.push(loader);
  const inputs: Record<string, any> = { self };
  defineInputs(
    inputs,
    Object.keys(spec.inputs ?? {}),
    ctx,
    () => (asInput ? asInput.node : ctx.lockRef.current?.root),
    asInput ? asInput.label.split("/") : [],
  );
  const flakeCtx = { inputs, self };
  let overlayList: readonly Overlay[] | undefined;
  const overlays = (): readonly Overlay[] => {
    overlayList ??=
      typeof spec.overlays === "function" ? spec.overlays(flakeCtx) : (spec.overlays ?? []);
    return overlayList;
  };
  let moduleLists: { machine: readonly unknown[]; home: readonly unknown[] } | undefined;
  const modules = () => {
    if (moduleLists) return moduleLists;
    const m: FlakeModules =
      (typeof spec.modules === "function" ? spec.modules(flakeCtx) : spec.modules) ?? {};
    moduleLists = { machine: m.machine ?? [], home: m.home ?? [] };
    return moduleLists;
  };
  let pkgsValue: any;
  const getPkgs = () => {
    pkgsValue ??= makePkgs({ overlays: overlays() });
    return pkgsValue;
  };
  const flakeHomeModules = () => [
    ...homeModules,
    ...modules().home,
    ...(opts.extraHomeModules ?? []),
  ];

  // A string import is loaded by the loader of the repository it lies in (the consumer's or an
  // input's), so its default export is named after its file.
  const loadPath = (path: string, fromFile: string) => {
    const base = resolve(root, fromFile.split(", via option")[0]);
    const from = isDirectory(base) ? base : dirname(base);
    let abs = resolve(from, path);
    if (isDirectory(abs)) abs = join(abs, "index.ts");
    else if (!exists(abs) && exists(`${abs}.ts`)) abs = `${abs}.ts`;
    const owner = (ctx.loaders ?? []).find((l) => abs.startsWith(`${l.root}/`)) ?? loader;
    return owner.load(abs);
  };

  const machines = new Map<string, Machine>();
  const machine = (name: string): Machine => {
    const hit = machines.get(name);
    if (hit) return hit;
    const file = machineFiles.get(name);
    if (!file) throw unknownName("machine", name, machineNames);
    const rel = loader.rel(file);
    let evaluation: Evaluation | undefined;
    const evaluate = () => {
      if (evaluation) return evaluation;
      const mod = loader.load(file);
      checkModuleExport(mod, rel, "machine");
      const pkgs = getPkgs();
      const homeAdditions: unknown[] = [];
      for (const [homeName, homeFile] of homeFiles) {
        const [user, host] = homeName.split("@");
        if (host !== name) continue;
        const hm = loader.load(homeFile);
        checkModuleExport(hm, loader.rel(homeFile), "home");
        homeAdditions.push({ _file: loader.rel(homeFile), home: { users: { [user]: hm } } });
      }
      evaluation = evalModules({
        class: "system",
        specialArgs: { inputs, self, name, pkgs },
        load: loadPath,
        modules: [
          ...systemModules,
          homeUsersModule(flakeHomeModules(), { inputs, self, pkgs }),
          ...modules().machine,
          {
            _file: "<confed>/flake (machine defaults)",
            _module: { args: { pkgs: mkDefault(pkgs) } },
            networking: { hostName: mkDefault(name) },
            system: {
              // Read only when used: it asks git.
              get configurationRevision() {
                return mkDefault(self.rev ?? null);
              },
            },
          },
          mod,
          ...homeAdditions,
        ],
      });
      return evaluation;
    };
    const m: Machine = Object.defineProperties(
      { name, file: rel },
      lazyEvaluation(evaluate),
    ) as Machine;
    machines.set(name, m);
    return m;
  };

  let homeList: string[] | undefined;
  const homeNames = (): string[] => {
    if (homeList) return homeList;
    const names = new Set<string>();
    for (const m of machineNames) {
      for (const user of Object.keys(machine(m).config.home.users)) names.add(`${user}@${m}`);
    }
    for (const h of homeFiles.keys()) names.add(h);
    homeList = [...names].sort();
    return homeList;
  };

  const homes = new Map<string, Home>();
  const home = (homeName: string): Home => {
    const hit = homes.get(homeName);
    if (hit) return hit;
    const at = homeName.indexOf("@");
    if (at <= 0 || at === homeName.length - 1) {
      throw new FlakeError("E_FLAKE_UNKNOWN", `A home is named user@host, not \`${homeName}'.`);
    }
    const user = homeName.slice(0, at);
    const host = homeName.slice(at + 1);
    const homeFile = homeFiles.get(homeName);
    let h: Home;
    if (machineFiles.has(host)) {
      const m = machine(host);
      const get = () => {
        const users = m.config.home.users;
        if (!(user in users)) throw unknownName("home", homeName, homeNames());
        return users[user];
      };
      h = {
        name: homeName,
        user,
        host,
        machine: host,
        file: homeFile ? loader.rel(homeFile) : undefined,
        get config() {
          return get();
        },
        get evaluation() {
          return evaluationOf(get())!;
        },
        get options() {
          return evaluationOf(get())!.options;
        },
      };
    } else {
      if (!homeFile) throw unknownName("home", homeName, homeNames());
      let evaluation: Evaluation | undefined;
      const evaluate = () => {
        if (evaluation) return evaluation;
        const mod = loader.load(homeFile);
        checkModuleExport(mod, loader.rel(homeFile), "home");
        const pkgs = getPkgs();
        evaluation = evalModules({
          class: "home",
          specialArgs: { inputs, self, name: user, pkgs, osConfig: undefined },
          load: loadPath,
          modules: [
            ...flakeHomeModules(),
            {
              _file: "<confed>/flake (home defaults)",
              _module: { args: { pkgs: mkDefault(pkgs) } },
              home: { username: mkDefault(user), homeDirectory: mkDefault(`/home/${user}`) },
            },
            mod,
          ],
        });
        return evaluation;
      };
      h = Object.defineProperties(
        { name: homeName, user, host, machine: undefined, file: loader.rel(homeFile) },
        lazyEvaluation(evaluate),
      ) as Home;
    }
    homes.set(homeName, h);
    return h;
  };

  let extra: ExtraOutputs | undefined;
  let warning: string | undefined | null = null;
  return {
    get lock() {
      return ctx.lockRef.current;
    },
    useLock(l: LockFile) {
      ctx.lockRef.current = l;
      ctx.cache.clear();
    },
    get stampWarning() {
      if (warning === null) warning = asInput ? undefined : stampMismatch(lock);
      return warning;
    },
    root,
    spec,
    description: spec.description ?? "",
    self,
    loader,
    machineNames,
    machine,
    homeNames,
    home,
    get pkgs() {
      return getPkgs();
    },
    inputs,
    get overlays() {
      return overlays();
    },
    get modules() {
      return modules();
    },
    extraOutputs() {
      if (!extra) extra = spec.outputs ? spec.outputs({ self, inputs, pkgs: getPkgs() }) : {};
      return extra;
    },
  };
}
