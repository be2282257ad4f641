import assert from "node:assert/strict";
import { test } from "node:test";
import { gitConfigList, hasPython, pythonParse } from "../../formats/_parse-check.ts";
import { evalHome, fileText, targets } from "./_test-home.ts";

test("programs.gh writes config.yml with version 1 and the settings, old option names included", {
  skip: hasPython("yaml") ? false : "python3 with PyYAML is needed",
}, () => {
  const c = evalHome([
    {
      programs: {
        gh: {
          enable: true,
          gitProtocol: "ssh",
          settings: { aliases: { co: "pr checkout" }, prompt: "enabled" },
        },
      },
    },
  ]);
  assert.deepEqual(targets(c), [".config/gh/config.yml"]);
  assert.deepEqual(pythonParse("yaml", [fileText(c, ".config/gh/config.yml")!]), [
    {
      ok: {
        version: "1",
        aliases: { co: "pr checkout" },
        editor: "",
        git_protocol: "ssh",
        prompt: "enabled",
      },
    },
  ]);
  assert.deepEqual(c.home.packages.map(String), ["gh"]);
});

test("programs.gh: hosts.yml when set; git asks gh for the credentials of its hosts", () => {
  const c = evalHome([
    {
      programs: {
        git: { enable: true },
        gh: { enable: true, hosts: { "github.com": { user: "octocat" } } },
      },
    },
  ]);
  assert.equal(fileText(c, ".config/gh/hosts.yml"), "github.com:\n  user: octocat\n");
  const list = gitConfigList(fileText(c, ".config/git/config")!);
  assert.deepEqual(
    list.filter(([k]) => k.startsWith("credential.")),
    [
      ["credential.https://gist.github.com.helper", "!gh auth git-credential"],
      ["credential.https://github.com.helper", "!gh auth git-credential"],
    ],
  );
  const off = evalHome([
    {
      programs: {
        git: { enable: true },
        gh: { enable: true, gitCredentialHelper: { enable: false } },
      },
    },
  ]);
  assert.doesNotMatch(fileText(off, ".config/git/config") ?? "", /credential/);
});
