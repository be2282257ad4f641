/**
 * Test helpers for the desktop modules: fixtures under `services/__fixtures__/<module>/`, and
 * `systemd-analyze verify` of generated user units. Private to the tests.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

export { evalHome, fileText, have, targets } from "../programs/_test-home.ts";

const fixtures = join(import.meta.dirname, "__fixtures__");

/** `text` equals `__fixtures__/<module>/<name>`; CONFED_UPDATE_FIXTURES=1 rewrites it. */
export function assertFixture(module: string, name: string, text: string | undefined): void {
  assert.equal(typeof text, "string", `no text for fixture ${module}/${name}`);
  const file = join(fixtures, module, name);
  if (process.env.CONFED_UPDATE_FIXTURES === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text!);
    return;
  }
  assert.equal(text, readFileSync(file, "utf8"), `${module}/${name} differs from its fixture`);
}

/** Why `systemd-analyze verify` cannot run here, or false. */
export const noVerify =
  spawnSync("systemd-analyze", ["--version"]).status !== 0 && "systemd-analyze is not installed";

/**
 * The complaints of `systemd-analyze verify` about a home's user units (by file name under
 * `~/.config/systemd/user`), except that the programs they run are not installed here. The
 * user session's targets are stubbed beside them, as the user manager provides them.
 */
export function verifyUnits(config: any, names: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "confed-units-"));
  try {
    for (const t of ["graphical-session.target", "graphical-session-pre.target", "tray.target"]) {
      writeFileSync(join(dir, t), "[Unit]\nDescription=stub\n");
    }
    for (const n of names) {
      const f = config.home.managedFiles.find((m: any) => m.target === `.config/systemd/user/${n}`);
      assert.ok(f, `no unit ${n}`);
      writeFileSync(join(dir, n), f.text);
    }
    const r = spawnSync("systemd-analyze", ["verify", "--man=no", ...names], {
      cwd: dir,
      encoding: "utf8",
    });
    return `${r.stdout}${r.stderr}`
      .split("\n")
      .filter((l) => l.trim() !== "")
      .filter((l) => !/: Command \S+ is not executable: No such file or directory$/.test(l));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
