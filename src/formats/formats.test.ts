import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { ConfedError } from "../errors/index.ts";
import { evalModules, mkMerge, mkOption } from "../module-system/index.ts";
import { gitConfigList, hasProgram, hasPython, pythonParse } from "./_parse-check.ts";
import { formats, type JsonValue, sectionsText, type TomlValue } from "./index.ts";

const settings = (type: unknown, ...defs: unknown[]) =>
  (
    evalModules({
      modules: [
        { options: { s: mkOption({ type: type as any, default: {} }) } },
        ...defs.map((s) => ({ s })),
      ],
    }).config as any
  ).s;

// Finite numbers without -0 (JSON, which carries the parsed values back, has no -0).
const num = fc.oneof(
  fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? 0 : d)),
);
const str = fc.string({ unit: "grapheme", maxLength: 12 });
const keyArb = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 8 }),
  fc.stringMatching(/^[a-z_][a-z0-9_-]{0,6}$/),
);
// fast-check's dictionaries have no prototype; parsed values do.
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
const noProto = (k: string) => k !== "__proto__";

const tomlArb: fc.Arbitrary<Record<string, TomlValue>> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    str,
    num,
    fc.boolean(),
    fc.array(tie("value"), { maxLength: 4 }),
    tie("table"),
  ) as fc.Arbitrary<TomlValue>,
  table: fc.dictionary(keyArb.filter(noProto), tie("value") as fc.Arbitrary<TomlValue>, {
    maxKeys: 5,
  }),
})).table as fc.Arbitrary<Record<string, TomlValue>>;

const jsonArb: fc.Arbitrary<JsonValue> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    str,
    num,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(keyArb.filter(noProto), tie("value"), { maxKeys: 5 }),
  ) as fc.Arbitrary<JsonValue>,
})).value;

/** Each value generated, all parsed in one python3 run, each compared with what went in. */
function roundTrip<T>(kind: "toml" | "yaml", arb: fc.Arbitrary<T>, generate: (v: T) => string) {
  const values = fc.sample(arb, { numRuns: 300, seed: 42 });
  const texts = values.map(generate);
  const parsed = pythonParse(kind, texts);
  values.forEach((v, i) => {
    assert.deepEqual(parsed[i], { ok: plain(v) }, `value ${JSON.stringify(v)}\ntext:\n${texts[i]}`);
  });
}

test("toml writes plain keys, then tables, then arrays of tables, as starship's file reads", () => {
  const text = formats.toml().generate("starship.toml", {
    scan_timeout: 10,
    format: "$line_break$character",
    battery: {
      charging_symbol: "⚡️",
      display: [{ threshold: 10 }, { threshold: 30, style: "bold" }],
    },
    character: { success_symbol: "➜", "odd key": 'a "quoted"\nline' },
    mixed: [1, { a: 1 }],
    empty: {},
  });
  assert.equal(
    text,
    [
      'format = "$line_break$character"',
      "mixed = [1, { a = 1 }]",
      "scan_timeout = 10",
      "",
      "[battery]",
      'charging_symbol = "⚡️"',
      "",
      "[[battery.display]]",
      "threshold = 10",
      "",
      "[[battery.display]]",
      'style = "bold"',
      "threshold = 30",
      "",
      "[character]",
      '"odd key" = "a \\"quoted\\"\\nline"',
      'success_symbol = "➜"',
      "",
      "[empty]",
      "",
    ].join("\n"),
  );
  assert.equal(formats.toml().generate("x", {}), "");
});

test("toml: generate then tomllib gives back the value (property)", {
  skip: !hasPython("tomllib") && "python3 with tomllib is not installed",
}, () => {
  roundTrip("toml", tomlArb, (v) => formats.toml().generate("t.toml", v));
});

test("yaml quotes what a YAML 1.1 reader would misread", () => {
  assert.equal(
    formats.yaml().generate("a.yml", {
      a: ["yes", "No", "1.5", "-l", "a b", ""],
      b: { c: null, d: 1e21 },
      e: [[1, 2], { f: {} }],
    }),
    [
      'a:\n  - "yes"\n  - "No"\n  - "1.5"\n  - "-l"\n  - a b\n  - ""',
      "b:\n  c: null\n  d: 1.0e+21",
      "e:\n  - - 1\n    - 2\n  - f: {}\n",
    ].join("\n"),
  );
  assert.equal(formats.yaml().generate("a.yml", "x"), "x\n");
});

test("yaml and json: generate then PyYAML gives back the value (property)", {
  skip: !hasPython("yaml") && "python3 with PyYAML is not installed",
}, () => {
  roundTrip("yaml", jsonArb, (v) => formats.yaml().generate("t.yml", v));
  // JSON.parse checks the JSON generator (PyYAML, a YAML 1.1 reader, takes 1e-7 for a string).
  for (const v of fc.sample(jsonArb, { numRuns: 200, seed: 7 })) {
    assert.deepEqual(JSON.parse(formats.json().generate("t.json", v)), plain(v));
  }
});

test("json sorts keys at every level", () => {
  assert.equal(
    formats.json().generate("x", { b: 1, a: { d: [true, null], c: "x" } }),
    '{\n  "a": {\n    "c": "x",\n    "d": [\n      true,\n      null\n    ]\n  },\n  "b": 1\n}\n',
  );
});

test("format types merge attribute sets across definitions, concatenate lists, refuse unequal scalars", () => {
  const t = formats.toml().type;
  assert.deepEqual(
    JSON.parse(
      JSON.stringify(settings(t, { a: { x: 1, l: [1] } }, { a: { y: "z", l: [2] }, b: true })),
    ),
    { a: { x: 1, l: [2, 1], y: "z" }, b: true },
  );
  assert.throws(() => JSON.stringify(settings(t, { a: 1 }, { a: 2 })), /conflict|different|defin/i);
  assert.throws(() => JSON.stringify(settings(t, { a: null })), /tomlValue|TOML|type/i);
  assert.deepEqual(JSON.parse(JSON.stringify(settings(formats.json().type, { a: null }))), {
    a: null,
  });
  assert.deepEqual(
    JSON.parse(JSON.stringify(settings(t, mkMerge([{ a: { b: 1 } }, { a: { c: 2 } }])))),
    { a: { b: 1, c: 2 } },
  );
});

test("ini repeats or joins lists as asked, and refuses lists otherwise", () => {
  const v = { main: { a: [1, 2], b: true }, other: { c: "x y" } };
  assert.equal(
    formats.ini({ listsAsDuplicateKeys: true }).generate("x.ini", v),
    "[main]\na=1\na=2\nb=true\n\n[other]\nc=x y\n",
  );
  assert.equal(
    formats.ini({ listSeparator: "," }).generate("x.ini", v),
    "[main]\na=1,2\nb=true\n\n[other]\nc=x y\n",
  );
  assert.throws(() => formats.ini().generate("x.ini", v), /x\.ini \[main\]: a is a list/);
  assert.equal(formats.keyValue().generate("kv", { b: 1, a: "x" }), "a = x\nb = 1\n");
  assert.equal(
    formats.keyValue({ separator: "=", listSeparator: " " }).generate("kv", { f: [0, 48] }),
    "f=0 48\n",
  );
});

test("ini: generate then python's configparser gives back the sections (property)", () => {
  const word = fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_ ./-]{0,8}[A-Za-z0-9_]$/);
  const arb = fc.dictionary(
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,6}$/),
    fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/), word, { maxKeys: 4 }),
    { maxKeys: 4 },
  );
  const values = fc
    .sample(arb, { numRuns: 200, seed: 3 })
    .map((v) => Object.fromEntries(Object.entries(v).filter(([s]) => s !== "DEFAULT")));
  const parsed = pythonParse(
    "ini",
    values.map((v) => formats.ini().generate("x.ini", v)),
  );
  values.forEach((v, i) => {
    assert.deepEqual(parsed[i], { ok: plain(v) });
  });
});

test("gitIni writes subsections and git's quoting, which git config reads back", {
  skip: !hasProgram("git") && "git is not installed",
}, () => {
  const text = formats.gitIni().generate("config", {
    user: { name: "John Doe", email: "j@example.org" },
    url: { "git@github.com:": { insteadOf: ["gh:", "github:"] } },
    "remote.origin": { url: "x" },
    alias: { escapes: '"\\n\t', lg: "log --graph ; # not a comment" },
    core: { bare: false, abbrev: 12 },
  });
  assert.equal(
    text,
    '[alias]\n\tescapes = "\\"\\\\n\\t"\n\tlg = "log --graph ; # not a comment"\n\n[core]\n\tabbrev = 12\n\tbare = false\n\n[remote "origin"]\n\turl = "x"\n\n[url "git@github.com:"]\n\tinsteadOf = "gh:"\n\tinsteadOf = "github:"\n\n[user]\n\temail = "j@example.org"\n\tname = "John Doe"\n',
  );
  assert.deepEqual(gitConfigList(text), [
    ["alias.escapes", '"\\n\t'],
    ["alias.lg", "log --graph ; # not a comment"],
    ["core.abbrev", "12"],
    ["core.bare", "false"],
    ["remote.origin.url", "x"],
    ["url.git@github.com:.insteadof", "gh:"],
    ["url.git@github.com:.insteadof", "github:"],
    ["user.email", "j@example.org"],
    ["user.name", "John Doe"],
  ]);
});

test("gitIni: generate then git config --list gives back every value (property)", {
  skip: !hasProgram("git") && "git is not installed",
}, () => {
  const value = fc.oneof(
    fc.string({ unit: "grapheme", maxLength: 10 }).filter((s) => !s.includes("\0")),
    fc.boolean(),
    fc.integer(),
  );
  const keys = fc.dictionary(
    fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/),
    fc.oneof(value, fc.array(value, { minLength: 1, maxLength: 3 })),
    { maxKeys: 3 },
  );
  const arb = fc.dictionary(
    fc.stringMatching(/^[a-z][a-z0-9-]{0,5}$/),
    fc.record({
      own: keys,
      sub: fc.dictionary(
        fc
          .string({ unit: "grapheme", minLength: 1, maxLength: 6 })
          // A name with a double quote is written as given, as nixpkgs' gitIni does (the user
          // quotes it), so it is not a subsection name this property can generate.
          .filter((s) => !/[\n\0"]/.test(s) && s !== "__proto__"),
        keys,
        { maxKeys: 2 },
      ),
    }),
    { maxKeys: 3 },
  );
  fc.assert(
    fc.property(arb, (v) => {
      const config: Record<string, any> = {};
      const expected: [string, string][] = [];
      for (const [s, { own, sub }] of Object.entries(v)) {
        config[s] = { ...own, ...sub };
        for (const [k, x] of Object.entries(own))
          for (const e of [x].flat()) expected.push([`${s}.${k}`, String(e)]);
        for (const [name, ks] of Object.entries(sub))
          for (const [k, x] of Object.entries(ks))
            for (const e of [x].flat()) expected.push([`${s}.${name}.${k}`, String(e)]);
      }
      const got = gitConfigList(formats.gitIni().generate("config", config));
      const order = (a: [string, string], b: [string, string]) =>
        a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
      assert.deepEqual(got.sort(order), expected.sort(order));
    }),
    { numRuns: 60 },
  );
});

test("sectionsText: sorted sections and keys, the program's own values, line breaks refused", () => {
  const text = (v: unknown) => (typeof v === "boolean" ? (v ? "yes" : "no") : String(v));
  assert.equal(
    sectionsText({ z: { b: 1, a: true }, a: { k: "v" } }, text, (s, k) => `${s}.${k}`),
    "[a]\nk=v\n\n[z]\na=yes\nb=1\n",
  );
  assert.throws(
    () => sectionsText({ s: { k: "two\nlines" } }, text, (s, k) => `bad ${s}.${k}`),
    (e: unknown) =>
      e instanceof ConfedError && e.code === "E_FORMAT_VALUE" && e.message === "bad s.k",
  );
});
