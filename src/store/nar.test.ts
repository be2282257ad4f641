import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  lutimesSync,
  mkdirSync,
  mkdtempSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import fc from "fast-check";
import { realTreeReader, type TreeKind, type TreeReader } from "../system/tree-reader.ts";
import {
  dumpNar,
  encodeNar,
  type NarNode,
  narDigest,
  narHash,
  nixBase32Decode,
  nixBase32Encode,
  parseNar,
  sha256Sri,
} from "./nar.ts";
import { StoreError } from "./store-error.ts";

const scratch = mkdtempSync(join(tmpdir(), "confed-nar-"));
// Not rmSync: node's recursive removal goes through string names and cannot delete names that
// are not UTF-8.
after(() => spawnSync("rm", ["-rf", scratch]));

// Nix (Debian nix-bin) is the oracle where it is installed; the committed values below were
// produced by it (nix 2.8) and keep the tests meaningful where it is not. The probe runs what
// the tests run: `nix-store --version` fails for users without access to the nix daemon.
const nixProbe = spawnSync("nix-store", ["--dump", scratch], { encoding: "utf8" });
const hasNix = nixProbe.status === 0;
const withNix = hasNix
  ? {}
  : {
      skip: `nix-store is unusable here (${nixProbe.error ? "not found" : nixProbe.stderr.trim()}); install Debian's nix-bin to compare with Nix`,
    };
const isRoot = process.getuid?.() === 0;

let serial = 0;
const freshPath = (label: string): Buffer => Buffer.from(join(scratch, `${label}-${serial++}`));

function nix(args: string[]): Buffer {
  const r = spawnSync(args[0], args.slice(1), { maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, `${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}
const nixDump = (path: Buffer): Buffer => nix(["nix-store", "--dump", path.toString()]);
const nixHashPath = (path: Buffer): string =>
  nix(["nix", "--extra-experimental-features", "nix-command", "hash", "path", path.toString()])
    .toString()
    .trim();

// ---------------------------------------------------------------------------------------------
// Trees as data: a spec is written to disk and, independently, turned into the NarNode Nix
// would describe it as (entries sorted by name bytes, of the mode only the owner x bit).

type Spec =
  | { kind: "file"; mode: number; contents: Buffer }
  | { kind: "symlink"; target: Buffer }
  | { kind: "directory"; entries: [Buffer, Spec][] };

const bytes = (b: string | Uint8Array): Buffer =>
  typeof b === "string" ? Buffer.from(b) : Buffer.from(b);
const file = (contents: string | Uint8Array, mode = 0o644): Spec => ({
  kind: "file",
  mode,
  contents: bytes(contents),
});
const link = (target: string | Uint8Array): Spec => ({ kind: "symlink", target: bytes(target) });
const dir = (entries: [string | Uint8Array, Spec][]): Spec => ({
  kind: "directory",
  entries: entries.map(([name, spec]) => [bytes(name), spec]),
});

/** Deterministic bytes (xorshift32), so the fixture is the same on every machine. */
function pseudoRandomBytes(length: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const joinPath = (parent: Buffer, name: Buffer): Buffer =>
  Buffer.concat([parent, Buffer.from("/"), name]);

/**
 * Writes `spec` at `path`. `vary` flips every permission bit except the owner's and moves the
 * times, which must not change the NAR.
 */
function writeSpec(path: Buffer, spec: Spec, vary = false): void {
  switch (spec.kind) {
    case "file":
      writeFileSync(path, spec.contents);
      chmodSync(path, vary ? (spec.mode & 0o700) | (~spec.mode & 0o077) : spec.mode);
      break;
    case "symlink":
      symlinkSync(spec.target, path);
      break;
    case "directory":
      mkdirSync(path);
      for (const [name, child] of spec.entries) writeSpec(joinPath(path, name), child, vary);
      chmodSync(path, vary ? 0o701 : 0o755);
      break;
  }
  if (vary) lutimesSync(path, 1_000_000, 2_000_000);
}

function toNarNode(spec: Spec): NarNode {
  switch (spec.kind) {
    case "file":
      return { kind: "file", executable: (spec.mode & 0o100) !== 0, contents: spec.contents };
    case "symlink":
      return { kind: "symlink", target: spec.target };
    case "directory":
      return {
        kind: "directory",
        entries: spec.entries
          .map(([name, child]) => ({ name, node: toNarNode(child) }))
          .sort((a, b) => Buffer.compare(a.name, b.name)),
      };
  }
}

const NOT_UTF8 = Buffer.from([0x66, 0xff, 0xfe, 0x80, 0x2e, 0x62]); // "f\xff\xfe\x80.b"

/** Every case the brief for Nix compatibility names, in one tree. */
const fixture = dir([
  [
    "bin",
    dir([
      ["run", file("#!/bin/sh\necho run\n", 0o755)],
      ["owner-x-only", file("x\n", 0o700)],
      ["group-x", file("g\n", 0o654)],
      ["other-x", file("o\n", 0o645)],
      ["read-only-x", file("r\n", 0o500)],
    ]),
  ],
  ["README", file("hello\n")],
  ["empty", file("")],
  ["eight", file("12345678")],
  ["nine", file("123456789")],
  ["large.bin", file(pseudoRandomBytes(5 * 1024 * 1024 + 3, 42))],
  [
    "links",
    dir([
      ["to-file", link("../README")],
      ["to-dir", link("../bin")],
      ["dangling", link("does/not/exist")],
      ["nowhere", link("/nonexistent/confed-nar-test")],
      ["raw-target", link(Buffer.from([0x2e, 0x2e, 0x2f, 0xc3, 0x28]))],
    ]),
  ],
  [
    "nested",
    dir([
      ["a", dir([["b", dir([["c", dir([["deep.txt", file("deep\n")]])]])]])],
      ["empty-dir", dir([])],
    ]),
  ],
  [
    "unicode",
    dir([
      ["\u{1f600}", file("grinning face\n")],
      ["\u{ff5e}", file("fullwidth tilde\n")],
      ["é", file("e acute\n")],
      ["a", file("lower\n")],
      ["B", file("upper\n")],
    ]),
  ],
  [
    "raw",
    dir([
      [NOT_UTF8, file("not utf-8\n")],
      [Buffer.from([0xc0, 0xaf]), dir([["inside", file("in a non-UTF-8 directory\n")]])],
    ]),
  ],
]);
const topFile = file("a single top-level file\n", 0o755);
const topLink = link("/nonexistent/top-level-target");

// Produced by nix 2.8 (`nix hash path`, and the byte length of `nix-store --dump`).
const EXPECTED = {
  fixture: { hash: "sha256-mo7oQ6gmDuA7Uk521bFVxWC66Gz9LXdo/EeW+jqnG+0=", narSize: 5249312 },
  topFile: { hash: "sha256-lEOKQlSTrccbTaYHIzaccPtZkkeeyWy+rYgeX1hi7iQ=", narSize: 168 },
  topLink: { hash: "sha256-dZ+aEZFo54Tod8LFB9A3268kvZutHMFXQTkYEQpHbg4=", narSize: 144 },
};

function built(spec: Spec, vary = false): Buffer {
  const path = freshPath("tree");
  writeSpec(path, spec, vary);
  return path;
}

const dumped = (path: Buffer, reader?: TreeReader): Buffer =>
  Buffer.concat([...dumpNar(path, reader)]);

function catchError(f: () => unknown): StoreError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof StoreError, `expected a StoreError, got ${String(e)}`);
    return e;
  }
  assert.fail("expected an error");
}

// ---------------------------------------------------------------------------------------------

describe("dumpNar and narHash over real trees", () => {
  const cases = { fixture, topFile, topLink };
  for (const [label, spec] of Object.entries(cases)) {
    const expected = EXPECTED[label as keyof typeof EXPECTED];

    test(`narDigest gives the committed Nix hash and size for ${label}`, () => {
      const d = narDigest(built(spec));
      assert.equal(d.hash, expected.hash);
      assert.equal(d.narSize, expected.narSize);
    });

    test(`dumpNar writes the bytes encodeNar gives for the model of ${label}`, () => {
      assert.ok(dumped(built(spec)).equals(encodeNar(toNarNode(spec))));
    });

    test(`dumpNar writes the same bytes as nix-store --dump for ${label}`, withNix, () => {
      const path = built(spec);
      assert.ok(dumped(path).equals(nixDump(path)));
      assert.equal(narHash(path), nixHashPath(path));
    });
  }

  test("narHash ignores times and every permission bit but the owner's x", () => {
    assert.equal(narHash(built(fixture, true)), EXPECTED.fixture.hash);
  });

  test("narDigest agrees with the bytes of dumpNar and with nix-hash --base32", () => {
    const path = built(fixture);
    const nar = dumped(path);
    const d = narDigest(path);
    assert.equal(d.narSize, nar.length);
    assert.ok(d.digest.equals(createHash("sha256").update(nar).digest()));
    assert.equal(d.hash, sha256Sri(d.digest));
    if (hasNix) {
      const base32 = nix(["nix-hash", "--type", "sha256", "--base32", path.toString()]);
      assert.equal(nixBase32Encode(d.digest), base32.toString().trim());
    }
  });

  test("dumpNar sorts entries by name bytes, not by UTF-16", () => {
    const root = parseNar(dumped(built(fixture)));
    assert.equal(root.kind, "directory");
    const unicode = root.entries.find((e) => e.name.toString() === "unicode")!.node;
    assert.equal(unicode.kind, "directory");
    assert.deepEqual(
      unicode.entries.map((e) => e.name.toString()),
      ["B", "a", "é", "\u{ff5e}", "\u{1f600}"],
    );
    // JavaScript's own order would put the emoji (a surrogate pair, 0xd83d…) first.
    assert.deepEqual(["\u{ff5e}", "\u{1f600}"].sort(), ["\u{1f600}", "\u{ff5e}"]);
  });

  test("parseNar gives back the tree dumpNar archived", () => {
    assert.deepEqual(parseNar(dumped(built(fixture))), toNarNode(fixture));
  });

  test("dumpNar accepts the path as bytes that are not UTF-8", () => {
    const parent = freshPath("raw-root");
    mkdirSync(parent);
    const path = joinPath(parent, NOT_UTF8);
    writeSpec(path, dir([["x", file("x\n")]]));
    assert.ok(dumped(path).equals(encodeNar(toNarNode(dir([["x", file("x\n")]])))));
  });

  test("dumpNar hands out chunks the caller may keep", () => {
    const chunks = [...dumpNar(built(fixture))];
    assert.ok(chunks.length > 1);
    assert.ok(Buffer.concat(chunks).equals(encodeNar(toNarNode(fixture))));
  });
});

// ---------------------------------------------------------------------------------------------

/** A reader over the real file system with some methods replaced. */
function readerWith(overrides: Partial<TreeReader>): TreeReader {
  return { ...realTreeReader, ...overrides };
}

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: ${message}, open '/somewhere'`), { code });
}

describe("dumpNar errors", () => {
  test("dumpNar refuses a fifo with E_NAR_UNSUPPORTED_FILE naming it", () => {
    const path = built(dir([["ok", file("ok\n")]]));
    const made = spawnSync("sh", [
      "-c",
      'mkfifo "$1/$(printf "pipe\\377")"',
      "sh",
      path.toString(),
    ]);
    assert.equal(made.status, 0, String(made.stderr));
    const e = catchError(() => narHash(path));
    assert.equal(e.code, "E_NAR_UNSUPPORTED_FILE");
    assert.equal(e.path, `${path}/pipe\\xff`);
    assert.match(e.message, /it is a fifo/);
    assert.match(e.message, /pipe\\xff/);
  });

  test("dumpNar refuses a socket with E_NAR_UNSUPPORTED_FILE", async () => {
    const path = built(dir([]));
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(`${path}/sock`, resolve));
    try {
      const e = catchError(() => narHash(path));
      assert.equal(e.code, "E_NAR_UNSUPPORTED_FILE");
      assert.equal(e.path, `${path}/sock`);
      assert.match(e.message, /it is a socket/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("narHash of a missing path is E_NAR_UNREADABLE naming it", () => {
    const path = freshPath("missing");
    const e = catchError(() => narHash(path));
    assert.equal(e.code, "E_NAR_UNREADABLE");
    assert.equal(e.path, path.toString());
    assert.equal(e.message, `cannot archive '${path}': no such file or directory (ENOENT)`);
  });

  test("narHash of a file it may not read is E_NAR_UNREADABLE", () => {
    const path = built(dir([["secret", file("s\n")]]));
    const denied = readerWith({
      openFile(p) {
        if (p.toString().endsWith("/secret")) throw errno("EACCES", "permission denied");
        return realTreeReader.openFile(p);
      },
    });
    const e = catchError(() => narHash(path, denied));
    assert.equal(e.code, "E_NAR_UNREADABLE");
    assert.equal(e.path, `${path}/secret`);
    assert.equal(e.message, `cannot archive '${path}/secret': permission denied (EACCES)`);
  });

  test(
    "narHash of a real mode-000 file is E_NAR_UNREADABLE",
    isRoot ? { skip: "root reads mode-000 files; the injected-reader test covers this" } : {},
    () => {
      const path = built(dir([["secret", file("s\n", 0o000)]]));
      assert.equal(catchError(() => narHash(path)).code, "E_NAR_UNREADABLE");
    },
  );

  test("narHash of a file that shrinks while read is E_NAR_FILE_CHANGED", () => {
    const path = built(dir([["log", file("0123456789")]]));
    const shrinking = readerWith({
      openFile(p) {
        const real = realTreeReader.openFile(p);
        return { ...real, stat: () => real.stat(), close: () => real.close(), read: () => 0 };
      },
    });
    const e = catchError(() => narHash(path, shrinking));
    assert.equal(e.code, "E_NAR_FILE_CHANGED");
    assert.equal(e.path, `${path}/log`);
  });

  test("dumpNar redoes an entry from lstat when the listing was stale", () => {
    const path = built(fixture);
    const kinds: TreeKind[] = ["file", "directory", "symlink", "unsupported"];
    for (const [i, lie] of kinds.entries()) {
      const lying = readerWith({
        readdir: (p) =>
          realTreeReader.readdir(p).map((e, j) => ({ ...e, kind: (i + j) % 2 ? lie : e.kind })),
      });
      assert.ok(dumped(path, lying).equals(encodeNar(toNarNode(fixture))), `listed as ${lie}`);
    }
  });

  test("dumpNar closes the open file when the consumer stops early", () => {
    let open = 0;
    const counting = readerWith({
      openFile(p) {
        const real = realTreeReader.openFile(p);
        open++;
        return {
          stat: () => real.stat(),
          read: (into, offset, length) => real.read(into, offset, length),
          close: () => {
            open--;
            real.close();
          },
        };
      },
    });
    for (const _chunk of dumpNar(built(file(pseudoRandomBytes(2 << 20, 7))), counting)) {
      assert.equal(open, 1);
      break;
    }
    assert.equal(open, 0);
  });
});

// ---------------------------------------------------------------------------------------------

/** NAR strings for hand-made (and malformed) archives. */
function narOf(...parts: (string | Uint8Array)[]): Buffer {
  return Buffer.concat(
    parts.map((part) => {
      const b = bytes(part);
      const length = Buffer.alloc(8);
      length.writeUInt32LE(b.length);
      return Buffer.concat([length, b, Buffer.alloc((8 - (b.length % 8)) % 8)]);
    }),
  );
}

const MAGIC = "nix-archive-1";
const regular = (contents: string) => ["(", "type", "regular", "contents", contents, ")"];
const entry = (name: string | Uint8Array) => [
  "entry",
  "(",
  "name",
  name,
  "node",
  ...regular("x"),
  ")",
];

describe("parseNar", () => {
  test("parseNar reads a hand-made NAR", () => {
    const nar = narOf(MAGIC, "(", "type", "directory", ...entry("a"), ...entry("b"), ")");
    assert.deepEqual(parseNar(nar), {
      kind: "directory",
      entries: ["a", "b"].map((name) => ({
        name: Buffer.from(name),
        node: { kind: "file", executable: false, contents: Buffer.from("x") },
      })),
    });
  });

  const malformed: [string, Buffer, RegExp][] = [
    ["an empty input", Buffer.alloc(0), /unexpected end of input/],
    ["another magic", narOf("nix-archive-2", ...regular("")), /expected "nix-archive-1"/],
    ["an unknown node type", narOf(MAGIC, "(", "type", "fifo", ")"), /unknown node type "fifo"/],
    [
      "an executable marker with a value",
      narOf(MAGIC, "(", "type", "regular", "executable", "yes", "contents", "", ")"),
      /expected ""/,
    ],
    [
      "entries out of order",
      narOf(MAGIC, "(", "type", "directory", ...entry("b"), ...entry("a"), ")"),
      /"a" is duplicated or out of order/,
    ],
    [
      "a duplicated entry",
      narOf(MAGIC, "(", "type", "directory", ...entry("a"), ...entry("a"), ")"),
      /duplicated or out of order/,
    ],
    ...["", ".", "..", "a/b", "a\0b"].map((name): [string, Buffer, RegExp] => [
      `the entry name ${JSON.stringify(name)}`,
      narOf(MAGIC, "(", "type", "directory", ...entry(name), ")"),
      /invalid file name/,
    ]),
    ["trailing data", Buffer.concat([narOf(MAGIC, ...regular("x")), Buffer.alloc(8)]), /trailing/],
    [
      "a string longer than the input",
      Buffer.concat([
        narOf(MAGIC, "(", "type", "regular", "contents"),
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]),
      ]),
      /runs past the end/,
    ],
    [
      "directories nested 3000 deep",
      narOf(
        MAGIC,
        ...Array.from({ length: 3000 }, () => [
          "(",
          "type",
          "directory",
          "entry",
          "(",
          "name",
          "d",
          "node",
        ]).flat(),
      ),
      /nested more than 2048 deep/,
    ],
  ];
  for (const [what, nar, message] of malformed) {
    test(`parseNar refuses ${what} with E_NAR_MALFORMED`, () => {
      const e = catchError(() => parseNar(nar));
      assert.equal(e.code, "E_NAR_MALFORMED");
      assert.match(e.message, message);
    });
  }

  test("parseNar refuses non-zero padding", () => {
    const nar = narOf(MAGIC, ...regular("x"));
    nar[nar.length - 17] = 1; // the last padding byte after "x", before the closing ")"
    assert.match(catchError(() => parseNar(nar)).message, /non-zero padding/);
  });

  test("parseNar refuses every truncation of a valid NAR", () => {
    const nar = encodeNar(
      toNarNode(
        dir([
          ["a", file("abc", 0o755)],
          ["l", link("t")],
        ]),
      ),
    );
    for (let length = 0; length < nar.length; length++) {
      assert.equal(catchError(() => parseNar(nar.subarray(0, length))).code, "E_NAR_MALFORMED");
    }
  });
});

// ---------------------------------------------------------------------------------------------

const DOT = Buffer.from(".");
const DOTDOT = Buffer.from("..");
const nameArb = fc
  .oneof(
    fc.uint8Array({ minLength: 1, maxLength: 12 }),
    fc.string({ unit: "grapheme", minLength: 1, maxLength: 4 }).map((s) => Buffer.from(s)),
  )
  .map((b) => Buffer.from(b.map((x) => (x === 0 || x === 0x2f ? 0x5f : x))))
  .filter((b) => !b.equals(DOT) && !b.equals(DOTDOT));
const contentsArb = fc.oneof(
  { arbitrary: fc.uint8Array({ maxLength: 40 }), weight: 8 },
  { arbitrary: fc.integer({ min: 100_000, max: 600_000 }), weight: 1 },
);
const specArb = fc.letrec<{ tree: Spec; file: Spec; symlink: Spec; directory: Spec }>((tie) => ({
  tree: fc.oneof({ depthSize: "small" }, tie("file"), tie("symlink"), tie("directory")),
  file: fc
    .record({
      mode: fc.constantFrom(0o644, 0o755, 0o700, 0o654, 0o645, 0o600, 0o500, 0o444),
      contents: contentsArb,
    })
    .map(({ mode, contents }) =>
      file(typeof contents === "number" ? pseudoRandomBytes(contents, contents) : contents, mode),
    ),
  symlink: fc
    .uint8Array({ minLength: 1, maxLength: 30 })
    .map((t) => link(t.map((x) => (x === 0 ? 0x2a : x)))),
  directory: fc
    .uniqueArray(fc.tuple(nameArb, tie("tree")), {
      maxLength: 5,
      selector: ([name]) => name.toString("hex"),
    })
    .map((entries) => dir(entries)),
}));

describe("NAR properties", () => {
  test("dumpNar of any written tree parses back to that tree and equals its encodeNar", () => {
    fc.assert(
      fc.property(specArb.tree, (spec) => {
        const nar = dumped(built(spec));
        const expected = toNarNode(spec);
        assert.deepEqual(parseNar(nar), expected);
        assert.ok(nar.equals(encodeNar(expected)));
      }),
      { numRuns: 150 },
    );
  });

  test("dumpNar of any written tree equals nix-store --dump", withNix, () => {
    fc.assert(
      fc.property(specArb.tree, (spec) => {
        const path = built(spec);
        assert.ok(dumped(path).equals(nixDump(path)));
      }),
      { numRuns: 60 },
    );
  });

  test("parseNar accepts only canonical NARs and fails only with StoreError", () => {
    const inputs = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      // Valid archives with one byte changed: mostly rejected, sometimes still canonical.
      fc.tuple(specArb.tree, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([spec, at, xor]) => {
        const nar = encodeNar(toNarNode(spec));
        nar[at % nar.length] ^= xor;
        return nar;
      }),
    );
    fc.assert(
      fc.property(inputs, (input) => {
        let node: NarNode;
        try {
          node = parseNar(input);
        } catch (e) {
          assert.ok(e instanceof StoreError && e.code === "E_NAR_MALFORMED", String(e));
          return;
        }
        assert.ok(encodeNar(node).equals(input));
      }),
      { numRuns: 500 },
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe("Nix base32", () => {
  // From `nix-hash --type <t> --to-base32 <hex>` (nix 2.8): digests of "" and "abc".
  const vectors: [string, string][] = [
    [
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "0mdqa9w1p6cmli6976v4wi0sw9r4p5prkj7lzfd1877wk11c9c73",
    ],
    [
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "1b8m03r63zqhnjf7l5wnldhh7c134ap5vpj0850ymkq1iyzicy5s",
    ],
    ["a9993e364706816aba3e25717850c26c9cd0d89d", "kpcd173cq987hw957sx6m0868wv3x6d9"],
    ["900150983cd24fb0d6963f7d28e17f72", "3jgzhjhz9zjvbb0kyj7jc500ch"],
    [
      "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
      "2gs8k559z4rlahfx0y688s49m2vvszylcikrfinm30ly9rak69236nkam5ydvly1ai7xac99vxfc4ii84hawjbk876blyk1jfhkbbyx",
    ],
  ];
  for (const [hex, base32] of vectors) {
    test(`nixBase32Encode of a ${hex.length / 2}-byte digest matches nix-hash`, () => {
      assert.equal(nixBase32Encode(Buffer.from(hex, "hex")), base32);
      assert.equal(nixBase32Decode(base32).toString("hex"), hex);
    });
  }

  test("nixBase32Encode matches nix-hash --to-base32 on random digests", withNix, () => {
    const digests = fc.sample(fc.uint8Array({ minLength: 32, maxLength: 32 }), 200);
    const hex = digests.map((d) => Buffer.from(d).toString("hex"));
    const out = nix(["nix-hash", "--type", "sha256", "--to-base32", ...hex])
      .toString()
      .trim();
    assert.deepEqual(out.split("\n"), digests.map(nixBase32Encode));
  });

  test("nixBase32Decode inverts nixBase32Encode for any length", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (b) => {
        assert.ok(nixBase32Decode(nixBase32Encode(b)).equals(b));
      }),
    );
  });

  for (const [what, text, message] of [
    ["a letter outside the alphabet", `${"0".repeat(51)}e`, /'e' is not in the alphabet/],
    ["a length no digest has", "0".repeat(51), /no byte string has length 51/],
    ["bits past the last byte", `z${"0".repeat(51)}`, /bits set past the last byte/],
  ] as const) {
    test(`nixBase32Decode refuses ${what} with E_BASE32`, () => {
      const e = catchError(() => nixBase32Decode(text));
      assert.equal(e.code, "E_BASE32");
      assert.match(e.message, message);
    });
  }
});
