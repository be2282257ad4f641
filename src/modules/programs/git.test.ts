import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { evalModules, mkForce } from "../../module-system/index.ts";
import { makePkgs } from "../../packages/index.ts";
import { homeModules } from "../index.ts";
import git from "./git.ts";

const home = (...modules: unknown[]) =>
  evalModules({
    class: "home",
    modules: [
      ...homeModules,
      git,
      {
        home: { username: "me", homeDirectory: "/home/me" },
        _module: { args: { pkgs: makePkgs({ family: "apt" }) } },
      },
      ...modules,
    ],
  }).config as any;

const files = (c: any): Record<string, string> =>
  Object.fromEntries(
    c.home.managedFiles
      .filter((f: any) => !f.target.startsWith(".config/confed/"))
      .map((f: any) => [f.target, f.text]),
  );
const fixtureDir = join(import.meta.dirname, "__fixtures__/git");
const fixture = (name: string) => readFileSync(join(fixtureDir, name), "utf8");
/** `text` equals the fixture; CONFED_UPDATE_FIXTURES=1 rewrites the fixture instead. */
function assertFixture(name: string, text: string | undefined) {
  if (process.env.CONFED_UPDATE_FIXTURES === "1") writeFileSync(join(fixtureDir, name), text ?? "");
  else assert.equal(text, fixture(name), `differs from __fixtures__/git/${name}`);
}

function gitList(text: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "confed-git-"));
  try {
    writeFileSync(join(dir, "config"), text);
    const r = spawnSync("git", ["config", "-f", join(dir, "config"), "--list"], {
      encoding: "utf8",
    });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout.trimEnd().split("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// home-manager's own git test (release-25.05), minus include `contents`, in confed's options.
const full = {
  programs: {
    git: {
      enable: true,
      aliases: { a1: "foo", a2: "bar", escapes: '"\\n\t' },
      extraConfig: {
        extra: { name: "value", multiple: [1] },
        url: { "git@github.com:": { insteadOf: "gh:" } },
      },
      ignores: ["*~", "*.swp"],
      attributes: ["*.pdf diff=pdf"],
      includes: [
        { path: "~/path/to/config.inc" },
        { path: "~/path/to/conditional.inc", condition: "gitdir:~/src/dir" },
      ],
      signing: {
        signer: "path-to-gpg",
        format: "openpgp",
        key: "00112233445566778899AABBCCDDEEFF",
        signByDefault: true,
      },
      userEmail: "user@example.org",
      userName: "John Doe",
      lfs: { enable: true },
      delta: {
        enable: true,
        options: {
          features: "decorations",
          "whitespace-error-style": "22 reverse",
          decorations: {
            "commit-decoration-style": "bold yellow box ul",
            "file-style": "bold yellow ul",
          },
        },
      },
    },
  },
};
const more = {
  programs: {
    git: {
      aliases: { a2: mkForce("baz") },
      extraConfig: {
        extra: { boolean: true, integer: 38, multiple: [2], subsection: { value: "test" } },
      },
    },
  },
};

test("programs.git writes home-manager's files for its own test's options", () => {
  const c = home(full, more);
  const f = files(c);
  assert.deepEqual(Object.keys(f).sort(), [
    ".config/git/attributes",
    ".config/git/config",
    ".config/git/ignore",
  ]);
  assertFixture("full.conf", f[".config/git/config"]);
  assert.equal(f[".config/git/ignore"], "*~\n*.swp\n");
  assert.equal(f[".config/git/attributes"], "*.pdf diff=pdf\n");
  assert.deepEqual(
    c.home.packages.map((p: any) => p.name),
    ["git", "git-lfs", "delta"],
  );
});

test("programs.git's config means to git what home-manager's does", {
  skip: spawnSync("git", ["--version"]).status !== 0 && "git is not installed",
}, () => {
  assert.deepEqual(gitList(fixture("full.conf")), fixture("full.list").trimEnd().split("\n"));
});

test("programs.git writes nothing but the package when nothing is set", () => {
  const c = home({ programs: { git: { enable: true } } });
  assert.deepEqual(files(c), {});
  assert.deepEqual(
    c.home.packages.map((p: any) => p.name),
    ["git"],
  );
  const off = home({ programs: { git: { userName: "x", ignores: ["a"] } } });
  assert.deepEqual(files(off), {});
  assert.deepEqual(off.home.packages, []);
});

test("programs.git: extraConfig as text follows the sections; package null installs nothing", () => {
  const c = home({
    programs: {
      git: { enable: true, package: null, userName: "Me", extraConfig: "[core]\n\teditor = vim" },
    },
  });
  assert.equal(files(c)[".config/git/config"], '[user]\n\tname = "Me"\n\n[core]\n\teditor = vim\n');
  assert.deepEqual(c.home.packages, []);
});

test("programs.git: signing values are defaults that extraConfig overrides; lfs skipSmudge", () => {
  const c = home({
    programs: {
      git: {
        enable: true,
        signing: { key: "K", signByDefault: true, format: "ssh" },
        extraConfig: { commit: { gpgSign: false } },
        lfs: { enable: true, skipSmudge: true },
      },
    },
  });
  assertFixture("signing-lfs.conf", files(c)[".config/git/config"]);
});
