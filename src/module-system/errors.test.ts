import assert from "node:assert/strict";
import { test } from "node:test";
import { ModuleError } from "../errors/index.ts";
import { evalModules, mkOption, types } from "./index.ts";

const catchError = (f: () => unknown): ModuleError => {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof ModuleError, String(e));
    return e;
  }
  assert.fail("expected an error");
};

test("errors carry the option path, the files and the definitions as data", () => {
  const decl = { _file: "decl.ts", options: { a: mkOption({ type: types.str }) } };
  const type = catchError(() => evalModules({ modules: [decl, { _file: "x.ts", a: 1 }] }).config.a);
  assert.equal(type.code, "E_TYPE");
  assert.equal(type.optionPath, "a");
  assert.deepEqual(type.files, ["x.ts"]);
  assert.deepEqual(type.definitions, [{ file: "x.ts", value: "1" }]);
  assert.deepEqual(type.context, ["while evaluating the option `a'"]);

  const conflict = catchError(
    () =>
      evalModules({ modules: [decl, { _file: "x.ts", a: "x" }, { _file: "y.ts", a: "y" }] }).config
        .a,
  );
  assert.equal(conflict.code, "E_CONFLICT");
  assert.deepEqual(new Set(conflict.definitions.map((d) => d.file)), new Set(["x.ts", "y.ts"]));

  const undeclared = catchError(
    () => evalModules({ modules: [decl, { _file: "z.ts", b: true }] }).config,
  );
  assert.equal(undeclared.code, "E_OPTION_UNDECLARED");
  assert.equal(undeclared.optionPath, "b");
  assert.deepEqual(undeclared.definitions, [{ file: "z.ts", value: "true" }]);

  const readOnly = catchError(
    () =>
      evalModules({
        modules: [
          { options: { r: mkOption({ type: types.int, readOnly: true, default: 1 }) } },
          { _file: "w.ts", r: 2 },
        ],
      }).config.r,
  );
  assert.equal(readOnly.code, "E_READ_ONLY");
  assert.ok(readOnly.definitions.some((d) => d.file === "w.ts" && d.value === "2"));
});
