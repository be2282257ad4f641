/**
 * One synthetic module-system workload, emitted twice: as a Nix file for the nixpkgs lib's
 * `evalModules` and as a TypeScript file for confed's. Both describe the same modules, so both
 * must evaluate to the same configuration (compared as JSON by run.ts).
 *
 *   node --import tsx bench/module-system/gen.ts K O M OUTDIR [CONFED_IMPORT [CONFED_BUNDLE]]
 *
 * writes OUTDIR/workload.nix (`{ lib }: config`), OUTDIR/workload.ts (exports `modules`, imports
 * confed from CONFED_IMPORT, default: this checkout's src/index.ts) and, with CONFED_BUNDLE,
 * OUTDIR/workload.mjs: the same text importing a pre-bundled confed, for runs without tsx. The
 * generated TypeScript has no type annotations, so it is also plain JavaScript.
 *
 * The workload (deterministic for given K, O, M):
 * - K modules; module i declares options `m<i>.o0 … m<i>.o<O-1>`, of types int, str, bool,
 *   listOf str, attrsOf str in turn, each with a default; some str defaults read another
 *   module's option.
 * - A read chain: `m<i>.o0` is defined by module i as `config.m<i-1>.o0 + 1`.
 * - 60% of the other options are defined by 1-4 other modules at mixed priorities (plain,
 *   mkDefault, mkForce, mkOverride n). Values of one option at one priority are equal, so the
 *   result is well-defined whichever definitions survive; list definitions differ and
 *   concatenate (some under mkBefore/mkAfter); attrsOf str definitions use distinct keys,
 *   with the priority on the whole set or on its values.
 * - A quarter of those definitions sit under mkIf whose condition reads a bool option of a
 *   module with a lower index (so conditions never form a cycle); every fourth module puts its
 *   conditional definitions in one `mkIf` block inside `mkMerge`, the NixOS
 *   `config = mkIf cfg.enable { … }` pattern.
 * - `hosts`: one `attrsOf (submodule …)` option, declared by module 0 and extended with more
 *   sub-options by module 1 (as `users.users` is), with M entries `h<e>`, each defined by
 *   several modules (different sub-options, mkIf, mkDefault, mkForce, mkAfter); some sub-option
 *   defaults read `name` or the entry's own config.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

export interface Params {
  /** Number of modules. */
  K: number;
  /** Options per module. */
  O: number;
  /** Entries of the `hosts` attrsOf-submodule option. */
  M: number;
  seed?: number;
}

/** A leaf of a definition tree: the same value written in both languages. */
interface Leaf {
  leaf: true;
  ts: string;
  nix: string;
  /** TypeScript: emit as a getter (`get name() { return ts; }`), the value reads config. */
  getter?: boolean;
}
interface Tree {
  [key: string]: Tree | Leaf;
}

const KINDS = ["int", "str", "bool", "list", "attrs"] as const;
type Kind = (typeof KINDS)[number];
const kindOf = (j: number): Kind => KINDS[j % KINDS.length];

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const leaf = (ts: string, nix: string, getter = false): Leaf => ({ leaf: true, ts, nix, getter });
const isLeaf = (x: Tree | Leaf): x is Leaf => (x as Leaf).leaf === true;
const q = (s: string): string => JSON.stringify(s); // ASCII without `$` or `\`: valid in both
const nixList = (xs: string[]): string => `[ ${xs.map(q).join(" ")} ]`;
const tsList = (xs: string[]): string => `[${xs.map(q).join(", ")}]`;

/** Wraps both spellings of a value in a priority. */
function withPrio(prio: number, v: { ts: string; nix: string }): { ts: string; nix: string } {
  if (prio === 100) return v;
  if (prio === 1000) return { ts: `mkDefault(${v.ts})`, nix: `mkDefault (${v.nix})` };
  if (prio === 50) return { ts: `mkForce(${v.ts})`, nix: `mkForce (${v.nix})` };
  return { ts: `mkOverride(${prio}, ${v.ts})`, nix: `mkOverride ${prio} (${v.nix})` };
}

interface Cond {
  k: number;
  b: number;
  neg: boolean;
}
const condTs = (c: Cond): string => `() => ${c.neg ? "!" : ""}config.m${c.k}.o${c.b}`;
const condNix = (c: Cond): string => `${c.neg ? "!" : ""}config.m${c.k}.o${c.b}`;
function withCond(
  c: Cond | undefined,
  v: { ts: string; nix: string },
): { ts: string; nix: string } {
  if (!c) return v;
  return { ts: `mkIf(${condTs(c)}, ${v.ts})`, nix: `mkIf (${condNix(c)}) (${v.nix})` };
}

function setPath(tree: Tree, path: string[], value: Leaf, stats?: Stats, cond = false): void {
  if (stats) {
    stats.definitions++;
    if (cond) stats.conditional++;
  }
  let t = tree;
  for (const p of path.slice(0, -1)) {
    const next = t[p];
    if (next === undefined) t = t[p] = {};
    else if (isLeaf(next)) throw new Error(`generator: ${path.join(".")} under a leaf`);
    else t = next;
  }
  const last = path[path.length - 1];
  if (t[last] !== undefined) throw new Error(`generator: ${path.join(".")} defined twice`);
  t[last] = value;
}

function emitTs(tree: Tree, indent: string): string {
  const inner = `${indent}  `;
  const parts = Object.entries(tree).map(([k, v]) => {
    if (!isLeaf(v)) return `${inner}${k}: ${emitTs(v, inner)},`;
    return v.getter ? `${inner}get ${k}() { return ${v.ts}; },` : `${inner}${k}: ${v.ts},`;
  });
  return `{\n${parts.join("\n")}\n${indent}}`;
}

function emitNix(tree: Tree, indent: string): string {
  const inner = `${indent}  `;
  const parts = Object.entries(tree).map(
    ([k, v]) => `${inner}${k} = ${isLeaf(v) ? v.nix : emitNix(v, inner)};`,
  );
  return `{\n${parts.join("\n")}\n${indent}}`;
}

interface ModuleIR {
  options: Tree;
  /** Unconditional definitions. */
  config: Tree;
  /** Definitions under one module-level mkIf (every fourth module). */
  block?: { cond: Cond; config: Tree };
}

/** Priorities a cross-module definition may carry. */
const PRIOS = [100, 100, 100, 1000, 1000, 50, 10, 200, 900];

/** Counts of what a workload holds, for the results table. */
export interface Stats {
  /** Option values in the result: K·O module options and 7 sub-options per `hosts` entry. */
  options: number;
  /** Definitions written in modules (not counting option defaults). */
  definitions: number;
  /** Of those, the ones under an mkIf (leaf or module-level block). */
  conditional: number;
}

function build(p: Params, stats: Stats): ModuleIR[] {
  const { K, O, M } = p;
  const rand = rng(p.seed ?? 20240607);
  const int = (n: number) => Math.floor(rand() * n);
  const boolIdx = Array.from({ length: O }, (_, j) => j).filter((j) => kindOf(j) === "bool");
  // A random bool option of a module with index < below (undefined when there is none).
  const condBelow = (below: number): Cond | undefined =>
    below <= 0 || boolIdx.length === 0
      ? undefined
      : { k: int(below), b: boolIdx[int(boolIdx.length)], neg: rand() < 0.5 };

  const mods: ModuleIR[] = Array.from({ length: K }, (_, i) => ({
    options: {},
    config: {},
    block: i % 4 === 1 && i > 1 ? { cond: condBelow(i)!, config: {} } : undefined,
  }));

  // Declarations.
  for (let i = 0; i < K; i++) {
    const opts: Tree = {};
    for (let j = 0; j < O; j++) {
      const kind = kindOf(j);
      let ts: string;
      let nix: string;
      switch (kind) {
        case "int":
          ts = `mkOption({ type: types.int, default: ${i + j} })`;
          nix = `mkOption { type = types.int; default = ${i + j}; }`;
          break;
        case "str":
          if (j % 10 === 6 && i > 0) {
            // A default that reads another module's option.
            ts = `mkOption({ type: types.str, get default() { return config.m${i - 1}.o1 + "+${j}"; } })`;
            nix = `mkOption { type = types.str; default = config.m${i - 1}.o1 + "+${j}"; }`;
          } else {
            ts = `mkOption({ type: types.str, default: ${q(`d${i}_${j}`)} })`;
            nix = `mkOption { type = types.str; default = ${q(`d${i}_${j}`)}; }`;
          }
          break;
        case "bool":
          ts = `mkOption({ type: types.bool, default: ${(i + j) % 2 === 0} })`;
          nix = `mkOption { type = types.bool; default = ${(i + j) % 2 === 0}; }`;
          break;
        case "list":
          ts = `mkOption({ type: types.listOf(types.str), default: ${tsList([`d${i}`])} })`;
          nix = `mkOption { type = types.listOf types.str; default = ${nixList([`d${i}`])}; }`;
          break;
        case "attrs":
          ts = `mkOption({ type: types.attrsOf(types.str), default: { d: ${q(`${i}`)} } })`;
          nix = `mkOption { type = types.attrsOf types.str; default = { d = ${q(`${i}`)}; }; }`;
          break;
      }
      opts[`o${j}`] = leaf(ts, nix);
    }
    mods[i].options[`m${i}`] = opts;
    stats.options += O;
    // The read chain.
    if (i > 0)
      setPath(
        mods[i].config,
        [`m${i}`, "o0"],
        leaf(`config.m${i - 1}.o0 + 1`, `config.m${i - 1}.o0 + 1`, true),
        stats,
      );
  }

  // Cross-module definitions of module options.
  for (let i = 0; i < K; i++) {
    for (let j = 1; j < O; j++) {
      if (rand() >= 0.6 || K < 2) continue;
      const n = 1 + int(4);
      const definers = new Set<number>();
      while (definers.size < Math.min(n, K - 1)) {
        const d = int(K);
        if (d !== i) definers.add(d);
      }
      const kind = kindOf(j);
      for (const d of definers) {
        const prio = PRIOS[int(PRIOS.length)];
        let v: { ts: string; nix: string };
        switch (kind) {
          case "int": {
            const x = i * 7 + j * 3 + prio;
            v = withPrio(prio, { ts: `${x}`, nix: `${x}` });
            break;
          }
          case "str": {
            const s = q(`v${i}_${j}_p${prio}`);
            v = withPrio(prio, { ts: s, nix: s });
            break;
          }
          case "bool": {
            const b = `${(i + j + prio) % 3 === 0}`;
            v = withPrio(prio, { ts: b, nix: b });
            break;
          }
          case "list": {
            const xs = [`${d}p${prio}`];
            let core = { ts: tsList(xs), nix: nixList(xs) };
            const r = rand();
            if (r < 0.2) core = { ts: `mkBefore(${core.ts})`, nix: `mkBefore ${core.nix}` };
            else if (r < 0.4) core = { ts: `mkAfter(${core.ts})`, nix: `mkAfter ${core.nix}` };
            v = withPrio(prio, core);
            break;
          }
          case "attrs": {
            const key = `k${d}`;
            const val = q(`v${prio}`);
            if (rand() < 0.5) {
              v = withPrio(prio, { ts: `{ ${key}: ${val} }`, nix: `{ ${key} = ${val}; }` });
            } else {
              const inner = withPrio(prio, { ts: val, nix: val });
              v = { ts: `{ ${key}: ${inner.ts} }`, nix: `{ ${key} = ${inner.nix}; }` };
            }
            break;
          }
        }
        const path = [`m${i}`, `o${j}`];
        const mod = mods[d];
        if (rand() < 0.25 && i > 0) {
          // Conditional: in the module's mkIf block when its condition is below i, else a leaf mkIf.
          if (mod.block && mod.block.cond.k < i) {
            setPath(mod.block.config, path, leaf(v.ts, v.nix), stats, true);
            continue;
          }
          const c = condBelow(i);
          v = withCond(c, v);
          setPath(mod.config, path, leaf(v.ts, v.nix), stats, c !== undefined);
          continue;
        }
        setPath(mod.config, path, leaf(v.ts, v.nix), stats);
      }
    }
  }

  // The hosts submodule: declared by module 0, extended by module 1.
  mods[0].options.hosts = leaf(
    `mkOption({ type: types.attrsOf(types.submodule(hostBase)), default: {} })`,
    `mkOption { type = types.attrsOf (types.submodule hostBase); default = { }; }`,
  );
  if (K > 1) {
    mods[1].options.hosts = leaf(
      `mkOption({ type: types.attrsOf(types.submodule(hostExtra)) })`,
      `mkOption { type = types.attrsOf (types.submodule hostExtra); }`,
    );
  }
  stats.options += M * (K > 1 ? 7 : 5);
  const anyCond = (): Cond | undefined => condBelow(K);
  for (let e = 0; e < M; e++) {
    const h = `h${e}`;
    const pick = () => int(K);
    const a = pick();
    const b = pick();
    const c = pick();
    const d = pick();
    const def = (mod: number, sub: string, ts: string, nix: string) =>
      setPath(mods[mod].config, ["hosts", h, sub], leaf(ts, nix), stats, ts.startsWith("mkIf"));
    const tags = (mod: number, xs: string[], wrap: "" | "mkAfter" | "mkBefore") => {
      const t = tsList(xs);
      const n = nixList(xs);
      def(mod, "tags", wrap ? `${wrap}(${t})` : t, wrap ? `${wrap} ${n}` : n);
    };
    def(a, "port", `${1000 + e}`, `${1000 + e}`);
    tags(a, [`a${e}`], "");
    if (b !== a) {
      tags(b, [`b${e}`], e % 2 ? "mkAfter" : "mkBefore");
      const cond = anyCond();
      const t = withCond(cond, { ts: "true", nix: "true" });
      def(b, "enable", t.ts, t.nix);
    }
    if (c !== a && c !== b) {
      def(c, "extra", `{ k${c}: ${q(`v${e}`)} }`, `{ k${c} = ${q(`v${e}`)}; }`);
      if (e % 3 === 0) def(c, "hostName", `mkDefault(${q(`H${e}`)})`, `mkDefault ${q(`H${e}`)}`);
      if (e % 5 === 0) def(c, "owner", `mkForce(${q(`o${e}`)})`, `mkForce ${q(`o${e}`)}`);
    }
    if (d !== a && d !== b && d !== c && e % 2 === 0) {
      def(d, "enable", "mkDefault(false)", "mkDefault false");
      def(d, "port", "mkDefault(1)", "mkDefault 1");
    }
  }
  return mods;
}

const TS_PRELUDE = (confed: string) => `// Generated by bench/module-system/gen.ts; do not edit.
import { mkAfter, mkBefore, mkDefault, mkForce, mkIf, mkMerge, mkOption, mkOverride, types } from ${q(confed)};

const hostBase = ({ name, config }) => ({
  options: {
    hostName: mkOption({ type: types.str, default: name }),
    port: mkOption({ type: types.int, default: 22 }),
    enable: mkOption({ type: types.bool, default: false }),
    tags: mkOption({ type: types.listOf(types.str), default: [] }),
    address: mkOption({ type: types.str, get default() { return config.hostName + ".lan"; } }),
  },
});

const hostExtra = ({ name }) => ({
  options: {
    owner: mkOption({ type: types.str, default: name + "-owner" }),
    extra: mkOption({ type: types.attrsOf(types.str), default: {} }),
  },
});

export const modules = [
`;

const NIX_PRELUDE = `# Generated by bench/module-system/gen.ts; do not edit.
{ lib }:
let
  inherit (lib) mkAfter mkBefore mkDefault mkForce mkIf mkMerge mkOption mkOverride types;
  hostBase = { name, config, ... }: {
    options = {
      hostName = mkOption { type = types.str; default = name; };
      port = mkOption { type = types.int; default = 22; };
      enable = mkOption { type = types.bool; default = false; };
      tags = mkOption { type = types.listOf types.str; default = [ ]; };
      address = mkOption { type = types.str; default = config.hostName + ".lan"; };
    };
  };
  hostExtra = { name, ... }: {
    options = {
      owner = mkOption { type = types.str; default = name + "-owner"; };
      extra = mkOption { type = types.attrsOf types.str; default = { }; };
    };
  };
in
(lib.evalModules {
  modules = [
`;

export interface Workload {
  ts: (confedImport: string) => string;
  nix: string;
  stats: Stats;
}

/** Generates the workload in both languages. */
export function generate(p: Params): Workload {
  const stats: Stats = { options: 0, definitions: 0, conditional: 0 };
  const mods = build(p, stats);
  const tsBody: string[] = [];
  const nixBody: string[] = [];
  for (const m of mods) {
    const tsOptions = emitTs(m.options, "    ");
    const nixOptions = emitNix(m.options, "      ");
    let tsConfig = emitTs(m.config, "    ");
    let nixConfig = emitNix(m.config, "      ");
    if (m.block && Object.keys(m.block.config).length > 0) {
      const c = m.block.cond;
      tsConfig = `mkMerge([\n      ${emitTs(m.config, "      ")},\n      mkIf(${condTs(c)}, ${emitTs(m.block.config, "      ")}),\n    ])`;
      nixConfig = `mkMerge [\n        ${emitNix(m.config, "        ")}\n        (mkIf (${condNix(c)}) ${emitNix(m.block.config, "        ")})\n      ]`;
    }
    tsBody.push(
      `  ({ config }) => ({\n    options: ${tsOptions},\n    config: ${tsConfig},\n  }),`,
    );
    nixBody.push(
      `    ({ config, ... }: {\n      options = ${nixOptions};\n      config = ${nixConfig};\n    })`,
    );
  }
  return {
    ts: (confed) => `${TS_PRELUDE(confed)}${tsBody.join("\n")}\n];\n`,
    nix: `${NIX_PRELUDE}${nixBody.join("\n")}\n  ];\n}).config\n`,
    stats,
  };
}

/** Writes workload.nix, workload.ts and (given a bundle) workload.mjs into dir. */
export function writeWorkload(
  p: Params,
  dir: string,
  confedImport: string,
  bundle?: string,
): Stats {
  mkdirSync(dir, { recursive: true });
  const w = generate(p);
  // ESM like this repository: without it tsx loads a .ts file outside the package as CommonJS,
  // which would give the workload its own copy of confed.
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  writeFileSync(join(dir, "workload.nix"), w.nix);
  writeFileSync(join(dir, "workload.ts"), w.ts(confedImport));
  if (bundle) writeFileSync(join(dir, "workload.mjs"), w.ts(bundle));
  return w.stats;
}

const defaultConfed = resolve(
  new URL("../../src/module-system/index.ts", import.meta.url).pathname,
);

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [K, O, M, dir, confed = defaultConfed, bundle] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write("usage: gen.ts K O M OUTDIR [CONFED_IMPORT [CONFED_BUNDLE]]\n");
    process.exit(2);
  }
  const stats = writeWorkload({ K: Number(K), O: Number(O), M: Number(M) }, dir, confed, bundle);
  process.stdout.write(`${JSON.stringify(stats)}\n`);
}
