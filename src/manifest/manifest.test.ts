import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type HomeManifest, ManifestError, parseManifest, serializeManifest } from "./index.ts";

const gen = "/h/.local/state/confed/store/abc-home";
const good: HomeManifest = {
  version: 1,
  kind: "home",
  user: "me",
  homeDirectory: "/h",
  files: {
    ".bashrc": { source: `${gen}/home-files/.bashrc`, mode: "link", onChange: "echo hi" },
    ".config/app/settings.json": {
      source: `${gen}/home-files/.config/app/settings.json`,
      mode: "copy",
      sha256: "a".repeat(64),
      executable: false,
    },
  },
  activation: [{ name: "hello", after: ["writeBoundary"], before: [], script: "echo" }],
  packages: [{ name: "ripgrep", dnf: "ripgrep" }],
  units: { "a.service": { source: `${gen}/units/a.service`, wantedBy: ["default.target"] } },
};

const problems = (v: unknown): string[] => {
  try {
    parseManifest(JSON.stringify(v));
  } catch (e) {
    if (e instanceof ManifestError) return e.problems;
    throw e;
  }
  return [];
};

describe("parseManifest", () => {
  test("parseManifest round-trips a valid manifest through serializeManifest", () => {
    assert.deepEqual(parseManifest(serializeManifest(good)), good);
  });

  test("serializeManifest writes what JSON.stringify writes, keys sorted at every level", () => {
    const sorted = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sorted)
        : v !== null && typeof v === "object"
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
            )
          : v;
    const odd = {
      ...good,
      extra: {
        z: [1, "two", null, true, [], {}, [[]], { b: undefined, a: 1.5 }, undefined],
        'é\u0000"quote': "line\nbreak",
        a: { nested: { deeper: {} } },
        gone: undefined,
        fn: () => 1,
      },
    } as unknown as HomeManifest;
    assert.equal(serializeManifest(odd), `${JSON.stringify(sorted(odd), null, 2)}\n`);
    assert.equal(serializeManifest(good), `${JSON.stringify(sorted(good), null, 2)}\n`);
  });

  test("parseManifest refuses a future version with a message saying what to do", () => {
    assert.throws(
      () => parseManifest(JSON.stringify({ ...good, version: 7 }), "/g/manifest.json"),
      (e: unknown) =>
        e instanceof ManifestError &&
        e.code === "E_MANIFEST_VERSION" &&
        /version 7/.test(e.message) &&
        /up to 3/.test(e.message) &&
        /newer confed/.test(e.message) &&
        e.file === "/g/manifest.json",
    );
  });

  test("parseManifest reports every problem at once, each with its field path", () => {
    const bad = {
      ...good,
      extra: 1,
      homeDirectory: "relative",
      files: {
        "../escape": { source: "/x", mode: "link" },
        "a/./b": { source: "rel", mode: "hard" },
        c: { source: "/x", mode: "copy" },
      },
      activation: [
        { name: "x", after: [], before: [], script: "" },
        { name: "x", after: [1], before: [], script: "" },
      ],
    };
    assert.deepEqual(problems(bad), [
      "manifest.extra: unknown field",
      'homeDirectory: expected an absolute path, got "relative"',
      'files["../escape"]: not a normalised path relative to the home',
      'files["a/./b"]: not a normalised path relative to the home',
      'files["a/./b"].source: expected an absolute path, got "rel"',
      'files["a/./b"].mode: expected "link" or "copy", got "hard"',
      "files.c.sha256: required for a copy-mode file (drift is detected by hash)",
      'activation[1].name: "x" is defined twice',
      "activation[1].after: expected a list of strings",
    ]);
  });

  test("parseManifest reads version 3's secrets section and refuses it in an older version", () => {
    const secrets = {
      dir: "/run/user/1000/confed/secrets",
      identityPaths: [],
      files: {
        ssh: {
          source: `${gen}/secrets/ssh.age`,
          path: "/run/user/1000/confed/secrets/ssh",
          mode: "0400",
          symlink: true,
          restartUnits: ["a.service"],
          reloadUnits: [],
        },
      },
      templates: {
        conf: {
          parts: ["pw=", { secret: "ssh" }, "\n"],
          path: "/run/user/1000/confed/secrets/templates/conf",
          mode: "0400",
          symlink: true,
          restartUnits: [],
          reloadUnits: [],
        },
      },
    };
    const files = { ".bashrc": { ...good.files[".bashrc"], id: "x" } };
    const v3 = { ...good, files, version: 3, secrets };
    assert.deepEqual(parseManifest(serializeManifest(v3 as HomeManifest)), v3);
    assert.deepEqual(problems({ ...good, files, version: 2, secrets }), [
      "manifest.secrets: unknown field",
    ]);
    const bad = JSON.parse(JSON.stringify(secrets));
    bad.files.ssh.mode = "rw";
    bad.files.ssh.plaintext = "x";
    bad.templates.conf.parts[1] = { secret: "nope" };
    bad.files["../x"] = { ...bad.files.ssh };
    assert.deepEqual(problems({ ...good, files, version: 3, secrets: bad }).sort(), [
      'secrets.files.../x.mode: expected octal permission bits like "0400"',
      "secrets.files.../x.plaintext: unknown field",
      "secrets.files.../x: not a file name",
      'secrets.files.ssh.mode: expected octal permission bits like "0400"',
      "secrets.files.ssh.plaintext: unknown field",
      'secrets.templates.conf.parts: {"secret":"nope"} names no secret of this manifest',
    ]);
  });

  test("parseManifest names non-JSON input", () => {
    assert.throws(() => parseManifest("{", "m.json"), /m\.json' is not JSON/);
  });
});

describe("serializeManifest", () => {
  test("serializeManifest sorts keys at every level, so key order does not matter", () => {
    const shuffled = JSON.parse(JSON.stringify(good), (_k, v) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).reverse())
        : v,
    );
    assert.equal(serializeManifest(shuffled), serializeManifest(good));
    assert.ok(
      serializeManifest(good).indexOf('"activation"') < serializeManifest(good).indexOf('"files"'),
    );
  });
});
