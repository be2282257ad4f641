import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { inspect } from "node:util";
import { isPackage, PACKAGE } from "../lib/index.ts";
import {
  checkFamily,
  distroPackage,
  familyOf,
  isDistroPackage,
  mainProgram,
  PackagesError,
  resolve,
} from "./index.ts";

const throwsCode = (f: () => unknown, code: string, ...includes: string[]) =>
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof PackagesError, `expected a PackagesError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    for (const s of includes)
      assert.ok(e.message.includes(s), `message lacks ${JSON.stringify(s)}:\n${e.message}`);
    return true;
  });

const fd = distroPackage({
  name: "fd",
  names: { apt: "fd-find", dnf: "fd-find" },
  bin: { apt: "fdfind" },
  meta: { mainProgram: "fd", description: "find, faster" },
});

describe("distroPackage", () => {
  test("`distroPackage` fills every family's name, defaulting to the confed name", () => {
    assert.deepEqual({ ...fd.names }, { apt: "fd-find", dnf: "fd-find", pacman: "fd" });
    assert.equal(fd.pname, "fd");
    assert.equal(fd.kind, "distro");
    assert.equal(fd[PACKAGE], true);
    assert.ok(isPackage(fd));
    assert.ok(isDistroPackage(fd));
    assert.ok(!isDistroPackage({ [PACKAGE]: true, kind: "store" }));
  });

  test("a reference is frozen through and through, and not an attribute set", () => {
    assert.ok(Object.isFrozen(fd));
    assert.ok(Object.isFrozen(fd.names));
    assert.ok(Object.isFrozen(fd.bin));
    assert.ok(Object.isFrozen(fd.meta));
    assert.notEqual(Object.getPrototypeOf(fd), Object.prototype);
    assert.throws(() => {
      (fd as any).name = "x";
    }, TypeError);
  });

  test("`String(pkg)` and templates give the confed name", () => {
    assert.equal(String(fd), "fd");
    assert.equal(`${fd}`, "fd");
    assert.equal(
      `install ${distroPackage({ name: "python3", pname: "python" })}`,
      "install python3",
    );
  });

  test("`toJSON` has a fixed key order whatever the spec's order, and omits empty parts", () => {
    const a = distroPackage({
      meta: { mainProgram: "x", description: "d" },
      version: "1.0",
      bin: { pacman: "xp", apt: "xa" },
      names: { pacman: "x-arch", apt: "x-deb" },
      name: "x",
    });
    assert.equal(
      JSON.stringify(a),
      '{"kind":"distro","name":"x","pname":"x","names":{"apt":"x-deb","dnf":"x","pacman":"x-arch"},' +
        '"bin":{"apt":"xa","pacman":"xp"},"version":"1.0","meta":{"description":"d","mainProgram":"x"}}',
    );
    assert.equal(
      JSON.stringify(distroPackage({ name: "tree" })),
      '{"kind":"distro","name":"tree","pname":"tree","names":{"apt":"tree","dnf":"tree","pacman":"tree"}}',
    );
    assert.equal(JSON.stringify(fd), JSON.stringify(JSON.parse(JSON.stringify(fd))));
  });

  test("`util.inspect` names the public type", () => {
    assert.match(inspect(fd), /^DistroPackage \{/);
  });

  test("`distroPackage` rejects names a package manager could take for an option", () => {
    throwsCode(() => distroPackage({ name: "-rf" }), "E_PKG_INVALID", "-rf");
    throwsCode(() => distroPackage({ name: "a b" }), "E_PKG_INVALID");
    throwsCode(
      () => distroPackage({ name: "x", names: { apt: "--force" } }),
      "E_PKG_INVALID",
      "apt",
    );
    throwsCode(() => distroPackage({ name: "x", version: "1 && rm" }), "E_PKG_INVALID", "version");
    throwsCode(
      () => distroPackage({ name: "x", names: { pacmna: "x" } as any }),
      "E_PKG_INVALID",
      "pacmna",
      "Did you mean `pacman'?",
    );
    assert.equal(
      distroPackage({ name: "x", names: { apt: "libfoo:i386" } }).names.apt,
      "libfoo:i386",
    );
  });
});

describe("override", () => {
  test("`override` returns a new reference and leaves the old one alone", () => {
    const pinned = fd.override({ version: "8.7.0-3", names: { apt: "fd-musl" } });
    assert.notEqual(pinned, fd);
    assert.equal(pinned.version, "8.7.0-3");
    assert.deepEqual({ ...pinned.names }, { apt: "fd-musl", dnf: "fd-find", pacman: "fd" });
    assert.equal(fd.version, undefined);
    assert.equal(fd.names.apt, "fd-find");
    assert.ok(Object.isFrozen(pinned));
    assert.equal(pinned.name, "fd");
  });

  test("`override` merges bin and meta, ignores undefined and removes a pin with null", () => {
    const a = fd.override({ version: "1", bin: { dnf: "fdx" }, meta: { homepage: "h" } });
    assert.deepEqual({ ...a.bin }, { apt: "fdfind", dnf: "fdx" });
    assert.deepEqual(
      { ...a.meta },
      { description: "find, faster", homepage: "h", mainProgram: "fd" },
    );
    const b = a.override({ version: null, names: { apt: undefined } });
    assert.equal(b.version, undefined);
    assert.ok(!("version" in JSON.parse(JSON.stringify(b))));
    assert.equal(b.names.apt, "fd-find");
  });

  test("`override` with null names the package unavailable on a family", () => {
    const noDnf = fd.override({ names: { dnf: null } });
    throwsCode(() => resolve(noDnf, "dnf"), "E_PKG_UNAVAILABLE", "fd", "override");
  });
});

describe("resolve and mainProgram", () => {
  test("`resolve` gives each family's package name", () => {
    assert.equal(resolve(fd, "apt"), "fd-find");
    assert.equal(resolve(fd, "dnf"), "fd-find");
    assert.equal(resolve(fd, "pacman"), "fd");
  });

  test("`resolve` reads a reference's JSON back from a manifest, falling back to the name", () => {
    const json = JSON.parse(JSON.stringify(fd));
    assert.equal(resolve(json, "apt"), "fd-find");
    assert.equal(resolve({ name: "tree" }, "pacman"), "tree");
    assert.equal(resolve({ name: "tree", names: { apt: "tree" } }, "dnf"), "tree");
  });

  test("`resolve` refuses an unknown family, naming a distribution's family", () => {
    throwsCode(() => resolve(fd, "debian" as any), "E_PKG_FAMILY", "`apt'");
    throwsCode(() => resolve(fd, "dfn" as any), "E_PKG_FAMILY", "Did you mean `dnf'?");
  });

  test("`mainProgram` prefers the family's binary, then meta.mainProgram, then the name", () => {
    const bat = distroPackage({ name: "bat", bin: { apt: "batcat" } });
    assert.equal(mainProgram(bat, "apt"), "batcat");
    assert.equal(mainProgram(bat, "pacman"), "bat");
    assert.equal(mainProgram(bat), "bat");
    assert.equal(mainProgram(fd, "apt"), "fdfind");
    assert.equal(mainProgram(fd, "dnf"), "fd");
  });

  test("`familyOf` maps system.distro values, `checkFamily` accepts the three families", () => {
    assert.equal(familyOf("wsl-ubuntu"), "apt");
    assert.equal(familyOf("fedora"), "dnf");
    assert.equal(familyOf("arch"), "pacman");
    assert.equal(familyOf("gentoo"), undefined);
    assert.equal(familyOf("__proto__"), undefined);
    for (const f of ["apt", "dnf", "pacman"]) checkFamily(f);
    throwsCode(() => checkFamily(undefined), "E_PKG_FAMILY");
  });
});
