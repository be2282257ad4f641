import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { assertFixture, evalHome, fileText, run, targets, tempHome } from "./_test-home.ts";

const full = {
  programs: {
    readline: {
      enable: true,
      variables: {
        "completion-ignore-case": true,
        "bell-style": "none",
        "history-size": 500,
        "mark-directories": false,
      },
      bindings: {
        "\\e[A": "history-search-backward",
        "Control-o": "kill-whole-line",
        "\\C-h": "backward-kill-word",
      },
      extraConfig: "$if Bash\n  Space: magic-space\n$endif",
    },
  },
};

test("programs.readline writes ~/.inputrc only when enabled", () => {
  assert.deepEqual(targets(evalHome([{ programs: { readline: { variables: { a: 1 } } } }])), []);
  const c = evalHome([full]);
  assert.deepEqual(targets(c), [".inputrc"]);
  assertFixture("readline", "full.inputrc", fileText(c, ".inputrc"));
  const bare = evalHome([{ programs: { readline: { enable: true, includeSystemConfig: false } } }]);
  assert.equal(fileText(bare, ".inputrc"), "# Written by confed (programs.readline).\n");
});

test("real bash: readline reads the variables and bindings of ~/.inputrc", () => {
  const t = tempHome();
  try {
    t.write(
      evalHome([full, { programs: { readline: { includeSystemConfig: false } } }], { home: t.dir }),
    );
    const r = run(
      "bash",
      ["--norc", "-c", `bind -f ${join(t.dir, ".inputrc")} 2>/dev/null; bind -v; bind -p; bind -P`],
      t.dir,
    );
    for (const want of [
      "set completion-ignore-case on",
      "set bell-style none",
      "set history-size 500",
      "set mark-directories off",
      '"\\M-[A": history-search-backward', // bash shows ESC as \M-
      '"\\C-o": kill-whole-line',
      '"\\C-h": backward-kill-word',
      '" ": magic-space',
    ])
      assert.ok(
        r.stdout.includes(want),
        `missing ${JSON.stringify(want)}:\n${r.stdout}\n${r.stderr}`,
      );
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});
