import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { InputError } from "./input-error.ts";
import { parseInputSpec, parseInputUrl, renderInputUrl } from "./url.ts";

const REV = "0123456789abcdef0123456789abcdef01234567";

// [url, parsed, rendered back (when it differs from url)]
const good: [string, object, string?][] = [
  ["path:/src/dots", { type: "path", path: "/src/dots" }],
  ["path:./vendor/x", { type: "path", path: "./vendor/x" }],
  ["git+file:///src/lib", { type: "git", url: "file:///src/lib" }],
  ["git+file:/src/lib", { type: "git", url: "file:///src/lib" }, "git+file:///src/lib"],
  [
    `git+file:///src/lib?ref=main&rev=${REV}`,
    { type: "git", url: "file:///src/lib", ref: "main", rev: REV },
  ],
  [
    "git+https://example.org/a/b.git?ref=refs/tags/v1&submodules=1&dir=sub",
    {
      type: "git",
      url: "https://example.org/a/b.git",
      ref: "refs/tags/v1",
      submodules: true,
      dir: "sub",
    },
    "git+https://example.org/a/b.git?ref=refs%2Ftags%2Fv1&submodules=1&dir=sub",
  ],
  ["git+ssh://git@example.org/a/b", { type: "git", url: "ssh://git@example.org/a/b" }],
  ["github:myme/dotfiles", { type: "github", owner: "myme", repo: "dotfiles" }],
  ["github:myme/dotfiles/v2", { type: "github", owner: "myme", repo: "dotfiles", ref: "v2" }],
  [`github:myme/dotfiles/${REV}`, { type: "github", owner: "myme", repo: "dotfiles", rev: REV }],
  [
    "github:myme/dotfiles?ref=release/1",
    { type: "github", owner: "myme", repo: "dotfiles", ref: "release/1" },
    "github:myme/dotfiles?ref=release%2F1",
  ],
  ["gitlab:myme/wallpapers", { type: "gitlab", owner: "myme", repo: "wallpapers" }],
  [
    "gitlab:myme/wallpapers/main",
    { type: "gitlab", owner: "myme", repo: "wallpapers", ref: "main" },
  ],
  [
    "tarball+https://example.org/get?id=3",
    { type: "tarball", url: "https://example.org/get?id=3" },
  ],
  [
    "https://example.org/x-1.0.tar.gz",
    { type: "tarball", url: "https://example.org/x-1.0.tar.gz" },
  ],
  [
    "https://example.org/x-1.0.tar.xz",
    { type: "tarball", url: "https://example.org/x-1.0.tar.xz" },
  ],
  ["http://example.org/x.zip", { type: "tarball", url: "http://example.org/x.zip" }],
  ["file:///srv/x.tar.gz", { type: "tarball", url: "file:///srv/x.tar.gz" }],
  ["file:///srv/wallpaper.png", { type: "file", url: "file:///srv/wallpaper.png" }],
  ["file+https://example.org/w.png", { type: "file", url: "https://example.org/w.png" }],
];

describe("parseInputUrl", () => {
  for (const [url, parsed, rendered] of good) {
    test(`parseInputUrl reads ${url} and renderInputUrl writes it back`, () => {
      const r = parseInputUrl(url, "x");
      assert.deepEqual(r, parsed);
      assert.equal(renderInputUrl(r), rendered ?? url);
      assert.deepEqual(parseInputUrl(renderInputUrl(r), "x"), r);
    });
  }

  // [url, a fragment the message must contain]
  const bad: [string, string][] = [
    ["", "an empty URL"],
    ["nixpkgs", "registry names"],
    ["ftp://example.org/x", "unknown scheme 'ftp:'"],
    ["github:myme", "needs owner/repo"],
    ["github:/dotfiles", "needs owner/repo"],
    ["gitlab:a/b/c/d", "too many path segments"],
    [`github:a/b/main?rev=${REV}`, "both in the path and in the query"],
    [`github:a/b?ref=main&rev=${REV}`, "a ref or a rev, not both"],
    ["git+file:///x?rev=abc", "not a full 40-character commit hash"],
    ["git+file:///x?ref=a..b", "not a valid git ref"],
    ["git+file:///x?branch=main", "unknown parameter 'branch'"],
    ["git+file:///x?ref=a&ref=b", "given twice"],
    ["git+file:relative", "absolute path"],
    ["git+https:example.org", "needs //host/path"],
    ["git+file:///x?submodules=yes", "submodules must be 1 or 0"],
    ["https://example.org/page.html", "not an archive"],
    ["path:", "needs a path"],
    ["path:/x#frag", "fragment"],
  ];
  for (const [url, msg] of bad) {
    test(`parseInputUrl refuses '${url}' naming the input`, () => {
      assert.throws(
        () => parseInputUrl(url, "walls"),
        (e: unknown) =>
          e instanceof InputError &&
          e.code === "E_INPUT_URL" &&
          e.input === "walls" &&
          e.message.startsWith("input 'walls': ") &&
          e.message.includes(msg),
      );
    });
  }
});

describe("parseInputSpec", () => {
  test("parseInputSpec takes a bare URL as a flake input", () => {
    assert.deepEqual(parseInputSpec("lib", "github:a/lib"), {
      ref: { type: "github", owner: "a", repo: "lib" },
      flake: true,
      follows: undefined,
      inputs: {},
    });
  });
  test("parseInputSpec reads flake: false and nested follows", () => {
    const s = parseInputSpec("lib", {
      url: "github:a/lib",
      flake: false,
      inputs: { util: { follows: "util/core" } },
    });
    assert.equal(s.flake, false);
    assert.deepEqual(s.inputs.util?.follows, ["util", "core"]);
    assert.equal(s.inputs.util?.ref, undefined);
  });
  for (const [raw, msg] of [
    [42, "expected a URL string"],
    [{ url: "github:a/b", flake: "no" }, "flake must be true or false"],
    [{ url: "github:a/b", follows: "x" }, "either url or follows"],
    [{ flake: false }, "missing url"],
    [{ url: "github:a/b", rev: "x" }, "unknown key 'rev'"],
    [{ follows: "a//b" }, "not a path of input names"],
    [{ url: "github:a/b", inputs: { c: { url: "bogus" } } }, "input 'lib/c'"],
  ] as [unknown, string][]) {
    test(`parseInputSpec refuses ${JSON.stringify(raw)}`, () => {
      assert.throws(
        () => parseInputSpec("lib", raw),
        (e: unknown) => e instanceof InputError && e.message.includes(msg),
      );
    });
  }
});
