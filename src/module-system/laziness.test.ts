import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { inspect } from "node:util";
import { ModuleError } from "../errors/index.ts";
import {
  evalModules,
  mkDefault,
  mkForce,
  mkIf,
  mkMerge,
  mkOption,
  setModuleFile,
  types,
} from "./index.ts";

const throwsCode = (f: () => unknown, code: string, ...includes: string[]) =>
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof ModuleError, `expected a ModuleError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    for (const s of includes)
      assert.ok(e.message.includes(s), `message lacks ${JSON.stringify(s)}:\n${e.message}`);
    return true;
  });

describe("getters (lazy definitions)", () => {
  test("a definition getter runs at most once and gives === values", () => {
    let runs = 0;
    const { config } = evalModules({
      modules: [
        {
          options: {
            a: mkOption({ type: types.attrsOf(types.int) }),
            b: mkOption({ type: types.anything }),
          },
        },
        ({ config }: any) => ({
          config: {
            get a() {
              runs++;
              return { x: 1 };
            },
            get b() {
              return { first: config.a, again: config.a };
            },
          },
        }),
      ],
    });
    assert.equal(config.b.first, config.b.first);
    assert.equal(config.a, config.a);
    assert.deepEqual({ ...config.b.first }, { x: 1 });
    assert.equal(runs, 1);
  });

  test("one module object shared by two evaluations gives each its own values", () => {
    let runs = 0;
    const shared = {
      options: { n: mkOption({ type: types.int }), m: mkOption({ type: types.int }) },
      config: {
        get n() {
          runs++;
          return runs;
        },
      },
    };
    const e1 = evalModules({ modules: [shared, { m: 1 }] });
    const e2 = evalModules({ modules: [shared, { m: 2 }] });
    assert.equal(e1.config.n, 1);
    assert.equal(e2.config.n, 2);
    assert.equal(e1.config.n, 1);
    assert.equal(runs, 2);
    assert.ok(!Object.hasOwn(shared, "_type"), "the module object is not mutated");
    assert.ok(!Object.isFrozen(shared));
  });

  test("`get default()` on mkOption is read only when the option is used", () => {
    let read = 0;
    const { config } = evalModules({
      modules: [
        ({ config }: any) => ({
          options: {
            host: mkOption({ type: types.str }),
            url: mkOption({
              type: types.str,
              get default() {
                read++;
                return `http://${config.host}`;
              },
            }),
          },
        }),
        { host: "example.org" },
      ],
    });
    assert.equal(read, 0);
    assert.equal(config.url, "http://example.org");
    assert.equal(config.url, "http://example.org");
    assert.equal(read, 1);
  });

  test("a module's `get config()` may read `options`", () => {
    const { config } = evalModules({
      modules: [
        { options: { warnings: mkOption({ type: types.listOf(types.str), default: [] }) } },
        ({ options }: any) => ({
          get config() {
            return "warnings" in options ? { warnings: ["seen"] } : {};
          },
        }),
      ],
    });
    assert.deepEqual(config.warnings, ["seen"]);
  });

  test("a definition's shape may depend on config (the namespace is built on demand)", () => {
    const { config } = evalModules({
      modules: [
        {
          options: {
            flag: mkOption({ type: types.bool }),
            ns: { a: mkOption({ type: types.int, default: 0 }) },
          },
        },
        ({ config }: any) => ({
          flag: true,
          get ns() {
            return config.flag ? { a: 5 } : {};
          },
        }),
      ],
    });
    assert.equal(config.ns.a, 5);
  });
});

describe("mkIf conditions", () => {
  test("a condition thunk runs only when an option under it is merged, once", () => {
    let runs = 0;
    const { config } = evalModules({
      modules: [
        {
          options: {
            on: mkOption({ type: types.bool }),
            a: mkOption({ type: types.int, default: 0 }),
            b: mkOption({ type: types.int, default: 0 }),
          },
        },
        ({ config }: any) => ({
          config: mkIf(
            () => {
              runs++;
              return config.on;
            },
            { a: 1, b: 2 },
          ),
        }),
        { on: true },
      ],
    });
    assert.equal(runs, 0);
    assert.equal(config.a, 1);
    assert.equal(config.b, 2);
    assert.equal(runs, 1);
  });

  test("a non-boolean condition is an error naming the file", () => {
    const { config } = evalModules({
      modules: [
        { options: { a: mkOption({ type: types.int, default: 0 }) } },
        { _file: "cond.ts", a: mkIf((() => "yes") as any, 1) },
      ],
    });
    throwsCode(() => config.a, "E_TYPE", "cond.ts", "non-boolean");
  });
});

describe("module arguments and collection-time reads", () => {
  test("`const cfg = config.x` in a module body works", () => {
    const { config } = evalModules({
      modules: [
        {
          options: {
            programs: {
              git: {
                enable: mkOption({ type: types.bool, default: false }),
                userName: mkOption({ type: types.str }),
              },
            },
            summary: mkOption({ type: types.str }),
          },
        },
        ({ config }: any) => {
          const cfg = config.programs.git;
          return {
            summary: mkIf(() => cfg.enable, {} as any) && undefined,
            config: {
              get summary() {
                return cfg.enable ? `git as ${cfg.userName}` : "no git";
              },
            },
          };
        },
        { programs: { git: { enable: true, userName: "myme" } } },
      ].map((m, i) => (i === 1 ? (args: any) => ({ config: (m as any)(args).config }) : m)),
    });
    assert.equal(config.summary, "git as myme");
  });

  test("a lazy reference used as a definition value is resolved", () => {
    const { config } = evalModules({
      modules: [
        { options: { a: mkOption({ type: types.int }), b: mkOption({ type: types.int }) } },
        ({ config }: any) => ({ a: 3, b: config.a }),
      ],
    });
    assert.equal(config.b, 3);
  });

  test("turning config into a value while collecting is an error that says how to fix it", () => {
    throwsCode(
      () =>
        evalModules({
          modules: [
            {
              options: {
                a: mkOption({ type: types.int, default: 1 }),
                b: mkOption({ type: types.int }),
              },
            },
            ({ config }: any) => ({ b: config.a + 1 }),
          ],
        }),
      "E_LAZINESS",
      "getter",
      "mkIf",
      "mkMerge",
    );
  });

  test("object spread of a definition with getters during collection points at mkMerge", () => {
    throwsCode(
      () =>
        evalModules({
          modules: [
            {
              options: {
                a: mkOption({ type: types.int, default: 1 }),
                b: mkOption({ type: types.int }),
              },
            },
            ({ config }: any) => {
              const base = {
                get b() {
                  return config.a + 1;
                },
              };
              return { ...base };
            },
          ],
        }),
      "E_LAZINESS",
      "spread",
    );
  });

  test("_module.args are module arguments; a missing one names the module file", () => {
    const ok = evalModules({
      modules: [
        { options: { out: mkOption({ type: types.str }) } },
        { _module: { args: { greeting: "hi" } } },
        ({ greeting }: any) => ({
          config: {
            get out() {
              return `${greeting}!`;
            },
          },
        }),
      ],
    });
    assert.equal(ok.config.out, "hi!");
    const bad = evalModules({
      modules: [
        { options: { out: mkOption({ type: types.str }) } },
        { _module: { args: { greeting: "hi" } } },
        { _file: "uses-greting.ts", imports: [({ greting }: any) => ({ out: greting })] },
      ],
    });
    throwsCode(() => bad.config.out, "E_MISSING_ARG", "greting", "uses-greting.ts", "greeting");
  });

  test("specialArgs win over _module.args and are available to imports", () => {
    const extra = { options: { x: mkOption({ type: types.int, default: 7 }) } };
    const { config } = evalModules({
      specialArgs: { v: "special", extra },
      modules: [
        { options: { out: mkOption({ type: types.str }) } },
        { _module: { args: { v: "args" } } },
        ({ v, extra }: any) => ({ imports: [extra], out: v }),
      ],
    });
    assert.equal(config.out, "special");
    assert.equal(config.x, 7);
  });

  test("imports that depend on config are infinite recursion", () => {
    throwsCode(
      () => evalModules({ modules: [({ config }: any) => ({ imports: [config.extra] })] }),
      "E_RECURSION",
      "imports",
    );
  });

  test("the same module value imported twice is collected once", () => {
    const m = { options: { list: mkOption({ type: types.listOf(types.str) }) } };
    const d = { list: ["once"] };
    const { config } = evalModules({ modules: [m, { imports: [m, d] }, { imports: [d] }] });
    assert.deepEqual(config.list, ["once"]);
  });

  test("the loader's file for a module value names it in errors", () => {
    const mod = { a: 1 };
    setModuleFile(mod, "machines/map.ts");
    const { options } = evalModules({
      modules: [{ options: { a: mkOption({ type: types.str }) } }, mod],
    }) as any;
    throwsCode(() => options.a.value, "E_TYPE", "machines/map.ts");
  });

  test("a home module imported into a machine is a class error", () => {
    throwsCode(
      () =>
        evalModules({
          class: "system",
          modules: [{ _class: "home", _file: "home/git.ts", config: {} }],
        }),
      "E_CLASS",
      "home/git.ts",
    );
  });
});

describe("config objects", () => {
  const ev = () =>
    evalModules({
      modules: [
        {
          options: {
            networking: { hostName: mkOption({ type: types.str }) },
            users: mkOption({
              type: types.attrsOf(
                types.submodule({ options: { uid: mkOption({ type: types.int }) } }),
              ),
            }),
            tags: mkOption({ type: types.attrsOf(types.str), default: {} }),
            fn: mkOption({ type: types.functionTo(types.int), default: (x: number) => x + 1 }),
          },
        },
        {
          networking: { hostName: "map" },
          users: { myme: { uid: 1000 } },
          tags: { __proto__: "p", constructor: "c" } as any,
        },
      ],
    });

  test("attrsOf and submodule values are null-prototype objects", () => {
    const { config } = ev();
    assert.equal(Object.getPrototypeOf(config.users), null);
    assert.equal(Object.getPrototypeOf(config.users.myme), null);
    assert.equal(Object.getPrototypeOf(config.tags), null);
    assert.equal(config.tags.constructor, "c");
  });

  test("enumerates exactly the declared names (no _module), so JSON.stringify and Object.keys work", () => {
    const { config } = ev();
    assert.deepEqual(Object.keys(config), ["fn", "networking", "tags", "users"]);
    assert.deepEqual(Object.keys(config.users.myme), ["uid"]);
    assert.throws(
      () => JSON.stringify(config),
      (e: any) => e.code === "E_VALUE" && e.message.includes("`fn'"),
    );
    assert.equal(JSON.stringify(config.networking), '{"hostName":"map"}');
  });

  test("an undeclared read throws with did-you-mean; probed names and `in` never throw", () => {
    const { config } = ev();
    throwsCode(
      () => (config.networking as any).hostNmae,
      "E_OPTION_UNDECLARED",
      "networking.hostName",
    );
    throwsCode(() => (config.users.myme as any).uuid, "E_OPTION_UNDECLARED", "uid");
    for (const k of ["then", "constructor", "asymmetricMatch", "$$typeof", "nodeType"]) {
      assert.equal((config as any)[k], undefined, k);
      assert.equal((config.networking as any)[k], undefined, k);
    }
    assert.equal("nothing" in config, false);
    assert.equal("networking" in config, true);
    assert.equal((config as any)[Symbol.iterator], undefined);
  });

  test("await on config does not trip", async () => {
    const { config } = ev();
    const c = await config;
    assert.equal(c.networking.hostName, "map");
  });

  test("util.inspect shows real values and marks failing ones", () => {
    const { config } = evalModules({
      modules: [
        { options: { good: mkOption({ type: types.str }), bad: mkOption({ type: types.int }) } },
        { good: "yes" },
      ],
    });
    const shown = inspect(config);
    assert.match(shown, /good: 'yes'/);
    assert.match(shown, /«error: The option `bad' was accessed but has no value defined/);
    assert.doesNotMatch(shown, /\[Getter\]/);
  });

  test("a Promise as a definition is refused naming the option", () => {
    const { config } = evalModules({
      modules: [{ options: { a: mkOption({ type: types.anything }) } }, { a: Promise.resolve(1) }],
    });
    throwsCode(() => config.a, "E_LAZINESS", "`a'", "Promise");
    const { config: c2 } = evalModules({
      modules: [
        {
          options: {
            b: mkOption({
              type: types.anything,
              get default() {
                return { then: () => {} };
              },
            }),
          },
        },
      ],
    });
    throwsCode(() => c2.b, "E_LAZINESS");
  });
});

describe("recursion", () => {
  test("a value that depends on itself is infinite recursion naming the option", () => {
    const { config } = evalModules({
      modules: [
        ({ config }: any) => ({
          options: { a: mkOption({ type: types.int }), b: mkOption({ type: types.int }) },
          config: {
            get a() {
              return config.b;
            },
            get b() {
              return config.a;
            },
          },
        }),
      ],
    });
    throwsCode(() => config.a, "E_RECURSION", "infinite recursion");
  });

  test("a chain of 5,000 dependent reads evaluates; 20,000 fails with a clear error", () => {
    const chain = (n: number) => {
      const mods: unknown[] = [];
      for (let i = 0; i < n; i++) {
        mods.push(({ config }: any) => ({
          options: { [`a${i}`]: mkOption({ type: types.int }) },
          config:
            i === 0
              ? { a0: 0 }
              : {
                  get [`a${i}`]() {
                    return config[`a${i - 1}`] + 1;
                  },
                },
        }));
      }
      return evalModules({ modules: mods }).config as any;
    };
    assert.equal(chain(5000).a4999, 4999);
    throwsCode(() => chain(20000).a19999, "E_RECURSION", "a19999");
  });
});

describe("options metadata", () => {
  test("allDefinitions says which definition won and why others lost", () => {
    const { options } = evalModules({
      modules: [
        {
          options: {
            on: mkOption({ type: types.bool, default: false }),
            port: mkOption({ type: types.int, default: 1 }),
          },
        },
        { _file: "a.ts", port: mkDefault(2) },
        { _file: "b.ts", port: mkForce(3) },
        ({ config }: any) => ({ _file: "c.ts", port: mkIf(() => config.on, 4) }),
        { _file: "d.ts", port: mkMerge([5]) },
      ],
    }) as any;
    const all = options.port.allDefinitions as {
      file: string;
      value: unknown;
      status: string;
      priority: number;
      isDefault: boolean;
    }[];
    const by = Object.fromEntries(all.map((d) => [d.file + (d.isDefault ? "(default)" : ""), d]));
    assert.equal(by["b.ts"].status, "used");
    assert.equal(by["b.ts"].priority, 50);
    assert.equal(by["a.ts"].status, "overridden");
    assert.equal(by["d.ts"].status, "overridden");
    assert.equal(by["c.ts"].status, "disabled");
    assert.equal(options.port.value, 3);
    assert.equal(options.port.highestPrio, 50);
    assert.deepEqual(options.port.files, ["b.ts"]);
    assert.equal(all.filter((d) => d.isDefault).length, 1);
  });
});
