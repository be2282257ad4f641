import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { HomeManifest } from "../manifest/index.ts";
import { emptyHome, generation, HOME, STORE } from "./_test-home.ts";
import { planHome } from "./plan.ts";
import { renderPlan } from "./render-plan.ts";
import { planUnits, unitScript } from "./units.ts";

/** A generation whose units are the given texts (wantedBy default.target unless `-`-prefixed). */
function withUnits(
  sys: ReturnType<typeof emptyHome>,
  name: string,
  units: Record<string, string>,
): HomeManifest {
  const files = Object.fromEntries(
    Object.entries(units).map(([u, text]) => [`.config/systemd/user/${u}`, text.replace(/^-/, "")]),
  );
  const m = generation(sys, name, files, [], 2);
  m.units = Object.fromEntries(
    Object.entries(units).map(([u, text]) => [
      u,
      {
        source: `${STORE}/${name}-home/home-files/.config/systemd/user/${u}`,
        wantedBy: text.startsWith("-") ? [] : ["default.target"],
      },
    ]),
  );
  return m;
}

test("planUnits: removed units stop, new wanted ones start, changed ones restart, others are left", () => {
  const sys = emptyHome();
  const a = withUnits(sys, "g1", { "keep.service": "k", "edit.service": "1", "gone.service": "g" });
  const b = withUnits(sys, "g2", {
    "keep.service": "k",
    "edit.service": "2",
    "new.service": "n",
    "lonely.service": "-l",
  });
  const u = planUnits(sys, a, b, true);
  assert.deepEqual(u, {
    stop: ["gone.service"],
    start: ["new.service"],
    restart: ["edit.service"],
    installed: ["lonely.service"],
    run: true,
  });
  assert.equal(planUnits(sys, b, b, true), undefined, "nothing changed: nothing to do");
  const off = planUnits(sys, a, b, false);
  assert.equal(off?.run, false);
  assert.match(off?.skipped ?? "", /no systemd user manager/);
  b.startServices = false;
  assert.match(planUnits(sys, a, b, true)?.skipped ?? "", /startServices is off/);
});

test("the plan runs the unit script after the commit only when a manager runs, and says so otherwise", () => {
  const sys = emptyHome();
  const a = withUnits(sys, "g1", { "sync.service": "1" });
  const b = withUnits(sys, "g2", { "sync.service": "2", "new.service": "n" });
  const opts = { home: HOME, ownedPrefixes: [STORE], oldManifest: a, newManifest: b };
  const on = planHome(sys, { ...opts, userManager: true });
  assert.deepEqual(
    on.pending.map((p) => p.kind),
    ["units"],
  );
  const off = planHome(sys, { ...opts, userManager: false });
  assert.deepEqual(off.pending, []);
  const text = renderPlan(off);
  assert.match(text, /units installed, not started: new\.service/);
  assert.match(text, /units changed, not restarted: sync\.service/);
  assert.match(text, /systemctl --user daemon-reload && systemctl --user start new\.service/);
});

test("unitScript is valid sh that calls systemctl in order and fails if any call failed", () => {
  const sys = emptyHome();
  const a = withUnits(sys, "g1", { "old.service": "o", "edit.service": "1" });
  const b = withUnits(sys, "g2", { "edit.service": "2", "it's.service": "n" });
  const u = planUnits(sys, a, b, true)!;
  const script = unitScript(u, b);
  // A systemctl that records its arguments; is-active says default.target is active.
  const dir = mkdtempSync(join(tmpdir(), "confed-units-"));
  try {
    writeFileSync(
      join(dir, "systemctl"),
      `#!/bin/sh\necho "$*" >> "${dir}/calls"\n[ "$2" = try-restart ] && exit 3\nexit 0\n`,
      { mode: 0o755 },
    );
    const r = spawnSync("sh", ["-c", script], {
      env: { PATH: `${dir}:/usr/bin:/bin` },
      encoding: "utf8",
    });
    assert.equal(r.status, 1, "a failed call fails the script");
    const calls = spawnSync("cat", [join(dir, "calls")], { encoding: "utf8" }).stdout;
    assert.deepEqual(calls.trim().split("\n"), [
      "--user stop old.service",
      "--user daemon-reload",
      "--user is-active --quiet default.target",
      "--user start it's.service",
      "--user try-restart edit.service",
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
