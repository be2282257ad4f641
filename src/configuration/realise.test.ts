import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { runCommand, symlinkJoin, writeShellScriptBin, writeText } from "../packages/index.ts";
import { openStore } from "../store/index.ts";
import { realise } from "./realise.ts";

const tmp = mkdtempSync(join(tmpdir(), "confed-realise-"));
after(() => rmSync(tmp, { recursive: true, force: true }));
const store = openStore({ storeDir: join(tmp, "store") });

test("writeText and writeShellScriptBin realise into read-only store paths", () => {
  const t = realise(store, writeText("motd", "welcome\n"));
  assert.equal(readFileSync(t, "utf8"), "welcome\n");
  assert.equal(lstatSync(t).mode & 0o777, 0o444);
  const bin = realise(store, writeShellScriptBin("hello", 'echo "hi $1"'));
  const r = spawnSync(join(bin, "bin/hello"), ["there"], { encoding: "utf8" });
  assert.equal(r.stdout, "hi there\n");
  assert.equal(
    realise(store, writeShellScriptBin("hello", 'echo "hi $1"')),
    bin,
    "same recipe, same path",
  );
  assert.notEqual(realise(store, writeShellScriptBin("hello", 'echo "bye $1"')), bin);
});

test("symlinkJoin links the files of several packages; a clash is an error", () => {
  const a = writeShellScriptBin("a", "echo a");
  const b = writeShellScriptBin("b", "echo b");
  const joined = realise(store, symlinkJoin({ name: "ab", paths: [a, b] }));
  assert.ok(readlinkSync(join(joined, "bin/a")).endsWith("-a/bin/a"));
  assert.ok(readlinkSync(join(joined, "bin/b")).endsWith("-b/bin/b"));
  assert.throws(
    () =>
      realise(
        store,
        symlinkJoin({ name: "aa", paths: [a, writeShellScriptBin("a", "echo other")] }),
      ),
    /two packages provide bin\/a/,
  );
});

test("runCommand runs a script that writes $out, in a clean environment; a failure names the package", () => {
  const p = realise(
    store,
    runCommand(
      "greeting",
      { WHO: "world" },
      'mkdir -p "$out" && echo "hello $WHO" > "$out/greeting" && echo "$HOME" > "$out/home"',
    ),
  );
  assert.equal(readFileSync(join(p, "greeting"), "utf8"), "hello world\n");
  assert.equal(readFileSync(join(p, "home"), "utf8"), "/homeless-shelter\n");
  assert.throws(
    () => realise(store, runCommand("broken", {}, "echo oops >&2; exit 3")),
    /runCommand broken: the script exited with 3:\noops/,
  );
  assert.throws(() => realise(store, runCommand("lazy", {}, "true")), /did not create \$out/);
});
