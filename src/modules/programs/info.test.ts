import assert from "node:assert/strict";
import { test } from "node:test";
import { writeShellScriptBin } from "../../packages/index.ts";
import { evalHome } from "./_test-home.ts";

test("programs.info installs the reader, and points INFOPATH at built packages' manuals", () => {
  const c = evalHome([{ programs: { info: { enable: true } } }]);
  assert.deepEqual(c.home.packages.map(String), ["texinfo"]);
  assert.equal(c.home.sessionVariables.INFOPATH, undefined);
  const built = evalHome([
    {
      programs: { info: { enable: true } },
      home: { packages: [writeShellScriptBin("x", "true")] },
    },
  ]);
  assert.equal(
    built.home.sessionVariables.INFOPATH,
    "/home/me/.local/state/confed/profiles/home-me/home-path/share/info:",
  );
});
