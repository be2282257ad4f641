import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { editorCommand, editorFamily, hardeningArgs, runEditor, splitCommand } from "./editor.ts";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "confed-editor-"));
  dirs.push(d);
  return d;
}
function script(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return path;
}

const haveVim = spawnSync("vim", ["--version"], { stdio: "ignore" }).status === 0;

describe("editor command", () => {
  test("splitCommand splits like a shell for simple quoting", () => {
    assert.deepEqual(splitCommand("code --wait"), ["code", "--wait"]);
    assert.deepEqual(splitCommand(`"/opt/My Editor/ed" -x 'a b' c\\ d`), [
      "/opt/My Editor/ed",
      "-x",
      "a b",
      "c d",
    ]);
    assert.deepEqual(splitCommand(`  emacs   -nw  `), ["emacs", "-nw"]);
    assert.deepEqual(splitCommand(`ed ""`), ["ed", ""]);
  });

  test("editorFamily knows vim and emacs by name", () => {
    for (const n of ["vim", "nvim", "gvim", "/usr/bin/vim.basic", "vim.tiny", "view", "nvim-qt"]) {
      assert.equal(editorFamily(n), "vim", n);
    }
    for (const n of ["emacs", "emacs-nox", "emacs29", "/usr/bin/emacs-gtk"]) {
      assert.equal(editorFamily(n), "emacs", n);
    }
    for (const n of ["vi", "nano", "code", "emacsclient", "nvi", "hx"]) {
      assert.equal(editorFamily(n), "other", n);
    }
  });

  test("editorCommand prefers $VISUAL, then $EDITOR, then vi, and hardens vim and emacs", () => {
    const bin = tempDir();
    const env = { PATH: bin };
    const v = editorCommand("/d/f", { ...env, VISUAL: "nvim -p", EDITOR: "emacs" });
    assert.deepEqual(v, {
      program: "nvim",
      args: ["-p", ...hardeningArgs("vim"), "/d/f"],
      family: "vim",
      from: "$VISUAL",
    });
    const e = editorCommand("/d/f", { ...env, EDITOR: "emacs -nw" });
    assert.equal(e.from, "$EDITOR");
    assert.deepEqual(e.args, ["-nw", ...hardeningArgs("emacs"), "/d/f"]);
    assert.match(
      e.args.join(" "),
      /make-backup-files nil.*auto-save-default nil.*create-lockfiles nil/,
    );
    assert.deepEqual(
      editorCommand("/d/f", { ...env, EDITOR: "gvim" }).args.slice(0, 2),
      ["-f", "-n"],
      "in the foreground",
    );
    const n = editorCommand("/d/f", { ...env, EDITOR: "nano" });
    assert.deepEqual(n.args, ["/d/f"]);
    assert.equal(n.family, "other");
  });

  test("editorCommand follows symlinks and asks a plain `vi' whether it is vim", () => {
    const bin = tempDir();
    script(bin, "vim.basic", "exit 0");
    const viaLink = join(bin, "links");
    mkdirSync(viaLink);
    symlinkSync(join(bin, "vim.basic"), join(viaLink, "vi"));
    assert.equal(editorCommand("f", { PATH: viaLink }).family, "vim", "Debian's vi -> vim.basic");
    const fedora = tempDir();
    script(fedora, "vi", 'echo "VIM - Vi IMproved 9.1"');
    assert.equal(editorCommand("f", { PATH: fedora }).family, "vim", "vim-minimal installed as vi");
    const nvi = tempDir();
    script(nvi, "vi", "echo 'usage: vi [-eFlRrSv]' >&2; exit 1");
    assert.equal(editorCommand("f", { PATH: nvi }).family, "other");
    assert.deepEqual(editorCommand("f", { PATH: nvi }).args, ["f"]);
  });

  test("the hardening keeps vim from writing undo, swap, backup and viminfo files, even against a vimrc", {
    skip: !haveVim && "vim is not installed",
  }, () => {
    const home = tempDir();
    for (const d of ["undo", "swap", "bak"]) mkdirSync(join(home, d));
    const vimrc = join(home, ".vimrc");
    writeFileSync(
      vimrc,
      "set undofile undodir=~/undo\nset swapfile directory=~/swap\nset backup backupdir=~/bak writebackup\nset viminfo='100,<50\n",
    );
    const work = tempDir();
    const file = join(work, "secret");
    const edit = (args: string[]) => {
      writeFileSync(file, "canary\n");
      const r = spawnSync(
        "vim",
        ["-u", vimrc, ...args, "-es", "-c", "normal Goadded", "-c", "wq", file],
        {
          env: { ...process.env, HOME: home },
          stdio: "ignore",
          timeout: 20000,
        },
      );
      assert.equal(r.status, 0);
      assert.equal(readFileSync(file, "utf8"), "canary\nadded\n");
      return [
        ...readdirSync(join(home, "undo")),
        ...readdirSync(join(home, "swap")),
        ...readdirSync(join(home, "bak")),
        ...readdirSync(home).filter((f) => f.startsWith(".viminfo")),
        ...readdirSync(work).filter((f) => f !== "secret"),
      ];
    };
    assert.deepEqual(edit(hardeningArgs("vim")), []);
    // Without the hardening the same vimrc leaks copies: the test would notice a regression.
    assert.notDeepEqual(edit([]), []);
  });
});

describe("runEditor", () => {
  test("runEditor reports the exit status, and passes the environment", async () => {
    const dir = tempDir();
    const log = join(dir, "log");
    const ed = script(dir, "ed", `echo "$TMPDIR $*" > ${log}; exit 3`);
    const r = await runEditor(
      { program: ed, args: ["a", "b"], family: "other", from: "$EDITOR" },
      { env: { TMPDIR: "/private" } },
    );
    assert.deepEqual(r, { code: 3, signal: null });
    assert.equal(readFileSync(log, "utf8"), "/private a b\n");
  });

  test("runEditor says when the editor does not exist, and hands the child to attach", async () => {
    const r = await runEditor(
      { program: "/nonexistent/editor", args: [], family: "other", from: "$EDITOR" },
      { env: {} },
    );
    assert.deepEqual(r, { code: null, signal: null, error: "not found" });
    const dir = tempDir();
    let attached = 0;
    let detached = 0;
    const ok = await runEditor(
      { program: script(dir, "ed", "exit 0"), args: [], family: "other", from: "$EDITOR" },
      {
        env: {},
        attach: () => {
          attached++;
          return () => detached++;
        },
      },
    );
    assert.deepEqual([ok.code, attached, detached], [0, 1, 1]);
  });
});
