// systemd user units at a home switch, in a booted container with a real user manager
// (lingering enabled): a new unit starts, a changed one restarts, a removed one stops; and
// without a user manager nothing is started and the plan says so.
import assert from "node:assert/strict";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";
import { repoRoot, tempRepo } from "./helpers.ts";
import { bootContainer, containerSkip } from "./rigs/container.ts";

const FLAKE = `import { defineFlake } from "confed";\nexport default defineFlake({ description: "t" });\n`;
const machine = (services: Record<string, unknown>) =>
  `export default { users: { users: { me: { isNormalUser: true, uid: 1000 } } }, home: { users: { me: { systemd: { user: { services: ${JSON.stringify(services)} } } } } } };\n`;
const sleeper = (env: string) => ({
  Unit: { Description: "sleeps" },
  Service: { ExecStart: "/bin/sleep infinity", Environment: env },
  Install: { WantedBy: ["default.target"] },
});

/** A repository with one unit, readable by the container's user, and a booted container. */
async function setup() {
  const r = tempRepo({ "confed.ts": FLAKE, "machines/box.ts": machine({ a: sleeper("V=1") }) });
  after(r.cleanup);
  chmodSync(r.dir, 0o755);
  const c = await bootContainer({ binds: [process.execPath, repoRoot, r.dir] });
  after(() => c.stop());
  return { r, c };
}

test("a home switch starts new user units, restarts changed ones and stops removed ones", {
  skip: containerSkip(),
  timeout: 300_000,
}, async () => {
  const { r, c } = await setup();
  const node = process.execPath;
  assert.equal(c.sh("useradd -m -u 1000 me && loginctl enable-linger me").code, 0);
  const manager = () =>
    c.sh("systemctl --user is-system-running --wait", { user: "me" }).out.trim();
  for (let i = 0; i < 50 && manager() !== "running"; i++)
    await new Promise((s) => setTimeout(s, 100));
  const set = (services: Record<string, unknown>) =>
    writeFileSync(join(r.dir, "machines/box.ts"), machine(services));
  const confed = (...args: string[]) =>
    c.sh(`${node} ${repoRoot}/bin/confed.js home ${args.join(" ")} me@box --flake ${r.dir}`, {
      user: "me",
    });
  const state = (unit: string) =>
    c.sh(`systemctl --user is-active ${unit}`, { user: "me" }).out.trim();
  const pid = (unit: string) =>
    c.sh(`systemctl --user show -p MainPID --value ${unit}`, { user: "me" }).out.trim();

  const s1 = confed("switch");
  assert.equal(s1.code, 0, s1.out + s1.err);
  assert.match(s1.out, /units to start: a\.service/);
  assert.equal(state("a.service"), "active");
  const pid1 = pid("a.service");

  // No change: nothing restarts.
  assert.equal(confed("switch").code, 0);
  assert.equal(pid("a.service"), pid1);

  // Changed, and another added.
  set({ a: sleeper("V=2"), b: sleeper("W=1") });
  const s2 = confed("switch");
  assert.equal(s2.code, 0, s2.out + s2.err);
  assert.match(s2.out, /units to restart if running: a\.service/);
  assert.equal(state("a.service"), "active");
  assert.notEqual(pid("a.service"), pid1, "restarted");
  assert.match(
    c.sh("systemctl --user show -p Environment --value a.service", { user: "me" }).out,
    /V=2/,
  );
  assert.equal(state("b.service"), "active");

  // Removed: stopped, and its files gone.
  set({ b: sleeper("W=1") });
  const s3 = confed("switch");
  assert.equal(s3.code, 0, s3.out + s3.err);
  assert.match(s3.out, /units to stop: a\.service/);
  assert.notEqual(state("a.service"), "active");
  assert.equal(c.sh("test -e /home/me/.config/systemd/user/a.service", { user: "me" }).code, 1);
  assert.equal(state("b.service"), "active");

  // Rollback brings a back, as the older generation has it.
  const rb = confed("rollback");
  assert.equal(rb.code, 0, rb.out + rb.err);
  assert.equal(state("a.service"), "active");
});

test("without a user manager the units are installed, not started, and the plan says how to start them", {
  skip: containerSkip(),
  timeout: 300_000,
}, async () => {
  const { r, c } = await setup();
  // No lingering, no login: no user manager for `me`.
  assert.equal(c.sh("useradd -m -u 1000 me").code, 0);
  const s = c.sh(
    `${process.execPath} ${repoRoot}/bin/confed.js home switch me@box --flake ${r.dir}`,
    {
      user: "me",
    },
  );
  assert.equal(s.code, 0, s.out + s.err);
  assert.match(s.out, /units installed, not started: a\.service/);
  assert.match(s.out, /no systemd user manager runs for this home/);
  assert.match(s.out, /systemctl --user daemon-reload && systemctl --user start a\.service/);
  assert.equal(c.sh("test -L /home/me/.config/systemd/user/a.service").code, 0);
});
