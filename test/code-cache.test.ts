import assert from "node:assert/strict";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { confed, exampleDir } from "./helpers.ts";

const cache = mkdtempSync(join(tmpdir(), "confed-code-cache-"));
after(() => rmSync(cache, { recursive: true, force: true }));
const dir = join(cache, "confed", "code-cache");
const run = (...args: string[]) => confed(args, { env: { XDG_CACHE_HOME: cache } });
const files = () => readdirSync(dir).sort();
// This build's cache: the most recently written one.
const bin = () =>
  files()
    .filter((f) => f.endsWith(".bin"))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] as string;
const verbs = () => readFileSync(bin().replace(/\.bin$/, ".verbs"), "utf8").split("\n");

test("the CLI keeps a code cache of itself, grows it for each new verb, and survives a bad one", () => {
  assert.equal(run("--version").code, 0);
  assert.deepEqual(
    files().map((f) => f.replace(/^[0-9a-f]+/, "")),
    [".bin", ".verbs"],
    "one cache and its list of verbs",
  );
  const small = statSync(bin()).size;
  assert.deepEqual(verbs(), ["-"]);
  const show = run("show", "--flake", exampleDir);
  assert.equal(show.code, 0, show.stderr);
  assert.deepEqual(verbs(), ["-", "show"]);
  assert.ok(statSync(bin()).size > small, "the cache now holds what show compiled");
  // Known verbs do not write it again.
  const before = statSync(bin()).mtimeMs;
  assert.equal(run("--version").code, 0);
  assert.equal(statSync(bin()).mtimeMs, before);
  // A damaged cache is refused by V8, the command runs from source and writes a good one.
  writeFileSync(bin(), "not a code cache");
  const again = run("show", "--flake", exampleDir);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, show.stdout);
  assert.ok(statSync(bin()).size > 1000);
  assert.deepEqual(verbs(), ["show"], "a fresh cache starts its list again");
  // The cache of another build, unused for more than a week, goes when one is written.
  const old = join(dir, "0123456789abcdef0123456789abcdef.bin");
  writeFileSync(old, "old");
  const recent = join(dir, "fedcba9876543210fedcba9876543210.bin");
  writeFileSync(recent, "recent");
  const longAgo = new Date(Date.now() - 8 * 24 * 3600 * 1000);
  utimesSync(old, longAgo, longAgo);
  assert.equal(
    run("eval", "--flake", exampleDir, "machines.map.config.networking.hostName").code,
    0,
  );
  assert.equal(existsSync(old), false);
  assert.equal(existsSync(recent), true);
});
