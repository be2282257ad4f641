// Every home of the example fleet switches into a temporary HOME, with the files a user of the
// seed would recognise; the graphical machines' homes get the desktop stack.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync, statfsSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { confed, exampleDir, tempRepo } from "./helpers.ts";

const TMPFS = 0x01021994;
const shmOk = (() => {
  try {
    return Number(statfsSync("/dev/shm").type) === TMPFS;
  } catch {
    return false;
  }
})();

const common = [".config/confed/session-vars.sh", ".ssh/config", ".config/git/config"];
const HOMES: Record<string, string[]> = {
  "myme@map": [...common, ".config/tmux/tmux.conf", ".config/nvim/init.lua"],
  "myme@Tuple": [...common, ".local/share/wallpapers"],
  "myme@nuckie": common,
  "myme@vmware": [...common, ".xsession", ".config/i3/config", ".config/polybar/config.ini"],
  "nixos@vmware": common,
  "nixos@qemu-vm": [...common, ".xsession", ".xmonad/xmonad.hs", ".config/dunst/dunstrc"],
  "nixos@qemu-server": common,
  "user@qemu-server": common,
};

describe("the example fleet's homes", {
  skip: !shmOk && "needs /dev/shm on tmpfs (secrets)",
}, () => {
  const shm = shmOk ? mkdtempSync("/dev/shm/confed-example-") : "";
  after(() => shm && rmSync(shm, { recursive: true, force: true }));
  for (const [name, files] of Object.entries(HOMES)) {
    test(`${name} switches into a temporary home`, () => {
      const r = tempRepo({});
      after(r.cleanup);
      const s = confed(
        [
          "home",
          "switch",
          name,
          "--flake",
          exampleDir,
          "--destination",
          r.dir,
          "--secrets-dir",
          join(shm, name, "secrets"),
        ],
        {
          env: {
            HOME: r.dir,
            CONFED_STORE_DIR: join(r.dir, ".local/state/confed/store"),
            CONFED_IDENTITY: join(exampleDir, "keys/myme.txt"),
          },
        },
      );
      assert.equal(s.code, 0, s.stderr);
      for (const f of files) assert.ok(existsSync(join(r.dir, f)), `${name}: ${f}`);
    });
  }
});
