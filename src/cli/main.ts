/**
 * The `confed` command. Each verb lives in its own file and is loaded only when used.
 */
import { createRequire } from "node:module";

// As CommonJS, like jiti in flake/loader.ts: no export scan of the package at start-up.
const { Command } = createRequire(import.meta.url)("commander") as typeof import("commander");

import { EXIT_USER, makeOut, reportError } from "./output.ts";

const VERSION = "0.1.0";

interface Global {
  flake?: string;
  json?: boolean;
  showTrace?: boolean;
  overrideInput?: string[];
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let code = 0;
  const program = new Command("confed")
    .description("Every machine and every home you own, from one TypeScript repository.")
    .version(VERSION)
    .option(
      "--flake <dir[#name]>",
      "the repository (default: the nearest directory with confed.ts)",
    )
    .option("--json", "print data as JSON")
    .option("--show-trace", "show where in the configuration an error happened")
    .option(
      "--override-input <name=url>",
      "evaluate with an input taken from another URL (repeatable; confed.lock is not written)",
      (v: string, p: string[] = []) => [...p, v],
    )
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  const act =
    <A extends unknown[]>(fn: (g: Global, ...a: A) => Promise<number>) =>
    async (...a: A) => {
      const g = program.opts<Global>();
      const out = makeOut(g);
      try {
        code = await fn(g, ...a);
      } catch (e) {
        code = reportError(e, out);
      }
    };

  program
    .command("show")
    .description("list machines, homes, overlays, packages and devShells")
    .action(act(async (g) => (await import("./show.ts")).run(g, makeOut(g))));

  program
    .command("eval <path>")
    .description("print a value, e.g. machines.map.config.networking.hostName")
    .option(
      "--apply <fn>",
      "apply a JavaScript function to the value first, e.g. 'v => Object.keys(v)'",
    )
    .option("--raw", "print a string as is")
    .action(
      act(async (g, path: string, o: { apply?: string; raw?: boolean }) =>
        (await import("./eval.ts")).run(path, { ...g, ...o }, makeOut(g)),
      ),
    );

  program
    .command("options [target] [prefix]")
    .description("list the options of a machine or home (user@host), optionally under a prefix")
    .option("--all", "include internal and hidden options")
    .action(
      act(async (g, t: string | undefined, prefix: string | undefined, o: { all?: boolean }) =>
        (await import("./options.ts")).run(t, prefix, { ...g, ...o }, makeOut(g)),
      ),
    );

  program
    .command("why <target> <option>")
    .description("every definition of an option: which won, which lost by priority or by mkIf")
    .action(
      act(async (g, t: string, option: string) =>
        (await import("./why.ts")).run(t, option, g, makeOut(g)),
      ),
    );

  program
    .command("check")
    .description("type-check the repository, evaluate every machine and home, run their assertions")
    .option("--no-typecheck", "skip the TypeScript check")
    .action(
      act(async (g, o: { typecheck?: boolean }) =>
        (await import("./check.ts")).run({ ...g, ...o }, makeOut(g)),
      ),
    );

  program
    .command("init [dir]")
    .description("create a repository with one machine for this host and one home for you")
    .action(
      act(async (g, dir: string | undefined) =>
        (await import("./init.ts")).run(dir, g, makeOut(g)),
      ),
    );

  program
    .command("repl [target]")
    .description("explore the repository in a Node REPL (machines, homes, config of target)")
    .action(
      act(async (g, t: string | undefined) => (await import("./repl.ts")).run(t, g, makeOut(g))),
    );

  program
    .command("home <verb> [name]")
    .description("a home (user@host): build, plan, switch, status, generations, rollback, gc")
    .option("--destination <dir>", "place the home in DIR, as if DIR were its home directory")
    .option(
      "-b, --backup <ext>",
      "move files in the way aside to NAME.EXT (numbered, never overwritten)",
    )
    .option("--adopt", "take over existing files whose content already matches")
    .option("--dry-run", "show the plan, change nothing")
    .option("--out-link <path>", "build: a link to the generation (a gc root)")
    .option("--keep <n>", "gc: keep the newest N generations; rollback: the generation number")
    .option("--older-than <age>", "gc: delete generations older than AGE (30d, 12h, 90m, 2w)")
    .option("--secrets-dir <dir>", "decrypt the home's secrets under DIR (on tmpfs) instead")
    .option(
      "--accept-version",
      "build or switch although confed.lock was written by another confed (or other built-in modules)",
    )
    .action(
      act(async (g, verb: string, name: string | undefined, o: Record<string, unknown>) =>
        (await import("./home.ts")).run(verb, name, { ...g, ...o }, makeOut(g)),
      ),
    );

  program
    .command("activate-secrets")
    .description(
      "decrypt the active generation's secrets again (after a reboot or logout emptied /run)",
    )
    .option(
      "--state-dir <dir>",
      "a home's activation directory (its state.json names the generation)",
    )
    .option("--generation <path>", "decrypt this generation's secrets (default: the active one)")
    .option(
      "--system",
      "a machine's secrets, from what its last activation recorded in --state-dir (the boot unit)",
    )
    .option("--quiet", "print nothing when there is nothing to do")
    .action(
      act(async (g, o: Record<string, unknown>) =>
        (await import("./activate-secrets.ts")).run(o, makeOut(g)),
      ),
    );

  const collect = (v: string, p: string[] = []) => [...p, v];
  program
    .command("lock")
    .description("pin new or changed inputs in confed.lock")
    .option("--update <name>", "move this input to its newest revision (repeatable)", collect)
    .option("--override-input <name=url>", "use another URL for an input (repeatable)", collect)
    .option("--allow-dirty", "lock a git+file: input with uncommitted changes by its hash")
    .action(
      act(async (g, o: Record<string, unknown>) =>
        (await import("./lock.ts")).run("lock", { ...g, ...o }, makeOut(g)),
      ),
    );

  program
    .command("update [names...]")
    .description("move all (or the named) inputs to their newest revisions")
    .option("--override-input <name=url>", "use another URL for an input (repeatable)", collect)
    .option("--allow-dirty", "lock a git+file: input with uncommitted changes by its hash")
    .action(
      act(async (g, names: string[], o: Record<string, unknown>) =>
        (await import("./lock.ts")).run(
          "update",
          { ...g, ...o, update: names, all: names.length === 0 },
          makeOut(g),
        ),
      ),
    );

  program
    .command("inputs")
    .description("the locked inputs: name, URL, rev, date, age, dirty")
    .action(act(async (g) => (await import("./inputs.ts")).run(g, makeOut(g))));

  program
    .command("secret")
    .description(
      "edit, rekey and check age secrets (secrets.ts says who may read each file); encrypt/decrypt like age",
    )
    .argument("[args...]", "a verb and its arguments (confed secret help)")
    .allowUnknownOption()
    .helpOption(false)
    .action(
      act(async (g, args: string[]) => (await import("./secret.ts")).run(args, g, makeOut(g))),
    );

  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (
      err.code === "commander.helpDisplayed" ||
      err.code === "commander.version" ||
      err.code === "commander.help"
    )
      return 0;
    if (typeof err.exitCode === "number") return err.exitCode === 0 ? 0 : EXIT_USER;
    return reportError(e, makeOut(program.opts<Global>()));
  }
  return code;
}
