/**
 * How the CLI talks: data to stdout (JSON with --json), messages to stderr, colours only on a
 * terminal and never with NO_COLOR. User errors print briefly and exit 1; anything else is a bug
 * in confed: it prints with its stack and exits 70.
 */
import { createRequire } from "node:module";

const pc = createRequire(import.meta.url)("picocolors") as typeof import("picocolors");

import { ConfedError } from "../errors/index.ts";

export const EXIT_OK = 0;
export const EXIT_USER = 1;
export const EXIT_BUG = 70;

export interface Out {
  json: boolean;
  showTrace: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
}

export function makeOut(opts: { json?: boolean; showTrace?: boolean }): Out {
  return {
    json: Boolean(opts.json),
    showTrace: Boolean(opts.showTrace),
    stdout: (t) => process.stdout.write(t.endsWith("\n") ? t : `${t}\n`),
    stderr: (t) => process.stderr.write(t.endsWith("\n") ? t : `${t}\n`),
  };
}

/**
 * Colours are on when a person is watching: stdout or stderr is a terminal (and TERM is not
 * "dumb"), or FORCE_COLOR asks for them; NO_COLOR always wins. Unlike picocolors' own guess, a
 * `CI` variable does not turn them on: logs and captured output stay plain.
 */
export function colorWanted(env: NodeJS.ProcessEnv = process.env, tty = isTerminal()): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return tty && env.TERM !== "dumb";
}

function isTerminal(): boolean {
  return Boolean(process.stdout.isTTY || process.stderr.isTTY);
}

export const colors = pc.createColors(colorWanted());

/** Prints an error the way its kind deserves and returns the exit code. */
export function reportError(e: unknown, out: Pick<Out, "stderr" | "showTrace">): number {
  if (e instanceof ConfedError) {
    out.stderr(`${colors.red(colors.bold("error:"))} ${e.message}`);
    if (e.context.length) {
      if (out.showTrace) for (const c of e.context) out.stderr(colors.dim(`  … ${c}`));
      else out.stderr(colors.dim("  (use --show-trace to see where)"));
    }
    return EXIT_USER;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  out.stderr(
    `${colors.red(colors.bold("internal error"))} (a bug in confed, please report it): ${err.message}`,
  );
  out.stderr(colors.dim(err.stack ?? ""));
  return EXIT_BUG;
}

/** Prints warnings and failed assertions of an evaluated configuration to stderr. */
export function reportChecks(
  name: string,
  config: { warnings?: string[]; assertions?: { assertion: boolean; message: string }[] },
  out: Pick<Out, "stderr">,
): string[] {
  const failed: string[] = [];
  try {
    for (const w of config.warnings ?? []) out.stderr(`${colors.yellow("warning:")} ${name}: ${w}`);
    for (const a of config.assertions ?? []) if (!a.assertion) failed.push(a.message);
  } catch (e) {
    out.stderr(
      `${colors.yellow("warning:")} ${name}: could not evaluate its assertions: ${(e as Error).message.split("\n")[0]}`,
    );
    return failed;
  }
  for (const m of failed) out.stderr(`${colors.red("failed assertion:")} ${name}: ${m}`);
  return failed;
}
