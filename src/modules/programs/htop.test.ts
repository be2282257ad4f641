import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { evalModules } from "../../module-system/index.ts";
import { makePkgs } from "../../packages/index.ts";
import { homeModules } from "../index.ts";
import htop, { bar, leftMeters, rightMeters, text } from "./htop.ts";

const home = (...modules: unknown[]) =>
  evalModules({
    class: "home",
    modules: [
      ...homeModules,
      htop,
      {
        home: { username: "me", homeDirectory: "/home/me" },
        _module: { args: { pkgs: makePkgs({ family: "apt" }) } },
      },
      ...modules,
    ],
  }).config as any;

const file = (c: any) =>
  c.home.managedFiles.find((f: any) => f.target === ".config/htop/htoprc")?.text as
    | string
    | undefined;

test("programs.htop writes home-manager's example htoprc for its example settings", () => {
  const c = home({
    programs: {
      htop: {
        enable: true,
        settings: {
          color_scheme: 6,
          cpu_count_from_one: 0,
          delay: 15,
          highlight_base_name: 1,
          highlight_megabytes: 1,
          highlight_threads: 1,
          ...leftMeters([bar("AllCPUs2"), bar("Memory"), bar("Swap"), text("Zram")]),
          ...rightMeters([text("Tasks"), text("LoadAverage"), text("Uptime"), text("Systemd")]),
        },
      },
    },
  });
  // The default fields are home-manager's explicit list in its test.
  assert.equal(
    file(c),
    readFileSync(join(import.meta.dirname, "__fixtures__/htop/example-htoprc"), "utf8"),
  );
  assert.deepEqual(
    c.home.packages.map((p: any) => p.name),
    ["htop"],
  );
});

test("programs.htop: header_layout first, booleans as 1/0; no settings, no file", () => {
  const c = home({
    programs: {
      htop: {
        enable: true,
        settings: { tree_view: true, header_layout: "two_50_50", fields: [0, 1] },
      },
    },
  });
  assert.equal(file(c), "header_layout=two_50_50\nfields=0 1\ntree_view=1\n");
  assert.equal(file(home({ programs: { htop: { enable: true } } })), undefined);
});
