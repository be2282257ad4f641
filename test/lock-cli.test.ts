// confed lock / update / inputs, run in-process against real git repositories and a loopback forge.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { run as inputs } from "../src/cli/inputs.ts";
import { run as lock } from "../src/cli/lock.ts";
import type { Out } from "../src/cli/output.ts";
import {
  commit,
  freePort,
  git,
  makeRepo,
  startForge,
  tempStore,
  write,
} from "../src/inputs/_test-repos.ts";
import { listValidPaths } from "../src/store/index.ts";
import { confed, repoRoot, tempRepo } from "./helpers.ts";

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

describe("confed-repo inputs", () => {
  test("a dependency's confed.ts brings its inputs, seeded from its own confed.lock unless followed, and its home module evaluates in the consumer", async () => {
    const store = tempStore();
    const lib = makeRepo({ "lib.txt": "1\n" }, T0);
    const r1 = git(lib, ["rev-parse", "HEAD"]);
    // dep pins lib at r1 in its own lock, and offers programs.hello as a home module.
    const dep = flakeRepo({ lib: { url: `git+file://${lib}`, flake: false } });
    write(dep, {
      "hello.ts": `import { defineHome, mkEnableOption, mkIf } from "confed";
export default defineHome(({ config }) => ({
  options: { programs: { hello: { enable: mkEnableOption("hello") } } },
  config: mkIf(() => config.programs.hello.enable, { xdg: { configFile: { hello: { text: "hi\\n" } } } }),
}));
`,
    });
    writeFileSync(
      join(dep, "confed.ts"),
      `import { defineFlake } from "confed";\nimport hello from "./hello.ts";\nexport default defineFlake({ inputs: { lib: { url: "git+file://${lib}", flake: false } }, outputs: () => ({ homeModules: { hello } }) });\n`,
    );
    await lock("lock", { flake: dep, store }, capture().out);
    git(dep, ["init", "-q", "-b", "main"]);
    commit(dep, "dep", T0);
    write(lib, { "lib.txt": "2\n" });
    const r2 = commit(lib, "two", T0 + 86_400);

    const dir = flakeRepo({ dep: `git+file://${dep}` });
    write(dir, {
      "homes/me@box.ts": `import { defineHome } from "confed";
export default defineHome(({ inputs }) => ({
  imports: [inputs.dep.homeModules.hello],
  programs: { hello: { enable: true } },
  home: { file: { lib: { source: inputs.dep.inputs.lib.outPath } } },
}));
`,
    });
    const a = capture();
    await lock("lock", { flake: dir, store }, a.out);
    const file = JSON.parse(readFileSync(join(dir, "confed.lock"), "utf8"));
    assert.equal(file.nodes.lib.locked.rev, r1);
    assert.deepEqual(file.nodes.dep.inputs, { lib: "lib" });
    assert.deepEqual(
      a.o.stdout.map((l) => l.split(":")[0]),
      ["dep", "dep/lib"],
    );

    const env = { CONFED_STORE_DIR: store.realDir.replace(/\/store$/, "/cli-store") };
    const ev = confed(["eval", "--flake", dir, 'homes."me@box".config.xdg.configFile.hello.text'], {
      env,
    });
    assert.equal(ev.code, 0, ev.stderr);
    assert.equal(JSON.parse(ev.stdout), "hi\n");

    // Followed from the consumer: the root's lib, at r2.
    writeFileSync(
      join(dir, "confed.ts"),
      `import { defineFlake } from "confed";\nexport default defineFlake({ inputs: { lib: { url: "git+file://${lib}", flake: false }, dep: { url: "git+file://${dep}", inputs: { lib: { follows: "lib" } } } } });\n`,
    );
    // (A new process: this one's loader has the old confed.ts cached.)
    const relock = confed(["lock", "--flake", dir], { env });
    assert.equal(relock.code, 0, relock.stderr);
    const followed = JSON.parse(readFileSync(join(dir, "confed.lock"), "utf8"));
    assert.deepEqual(followed.nodes.dep.inputs, { lib: ["lib"] });
    assert.equal(followed.nodes.lib.locked.rev, r2);
    const src = confed(["eval", "--flake", dir, 'homes."me@box".config.home.file.lib.source'], {
      env,
    });
    assert.equal(src.code, 0, src.stderr);
    assert.equal(readFileSync(join(JSON.parse(src.stdout), "lib.txt"), "utf8"), "2\n");
  });
});

describe("bad inputs", () => {
  test("a tree whose hash differs from the lock's is an error naming the input and both hashes, and changes nothing", async () => {
    const dir = flakeRepo({ w: { url: "path:./walls", flake: false } });
    write(dir, { "walls/a.txt": "a\n" });
    await lock("lock", { flake: dir, store: tempStore() }, capture().out);
    const before = readFileSync(join(dir, "confed.lock"), "utf8");
    const pinned = JSON.parse(before).nodes.w.locked.narHash;
    write(dir, { "walls/a.txt": "changed\n" });
    const store = tempStore();
    await assert.rejects(lock("lock", { flake: dir, store }, capture().out), (e: unknown) => {
      const m = (e as Error).message;
      assert.match(
        m,
        /^input 'w': the fetched tree has NAR hash sha256-\S+, but confed\.lock says /,
      );
      assert.ok(m.includes(pinned));
      return true;
    });
    assert.equal(readFileSync(join(dir, "confed.lock"), "utf8"), before);
    assert.deepEqual(listValidPaths(store), []);
  });

  const port = freePort();
  const cases: [
    string,
    () => Promise<{ inputs: Record<string, unknown>; lock?: string }>,
    RegExp,
  ][] = [
    [
      "an unknown scheme",
      async () => ({ inputs: { w: "ftp://host/x" } }),
      /^input 'w': unknown scheme 'ftp:'/,
    ],
    [
      "a malformed URL",
      async () => ({ inputs: { w: "github:onlyowner" } }),
      /^input 'w': github: needs owner\/repo/,
    ],
    [
      "a missing ref",
      async () => ({
        inputs: { w: { url: `git+file://${makeRepo({ a: "a\n" })}?ref=nope`, flake: false } },
      }),
      /^input 'w': no branch or tag 'nope'/,
    ],
    [
      "a lock whose node has no locked attributes",
      async () => ({
        inputs: { w: { url: `git+file://${makeRepo({ a: "a\n" })}`, flake: false } },
        lock: JSON.stringify({
          version: 1,
          confed: { version: "0", modules: "x" },
          root: "root",
          nodes: { root: { inputs: { w: "w" } }, w: {} },
        }),
      }),
      /input 'w'.*no `locked`/,
    ],
    [
      "a dependency whose own lock has an unknown version",
      async () => {
        const dep = makeRepo({ "confed.ts": EMPTY_FLAKE, "confed.lock": '{"version": 99}\n' });
        return { inputs: { dep: `git+file://${dep}` } };
      },
      /^input 'dep': confed\.lock has version 99/,
    ],
    [
      "a dependency whose own lock is not JSON",
      async () => {
        const dep = makeRepo({ "confed.ts": EMPTY_FLAKE, "confed.lock": "{" });
        return { inputs: { dep: `git+file://${dep}` } };
      },
      /^input 'dep': confed\.lock is not valid JSON/,
    ],
    [
      "a repository input without confed.ts",
      async () => ({ inputs: { src: `git+file://${makeRepo({ a: "a\n" })}` } }),
      /^input 'src' has no confed\.ts; .*flake: false/,
    ],
    [
      "a follows to a missing input",
      async () => ({ inputs: { a: { follows: "nope" } } }),
      /^input 'a' follows 'nope', but there is no input 'nope'/,
    ],
    [
      "an unreachable remote never fetched",
      async () => ({
        inputs: { w: { url: `git+https://127.0.0.1:${await port}/x.git`, flake: false } },
      }),
      /^input 'w': git ls-remote .* failed: .*connect/,
    ],
  ];
  for (const [what, make, message] of cases)
    test(`confed lock names the input for ${what}`, async () => {
      const { inputs: i, lock: l } = await make();
      const dir = flakeRepo(i);
      if (l) writeFileSync(join(dir, "confed.lock"), l);
      await assert.rejects(
        lock("lock", { flake: dir, store: tempStore() }, capture().out),
        (e: unknown) => {
          assert.match((e as Error).message, message);
          return true;
        },
      );
    });

  test("confed lock in a network namespace without routes says which input it could not reach", (t) => {
    if (spawnSync("unshare", ["-n", "true"]).status !== 0) {
      t.skip("unshare -n is not permitted here (needs root)");
      return;
    }
    const dir = flakeRepo({ nix: { url: "git+https://github.com/NixOS/nix.git", flake: false } });
    const r = spawnSync(
      "unshare",
      ["-n", process.execPath, join(repoRoot, "bin", "confed.js"), "lock", "--flake", dir],
      {
        encoding: "utf8",
        env: {
          ...process.env,
          NO_COLOR: "1",
          CONFED_STORE_DIR: join(dir, ".store"),
          XDG_CACHE_HOME: join(dir, ".cache"),
        },
      },
    );
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /input 'nix': git ls-remote .* failed: .*(resolve host|connect)/);
  });
});
