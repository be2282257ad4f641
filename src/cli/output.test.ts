import assert from "node:assert/strict";
import { test } from "node:test";
import { colorWanted } from "./output.ts";

test("colours follow the terminal, FORCE_COLOR and NO_COLOR, not the CI variable", () => {
  assert.equal(colorWanted({}, true), true);
  assert.equal(colorWanted({}, false), false);
  assert.equal(colorWanted({ CI: "true" }, false), false);
  assert.equal(colorWanted({ TERM: "dumb" }, true), false);
  assert.equal(colorWanted({ NO_COLOR: "1" }, true), false);
  assert.equal(colorWanted({ NO_COLOR: "1", FORCE_COLOR: "1" }, true), false);
  assert.equal(colorWanted({ FORCE_COLOR: "1" }, false), true);
  assert.equal(colorWanted({ FORCE_COLOR: "0" }, true), false);
});
