// confed lock / update / inputs, run in-process against real git repositories and a loopback forge.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { run as inputs } from "../src/cli/inputs.ts";
import { run as lock } from "../src/cli/lock.ts";
import type { Out } from "../src/cli/output.ts";
import { commit, git, makeRepo, startForge, tempStore, write } from "../src/inputs/_test-repos.ts";
import { tempRepo } from "./helpers.ts";

function capture(json = false) {
  const o = { stdout: [] as string[], stderr: [] as string[] };
  const out: Out = {
    json,
    showTrace: false,
    stdout: (t) => o.stdout.push(t),
    stderr: (t) => o.stderr.push(t),
  };
  return { o, out };
}

function flakeRepo(inputs: Record<string, unknown>): string {
  const r = tempRepo({
    "confed.ts": `import { defineFlake } from "confed";\nexport default defineFlake({ description: "t", inputs: ${JSON.stringify(inputs)} });\n`,
  });
  after(r.cleanup);
  return r.dir;
}

const T0 = 1_700_000_000;
const EMPTY_FLAKE = `import { defineFlake } from "confed";\nexport default defineFlake({});\n`;

describe("confed lock and update", () => {
  test("confed lock writes confed.lock, prints each change, and --update moves one input", async () => {
    const store = tempStore();
    const lib = makeRepo({ "lib.ts": "1\n", "confed.ts": EMPTY_FLAKE }, T0);
    const walls = makeRepo({ "w.png": "1\n" }, T0);
    const forge = await startForge({ "me/walls": walls });
    process.env.CONFED_GITHUB_URL = forge.url;
    after(() => delete process.env.CONFED_GITHUB_URL);
    const dir = flakeRepo({
      lib: `git+file://${lib}`,
      walls: { url: "github:me/walls", flake: false },
    });
    const a = capture();
    assert.equal(await lock("lock", { flake: dir, store }, a.out), 0);
    const r1 = git(lib, ["rev-parse", "HEAD"]).slice(0, 7);
    const w1 = git(walls, ["rev-parse", "HEAD"]).slice(0, 7);
    assert.deepEqual(a.o.stdout, [
      `lib: (none) → ${r1} (2023-11-14)`,
      `walls: (none) → ${w1} (2023-11-14)`,
    ]);
    const file = JSON.parse(readFileSync(join(dir, "confed.lock"), "utf8"));
    assert.equal(file.version, 1);
    assert.equal(typeof file.confed.version, "string");
    assert.equal(file.nodes.walls.locked.type, "github");
    assert.equal(file.nodes.walls.flake, false);
    assert.match(file.nodes.walls.locked.narHash, /^sha256-[A-Za-z0-9+/]{43}=$/);

    write(lib, { "lib.ts": "2\n" });
    const r2 = commit(lib, "two", T0 + 86_400).slice(0, 7);
    write(walls, { "w.png": "2\n" });
    const w2 = commit(walls, "two", T0 + 86_400).slice(0, 7);
    const b = capture();
    await lock("lock", { flake: dir, store }, b.out);
    assert.deepEqual(b.o.stdout, []);
    assert.deepEqual(b.o.stderr, ["confed.lock is up to date"]);

    const c = capture();
    await lock("lock", { flake: dir, store, update: ["lib"] }, c.out);
    assert.deepEqual(c.o.stdout, [`lib: ${r1} (2023-11-14) → ${r2} (2023-11-15)`]);

    const d = capture();
    await lock("update", { flake: dir, store }, d.out);
    assert.deepEqual(d.o.stdout, [`walls: ${w1} (2023-11-14) → ${w2} (2023-11-15)`]);

    const t = capture();
    await inputs({ flake: dir }, t.out);
    const lines = (t.o.stdout[0] ?? "").split("\n");
    assert.match(lines[0] ?? "", /^NAME\s+URL\s+REV\s+LOCKED\s+AGE\s+DIRTY$/);
    assert.match(
      lines[1] ?? "",
      new RegExp(
        `^lib\\s+git\\+file://${lib}\\s+${r2}\\w{5}\\s+2023-11-15\\s+\\d+ (months|years)$`,
      ),
    );
    assert.match(lines[2] ?? "", /^walls\s+github:me\/walls\s+\w{12}\s+2023-11-15/);
  });

  test("confed lock refuses a dirty input until --allow-dirty, and confed inputs marks it", async () => {
    const store = tempStore();
    const lib = makeRepo({ "lib.ts": "1\n" }, T0);
    writeFileSync(join(lib, "lib.ts"), "edited\n");
    const dir = flakeRepo({ lib: { url: `git+file://${lib}`, flake: false } });
    await assert.rejects(
      lock("lock", { flake: dir, store }, capture().out),
      /lib\.ts[\s\S]*--allow-dirty/,
    );
    await lock("lock", { flake: dir, store, allowDirty: true }, capture().out);
    const t = capture(true);
    await inputs({ flake: dir }, t.out);
    const rows = JSON.parse(t.o.stdout[0] ?? "[]");
    assert.equal(rows[0].dirty, true);
  });

  test("--override-input takes NAME=URL and an unknown --update names the inputs", async () => {
    const store = tempStore();
    const x = makeRepo({ x: "x\n", "confed.ts": EMPTY_FLAKE });
    const y = makeRepo({ y: "y\n", "confed.ts": EMPTY_FLAKE });
    const dir = flakeRepo({ lib: `git+file://${x}` });
    await lock(
      "lock",
      { flake: dir, store, overrideInput: [`lib=git+file://${y}`] },
      capture().out,
    );
    assert.equal(
      JSON.parse(readFileSync(join(dir, "confed.lock"), "utf8")).nodes.lib.locked.rev,
      git(y, ["rev-parse", "HEAD"]),
    );
    await assert.rejects(
      lock("lock", { flake: dir, store, update: ["nope"] }, capture().out),
      /no input 'nope' \(inputs: lib\)/,
    );
    await assert.rejects(
      lock("lock", { flake: dir, store, overrideInput: ["lib"] }, capture().out),
      /NAME=URL/,
    );
  });
});
