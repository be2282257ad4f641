import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { emptyHome, FILES_LINK, generation, HOME, STATE, STORE } from "./_test-home.ts";
import { applyPlan } from "./apply.ts";
import { planHome } from "./plan.ts";
import { renderPlan } from "./render-plan.ts";

const opts = { home: HOME, ownedPrefixes: [STORE], skelDir: "/etc/skel" };

describe("planHome", () => {
  test("planHome adds every file into an empty home, creating parents shallowest first", () => {
    const sys = emptyHome();
    const m = generation(sys, "g1", { ".bashrc": "b", ".config/git/config": "g" });
    const p = planHome(sys, { ...opts, oldManifest: null, newManifest: m });
    assert.deepEqual(p.collisions, []);
    assert.deepEqual(
      p.ops.map((o) => `${o.op} ${"target" in o ? o.target : "dir" in o ? o.dir : o.link}`),
      ["mkdir .config", "mkdir .config/git", "put .bashrc", "put .config/git/config"],
    );
    assert.deepEqual(p.createdDirectories, [".config", ".config/git"]);
    assert.equal(JSON.stringify(JSON.parse(JSON.stringify(p))), JSON.stringify(p));
  });

  test("planHome lists ALL collisions at once: unowned file, foreign parent symlink, parent file", () => {
    const sys = emptyHome();
    sys.put(`${HOME}/.bashrc`, "mine");
    sys.put(`${HOME}/.config`, { link: "/dotfiles/config" });
    sys.put(`${HOME}/.bin`, "a file");
    const m = generation(sys, "g1", {
      ".bashrc": "b",
      ".config/git/config": "g",
      ".bin/x": "x",
      ".vimrc": "v",
    });
    const p = planHome(sys, { ...opts, oldManifest: null, newManifest: m });
    assert.deepEqual(
      p.collisions.map((c) => `${c.kind} ${c.target}`),
      ["unowned .bashrc", "parent-file .bin", "parent-symlink .config"],
    );
    assert.match(renderPlan(p), /3 collision\(s\); nothing will be written/);
  });

  test("planHome with -b picks numbered backup names that clobber nothing", () => {
    const sys = emptyHome();
    sys.put(`${HOME}/.bashrc`, "mine");
    sys.put(`${HOME}/.bashrc.bak`, "older backup");
    sys.put(`${HOME}/.bashrc.bak.1`, "even older");
    const m = generation(sys, "g1", { ".bashrc": "b" });
    const p = planHome(sys, { ...opts, oldManifest: null, newManifest: m, backupExtension: "bak" });
    assert.deepEqual(p.collisions, []);
    assert.deepEqual(p.notices, [{ target: ".bashrc", kind: "backup", to: ".bashrc.bak.2" }]);
  });

  test("planHome moves a file identical to /etc/skel's copy aside instead of colliding", () => {
    const sys = emptyHome();
    sys.put("/etc/skel/.profile", "skel profile");
    sys.put(`${HOME}/.profile`, "skel profile");
    const m = generation(sys, "g1", { ".profile": "mine" });
    const p = planHome(sys, { ...opts, oldManifest: null, newManifest: m });
    assert.deepEqual(p.collisions, []);
    assert.deepEqual(p.notices, [{ target: ".profile", kind: "skel", to: ".profile.confed-skel" }]);
  });

  test("planHome --adopt takes over a file whose content already matches", () => {
    const sys = emptyHome();
    sys.put(`${HOME}/.a`, "same");
    sys.put(`${HOME}/.b`, "same");
    const m = generation(sys, "g1", { ".a": "same", ".b": { text: "same", mode: "copy" } });
    const p = planHome(sys, { ...opts, oldManifest: null, newManifest: m, adopt: true });
    assert.deepEqual(p.collisions, []);
    assert.deepEqual(
      p.ops.map((o) => o.op),
      ["moveAside", "put"],
    );
    assert.equal(p.unchanged, 1);
  });

  test("planHome: a copy-mode file changed by the user collides only when the new generation changes it", () => {
    const sys = emptyHome();
    const g1 = generation(sys, "g1", {
      ".a": { text: "1", mode: "copy" },
      ".b": { text: "1", mode: "copy" },
      ".c": { text: "1", mode: "copy" },
    });
    for (const f of [".a", ".b", ".c"]) sys.put(`${HOME}/${f}`, "edited by me");
    const g2 = generation(sys, "g2", {
      ".a": { text: "2", mode: "copy" },
      ".b": { text: "1", mode: "copy" },
    });
    const p = planHome(sys, { ...opts, oldManifest: g1, newManifest: g2 });
    assert.deepEqual(
      p.collisions.map((c) => `${c.kind} ${c.target}`),
      ["modified-copy .a"],
    );
    assert.deepEqual(p.notices.map((n) => `${n.kind} ${n.target}`).sort(), [
      "modified-kept .b",
      "modified-kept .c",
    ]);
  });

  test("planHome prunes what confed placed, keeps foreign replacements, removes emptied created dirs", () => {
    const sys = emptyHome();
    const g1 = generation(sys, "g1", { ".config/a/x": "x", ".y": "y", ".z": "z" });
    const src = (r: string) => g1.files[r].source;
    sys.put(`${HOME}/.config/a/x`, { link: src(".config/a/x") });
    sys.put(`${HOME}/.y`, { link: src(".y") });
    sys.put(`${HOME}/.z`, "replaced by me");
    const g2 = generation(sys, "g2", {});
    const p = planHome(sys, {
      ...opts,
      oldManifest: g1,
      newManifest: g2,
      createdDirectories: [".config", ".config/a"],
    });
    assert.deepEqual(
      p.ops.map((o) => `${o.op} ${"target" in o ? o.target : "dir" in o ? o.dir : o.link}`),
      ["remove .config/a/x", "remove .y", "rmdir .config/a", "rmdir .config"],
    );
    assert.deepEqual(p.notices, [{ target: ".z", kind: "released" }]);
    assert.deepEqual(p.createdDirectories, []);
  });

  test("planHome shows a unified diff for a changed copy-mode text file", () => {
    const sys = emptyHome();
    const g1 = generation(sys, "g1", { ".s": { text: "a\nb\n", mode: "copy" } });
    sys.put(`${HOME}/.s`, "a\nb\n");
    const g2 = generation(sys, "g2", { ".s": { text: "a\nc\n", mode: "copy" } });
    const p = planHome(sys, { ...opts, oldManifest: g1, newManifest: g2 });
    assert.equal(p.files[0].diff, "--- a/.s\n+++ b/.s\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
    assert.match(renderPlan(p), /~ \.s\n {4}--- a\/\.s/);
  });

  test("planHome expands recursive directories file by file", () => {
    const sys = emptyHome();
    const m = generation(sys, "g1", {
      ".config/nvim": { tree: { "init.lua": "i", "lua/a.lua": "a" } },
    });
    const p = planHome(sys, { ...opts, oldManifest: null, newManifest: m });
    assert.deepEqual(
      p.files.map((f) => f.target),
      [".config/nvim/init.lua", ".config/nvim/lua/a.lua"],
    );
  });

  test("through the stable link (v2), a content change is one flip, and the plan names only the changed files", () => {
    const sys = emptyHome();
    const tree = (n: number, changed: string) =>
      Object.fromEntries(
        Array.from({ length: n }, (_, i) => [`f${i}`, i === 3 ? changed : `same ${i}`]),
      );
    const g1 = generation(
      sys,
      "g1",
      {
        ".a": "A",
        ".b": "B",
        ".config/app": { tree: tree(50, "old"), onChange: "reload app" },
        ".gone": "G",
      },
      [],
      2,
    );
    const g2 = generation(
      sys,
      "g2",
      {
        ".a": "A",
        ".b": "B2",
        ".config/app": { tree: tree(50, "new"), onChange: "reload app" },
        ".new": "N",
      },
      [],
      2,
    );
    const o = { ...opts, filesLink: FILES_LINK };
    const p1 = planHome(sys, {
      ...o,
      oldManifest: null,
      newManifest: g1,
      generation: `${STORE}/g1-home`,
    });
    assert.deepEqual(
      p1.ops.filter((x) => x.op === "flip"),
      [{ op: "flip", link: FILES_LINK, to: `${STORE}/g1-home/home-files`, prev: null }],
    );
    applyPlan(sys, p1, { stateDir: STATE });
    assert.equal(sys.readlink(`${HOME}/.a`), `${FILES_LINK}/.a`);
    assert.equal(new TextDecoder().decode(sys.readFile(`${HOME}/.config/app/f3`)), "old");

    const p2 = planHome(sys, {
      ...o,
      oldManifest: g1,
      newManifest: g2,
      generation: `${STORE}/g2-home`,
      createdDirectories: [".config", ".config/app"],
    });
    assert.deepEqual(
      p2.ops.map((x) => `${x.op} ${"target" in x ? x.target : "link" in x ? x.to : x.dir}`),
      ["remove .gone", `flip ${STORE}/g2-home/home-files`, "put .new"],
      "no link is replaced: their content changes with the flip",
    );
    assert.deepEqual(
      p2.files.map((f) => `${f.action} ${f.target}`),
      ["change .b", "change .config/app/f3", "remove .gone", "add .new"],
    );
    assert.equal(p2.unchanged, 50);
    assert.deepEqual(
      p2.pending.map((x) => x.name),
      [".config/app"],
      "onChange runs for a recursive directory when one of its files changed",
    );
    applyPlan(sys, p2, { stateDir: STATE });
    assert.equal(new TextDecoder().decode(sys.readFile(`${HOME}/.config/app/f3`)), "new");
    assert.equal(new TextDecoder().decode(sys.readFile(`${HOME}/.b`)), "B2");

    // Switching to it again: nothing to do, no flip.
    const p3 = planHome(sys, {
      ...o,
      oldManifest: g2,
      newManifest: g2,
      generation: `${STORE}/g2-home`,
    });
    assert.deepEqual(p3.ops, []);
    assert.deepEqual(p3.files, []);
  });

  test("a non-link where the stable link belongs is a collision, not overwritten", () => {
    const sys = emptyHome();
    sys.put(FILES_LINK, "something");
    const g1 = generation(sys, "g1", { ".a": "A" }, [], 2);
    const p = planHome(sys, {
      ...opts,
      filesLink: FILES_LINK,
      oldManifest: null,
      newManifest: g1,
      generation: `${STORE}/g1-home`,
    });
    assert.deepEqual(
      p.collisions.map((c) => c.target),
      [FILES_LINK],
    );
  });
});
