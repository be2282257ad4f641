import assert from "node:assert/strict";
import { test } from "node:test";
import { evalHome, fileText, targets } from "./_test-home.ts";

test("programs.man is off by default; enabled, it installs man-db and writes nothing", () => {
  const off = evalHome([]);
  assert.deepEqual(off.home.packages, []);
  const c = evalHome([{ programs: { man: { enable: true } } }]);
  assert.deepEqual(targets(c), []);
  assert.deepEqual(c.home.packages.map(String), ["man-db"]);
  assert.equal(c.home.activation.manCache, undefined);
});

test("programs.man.generateCaches maps the profile's man pages to a user index", () => {
  const c = evalHome([{ programs: { man: { enable: true, generateCaches: true } } }]);
  assert.deepEqual(targets(c), [".manpath"]);
  assert.equal(
    fileText(c, ".manpath"),
    "# Written by confed (programs.man.generateCaches).\nMANDB_MAP /home/me/.local/state/confed/profiles/home-me/home-path/share/man /home/me/.cache/man/confed\n",
  );
  assert.match(c.home.activation.manCache.data, /mandb --user-db/);
});
