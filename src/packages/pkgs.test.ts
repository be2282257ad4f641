import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { inspect } from "node:util";
import { ConfedError } from "../errors/index.ts";
import {
  catalogNames,
  catalogPackage,
  type DistroPackage,
  makePkgs,
  type Overlay,
  PackagesError,
} from "./index.ts";

const throwsCode = (f: () => unknown, code: string, ...includes: string[]) =>
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof PackagesError, `expected a PackagesError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    for (const s of includes)
      assert.ok(e.message.includes(s), `message lacks ${JSON.stringify(s)}:\n${e.message}`);
    return true;
  });

describe("makePkgs without overlays", () => {
  test("`pkgs.<name>` is the catalog's shared reference", () => {
    const a = makePkgs();
    const b = makePkgs({ family: "pacman" });
    assert.equal(a.mosh, catalogPackage("mosh"));
    assert.equal(a.git, b.git);
    assert.equal(a.make, a.gnumake);
    assert.equal(b.family, "pacman");
    assert.equal(a.family, undefined);
  });

  test("`with pkgs; [ mosh ]` reads as destructuring", () => {
    const { mosh, tmux } = makePkgs();
    assert.deepEqual(
      [mosh, tmux].map((p) => p.name),
      ["mosh", "tmux"],
    );
  });

  test("catalog names are typed; a typo is a compile error as well as a run-time one", () => {
    const pkgs = makePkgs();
    const git: DistroPackage = pkgs.git;
    assert.equal(git.name, "git");
    // @ts-expect-error: no such package
    assert.throws(() => pkgs.moshh);
    const withOverlay = makePkgs({ overlays: [(_f, prev) => ({ agenix: prev.distro("agenix") })] });
    const agenix: DistroPackage = withOverlay.agenix;
    assert.equal(agenix.name, "agenix");
  });

  test("`makePkgs` refuses an unknown family", () => {
    throwsCode(() => makePkgs({ family: "debian" as any }), "E_PKG_FAMILY", "`apt'");
  });

  test("`pkgs.distro` names a package the catalog lacks", () => {
    const foo = makePkgs().distro("foo", { apt: "foo-bar" }, { version: "1.2" });
    assert.deepEqual({ ...foo.names }, { apt: "foo-bar", dnf: "foo", pacman: "foo" });
    assert.equal(foo.version, "1.2");
  });

  test("`Object.keys(pkgs)` lists the package names, sorted, without builtins", () => {
    const keys = Object.keys(makePkgs());
    assert.deepEqual(keys, [...catalogNames]);
    assert.ok(!(keys as string[]).includes("distro") && !(keys as string[]).includes("family"));
  });
});

describe("unknown and probed names", () => {
  test("an unknown name throws E_PKG_UNKNOWN naming it, with a did-you-mean", () => {
    const pkgs: any = makePkgs();
    throwsCode(() => pkgs.moshh, "E_PKG_UNKNOWN", "`pkgs.moshh'", "Did you mean `mosh'?");
    try {
      pkgs.ripgrpe;
    } catch (e) {
      assert.ok(e instanceof ConfedError);
      assert.deepEqual((e as PackagesError).suggestions, ["ripgrep"]);
      assert.equal((e as PackagesError).packageName, "ripgrpe");
      assert.match((e as Error).message, /pkgs\.distro\("ripgrpe"/);
    }
  });

  test("probed names read as undefined and `in` never throws", () => {
    const pkgs: any = makePkgs();
    for (const k of ["then", "constructor", "toJSON", "asymmetricMatch", "$$typeof", "nodeType"])
      assert.equal(pkgs[k], undefined, k);
    assert.equal(pkgs[Symbol.iterator], undefined);
    assert.equal(pkgs[Symbol.toPrimitive], undefined);
    assert.ok("mosh" in pkgs);
    assert.ok(!("moshh" in pkgs));
    assert.ok(!("then" in pkgs));
    assert.ok("distro" in pkgs);
    assert.equal(Object.getOwnPropertyDescriptor(pkgs, "moshh"), undefined);
  });

  test("`await`, util.inspect and String handle a pkgs", async () => {
    const pkgs = makePkgs({ family: "apt", overlays: [() => ({ extra: 1 })] });
    assert.equal(await Promise.resolve(pkgs), pkgs);
    assert.equal(inspect(pkgs), `[pkgs: ${catalogNames.length + 1} names, family apt]`);
    assert.equal(String(pkgs), "pkgs");
  });

  test("`pkgs` cannot be changed in place", () => {
    const pkgs: any = makePkgs();
    throwsCode(() => {
      pkgs.mosh = 1;
    }, "E_PKG_READONLY");
    throwsCode(() => delete pkgs.mosh, "E_PKG_READONLY");
    throwsCode(() => Object.freeze(pkgs), "E_PKG_READONLY");
  });
});

describe("overlays", () => {
  test("overlays apply in order; a later one wins", () => {
    const pkgs: any = makePkgs({
      overlays: [() => ({ a: 1, b: 1 }), () => ({ b: 2, c: 2 }), () => ({ c: 3 })],
    });
    assert.deepEqual([pkgs.a, pkgs.b, pkgs.c], [1, 2, 3]);
  });

  test("`prev` is the set before the overlay; `final` is the finished set", () => {
    const seen: Record<string, unknown> = {};
    const pkgs: any = makePkgs({
      overlays: [
        () => ({ tool: "v1" }),
        (final, prev) => {
          seen.prevTool = prev.tool;
          return {
            tool: "v2",
            get finalTool() {
              return final.tool;
            },
            get prevTool() {
              return prev.tool;
            },
          };
        },
        () => ({ tool: "v3" }),
      ],
    });
    assert.equal(seen.prevTool, "v1");
    assert.equal(pkgs.finalTool, "v3");
    assert.equal(pkgs.prevTool, "v1");
  });

  test("reading `final` eagerly during an overlay sees the overlays applied so far", () => {
    let eager: unknown;
    makePkgs({
      overlays: [
        () => ({ x: "first" }),
        (final) => {
          eager = final.x;
          return {};
        },
        () => ({ x: "last" }),
      ],
    });
    assert.equal(eager, "first");
    throwsCode(
      () => makePkgs({ overlays: [(final) => ({ y: final.later }), () => ({ later: 1 })] }),
      "E_PKG_UNKNOWN",
      "`final.later'",
      "inside a getter",
    );
  });

  test("overlays add, replace and override catalog packages", () => {
    const pkgs = makePkgs({
      overlays: [
        (_final, prev) => ({
          agenix: prev.distro("agenix", { apt: "agenix-cli" }),
          fd: prev.fd.override({ version: "8.7.0-3" }),
          mosh: prev.distro("mosh-ng"),
        }),
      ],
    });
    assert.equal(pkgs.agenix.names.apt, "agenix-cli");
    assert.equal(pkgs.fd.version, "8.7.0-3");
    assert.equal(pkgs.fd.names.apt, "fd-find");
    assert.equal(catalogPackage("fd")?.version, undefined);
    assert.equal(pkgs.mosh.name, "mosh-ng");
    assert.equal(makePkgs().fd.version, undefined);
  });

  test("nested sets pass through, and their getters read `final`", () => {
    const pkgs = makePkgs({
      overlays: [
        (final) => ({
          myme: {
            apps: {
              get tools() {
                return [final.git, final.gitSync];
              },
            },
            lib: { greet: (n: string) => `hi ${n}` },
          },
        }),
        (_final, prev) => ({ gitSync: prev.distro("git-sync") }),
      ],
    });
    assert.deepEqual(
      pkgs.myme.apps.tools.map((p: any) => p.name),
      ["git", "git-sync"],
    );
    assert.equal(pkgs.myme.lib.greet("myme"), "hi myme");
    assert.ok(Object.keys(pkgs).includes("myme"));
  });

  test("once applied, a getter runs at most once and gives the same value", () => {
    let runs = 0;
    const pkgs: any = makePkgs({
      overlays: [
        (_final, prev) => ({
          get pinned() {
            runs++;
            return prev.git.override({ version: "2.39" });
          },
        }),
        (final) => ({
          get both() {
            return [final.pinned, final.pinned];
          },
        }),
      ],
    });
    assert.equal(pkgs.pinned, pkgs.pinned);
    assert.equal(pkgs.both[0], pkgs.pinned);
    assert.equal(runs, 1);
  });

  test("a getter that reads itself through `final` reports a cycle", () => {
    const pkgs: any = makePkgs({
      overlays: [
        (final) => ({
          get a() {
            return final.b;
          },
          get b() {
            return final.a;
          },
        }),
      ],
    });
    throwsCode(() => pkgs.a, "E_PKG_CYCLE", "depends on itself", "overlay 1");
  });

  test("an unknown name in `prev` says what prev holds", () => {
    throwsCode(
      () => makePkgs({ overlays: [(_f, prev) => ({ x: prev.moshh })] }),
      "E_PKG_UNKNOWN",
      "`prev.moshh'",
      "Did you mean `mosh'?",
    );
  });

  test("bad overlays are refused with the overlay named", () => {
    throwsCode(() => makePkgs({ overlays: [null as any] }), "E_PKG_OVERLAY", "overlay 1");
    throwsCode(
      () => makePkgs({ overlays: [() => ({}), (() => [1]) as any] }),
      "E_PKG_OVERLAY",
      "overlay 2 returned an array",
    );
    throwsCode(() => makePkgs({ overlays: [() => ({ then: 1 })] }), "E_PKG_OVERLAY", "`then'");
    throwsCode(() => makePkgs({ overlays: [() => ({ distro: 1 })] }), "E_PKG_OVERLAY", "`distro'");
    const named: Overlay = function agenixOverlay() {
      throw new Error("boom");
    };
    assert.throws(
      () => makePkgs({ overlays: [named] }),
      (e: unknown) => {
        assert.ok(e instanceof PackagesError);
        assert.equal(e.code, "E_PKG_OVERLAY");
        assert.match(e.message, /overlay 1 \(`agenixOverlay'\): boom/);
        assert.equal((e.cause as Error).message, "boom");
        return true;
      },
    );
  });

  test("an error from a getter keeps its code and gains the package it came from", () => {
    const pkgs: any = makePkgs({
      overlays: [
        (final) => ({
          get broken() {
            return final.nonesuch;
          },
        }),
      ],
    });
    assert.throws(
      () => pkgs.broken,
      (e: unknown) => {
        assert.ok(e instanceof PackagesError);
        assert.equal(e.code, "E_PKG_UNKNOWN");
        assert.match(e.context[0], /while evaluating `pkgs\.broken' from overlay 1/);
        return true;
      },
    );
  });

  test("overlay results are not copied or changed", () => {
    const result = { a: 1 };
    const pkgs: any = makePkgs({ overlays: [() => result] });
    assert.equal(pkgs.a, 1);
    assert.deepEqual(result, { a: 1 });
    assert.ok(!Object.isFrozen(result));
  });
});

describe("cost", () => {
  test("`makePkgs` with three overlays and twenty reads stays well under a millisecond", () => {
    const overlays: Overlay[] = [
      (final) => ({ agenix: final.distro("agenix") }),
      (_final, prev) => ({ fd: prev.fd.override({ version: "8.7.0-3" }) }),
      (final) => ({
        get annodate() {
          return final.distro("annodate");
        },
      }),
    ];
    const names = [...catalogNames.slice(0, 17), "agenix", "fd", "annodate"];
    const run = () => {
      const pkgs: any = makePkgs({ family: "apt", overlays });
      for (const n of names) assert.ok(pkgs[n]);
    };
    for (let i = 0; i < 200; i++) run();
    const rounds = 500;
    const start = performance.now();
    for (let i = 0; i < rounds; i++) run();
    const perRun = (performance.now() - start) / rounds;
    // About 15 µs on a development machine; the bound leaves room for a loaded CI.
    assert.ok(perRun < 1, `${perRun.toFixed(3)} ms per makePkgs`);
  });
});
