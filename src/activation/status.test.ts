import assert from "node:assert/strict";
import { test } from "node:test";
import { emptyHome, generation, HOME, STORE } from "./_test-home.ts";
import { homeStatus } from "./status.ts";

test("homeStatus reports missing, changed and foreign targets", () => {
  const sys = emptyHome();
  const g1 = generation(sys, "g1", { ".a": "a", ".b": "b" });
  const m = generation(sys, "g2", {
    ".ok": "ok",
    ".missing": "m",
    ".other-gen": "x",
    ".foreign-link": "x",
    ".foreign-file": "x",
    ".copy": { text: "c", mode: "copy" },
    ".copy-edited": { text: "c", mode: "copy" },
  });
  sys.put(`${HOME}/.ok`, { link: m.files[".ok"].source });
  sys.put(`${HOME}/.other-gen`, { link: g1.files[".a"].source });
  sys.put(`${HOME}/.foreign-link`, { link: "/dotfiles/x" });
  sys.put(`${HOME}/.foreign-file`, "x");
  sys.put(`${HOME}/.copy`, "c");
  sys.put(`${HOME}/.copy-edited`, "edited");
  const s = homeStatus(sys, { home: HOME, manifest: m, ownedPrefixes: [STORE] });
  assert.equal(s.ok, 2);
  assert.deepEqual(
    s.drift.map((d) => `${d.kind} ${d.target}`),
    [
      "changed .copy-edited",
      "foreign .foreign-file",
      "foreign .foreign-link",
      "missing .missing",
      "changed .other-gen",
    ],
  );
});
