import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { confed, exampleDir, tempRepo } from "./helpers.ts";

const cleanups: (() => void)[] = [];
after(() => {
  for (const c of cleanups) c();
});
const FLAKE = `import { defineFlake } from "confed";\nexport default defineFlake({ description: "t" });\n`;
const machine = (files: Record<string, string>) =>
  `export default { users: { users: { me: { isNormalUser: true } } }, home: { users: { me: { home: { file: ${JSON.stringify(
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k, { text: v }])),
  )} } } } } };\n`;

/** Every path under `dir` with its inode and times: equal snapshots mean nothing was written. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = lstatSync(p);
      out.push(`${p} ${st.ino} ${st.mtimeMs} ${st.ctimeMs}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out.sort();
}

function setup(files: Record<string, string>) {
  const r = tempRepo({ "confed.ts": FLAKE, "machines/box.ts": machine(files) });
  cleanups.push(r.cleanup);
  const dest = join(r.dir, "dest");
  mkdirSync(dest);
  const home = (...args: string[]) =>
    confed(["home", ...args, "me@box", "--flake", r.dir, "--destination", dest]);
  const write = (f: Record<string, string>) =>
    writeFileSync(join(r.dir, "machines/box.ts"), machine(f));
  return { dir: r.dir, dest, home, write };
}

describe("confed home", () => {
  test("switch links the files, a second switch changes nothing, and changes prune and add", () => {
    const { dest, home, write } = setup({ ".a": "A\n", "sub/.b": "B\n" });
    const s1 = home("switch");
    assert.equal(s1.code, 0, s1.stderr);
    assert.equal(readFileSync(join(dest, ".a"), "utf8"), "A\n");
    assert.ok(lstatSync(join(dest, "sub/.b")).isSymbolicLink());
    // Every link goes through the profile's one link to the active generation's files.
    const via = join(dest, ".local/state/confed/activation/home-me/home-files");
    assert.equal(readlinkSync(join(dest, ".a")), `${via}/.a`);
    assert.ok(readlinkSync(via).startsWith(join(dest, ".local/state/confed/store/")));
    const before = snapshot(dest);
    const s2 = home("switch");
    assert.equal(s2.code, 0, s2.stderr);
    assert.deepEqual(snapshot(dest), before, "a no-op switch writes nothing, state included");
    assert.match(s2.stdout, /Nothing to do \(3 file\(s\) up to date\)/);
    write({ ".a": "A2\n", ".c": "C\n" });
    const s3 = home("switch");
    assert.equal(s3.code, 0, s3.stderr);
    assert.equal(readFileSync(join(dest, ".a"), "utf8"), "A2\n");
    assert.equal(readFileSync(join(dest, ".c"), "utf8"), "C\n");
    assert.equal(
      existsSync(join(dest, "sub/.b")),
      false,
      "removed from the configuration, removed from the home",
    );
    assert.equal(
      existsSync(join(dest, "sub")),
      false,
      "a directory confed created is removed when emptied",
    );
    const gens = home("generations", "--json");
    assert.equal(JSON.parse(gens.stdout).length, 2);
    const rb = home("rollback");
    assert.equal(rb.code, 0, rb.stderr);
    assert.equal(readFileSync(join(dest, ".a"), "utf8"), "A\n");
    assert.equal(readFileSync(join(dest, "sub/.b"), "utf8"), "B\n");
    assert.equal(existsSync(join(dest, ".c")), false);
  });

  test("a lock written by another confed: plan warns, build and switch refuse without --accept-version", () => {
    const { dir, dest, home } = setup({ ".a": "A\n" });
    assert.equal(confed(["lock", "--flake", dir]).code, 0);
    const lock = JSON.parse(readFileSync(join(dir, "confed.lock"), "utf8"));
    lock.confed.version = "0.0.1";
    writeFileSync(join(dir, "confed.lock"), `${JSON.stringify(lock, null, 2)}\n`);
    const plan = home("plan");
    assert.equal(plan.code, 0, plan.stderr);
    assert.match(plan.stderr, /warning: confed\.lock was written by confed 0\.0\.1/);
    for (const verb of ["build", "switch"]) {
      const r = home(verb);
      assert.equal(r.code, 1, `${verb}: ${r.stderr}`);
      assert.match(r.stderr, /written by confed 0\.0\.1, this is/);
      assert.match(r.stderr, /--accept-version/);
    }
    assert.equal(existsSync(join(dest, ".a")), false, "nothing was switched");
    const ok = home("switch", "--accept-version");
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(readFileSync(join(dest, ".a"), "utf8"), "A\n");
  });

  test("gc --older-than and --keep delete old generations, never the active one; bad values are errors", () => {
    const { home, write } = setup({ ".a": "1\n" });
    for (const v of ["2", "3"]) {
      assert.equal(home("switch").code, 0);
      write({ ".a": `${v}\n` });
    }
    assert.equal(home("switch").code, 0);
    const gens = () => JSON.parse(home("generations", "--json").stdout).map((g: any) => g.number);
    assert.deepEqual(gens(), [1, 2, 3]);
    const recent = home("gc", "--older-than", "1d");
    assert.equal(recent.code, 0, recent.stderr);
    assert.deepEqual(gens(), [1, 2, 3], "all of them are younger than a day");
    const keep = home("gc", "--keep", "2");
    assert.equal(keep.code, 0, keep.stderr);
    assert.match(keep.stderr, /deleted generation 1/);
    assert.deepEqual(gens(), [2, 3]);
    const all = home("gc", "--older-than", "0s");
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(gens(), [3], "the active and newest generation stays");
    for (const [flag, value, msg] of [
      ["--older-than", "5x", /--older-than takes an age such as 30d/],
      ["--keep", "0", /--keep takes a number of generations/],
    ] as const) {
      const r = home("gc", flag, value);
      assert.equal(r.code, 1);
      assert.match(r.stderr, msg);
    }
  });

  test("a recursive source is imported split; gc collects its old directories and their listings", () => {
    const r = tempRepo({
      "confed.ts": FLAKE,
      "cfg/a.conf": "a\n",
      "cfg/sub/b.conf": "b\n",
      "cfg/other/c.conf": "c\n",
      "machines/box.ts":
        'import { fileURLToPath } from "node:url";\nconst cfg = fileURLToPath(new URL("../cfg", import.meta.url));\nexport default { users: { users: { me: { isNormalUser: true } } }, home: { users: { me: { home: { file: { ".cfg": { source: cfg, recursive: true } } } } } } };\n',
    });
    cleanups.push(r.cleanup);
    const dest = join(r.dir, "dest");
    mkdirSync(dest);
    const home = (...args: string[]) =>
      confed(["home", ...args, "me@box", "--flake", r.dir, "--destination", dest]);
    const listings = () => readdirSync(join(dest, ".local/state/confed/sources")).sort();
    const s1 = home("switch");
    assert.equal(s1.code, 0, s1.stderr);
    const first = listings();
    writeFileSync(join(r.dir, "cfg/sub/b.conf"), "b2\n");
    const s = home("switch");
    assert.equal(s.code, 0, s.stderr);
    assert.equal(readFileSync(join(dest, ".cfg/sub/b.conf"), "utf8"), "b2\n");
    assert.equal(readFileSync(join(dest, ".cfg/other/c.conf"), "utf8"), "c\n");
    // The store holds the source as one path per directory: the changed one and its parent
    // are new, the untouched one is shared by both generations.
    const store = join(dest, ".local/state/confed/store");
    const named = (n: string) => readdirSync(store).filter((p) => p.endsWith(`-${n}`));
    assert.equal(named("sub").length, 2);
    assert.equal(named("other").length, 1);
    assert.ok(listings().length > first.length);
    const gc = home("gc", "--keep", "1");
    assert.equal(gc.code, 0, gc.stderr);
    assert.equal(named("sub").length, 1, "the old directory went with its generation");
    assert.equal(named("other").length, 1, "the shared one stays");
    assert.equal(listings().length, first.length, "listings of collected paths are gone too");
    const again = home("switch");
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /Nothing to do/);
  });

  test("a file in the way stops the switch with nothing written; -b keeps it as a backup", () => {
    const { dest, home } = setup({ ".a": "A\n", ".b": "B\n" });
    writeFileSync(join(dest, ".a"), "mine\n");
    const s = home("switch");
    assert.equal(s.code, 1);
    assert.match(s.stderr, /in the way; nothing was changed/);
    assert.equal(readFileSync(join(dest, ".a"), "utf8"), "mine\n");
    assert.equal(existsSync(join(dest, ".b")), false, "all checks happen before the first write");
    const b = home("switch", "-b", "bak");
    assert.equal(b.code, 0, b.stderr);
    assert.equal(readFileSync(join(dest, ".a.bak"), "utf8"), "mine\n");
    assert.equal(readFileSync(join(dest, ".a"), "utf8"), "A\n");
  });

  test("the plan lists the home's packages that are not installed, with the command", {
    skip:
      spawnSync("sh", ["-c", "command -v dpkg-query"]).status !== 0 &&
      "needs dpkg-query (Debian/Ubuntu)",
  }, () => {
    const r = tempRepo({
      "confed.ts": FLAKE,
      "homes/me@laptop.ts":
        'export default ({ pkgs }: any) => ({ home: { packages: [pkgs.bash, pkgs.distro("confed-surely-missing")] } });\n',
    });
    cleanups.push(r.cleanup);
    const p = confed([
      "home",
      "plan",
      "me@laptop",
      "--flake",
      r.dir,
      "--destination",
      join(r.dir, "dest"),
    ]);
    assert.equal(p.code, 0, p.stderr);
    assert.match(p.stdout, /1 package this home wants is not installed: confed-surely-missing/);
    assert.match(p.stdout, /install with: sudo apt-get install confed-surely-missing/);
  });

  test("plan and --dry-run change nothing; status reports drift", () => {
    const { dest, home } = setup({ ".a": "A\n" });
    const p = home("plan");
    assert.equal(p.code, 0, p.stderr);
    assert.match(p.stdout, /\+ \.a/);
    assert.equal(existsSync(join(dest, ".a")), false);
    assert.equal(home("switch").code, 0);
    assert.equal(home("status").code, 0);
    rmSync(join(dest, ".a"));
    const st = home("status");
    assert.equal(st.code, 1);
    assert.match(st.stdout, /missing\s+~\/\.a/);
  });

  test("store-built packages: a script as a file source, a command on the session PATH", () => {
    const r = tempRepo({
      "confed.ts": FLAKE,
      "homes/me@laptop.ts": `export default ({ pkgs }: any) => ({
  home: {
    packages: [pkgs.writeShellScriptBin("hello", "echo hi from confed")],
    file: { ".local/bin/greet": { source: pkgs.writeShellScript("greet", "echo greet") } },
  },
});\n`,
    });
    cleanups.push(r.cleanup);
    const dest = join(r.dir, "dest");
    const s = confed(["home", "switch", "me@laptop", "--flake", r.dir, "--destination", dest]);
    assert.equal(s.code, 0, s.stderr);
    const greet = spawnSync(join(dest, ".local/bin/greet"), { encoding: "utf8" });
    assert.equal(greet.stdout, "greet\n");
    const vars = join(dest, ".config/confed/session-vars.sh");
    const hello = spawnSync("sh", ["-c", `. "${vars}"; hello`], { encoding: "utf8" });
    assert.equal(hello.stdout, "hi from confed\n", hello.stderr);
  });

  test("switching another user's home without --destination is refused", () => {
    const r = tempRepo({
      "confed.ts": FLAKE,
      "homes/someone-else@laptop.ts": "export default {};\n",
    });
    cleanups.push(r.cleanup);
    const s = confed(["home", "switch", "someone-else@laptop", "--flake", r.dir]);
    assert.equal(s.code, 1);
    assert.match(
      s.stderr,
      /is someone-else's home, and this is \S+: run it as someone-else, or place it elsewhere with --destination DIR/,
    );
  });

  test("build prints the generation; the example home builds", () => {
    const r = tempRepo({});
    cleanups.push(r.cleanup);
    const b = confed(["home", "build", "myme@map", "--flake", exampleDir, "--destination", r.dir]);
    assert.equal(b.code, 0, b.stderr);
    assert.ok(b.stdout.trim().startsWith(join(r.dir, ".local/state/confed/store/")));
    assert.ok(existsSync(join(b.stdout.trim(), "manifest.json")));
  });
});

describe("inputs in a home", () => {
  test("a flake: false input locked from a git repository is a file source of a home", () => {
    const src = tempRepo({ "wall.txt": "a wallpaper\n" });
    cleanups.push(src.cleanup);
    const git = (...a: string[]) =>
      spawnSync("git", ["-C", src.dir, ...a], {
        encoding: "utf8",
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@t",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@t",
        },
      });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "init");
    const r = tempRepo({
      "confed.ts": `import { defineFlake } from "confed";\nexport default defineFlake({ inputs: { wallpapers: { url: "git+file://${src.dir}", flake: false } } });\n`,
      "homes/me@laptop.ts": `export default ({ inputs }: any) => ({ home: { file: { "wall.txt": { get source() { return \`\${inputs.wallpapers.outPath}/wall.txt\`; } } } } });\n`,
    });
    cleanups.push(r.cleanup);
    const env = { CONFED_STORE_DIR: join(r.dir, "store") };
    const unlocked = confed(
      ["home", "build", "me@laptop", "--flake", r.dir, "--destination", join(r.dir, "dest")],
      { env },
    );
    assert.equal(unlocked.code, 1);
    assert.match(unlocked.stderr, /not locked yet: run `confed lock`/);
    const lock = confed(["lock", "--flake", r.dir], { env });
    assert.equal(lock.code, 0, lock.stderr);
    assert.match(lock.stdout + lock.stderr, /wallpapers: \(none\) → [0-9a-f]{7}/);
    const sw = confed(
      ["home", "switch", "me@laptop", "--flake", r.dir, "--destination", join(r.dir, "dest")],
      { env },
    );
    assert.equal(sw.code, 0, sw.stderr);
    assert.equal(readFileSync(join(r.dir, "dest", "wall.txt"), "utf8"), "a wallpaper\n");
    // --override-input evaluates with another tree, without writing the lock.
    const other = tempRepo({ "wall.txt": "another wallpaper\n" });
    cleanups.push(other.cleanup);
    spawnSync("git", ["-C", other.dir, "init", "-q"]);
    spawnSync("git", ["-C", other.dir, "add", "."]);
    spawnSync("git", [
      "-C",
      other.dir,
      "-c",
      "user.name=t",
      "-c",
      "user.email=t@t",
      "commit",
      "-qm",
      "x",
    ]);
    const lockBefore = readFileSync(join(r.dir, "confed.lock"), "utf8");
    const ev = confed(
      [
        "eval",
        "--raw",
        "--flake",
        r.dir,
        "--override-input",
        `wallpapers=git+file://${other.dir}`,
        'homes."me@laptop".config.home.file."wall.txt".source',
      ],
      { env },
    );
    assert.equal(ev.code, 0, ev.stderr);
    assert.equal(readFileSync(ev.stdout, "utf8"), "another wallpaper\n");
    assert.equal(readFileSync(join(r.dir, "confed.lock"), "utf8"), lockBefore);
  });
});
