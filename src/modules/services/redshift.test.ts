import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { failedAssertions } from "../index.ts";
import { assertFixture, evalHome, fileText, have, noVerify, verifyUnits } from "./_test-home.ts";

const redshift = {
  services: {
    redshift: {
      enable: true,
      latitude: 59.9,
      longitude: "10.7",
      temperature: { day: 5700, night: 3500 },
      settings: { redshift: { "adjustment-method": "randr", gamma: 0.8 }, randr: { screen: 0 } },
    },
  },
};

test("services.redshift writes redshift.conf and its unit as home-manager does", () => {
  const c = evalHome([redshift]);
  assertFixture("redshift", "redshift.conf", fileText(c, ".config/redshift/redshift.conf"));
  assertFixture(
    "redshift",
    "redshift.service",
    fileText(c, ".config/systemd/user/redshift.service"),
  );
});

test("redshift itself reads the location and temperatures from the file", {
  skip: !have("redshift") && "redshift is not installed",
}, () => {
  const dir = mkdtempSync(join(tmpdir(), "confed-redshift-"));
  try {
    const conf = fileText(evalHome([redshift]), ".config/redshift/redshift.conf")!;
    // The dummy method and -p (print and exit) need no display.
    writeFileSync(
      join(dir, "redshift.conf"),
      conf.replace("adjustment-method=randr", "adjustment-method=dummy"),
    );
    const r = spawnSync("redshift", ["-c", join(dir, "redshift.conf"), "-p"], {
      encoding: "utf8",
      timeout: 10_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /Location: 59\.90 N, 10\.70 E/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("services.redshift without a location or times is a failed assertion; the unit verifies", {
  skip: noVerify,
}, () => {
  const c = evalHome([{ services: { redshift: { enable: true } } }]);
  assert.match(failedAssertions(c).join("\n"), /services\.redshift needs to know the time of day/);
  assert.deepEqual(failedAssertions(evalHome([redshift])), []);
  assert.deepEqual(
    failedAssertions(
      evalHome([
        {
          services: { redshift: { enable: true, dawnTime: "6:00-7:45", duskTime: "18:35-20:15" } },
        },
      ]),
    ),
    [],
  );
  assert.deepEqual(verifyUnits(evalHome([redshift]), ["redshift.service"]), []);
});
