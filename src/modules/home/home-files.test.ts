import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ModuleError } from "../../errors/index.ts";
import { evalModules } from "../../module-system/index.ts";
import { homeModules } from "../index.ts";
import { entryAfter, entryBefore } from "./activation.ts";

const home = (...modules: unknown[]) =>
  evalModules({
    class: "home",
    modules: [...homeModules, { home: { username: "me", homeDirectory: "/home/me" } }, ...modules],
  }).config as any;

const throwsCode = (f: () => unknown, code: string, re: RegExp) =>
  assert.throws(
    f,
    (e: unknown) => e instanceof ModuleError && e.code === code && re.test(e.message),
  );

test("home.file and xdg files become managed files with paths relative to the home", () => {
  const c = home({
    home: { file: { ".vimrc": { text: "set nu" }, bin: { source: "/src/bin", recursive: true } } },
    xdg: {
      configFile: { "git/config": { text: "[user]" } },
      dataFile: { "x/y": { source: "/src/y", mode: "copy" } },
    },
  });
  const files = c.home.managedFiles.map((f: any) => [f.target, f.mode, f.definedBy]);
  assert.deepEqual(files, [
    [".config/confed/session-vars.sh", "link", 'xdg.configFile."confed/session-vars.sh"'],
    [".config/git/config", "link", 'xdg.configFile."git/config"'],
    [".local/share/x/y", "copy", 'xdg.dataFile."x/y"'],
    [".vimrc", "link", 'home.file.".vimrc"'],
    ["bin", "link", "home.file.bin"],
  ]);
});

test("two definitions of one target are a conflict naming both options", () => {
  const c = home({
    home: { file: { ".config/git/config": { text: "a" } } },
    xdg: { configFile: { "git/config": { text: "b" } } },
  });
  throwsCode(
    () => c.home.managedFiles,
    "E_CONFLICT",
    /home\.file\."\.config\/git\/config".*xdg\.configFile\."git\/config"|xdg\.configFile\."git\/config".*home\.file/,
  );
});

test("a target outside the home, or escaping it, is an error", () => {
  throwsCode(
    () => home({ home: { file: { x: { target: "/etc/passwd", text: "" } } } }).home.managedFiles,
    "E_VALUE",
    /outside the home/,
  );
  throwsCode(
    () =>
      home({ home: { file: { x: { target: "../other/.bashrc", text: "" } } } }).home.managedFiles,
    "E_VALUE",
    /leaves the home/,
  );
  assert.equal(
    home({ home: { file: { x: { target: "/home/me/.x", text: "" } } } }).home.managedFiles.some(
      (f: any) => f.target === ".x",
    ),
    true,
  );
});

test("a file inside a non-recursive link is an error; inside a recursive one it is fine", () => {
  throwsCode(
    () =>
      home({ home: { file: { ".vim": { source: "/src/vim" }, ".vim/extra.vim": { text: "x" } } } })
        .home.managedFiles,
    "E_CONFLICT",
    /inside ~\/\.vim.*recursive = true/,
  );
  const ok = home({
    home: {
      file: { ".vim": { source: "/src/vim", recursive: true }, ".vim/extra.vim": { text: "x" } },
    },
  });
  assert.equal(ok.home.managedFiles.length, 3);
});

test("a file needs text or source; disabled files are left out", () => {
  throwsCode(
    () => home({ home: { file: { x: {} } } }).home.managedFiles,
    "E_NO_VALUE",
    /neither `text' nor `source'/,
  );
  assert.equal(home({ home: { file: { x: { enable: false } } } }).home.managedFiles.length, 1);
});

test("session variables: a guarded sh script a real shell sources once, and environment.d", () => {
  const c = home({
    home: {
      sessionVariables: { EDITOR: "nvim", QUOTED: 'say "hi"', N: 3 },
      sessionPath: ["$HOME/.local/bin"],
    },
    xdg: { enable: true },
  });
  const files = Object.fromEntries(c.home.managedFiles.map((f: any) => [f.target, f]));
  const script = files[".config/confed/session-vars.sh"].text as string;
  const dir = mkdtempSync(join(tmpdir(), "confed-sess-"));
  try {
    writeFileSync(join(dir, "s.sh"), script);
    const r = spawnSync(
      "sh",
      [
        "-c",
        `HOME=/home/me PATH=/usr/bin; . ${dir}/s.sh; . ${dir}/s.sh; printf '%s|%s|%s|%s|%s' "$EDITOR" "$QUOTED" "$N" "$XDG_CONFIG_HOME" "$PATH"`,
      ],
      { encoding: "utf8" },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'nvim|say "hi"|3|/home/me/.config|/home/me/.local/bin:/usr/bin');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const envd = files[".config/environment.d/10-confed.conf"].text as string;
  assert.match(envd, /^EDITOR=nvim$/m);
  assert.match(envd, /^PATH=\$HOME\/\.local\/bin:\$\{PATH\}$/m);
  assert.equal(
    home().home.managedFiles.some((f: any) => f.target.includes("environment.d")),
    false,
  );
});

test("activation steps are ordered around the anchors; a cycle is an error", () => {
  const c = home({
    home: {
      activation: {
        late: entryAfter(["linkGeneration"], "echo late"),
        early: entryBefore(["writeBoundary"], "echo early"),
      },
    },
  });
  assert.deepEqual(c.home.activationOrder, [
    "early",
    "writeBoundary",
    "linkGeneration",
    "late",
    "onFilesChange",
  ]);
  throwsCode(
    () =>
      home({
        home: { activation: { a: { after: ["b"], data: "" }, b: { after: ["a"], data: "" } } },
      }).home.activationOrder,
    "E_VALUE",
    /cycle: .*a.*b|cycle: .*b.*a/,
  );
});
