#!/usr/bin/env node
// The README's main command: confed's explore commands on the example fleet, then a home switched
// into .demo-home/. Everything it writes (the loader cache, that home, its store and the example's
// inputs fetched into that store) stays inside the checkout.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const env = {
  ...process.env,
  XDG_CACHE_HOME: join(root, ".cache"),
  // The example's pinned inputs go to the demo home's own store, not ~/.local/state.
  CONFED_STORE_DIR: join(root, ".demo-home", ".local", "state", "confed", "store"),
};
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
  // A home applied into a directory of the checkout, as if it were $HOME.
  ["home", "switch", "myme@map", "--destination", join(root, ".demo-home")],
  ["home", "status", "myme@map", "--destination", join(root, ".demo-home")],
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
