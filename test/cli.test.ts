import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { userInfo } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { confed, exampleDir, tempRepo } from "./helpers.ts";

const cleanups: (() => void)[] = [];
after(() => {
  for (const c of cleanups) c();
});
const FLAKE = `import { defineFlake } from "confed";\nexport default defineFlake({ description: "t" });\n`;
function repo(files: Record<string, string>) {
  const r = tempRepo(files);
  cleanups.push(r.cleanup);
  return r.dir;
}
const ex = ["--flake", exampleDir];

describe("confed show", () => {
  test("lists machines with host, distro and tags, and the eight homes", () => {
    const r = confed(["show", ...ex]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /machines/);
    assert.match(r.stdout, /map: machine \(host map, wsl-debian, tags desktop wsl\)/);
    assert.match(r.stdout, /nixos@qemu-server: home/);
    assert.match(r.stdout, /packages/);
    assert.match(r.stdout, /git-sync: package/);
  });

  test("--json gives the data", () => {
    const r = confed(["show", "--json", ...ex]);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    assert.equal(Object.keys(d.machines).length, 6);
    assert.equal(d.homes.length, 8);
    assert.deepEqual(d.machines.nuckie.tags, ["server", "generic"]);
  });

  test("finds the repository from a subdirectory", () => {
    const r = confed(["show", "--json"], { cwd: join(exampleDir, "machines") });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).homes.length, 8);
  });
});

describe("confed eval", () => {
  test("prints a value as JSON, or raw", () => {
    const r = confed(["eval", ...ex, "machines.map.config.networking.hostName"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.trim(), '"map"');
    const raw = confed(["eval", "--raw", ...ex, "machines.map.config.networking.hostName"]);
    assert.equal(raw.stdout, "map");
  });

  test("reads a home by its quoted name and applies a function", () => {
    const r = confed([
      "eval",
      ...ex,
      'homes."myme@map".config.home.packages',
      "--apply",
      "ps => ps.map(p => p.name)",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).includes("mosh"));
  });

  test("an unknown machine is exit 1 with did-you-mean", () => {
    const r = confed(["eval", ...ex, "machines.mpa.config"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no machine `mpa'.*Did you mean `map'/);
  });

  test("an undeclared option read is exit 1 naming the option", () => {
    const r = confed(["eval", ...ex, "machines.map.config.networking.hostNmae"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /networking\.hostNmae/);
    assert.match(r.stderr, /Did you mean `networking\.hostName'/);
  });
});

describe("confed options and why", () => {
  test("options lists declared options with type, default and file; --json in options.json shape", () => {
    const r = confed(["options", ...ex, "map", "security.sudo"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /security\.sudo\.wheelNeedsPassword/);
    assert.match(r.stdout, /type: boolean/);
    const j = confed(["options", "--json", ...ex, "map", "users.users"]);
    const d = JSON.parse(j.stdout);
    assert.equal(d["users.users.<name>.extraGroups"].type, "list of string");
    assert.deepEqual(d["users.users.<name>.extraGroups"].loc, [
      "users",
      "users",
      "<name>",
      "extraGroups",
    ]);
  });

  test("why shows which definition won and which lost", () => {
    const dir = repo({
      "confed.ts": FLAKE,
      "machines/box.ts": `import { mkDefault, mkIf } from "confed";
export default { imports: [{ _file: "low.ts", security: { sudo: { wheelNeedsPassword: mkDefault(false) } } }],
  security: { sudo: { wheelNeedsPassword: mkIf(false, false) } } };`,
    });
    const r = confed(["why", "--flake", dir, "box", "security.sudo.wheelNeedsPassword"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /value: false/);
    assert.match(r.stdout, /used\s+low\.ts\s+priority 1000/);
    assert.match(r.stdout, /lost: priority 1500 > 1000/);
    assert.match(r.stdout, /off: mkIf condition is false\s+machines\/box\.ts/);
  });

  test("why on an option inside users.users.<name>", () => {
    const r = confed(["why", ...ex, "map", "users.users.myme.extraGroups"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /networkmanager/);
  });
});

describe("confed repl", () => {
  test("evaluates expressions over machines, homes and the target's config, printing values", () => {
    const r = confed(["repl", ...ex, "map"], {
      input:
        "machines.map.config.networking.hostName\nObject.keys(homes).length\nconfig.users.users.myme\n",
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /'map'/);
    assert.match(r.stdout, /\b8\b/);
    assert.match(r.stdout, /extraGroups: \[ 'wheel', 'networkmanager' \]/);
    assert.doesNotMatch(r.stdout, /Getter|Proxy/);
  });
});

describe("bad input", () => {
  test("a syntax error shows file:line:column and exits 1", () => {
    const dir = repo({
      "confed.ts": FLAKE,
      "machines/a.ts": "export default {\n  networking: { hostName: },\n};\n",
    });
    const r = confed(["eval", "--flake", dir, "machines.a.config.networking.hostName"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /machines\/a\.ts:2:\d+: syntax error/);
    assert.doesNotMatch(r.stderr, /at .*jiti/);
  });

  test("a type error names the option and the file", () => {
    const dir = repo({
      "confed.ts": FLAKE,
      "machines/a.ts": 'export default { security: { sudo: { wheelNeedsPassword: "no" } } };',
    });
    const r = confed([
      "eval",
      "--flake",
      dir,
      "machines.a.config.security.sudo.wheelNeedsPassword",
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /security\.sudo\.wheelNeedsPassword/);
    assert.match(r.stderr, /machines\/a\.ts/);
    assert.match(r.stderr, /not of type `boolean'/);
  });

  test("--show-trace shows where the error happened", () => {
    const dir = repo({
      "confed.ts": FLAKE,
      "machines/a.ts": 'export default { security: { sudo: { wheelNeedsPassword: "no" } } };',
    });
    const plain = confed([
      "eval",
      "--flake",
      dir,
      "machines.a.config.security.sudo.wheelNeedsPassword",
    ]);
    assert.match(plain.stderr, /use --show-trace/);
    const traced = confed([
      "eval",
      "--show-trace",
      "--flake",
      dir,
      "machines.a.config.security.sudo.wheelNeedsPassword",
    ]);
    assert.equal(traced.code, 1);
    assert.match(traced.stderr, /while evaluating the option `security\.sudo\.wheelNeedsPassword'/);
  });

  test("a conflict lists both files", () => {
    const dir = repo({
      "confed.ts": FLAKE,
      "machines/a.ts": 'export default { imports: ["./_b.ts"], networking: { domain: "x" } };',
      "machines/_b.ts": 'export default { networking: { domain: "y" } };',
    });
    const r = confed(["eval", "--flake", dir, "machines.a.config.networking.domain"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /networking\.domain' has conflicting definition values/);
    assert.match(r.stderr, /machines\/a\.ts/);
    assert.match(r.stderr, /machines\/_b\.ts/);
  });

  test("a machine file without a module export names the file", () => {
    const dir = repo({ "confed.ts": FLAKE, "machines/a.ts": "export const x = 1;" });
    const r = confed(["show", "--flake", dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /machines\/a\.ts must default-export a machine module/);
  });

  test("an internal error exits 70 with a stack, a user error 1 without", () => {
    const dir = repo({ "confed.ts": "export default defineFlake;" });
    const r = confed(["show", "--flake", dir]);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.stderr, /internal error/);
  });

  test("a failed assertion is reported by eval and show, which still answer", () => {
    const dir = repo({
      "confed.ts": FLAKE,
      "machines/a.ts":
        'export default { assertions: [{ assertion: false, message: "the disk is too small" }] };',
    });
    const r = confed(["eval", "--flake", dir, "machines.a.config.networking.hostName"]);
    assert.equal(r.code, 0);
    assert.equal(r.stdout.trim(), '"a"');
    assert.match(r.stderr, /failed assertion: a: the disk is too small/);
    const c = confed(["check", "--no-typecheck", "--flake", dir]);
    assert.equal(c.code, 1);
    assert.match(c.stderr, /machine a: failed assertion: the disk is too small/);
  });

  test("check passes a removed option left unset and an option nothing defines; it fails a removed option that is set", () => {
    const mod = `import { mkRemovedOptionModule, mkOption, types } from "confed";
export default [
  mkRemovedOptionModule(["old", "thing"], "Use new.thing instead."),
  { options: { needs: mkOption({ type: types.str }) } },
];
`;
    const dir = repo({
      "confed.ts": FLAKE,
      "removed.ts": mod,
      "machines/a.ts": 'import r from "../removed.ts";\nexport default { imports: r };',
      "machines/b.ts":
        'import r from "../removed.ts";\nexport default { imports: r, old: { thing: 1 } };',
    });
    const c = confed(["check", "--no-typecheck", "--flake", dir]);
    assert.equal(c.code, 1, c.stderr);
    assert.doesNotMatch(c.stderr, /machine a:/);
    assert.match(c.stderr, /machine b: .*old\.thing/);
    assert.match(c.stderr, /new\.thing/);
  });

  test("no confed.ts is exit 1 with a hint", () => {
    const dir = repo({ README: "" });
    const r = confed(["show"], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /confed init/);
  });
});

describe("confed init and check", () => {
  test("the example fleet type-checks and every machine and home evaluates cleanly", () => {
    const r = confed(["check", ...ex]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /6 machines and 8 homes check out/);
  });

  test("the example's confed.lock is stamped with this confed's built-in modules", () => {
    // After changing src/modules: `confed lock --flake examples/confederation` (else the demo's
    // home switch refuses to build with another module tree).
    const r = confed(["show", ...ex]);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /confed\.lock was written by/);
  });

  test("init makes a repository that shows, evaluates and type-checks", () => {
    const dir = repo({});
    const i = confed(["init", dir]);
    assert.equal(i.code, 0, i.stderr);
    for (const f of [
      "confed.ts",
      "package.json",
      "tsconfig.json",
      ".gitignore",
      ".confed/tsconfig.json",
    ]) {
      assert.ok(existsSync(join(dir, f)), f);
    }
    const s = confed(["show", "--json", "--flake", dir]);
    assert.equal(s.code, 0, s.stderr);
    const d = JSON.parse(s.stdout);
    assert.equal(Object.keys(d.machines).length, 1);
    assert.equal(d.homes.length, 1);
    const c = confed(["check", "--flake", dir]);
    assert.equal(c.code, 0, c.stderr);
    const user = userInfo().username;
    const homeDir = confed([
      "eval",
      "--raw",
      "--flake",
      dir,
      `homes."${user}@${Object.keys(d.machines)[0]}".config.home.homeDirectory`,
    ]);
    assert.equal(homeDir.stdout, user === "root" ? "/root" : `/home/${user}`, homeDir.stderr);
    const again = confed(["init", dir]);
    assert.equal(again.code, 1);
    assert.match(readFileSync(join(dir, ".confed/tsconfig.json"), "utf8"), /"confed"/);
  });

  test("check reports a misspelt option as a compile error with file:line", () => {
    const dir = repo({
      "confed.ts": FLAKE,
      "machines/box.ts":
        'import { defineMachine } from "confed";\n\nexport default defineMachine({\n  networking: { hostNmae: "box" },\n});\n',
    });
    const r = confed(["check", "--flake", dir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /machines\/box\.ts:4:\d+: .*hostNmae/);
  });
});
