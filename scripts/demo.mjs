#!/usr/bin/env node
// The README's main command: confed's explore commands on the example fleet, then a home switched
// into .demo-home/. Everything it writes (the loader cache, that home, its store and the example's
// inputs fetched into that store) stays inside the checkout — except the demo home's decrypted
// secrets, which must be on a RAM file system: /dev/shm/confed-demo-<uid>/ (or, without a
// writable tmpfs there, the home switch is skipped with a note).
import { spawnSync } from "node:child_process";
import { accessSync, constants, statfsSync } from "node:fs";
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
const TMPFS_MAGIC = 0x01021994;
const shm = (() => {
  try {
    accessSync("/dev/shm", constants.W_OK);
    return Number(statfsSync("/dev/shm").type) === TMPFS_MAGIC;
  } catch {
    return false;
  }
})();
const secretsDir = `/dev/shm/confed-demo-${process.getuid?.() ?? 0}/secrets`;
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
  // A home applied into a directory of the checkout, as if it were $HOME; its secrets are
  // decrypted into a tmpfs (never onto the disk).
  ...(shm
    ? [
        [
          "home",
          "switch",
          "myme@map",
          "--destination",
          join(root, ".demo-home"),
          "--secrets-dir",
          secretsDir,
        ],
        [
          "home",
          "status",
          "myme@map",
          "--destination",
          join(root, ".demo-home"),
          "--secrets-dir",
          secretsDir,
        ],
      ]
    : []),
];
for (const args of steps) {
  process.stdout.write(
    `\n$ confed ${args.map((a) => (/[\s"'>=]/.test(a) ? `'${a}'` : a)).join(" ")}\n`,
  );
  const r = spawnSync(
    process.execPath,
    [join(root, "bin", "confed.js"), ...args, "--flake", flake],
    {
      stdio: "inherit",
      env,
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}
if (shm)
  process.stdout.write(
    `\nThe home's secrets were decrypted into ${secretsDir} (tmpfs); ~/.ssh/config includes ${secretsDir}/ssh.\n`,
  );
else
  process.stdout.write(
    "\nnote: /dev/shm is not a writable tmpfs here, so the home switch (which decrypts the " +
      "home's secrets onto RAM only) was skipped.\n",
  );
