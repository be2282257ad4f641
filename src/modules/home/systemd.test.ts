import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { unitText } from "../../formats/index.ts";
import { evalModules } from "../../module-system/index.ts";
import { homeModules } from "../index.ts";

const home = (...modules: unknown[]) =>
  evalModules({
    class: "home",
    modules: [...homeModules, { home: { username: "me", homeDirectory: "/home/me" } }, ...modules],
  }).config as any;

test("unitText writes sections in systemd's order, lists as repeated keys", () => {
  assert.equal(
    unitText({
      Install: { WantedBy: ["default.target"] },
      Service: { ExecStart: "/bin/true", Restart: "on-failure" },
      Unit: { After: ["a.target", "b.target"], X: true },
    }),
    "[Unit]\nAfter=a.target\nAfter=b.target\nX=true\n\n[Service]\nExecStart=/bin/true\nRestart=on-failure\n\n[Install]\nWantedBy=default.target\n",
  );
  assert.throws(() => unitText({ Service: { ExecStart: "a\nb" } }), /line break/);
});

test("user units become files (and wants links) that systemd-analyze verifies without warnings", {
  skip:
    spawnSync("systemd-analyze", ["--version"]).status !== 0 && "systemd-analyze is not installed",
}, () => {
  const c = home({
    systemd: {
      user: {
        services: {
          sync: {
            Unit: { Description: "Sync things" },
            Service: { Type: "oneshot", ExecStart: "/bin/true" },
            Install: { WantedBy: ["default.target"] },
          },
        },
        timers: {
          sync: {
            Unit: { Description: "Sync every hour" },
            Timer: { OnCalendar: "hourly", Persistent: true },
            Install: { WantedBy: ["timers.target"] },
          },
        },
      },
    },
  });
  const files = Object.fromEntries(c.home.managedFiles.map((f: any) => [f.target, f.text]));
  for (const t of [
    ".config/systemd/user/sync.service",
    ".config/systemd/user/sync.timer",
    ".config/systemd/user/default.target.wants/sync.service",
    ".config/systemd/user/timers.target.wants/sync.timer",
  ]) {
    assert.ok(t in files, t);
  }
  const dir = mkdtempSync(join(tmpdir(), "confed-units-"));
  try {
    for (const t of [".config/systemd/user/sync.service", ".config/systemd/user/sync.timer"]) {
      const p = join(dir, t.split("/").pop()!);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, files[t]);
    }
    const r = spawnSync(
      "systemd-analyze",
      ["verify", join(dir, "sync.service"), join(dir, "sync.timer")],
      { encoding: "utf8" },
    );
    assert.equal(r.status, 0, r.stderr);
    // Unknown keys and bad values are only warnings (exit 0): there must be none about our files.
    assert.doesNotMatch(r.stderr, /sync\.(service|timer)/, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
