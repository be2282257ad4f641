#!/usr/bin/env node
// The README's main command: confed's explore commands on the example fleet, then a home switched
// into .demo-home/. Everything it writes (the loader cache, that home, its store and the example's
// inputs fetched into that store) stays inside the checkout. The home's secrets must be decrypted
// onto a RAM file system: the demo mounts a tmpfs on .demo-run/ in a private mount namespace of
// its own (`unshare -rm`, no privileges needed), so they vanish with it and nothing outside the
// checkout is touched. Where that is not possible, the home switch is skipped with a note.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const env = {
  ...process.env,
  XDG_CACHE_HOME: join(root, ".cache"),
  // The example's pinned inputs go to the demo home's own store, not ~/.local/state.
  CONFED_STORE_DIR: join(root, ".demo-home", ".local", "state", "confed", "store"),
  // The example's secrets are encrypted to its published example keys (examples/confederation/
  // keys/README.md): the demo home decrypts with myme's.
  CONFED_IDENTITY: join(root, "examples", "confederation", "keys", "myme.txt"),
};
const run = join(root, ".demo-run");
mkdirSync(run, { recursive: true });
// A private tmpfs for the secrets: can this user make one here?
const shm =
  spawnSync("unshare", ["-rm", "sh", "-c", `mount -t tmpfs -o mode=0700 tmpfs '${run}'`], {
    stdio: "ignore",
  }).status === 0;
const secretsDir = join(run, "secrets");
const flake = join(root, "examples", "confederation");
const steps = [
  ["inputs"],
  ["show"],
  ["eval", "machines.map.config.networking.hostName"],
  ["eval", 'homes."myme@map".config.home.packages', "--apply", "ps => ps.map(p => p.name)"],
  ["why", "qemu-vm", "security.sudo.wheelNeedsPassword"],
  // programs.nixon comes from the nixon input's home module; the wallpapers from a source input.
  ["eval", 'homes."myme@map".config.programs.nixon.projectDirs'],
  ["eval", 'homes."myme@Tuple".config.xdg.dataFile.wallpapers.source'],
  // ~/.ssh/config includes the decrypted secrets/ssh.age, by a path fixed at evaluation.
  ["eval", 'homes."myme@map".config.programs.ssh.includes'],
];
const show = (args) => `$ confed ${args.map((a) => (/[\s"'>=]/.test(a) ? `'${a}'` : a)).join(" ")}`;
const confed = [process.execPath, join(root, "bin", "confed.js")];
for (const args of steps) {
  process.stdout.write(`\n${show(args)}\n`);
  const r = spawnSync(confed[0], [confed[1], ...args, "--flake", flake], { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
// A home applied into a directory of the checkout, as if it were $HOME; its secrets are
// decrypted into the private tmpfs (never onto the disk), in one mount namespace for both steps.
if (shm) {
  const q = (a) => `'${a.replace(/'/g, "'\\''")}'`;
  const home = (verb) => [
    "home",
    verb,
    "myme@map",
    "--destination",
    join(root, ".demo-home"),
    "--secrets-dir",
    secretsDir,
  ];
  const script = [
    `mount -t tmpfs -o mode=0700 tmpfs ${q(run)}`,
    ...["switch", "status"].flatMap((verb) => [
      `printf '\\n%s\\n' ${q(show(home(verb)))}`,
      [...confed, ...home(verb), "--flake", flake].map(q).join(" "),
    ]),
  ].join("\n");
  const r = spawnSync("unshare", ["-rm", "sh", "-ec", script], { stdio: "inherit", env });
  if (r.status !== 0) process.exit(r.status ?? 1);
  process.stdout.write(
    `\nThe home's secrets were decrypted into ${secretsDir}, a tmpfs private to the demo (gone now); ` +
      `~/.ssh/config includes ${secretsDir}/ssh.\n`,
  );
} else
  process.stdout.write(
    "\nnote: this user cannot mount a private tmpfs (unshare -rm) here, so the home switch (which " +
      "decrypts the home's secrets onto RAM only) was skipped.\n",
  );
