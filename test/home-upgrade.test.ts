// Rollback across a confed upgrade: a home switched by an older confed (manifest version 1,
// links straight into the generation), then by this one (version 2, links through the stable
// link), then rolled back to the older generation by this one. The older confed is the real
// one: its sources are taken from this repository's history and built.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { confed, repoRoot, tempRepo } from "./helpers.ts";

/** The last commit whose confed wrote version 1 manifests. */
const OLD = "f41a281c00bf0023e7d92ae370ddd52a34ac48c8";

const hasOld = spawnSync("git", ["-C", repoRoot, "cat-file", "-e", `${OLD}^{commit}`]).status === 0;

const FLAKE = `import { defineFlake } from "confed";\nexport default defineFlake({ description: "t" });\n`;
const machine = (files: Record<string, string>, tree: string) =>
  `export default { users: { users: { me: { isNormalUser: true } } }, home: { users: { me: { home: { file: {
    ${Object.entries(files)
      .map(([k, v]) => `${JSON.stringify(k)}: { text: ${JSON.stringify(v)} },`)
      .join("\n    ")}
    ".config/app": { source: ${JSON.stringify(tree)}, recursive: true },
  } } } } } };\n`;

test("switch with an older confed, upgrade, switch, roll back: the home is the older generation's", {
  skip: !hasOld && "the repository's history is not here (a shallow clone)",
  timeout: 240_000,
}, () => {
  const r = tempRepo({ "confed.ts": FLAKE });
  after(r.cleanup);
  // The older confed, built from its sources.
  const old = join(r.dir, "old-confed");
  mkdirSync(old);
  const archive = spawnSync("sh", [
    "-c",
    `git -C '${repoRoot}' archive ${OLD} | tar -x -C '${old}'`,
  ]);
  assert.equal(archive.status, 0, String(archive.stderr));
  symlinkSync(join(repoRoot, "node_modules"), join(old, "node_modules"));
  const build = spawnSync(
    "sh",
    ["-c", "node node_modules/typescript/bin/tsc -p tsconfig.build.json && node scripts/stamp.mjs"],
    { cwd: old, encoding: "utf8" },
  );
  assert.equal(build.status, 0, build.stdout + build.stderr);
  const tree = join(r.dir, "tree");
  mkdirSync(tree);
  writeFileSync(join(tree, "a.conf"), "a 1\n");
  writeFileSync(join(tree, "b.conf"), "b 1\n");
  const dest = join(r.dir, "dest");
  mkdirSync(dest);
  const set = (files: Record<string, string>) => {
    mkdirSync(join(r.dir, "machines"), { recursive: true });
    writeFileSync(join(r.dir, "machines/box.ts"), machine(files, tree));
  };
  const args = (...a: string[]) => [
    "home",
    ...a,
    "me@box",
    "--flake",
    r.dir,
    "--destination",
    dest,
  ];
  const oldConfed = (...a: string[]) => {
    const res = spawnSync(process.execPath, [join(old, "bin/confed.js"), ...args(...a)], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: join(r.dir, "cache-old") },
    });
    return { code: res.status, stdout: res.stdout, stderr: res.stderr };
  };
  const text = (rel: string) => readFileSync(join(dest, rel), "utf8");

  // 1. The older confed switches generation 1.
  set({ ".a": "A1\n", ".gone-later": "G\n" });
  const s1 = oldConfed("switch");
  assert.equal(s1.code, 0, s1.stderr);
  const gen1 = readlinkSync(join(dest, ".a"));
  assert.match(
    gen1,
    /\/store\/[^/]+-home-me\/home-files\/\.a$/,
    "version 1 links into the generation",
  );
  const manifest1 = JSON.parse(readFileSync(join(gen1, "../../manifest.json"), "utf8"));
  assert.equal(manifest1.version, 1);

  // 2. Upgrade: this confed switches generation 2.
  set({ ".a": "A2\n", ".new": "N\n" });
  writeFileSync(join(tree, "b.conf"), "b 2\n");
  const s2 = confed(args("switch"));
  assert.equal(s2.code, 0, s2.stderr);
  assert.equal(text(".a"), "A2\n");
  assert.equal(text(".new"), "N\n");
  assert.equal(text(".config/app/b.conf"), "b 2\n");
  assert.equal(existsSync(join(dest, ".gone-later")), false);
  assert.match(readlinkSync(join(dest, ".a")), /\/activation\/home-me\/home-files\/\.a$/);

  // 3. This confed rolls back to the older confed's generation.
  const rb = confed(args("rollback"));
  assert.equal(rb.code, 0, rb.stderr);
  assert.equal(text(".a"), "A1\n");
  assert.equal(text(".gone-later"), "G\n");
  assert.equal(text(".config/app/b.conf"), "b 1\n");
  assert.equal(existsSync(join(dest, ".new")), false);
  assert.equal(readlinkSync(join(dest, ".a")), gen1, "placed as version 1 placed it");
  const st = confed(args("status"));
  assert.equal(st.code, 0, st.stdout + st.stderr);

  // 4. And forward again, with this confed; then the older one is still able to read it.
  const fwd = confed(args("switch"));
  assert.equal(fwd.code, 0, fwd.stderr);
  assert.equal(text(".a"), "A2\n");
  assert.ok(lstatSync(join(dest, ".config/app/a.conf")).isSymbolicLink());
  const refused = oldConfed("rollback");
  assert.notEqual(refused.code, 0, "an older confed does not misread a newer generation");
  assert.match(refused.stderr, /version 2/);
  assert.match(refused.stderr, /newer confed/);
  rmSync(old, { recursive: true, force: true });
});
