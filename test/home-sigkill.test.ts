// Real SIGKILLs: `confed home switch` of a large home killed at random moments, alternating
// between two configurations that add, change and remove files; after each kill the next
// switch must converge to exactly the wanted home, lose no file, and leave files confed does
// not own untouched.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import {
  existsSync,
  type FSWatcher,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  watch,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { confed, repoRoot, tempRepo } from "./helpers.ts";

const FLAKE = `import { defineFlake } from "confed";\nexport default defineFlake({ description: "t" });\n`;

/** A deterministic PRNG (mulberry32), so a failing run can be repeated from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A source tree of `n` files in 20 directories; `variant` changes some files, drops others. */
function wanted(n: number, variant: 0 | 1): Record<string, string> {
  const want: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    if (variant === 1 && i % 10 === 0) continue; // removed in variant 1
    const rel = `d${i % 20}/f${i}.conf`;
    want[rel] = variant === 1 && i % 7 === 0 ? `changed ${i}\n` : `file ${i}\n`;
  }
  if (variant === 1) for (let i = 0; i < 50; i++) want[`new/n${i}.conf`] = `new ${i}\n`;
  return want;
}

function materialise(dir: string, files: Record<string, string>) {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
}

test("SIGKILL at random moments during large switches: the next switch converges, nothing is lost", {
  timeout: 300_000,
}, async (t) => {
  const seed = Number(process.env.CONFED_KILL_SEED ?? Date.now() % 100_000);
  const random = rng(seed);
  const r = tempRepo({ "confed.ts": FLAKE });
  after(r.cleanup);
  const N = 2000;
  const wants = [wanted(N, 0), wanted(N, 1)];
  // Two source trees, one per configuration; the home file switches between them.
  for (const v of [0, 1]) materialise(join(r.dir, `tree${v}`), wants[v]);
  const machine = (v: number) =>
    `export default { users: { users: { me: { isNormalUser: true } } }, home: { users: { me: { home: { file: {
      ".config/app": { source: ${JSON.stringify(join(r.dir, `tree${v}`))}, recursive: true },
      ".single": { text: "variant ${v}\\n" },
    } } } } } };\n`;
  const dest = join(r.dir, "dest");
  mkdirSync(join(dest, ".config/app/d1"), { recursive: true });
  // Files confed does not own, beside and among its own.
  const unowned: Record<string, string> = {
    "notes.txt": "mine\n",
    ".config/app/d1/user-added.conf": "user's own\n",
    ".config/other.conf": "other program\n",
  };
  materialise(dest, unowned);
  const inodes = Object.fromEntries(
    Object.keys(unowned).map((rel) => [rel, lstatSync(join(dest, rel)).ino]),
  );
  const args = ["home", "switch", "me@box", "--flake", r.dir, "--destination", dest];
  const env = { ...process.env, NO_COLOR: "1", XDG_CACHE_HOME: join(r.dir, "cache") };
  const set = (v: number) => {
    mkdirSync(join(r.dir, "machines"), { recursive: true });
    writeFileSync(join(r.dir, "machines/box.ts"), machine(v));
  };
  const check = (v: number, what: string) => {
    for (const [rel, text] of Object.entries(wants[v]))
      assert.equal(readFileSync(join(dest, ".config/app", rel), "utf8"), text, `${what}: ${rel}`);
    for (const [rel] of Object.entries(wants[1 - v]))
      if (!(rel in wants[v]))
        assert.equal(
          existsSync(join(dest, ".config/app", rel)),
          false,
          `${what}: ${rel} left over`,
        );
    assert.equal(readFileSync(join(dest, ".single"), "utf8"), `variant ${v}\n`, what);
    for (const [rel, text] of Object.entries(unowned)) {
      assert.equal(readFileSync(join(dest, rel), "utf8"), text, `${what}: unowned ${rel}`);
      assert.equal(lstatSync(join(dest, rel)).ino, inodes[rel], `${what}: unowned ${rel} replaced`);
    }
    const stray = (d: string): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() && !e.isSymbolicLink()
          ? stray(join(d, e.name))
          : e.name.endsWith(".confed-new")
            ? [join(d, e.name)]
            : [],
      );
    assert.deepEqual(stray(join(dest, ".config")), [], `${what}: temporary files left`);
  };

  // Both generations built and switched once; how long a switch between them takes here.
  let typical = Number.POSITIVE_INFINITY;
  for (const v of [0, 1, 0]) {
    set(v);
    const t0 = Date.now();
    const s = confed(args, { env });
    assert.equal(s.code, 0, s.stderr);
    typical = Math.min(typical, Date.now() - t0);
    check(v, `switch to ${v}`);
  }

  let killed = 0;
  let recovered = 0;
  for (let round = 1; round <= 12; round++) {
    const v = round % 2;
    set(v);
    const child = spawn(process.execPath, [join(repoRoot, "bin/confed.js"), ...args], {
      env,
      stdio: "ignore",
    });
    const exited = new Promise<string | null>((res) =>
      child.on("exit", (_c, signal) => res(signal)),
    );
    // Odd rounds: at any moment (start-up, evaluation, planning, writing). Even rounds: as soon
    // as the journal appears, i.e. while the home is being written, where recovery has work.
    const state = join(dest, ".local/state/confed/activation/home-me");
    let delay = Math.floor(typical * random());
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    if (round % 2 === 1) timer = setTimeout(() => child.kill("SIGKILL"), delay);
    else {
      const t0 = Date.now();
      watcher = watch(state, (_event, name) => {
        if (name !== "journal") return;
        delay = Date.now() - t0;
        child.kill("SIGKILL");
        watcher?.close();
      });
    }
    if ((await exited) === "SIGKILL") killed++;
    clearTimeout(timer);
    watcher?.close();
    const next = confed(args, { env });
    if (/an interrupted switch was/.test(next.stderr)) recovered++;
    assert.equal(
      next.code,
      0,
      `seed ${seed}, round ${round} (killed after ${delay} ms): ${next.stderr}`,
    );
    check(v, `seed ${seed}, round ${round} (killed after ${delay} ms)`);
  }
  assert.ok(killed >= 4, `seed ${seed}: only ${killed} of 12 switches were killed while running`);
  assert.ok(recovered >= 1, `seed ${seed}: no kill landed while the home was being written`);
  t.diagnostic(`seed ${seed}: ${killed} killed, ${recovered} recovered by the next run`);
});
