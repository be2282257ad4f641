/**
 * Test helpers for the shell-related program modules: evaluate a home with them, compare a
 * generated file with its fixture, and lay the files out in a temporary HOME for the real
 * program to read. Private to the tests (the leading `_` keeps it out of the module list).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { evalModules } from "../../module-system/index.ts";
import { makePkgs } from "../../packages/index.ts";
import shellIntegration from "../home/shell-integration.ts";
import { homeModules } from "../index.ts";
import bash from "./bash.ts";
import direnv from "./direnv.ts";
import fzf from "./fzf.ts";
import keychain from "./keychain.ts";
import readline from "./readline.ts";
import zsh from "./zsh.ts";

/** The modules under test, to add to `homeModules`. */
export const shellModules = [shellIntegration, bash, zsh, fzf, direnv, readline, keychain];

/** A home's config with the shell modules and `modules`; `pkgs` for the apt family by default. */
export function evalHome(
  modules: unknown[],
  opts: { home?: string; family?: "apt" | "dnf" | "pacman" } = {},
): any {
  return evalModules({
    class: "home",
    modules: [
      ...homeModules,
      ...shellModules,
      {
        home: { username: "me", homeDirectory: opts.home ?? "/home/me" },
        _module: { args: { pkgs: makePkgs({ family: opts.family ?? "apt" }) } },
      },
      ...modules,
    ],
  }).config;
}

/** The text of the managed file at `target` (relative to the home), or undefined. */
export function fileText(config: any, target: string): string | undefined {
  const f = config.home.managedFiles.find((m: any) => m.target === target);
  return f?.text ?? undefined;
}

/** The managed files' targets, without the session files every home has. */
export function targets(config: any): string[] {
  return config.home.managedFiles
    .map((f: any) => f.target)
    .filter(
      (t: string) => !t.startsWith(".config/confed/") && !t.startsWith(".config/environment.d/"),
    );
}

const fixtures = join(import.meta.dirname, "__fixtures__");

/**
 * `text` equals `__fixtures__/<program>/<name>`; with CONFED_UPDATE_FIXTURES=1 the fixture is
 * (re)written instead, for reviewing the change in git.
 */
export function assertFixture(program: string, name: string, text: string | undefined): void {
  assert.equal(typeof text, "string", `no text for fixture ${program}/${name}`);
  const file = join(fixtures, program, name);
  if (process.env.CONFED_UPDATE_FIXTURES === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text!);
    return;
  }
  assert.equal(text, readFileSync(file, "utf8"), `${program}/${name} differs from its fixture`);
}

/** Whether a command is on PATH. */
export function have(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).status === 0;
}

/**
 * A temporary directory used as the home of an evaluation: returns it and a function writing
 * every managed text file of `config` into it.
 */
export function tempHome(): { dir: string; write: (config: any) => void } {
  const dir = mkdtempSync(join(tmpdir(), "confed-shell-"));
  return {
    dir,
    write(config: any) {
      for (const f of config.home.managedFiles) {
        if (f.text === null) continue;
        const path = join(dir, f.target);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.text);
      }
    },
  };
}

/** Runs a command with a clean environment holding only HOME, PATH and TERM. */
export function run(
  cmd: string,
  args: string[],
  home: string,
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, {
    encoding: "utf8",
    env: { HOME: home, PATH: "/usr/local/bin:/usr/bin:/bin", TERM: "dumb", ...env },
    cwd: home,
    timeout: 20_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
