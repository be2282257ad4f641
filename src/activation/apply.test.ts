import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { HomeManifest } from "../manifest/index.ts";
import { Crash, FaultySystem } from "../system/faulty-system.ts";
import type { MemorySystem } from "../system/memory-system.ts";
import type { System } from "../system/system.ts";
import { emptyHome, FILES_LINK, generation, HOME, STATE, STORE } from "./_test-home.ts";
import { applyPlan, readState, recover } from "./apply.ts";
import { type PlanOptions, planHome } from "./plan.ts";

const ran: string[] = [];
const opts = { stateDir: STATE, runScript: (s: { name: string }) => void ran.push(s.name) };

function switchTo(
  sys: System,
  old: HomeManifest | null,
  next: HomeManifest,
  extra: Partial<PlanOptions> = {},
) {
  const plan = planHome(sys, {
    home: HOME,
    oldManifest: old,
    newManifest: next,
    generation: next.files[Object.keys(next.files)[0]]?.source.split("/home-files/")[0] ?? "empty",
    ownedPrefixes: [STORE],
    filesLink: FILES_LINK,
    createdDirectories: readState(sys, STATE).createdDirectories,
    skelDir: "/etc/skel",
    ...extra,
  });
  assert.deepEqual(plan.collisions, []);
  return applyPlan(sys, plan, opts);
}

/**
 * A home before confed, and two generations covering every kind of operation, with manifests
 * of the given versions (version 2 links through FILES_LINK; 1 straight into the generation).
 */
function scenario(v1: 1 | 2 = 1, v2: 1 | 2 = v1) {
  const sys = emptyHome();
  sys.put("/etc/skel/.bashrc", "skel bashrc");
  sys.put(`${HOME}/.bashrc`, "skel bashrc"); // skel copy: moved aside
  sys.put(`${HOME}/.config/existing`, "pre-existing dir, never removed");
  sys.put(`${HOME}/Documents/notes.txt`, "unowned, untouched");
  sys.put(`${HOME}/.profile`, "my profile"); // collides in g2: -b backup
  sys.put(`${HOME}/.profile.bak`, "an older backup, never clobbered");
  sys.put(`${HOME}/.forced`, "replaced by force in g2");
  sys.put(`${HOME}/.adoptme`, "same content");
  const links = Object.fromEntries(
    ["a/1", "a/2", "a/3", "a/4", "b/1", "b/2"].map((r) => [`.config/${r}`, `v1 ${r}`]),
  );
  const g1 = generation(
    sys,
    "g1",
    {
      ...links,
      ".bashrc": "confed bashrc",
      ".vimrc": "set nu",
      ".gitconfig": "[user]",
      ".old/deep/p": "p",
      ".old/deep/q": "q",
      ".local/share/x/y": "y",
      ".config/app/settings.json": { text: '{"a":1}\n', mode: "copy", onChange: "reload app" },
      ".copyme": { text: "copy 1", mode: "copy" },
      ".removed-copy": { text: "bye", mode: "copy" },
      ".kept-copy": { text: "user edits this", mode: "copy" },
      ".config/nvim": { tree: { "init.lua": "i", "lua/a.lua": "a", "lua/b.lua": "b" } },
    },
    [],
    v1,
  );
  const g2 = generation(
    sys,
    "g2",
    {
      ...links,
      ".config/b/1": "v2 changed",
      ".bashrc": "confed bashrc",
      ".vimrc": "set nu rnu",
      ".gitconfig": { text: "[user] now a copy", mode: "copy" },
      ".local/share/x/y": "y",
      ".config/app/settings.json": { text: '{"a":2}\n', mode: "copy", onChange: "reload app" },
      ".copyme": { text: "copy 1", mode: "copy" },
      ".kept-copy": { text: "user edits this", mode: "copy" },
      ".config/nvim": { tree: { "init.lua": "i2", "lua/a.lua": "a" } },
      ".new/deep/file": "new",
      ".local/bin/tool": { text: "#!/bin/sh", mode: "copy", executable: true },
      ".profile": "confed profile",
      ".forced": { text: "forced", force: true },
      ".adoptme": "same content",
    },
    [
      { name: "late", after: ["early"], before: [], script: "b" },
      { name: "early", after: [], before: [], script: "a" },
    ],
    v2,
  );
  switchTo(sys, null, g1);
  sys.put(`${HOME}/.kept-copy`, "edited by the user");
  return { sys, g1, g2 };
}

const g2Extra = { backupExtension: "bak", adopt: true };

describe("applyPlan", () => {
  test("applyPlan switches a ~30-file home covering every kind of operation", () => {
    const { sys, g1, g2 } = scenario();
    assert.equal(sys.lstatOrNull(`${HOME}/.bashrc.confed-skel`)?.kind, "file");
    ran.length = 0;
    switchTo(sys, g1, g2, g2Extra);
    const snap = sys.snapshot(HOME);
    assert.equal(snap[".profile.bak"], "file 644 an older backup, never clobbered");
    assert.equal(snap[".profile.bak.1"], "file 644 my profile");
    assert.equal(snap[".forced"], `link ${STORE}/g2-home/home-files/.forced`);
    assert.equal(snap[".kept-copy"], "file 644 edited by the user");
    assert.equal(snap[".gitconfig"], "file 644 [user] now a copy");
    assert.equal(snap[".local/bin/tool"], "file 755 #!/bin/sh");
    assert.equal(snap[".removed-copy"], undefined);
    assert.equal(snap[".old"], undefined, "emptied directories confed created are removed");
    assert.equal(snap[".config/existing"], "file 644 pre-existing dir, never removed");
    assert.equal(snap["Documents/notes.txt"], "file 644 unowned, untouched");
    assert.equal(snap[".config/nvim/lua/b.lua"], undefined);
    assert.ok(
      !Object.keys(snap).some((k) => k.includes("confed-displaced") || k.includes("confed-new")),
    );
    assert.deepEqual(
      ran,
      ["reload app", "early", "late"].map((n) =>
        n === "reload app" ? ".config/app/settings.json" : n,
      ),
    );
    assert.deepEqual(sys.readdir(STATE), ["state.json"]);
  });

  test("applyPlan makes zero mutating calls for a no-op switch", () => {
    const { sys, g1, g2 } = scenario();
    switchTo(sys, g1, g2, g2Extra);
    const counter = new FaultySystem(sys);
    const r = switchTo(counter, g2, g2);
    assert.equal(r.changed, false);
    assert.equal(counter.calls, 0);
  });

  test("applyPlan rolls back when a file appears after the checks", () => {
    const { sys, g1, g2 } = scenario();
    const before = sys.snapshot(HOME);
    const plan = planHome(sys, {
      home: HOME,
      oldManifest: g1,
      newManifest: g2,
      generation: "g2",
      ownedPrefixes: [STORE],
      createdDirectories: readState(sys, STATE).createdDirectories,
      ...g2Extra,
    });
    sys.put(`${HOME}/.new/deep/file`, "appeared meanwhile");
    const after = sys.snapshot(HOME);
    assert.throws(
      () => applyPlan(sys, plan, opts),
      (e: any) => e.code === "E_ACTIVATION_RACE",
    );
    assert.deepEqual(sys.snapshot(HOME), after);
    assert.notDeepEqual(before, after);
    assert.deepEqual(sys.readdir(STATE), ["state.json"]);
  });
});

describe("crash safety", () => {
  /** Every k: crash at the k-th mutating call, recover, and find exactly the old or new home. */
  function crashLoop(base: MemorySystem, run: (s: System) => void, nested: boolean) {
    // What the home shows: its entries, and where the stable link points (a link through it
    // changes content when it flips).
    const view = (s: MemorySystem) => ({
      home: s.snapshot(HOME),
      files: s.lstatOrNull(FILES_LINK) ? s.readlink(FILES_LINK) : null,
    });
    const state = (s: MemorySystem) => s.readdir(STATE).filter((n) => n !== "home-files");
    const oldSnap = view(base);
    const full = base.clone();
    run(full);
    const newSnap = view(full);
    const check = (s: MemorySystem, k: string) => {
      const snap = view(s);
      const isOld = JSON.stringify(snap) === JSON.stringify(oldSnap);
      const isNew = JSON.stringify(snap) === JSON.stringify(newSnap);
      assert.ok(isOld || isNew, `crash at ${k}: the home is neither the old nor the new state`);
      assert.deepEqual(state(s), state(base).length || isNew ? ["state.json"] : []);
      if (isNew) assert.deepEqual(readState(s, STATE), readState(full, STATE));
    };
    const outcomes = { old: 0, new: 0 };
    for (let k = 1; ; k++) {
      const s = base.clone();
      try {
        run(new FaultySystem(s, { crashAt: k }));
        break; // k is past the last mutating call
      } catch (e) {
        if (!(e instanceof Crash)) throw e;
      }
      s.processId++; // the next run is another process; the crashed one is gone
      if (nested) {
        for (let j = 1; ; j++) {
          const s2 = s.clone();
          try {
            recover(new FaultySystem(s2, { crashAt: j }), opts);
            break;
          } catch (e) {
            if (!(e instanceof Crash)) throw e;
          }
          s2.processId++;
          recover(s2, opts);
          check(s2, `${k}, then recovery crashing at ${j}`);
        }
      }
      recover(s, opts);
      check(s, `${k}`);
      JSON.stringify(view(s)) === JSON.stringify(oldSnap) ? outcomes.old++ : outcomes.new++;
    }
    assert.ok(outcomes.old > 0 && outcomes.new > 0, JSON.stringify(outcomes));
    return outcomes;
  }

  test("a crash at every mutating call of a first switch (skel move, mkdirs) converges", () => {
    const { g1 } = scenario();
    const base = emptyHome();
    base.put("/etc/skel/.bashrc", "skel bashrc");
    base.put(`${HOME}/.bashrc`, "skel bashrc");
    const { sys } = scenario();
    // the generations live in the store of `sys`; copy the store into the base home
    for (const [rel, v] of Object.entries(sys.snapshot(STORE)))
      if (v.startsWith("file "))
        base.put(`${STORE}/${rel}`, { text: v.slice(9), mode: Number.parseInt(v.slice(5, 8), 8) });
    const n = crashLoop(base, (s) => switchTo(s, null, g1), true);
    assert.ok(n.old + n.new > 40, JSON.stringify(n));
  });

  for (const [a, b] of [
    [1, 1],
    [2, 2],
    [1, 2],
    [2, 1],
  ] as const) {
    test(`a crash at every mutating call of a switch with every kind of change converges (manifest v${a} → v${b})`, () => {
      const { sys, g1, g2 } = scenario(a, b);
      ran.length = 0;
      const n = crashLoop(sys, (s) => switchTo(s, g1, g2, g2Extra), true);
      assert.ok(n.old + n.new > (b === 2 && a === 2 ? 25 : 60), JSON.stringify(n));
    });
  }
});
