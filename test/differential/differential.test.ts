/**
 * confed's module system against the real nixpkgs lib: every case of `cases/<area>.ts` is run
 * with confed and compared with what `cases/<area>.nix` produced under Nix (`expected/`, written
 * by generate.ts). Values are compared as JSON (key order ignored); errors by meaning: the code,
 * the option path when Nix names one, every file Nix names, and custom messages.
 *
 * Prints a summary of every disagreement at the end; set DIFFERENTIAL_REPORT=<file> to also get
 * it as JSON.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import * as confed from "../../src/index.ts";
import type { Cases, Confed, Omitted } from "./case.ts";
import type { Expected, ExpectedError } from "./classify.ts";

const here = new URL(".", import.meta.url).pathname;
const areas = readdirSync(join(here, "expected"))
  .filter((f) => f.endsWith(".json") && f !== "SOURCE.json")
  .map((f) => f.slice(0, -".json".length))
  .sort();

interface Outcome {
  value?: unknown;
  error?: { code: string | null; optionPath: string | null; files: string[]; message: string };
}

interface Disagreement {
  area: string;
  name: string;
  expected: Expected;
  actual: Outcome;
  reason: string;
}

const disagreements: Disagreement[] = [];
const counts = { pass: 0, fail: 0, skip: 0 };

/** Runs one TS case, turning its result into JSON data or its failure into an error outcome. */
function runCase(run: (c: Confed) => unknown): Outcome {
  try {
    const result = run(confed);
    // Config objects carry toJSON; Nix's --json forces the whole value the same way.
    const json = JSON.stringify(result);
    return { value: json === undefined ? undefined : JSON.parse(json) };
  } catch (e: any) {
    return {
      error: {
        code: typeof e?.code === "string" ? e.code : null,
        optionPath: typeof e?.optionPath === "string" ? e.optionPath : null,
        files: Array.isArray(e?.files) ? e.files : [],
        message: messageChain(e),
      },
    };
  }
}

/** The message of an error and of every error in its `cause` chain. */
function messageChain(e: any): string {
  const parts: string[] = [];
  for (let cur = e, depth = 0; cur !== undefined && cur !== null && depth < 10; depth++) {
    parts.push(cur instanceof Error ? cur.message : String(cur));
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return parts.join("\n[cause] ");
}

/**
 * An option path without Nix's display quoting: `showOption` writes a name that is not an
 * identifier in double quotes (`v."[definition 1-entry 2]"`); confed's `optionPath` is the bare
 * dotted path. Both name the same option.
 */
function unquote(path: string | null): string | null {
  return path === null ? null : path.replace(/"([^"]*)"/g, "$1");
}

/** Why `actual` does not mean the same as the expected error, or null when it does. */
function errorMismatch(want: ExpectedError, actual: Outcome): string | null {
  if (!actual.error) return `expected error ${want.code}, got a value`;
  const got = actual.error;
  if (want.code === "E_USER") {
    // A throw from the case itself: its text must come through, whatever wraps it.
    if (!got.message.includes(want.message ?? "")) return "the thrown message is lost";
    return null;
  }
  if (got.code !== want.code) return `code ${got.code} instead of ${want.code}`;
  if (want.optionPath !== null && unquote(got.optionPath) !== unquote(want.optionPath)) {
    return `option path ${JSON.stringify(got.optionPath)} instead of ${JSON.stringify(want.optionPath)}`;
  }
  const missing = want.files.filter((f) => !got.message.includes(f));
  if (missing.length > 0) return `message does not name ${missing.join(", ")}`;
  if (want.message !== undefined && !got.message.includes(want.message)) {
    return `message does not contain ${JSON.stringify(want.message)}`;
  }
  const unsuggested = (want.suggestions ?? []).filter((s) => !got.message.includes(s));
  if (unsuggested.length > 0) return `message does not suggest ${unsuggested.join(", ")}`;
  if (want.code === "E_RECURSION" && !/infinite recursion/i.test(got.message)) {
    return "message does not say infinite recursion";
  }
  return null;
}

function compare(want: Expected, actual: Outcome): string | null {
  if (want.error) return errorMismatch(want.error, actual);
  if (actual.error) return `expected a value, got ${actual.error.code ?? "an error"}`;
  try {
    assert.deepStrictEqual(actual.value, want.value);
    return null;
  } catch {
    return "different value";
  }
}

// Every area is loaded before any suite is declared, so the suites (and the summary after them)
// run in a fixed order.
const loaded = await Promise.all(
  areas.map(async (area) => ({
    area,
    expected: JSON.parse(readFileSync(join(here, "expected", `${area}.json`), "utf8")) as Record<
      string,
      Expected
    >,
    mod: (await import(`./cases/${area}.ts`)) as { cases: Cases; omitted?: Omitted },
  })),
);

for (const { area, expected, mod } of loaded) {
  const omitted = mod.omitted ?? {};

  describe(area, () => {
    for (const name of Object.keys(expected).sort()) {
      const reason = omitted[name];
      if (reason !== undefined) {
        it(name, { skip: reason }, () => {});
        counts.skip++;
        continue;
      }
      it(name, () => {
        const run = mod.cases[name];
        if (!run) {
          counts.fail++;
          assert.fail(`no TypeScript twin for ${area}.${name} (add it, or list it in omitted)`);
        }
        const actual = runCase(run);
        const reason = compare(expected[name], actual);
        if (reason === null) {
          counts.pass++;
          return;
        }
        counts.fail++;
        disagreements.push({ area, name, expected: expected[name], actual, reason });
        assert.fail(
          `${reason}\n  nix:    ${JSON.stringify(expected[name])}\n  confed: ${JSON.stringify(actual)}`,
        );
      });
    }
    // A TS case without a Nix twin has nothing to be compared with.
    for (const name of Object.keys(mod.cases)) {
      if (!(name in expected)) {
        it(`${name} (no expected value)`, () => {
          assert.fail(
            `${area}.${name} has no expected value: add it to ${area}.nix and regenerate`,
          );
        });
      }
    }
  });
}

after(() => {
  const lines = [
    "",
    `differential summary: ${counts.pass} agree, ${counts.fail} disagree, ${counts.skip} skipped`,
  ];
  for (const d of disagreements) {
    lines.push(`  ${d.area}.${d.name}: ${d.reason}`);
    lines.push(`    nix:    ${JSON.stringify(d.expected)}`);
    lines.push(`    confed: ${JSON.stringify(d.actual).slice(0, 400)}`);
  }
  console.log(lines.join("\n"));
  const report = process.env.DIFFERENTIAL_REPORT;
  if (report) writeFileSync(report, `${JSON.stringify({ counts, disagreements }, null, 2)}\n`);
});
