import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { noVerify, verifyUnits } from "../services/_test-home.ts";
import { assertFixture, evalHome, fileText, targets } from "./_test-home.ts";

const session = {
  xsession: {
    enable: true,
    windowManager: { command: "i3" },
    profileExtra: "xrandr --output Virtual-1 --auto",
    initExtra: "xset b off",
  },
  home: {
    keyboard: {
      layout: "us,no",
      variant: ",winkeys",
      options: ["grp:alt_shift_toggle", "caps:escape"],
    },
  },
};

test("xsession writes ~/.xsession and ~/.xprofile as home-manager does, and the session targets", () => {
  const c = evalHome([session]);
  assertFixture("xsession", "xsession", fileText(c, ".xsession"));
  assertFixture("xsession", "xprofile", fileText(c, ".xprofile"));
  assert.equal(c.home.managedFiles.find((f: any) => f.target === ".xsession").executable, true);
  for (const t of [
    ".config/systemd/user/confed-graphical-session.target",
    ".config/systemd/user/tray.target",
  ]) {
    assert.ok(targets(c).includes(t), t);
  }
});

test("the session scripts are valid sh", () => {
  const c = evalHome([session]);
  for (const f of [".xsession", ".xprofile"]) {
    const r = spawnSync("sh", ["-n"], { input: fileText(c, f), encoding: "utf8" });
    assert.equal(r.status, 0, `${f}: ${r.stderr}`);
  }
});

test("home.keyboard: a setxkbmap service of the graphical session, as home-manager's", () => {
  const c = evalHome([session]);
  assertFixture(
    "xsession",
    "setxkbmap.service",
    fileText(c, ".config/systemd/user/setxkbmap.service"),
  );
  assert.ok(c.home.packages.some((p: any) => p.name === "setxkbmap"));
  // no keyboard, or no X session: no service
  const none = evalHome([{ xsession: { enable: true } }]);
  assert.equal(fileText(none, ".config/systemd/user/setxkbmap.service"), undefined);
});

test("the session's units pass systemd-analyze verify", { skip: noVerify }, () => {
  const c = evalHome([session]);
  assert.deepEqual(verifyUnits(c, ["setxkbmap.service", "confed-graphical-session.target"]), []);
});

test("xsession: nothing when disabled; scriptPath and profilePath move the files", () => {
  assert.deepEqual(targets(evalHome([{ xsession: { initExtra: "x" } }])), []);
  const c = evalHome([
    { xsession: { enable: true, scriptPath: ".xsession-confed", profilePath: ".xprofile-confed" } },
  ]);
  assert.match(fileText(c, ".xsession-confed")!, /\. \/home\/me\/\.xprofile-confed/);
  assert.ok(fileText(c, ".xprofile-confed"));
  assert.throws(
    () =>
      evalHome([{ xsession: { enable: true, importedVariables: ["NOT-A-NAME"] } }]).xsession
        .importedVariables,
    /xsession\.importedVariables/,
  );
});
