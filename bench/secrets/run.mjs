// Decrypting 100 small secrets at activation, side by side with a loop of `age -d` calls.
//
//   npm run build && node bench/secrets/run.mjs [N=100] [RUNS=5]
//
// Workload: N secrets of 64 random bytes (hex), each encrypted by the `age` CLI to one X25519
// recipient, in a home generation (manifest version 3) whose secrets.dir is on /dev/shm.
// Contenders, interleaved, after one untimed round, medians of RUNS:
//   - `age -d -i KEY FILE` for each file, in one sequential loop (N processes);
//   - confed in-process, the activation's decryption work: `prepareHomeSecrets` (identities,
//     the directory checks, N decryptions, the comparison with the active generation);
//   - confed in-process, the whole re-decryption: prepare + the journaled apply writing N files
//     into a fresh <dir>.d/M on tmpfs and swapping the link;
//   - the whole `confed activate-secrets --state-dir DIR` process (node start-up included).
// Everything lives in one temporary directory and /dev/shm/confed-bench-*, removed at the end.
import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const root = new URL("../..", import.meta.url).pathname;
const N = Number(process.argv[2] ?? 100);
const RUNS = Number(process.argv[3] ?? 5);
const { applyPlan, prepareHomeSecrets } = await import(join(root, "dist/activation/index.js"));
const { RealSystem } = await import(join(root, "dist/system/real-system.js"));
const { serializeManifest } = await import(join(root, "dist/manifest/index.js"));

const work = mkdtempSync(join(tmpdir(), "confed-bench-secrets-"));
const shm = mkdtempSync("/dev/shm/confed-bench-");
const cleanup = () => {
  rmSync(work, { recursive: true, force: true });
  rmSync(shm, { recursive: true, force: true });
};
if (!process.env.KEEP) process.on("exit", cleanup);
else console.log("work", work, "shm", shm);

const key = join(work, "key.txt");
execFileSync("age-keygen", ["-o", key], { stdio: "ignore" });
const recipient = execFileSync("age-keygen", ["-y", key], { encoding: "utf8" }).trim();
const gen = join(work, "gen");
mkdirSync(join(gen, "secrets"), { recursive: true });
const dir = join(shm, "secrets");
const section = { dir, identityPaths: [key], files: {}, templates: {} };
for (let i = 0; i < N; i++) {
  const name = `s${String(i).padStart(3, "0")}`;
  const file = join(gen, "secrets", `${name}.age`);
  execFileSync("age", ["-r", recipient, "-o", file], { input: randomBytes(32).toString("hex") });
  section.files[name] = {
    source: file,
    path: `${dir}/${name}`,
    mode: "0400",
    symlink: true,
    restartUnits: [],
    reloadUnits: [],
  };
}
const manifest = {
  version: 3,
  kind: "home",
  user: "bench",
  homeDirectory: join(work, "home"),
  files: {},
  activation: [],
  packages: [],
  units: {},
  secrets: section,
};
writeFileSync(join(gen, "manifest.json"), serializeManifest(manifest));
const stateDir = join(work, "state");
mkdirSync(stateDir);
writeFileSync(
  join(stateDir, "state.json"),
  `${JSON.stringify({ version: 1, generation: gen, createdDirectories: [] })}\n`,
);
const files = Object.values(section.files).map((f) => f.source);
const sys = new RealSystem();
const empty = () => rmSync(shm, { recursive: true, force: true }) || mkdirSync(shm);

const plan = (ops) => ({
  version: 1,
  home: manifest.homeDirectory,
  generation: gen,
  files: [],
  unchanged: 0,
  notices: [],
  collisions: [],
  ops,
  createdDirectories: [],
  pending: [],
});
const contenders = {
  "age -d loop (N processes)": () => {
    for (const f of files) {
      const r = spawnSync("age", ["-d", "-i", key, f], { stdio: ["ignore", "ignore", "inherit"] });
      if (r.status !== 0) throw new Error("age -d failed");
    }
  },
  "confed in-process: prepareHomeSecrets (decryption work)": () => {
    empty();
    const t = performance.now();
    const s = prepareHomeSecrets(sys, { manifest, env: {}, restarts: false });
    const ms = performance.now() - t;
    if (s.ops.length !== 2) throw new Error("expected a write and a swap");
    s.contents.wipe();
    return ms;
  },
  "confed in-process: prepare + journaled apply onto tmpfs": () => {
    empty();
    const t = performance.now();
    const s = prepareHomeSecrets(sys, { manifest, env: {}, restarts: false });
    applyPlan(sys, plan(s.ops), { stateDir, secrets: s.contents });
    s.contents.wipe();
    return performance.now() - t;
  },
  "confed activate-secrets, whole process": () => {
    empty();
    const r = spawnSync(
      process.execPath,
      [join(root, "bin/confed.js"), "activate-secrets", "--state-dir", stateDir, "--quiet"],
      { stdio: ["ignore", "ignore", "inherit"] },
    );
    if (r.status !== 0) throw new Error("confed activate-secrets failed");
  },
  "for scale: node -e 0": () => {
    spawnSync(process.execPath, ["-e", "0"]);
  },
};

const times = Object.fromEntries(Object.keys(contenders).map((k) => [k, []]));
for (let round = 0; round <= RUNS; round++) {
  for (const [name, f] of Object.entries(contenders)) {
    const t = performance.now();
    const inner = f();
    const ms = typeof inner === "number" ? inner : performance.now() - t;
    if (round > 0) times[name].push(ms);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const base = median(times["age -d loop (N processes)"]);
console.log(`${N} secrets, median of ${RUNS} (ms), after one untimed round`);
for (const [name, xs] of Object.entries(times))
  console.log(
    `${name.padEnd(58)} ${median(xs).toFixed(1).padStart(8)}  ×${(median(xs) / base).toFixed(3)}  [${xs.map((x) => x.toFixed(0)).join(" ")}]`,
  );
