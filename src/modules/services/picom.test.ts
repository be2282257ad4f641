import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { assertFixture, evalHome, fileText, have, noVerify, verifyUnits } from "./_test-home.ts";

// libconfig's own parser, the one picom links: a small C program that prints the parsed
// settings as JSON, with each number tagged int or float.
const DUMP_C = String.raw`
#include <libconfig.h>
#include <stdio.h>
static void dump(config_setting_t *s) {
  int n, i; const char *p;
  switch (config_setting_type(s)) {
  case CONFIG_TYPE_GROUP:
    printf("{"); n = config_setting_length(s);
    for (i = 0; i < n; i++) { config_setting_t *e = config_setting_get_elem(s, i);
      printf("%s\"%s\":", i ? "," : "", config_setting_name(e)); dump(e); }
    printf("}"); break;
  case CONFIG_TYPE_ARRAY: case CONFIG_TYPE_LIST:
    printf("["); n = config_setting_length(s);
    for (i = 0; i < n; i++) { if (i) printf(","); dump(config_setting_get_elem(s, i)); }
    printf("]"); break;
  case CONFIG_TYPE_INT: printf("{\"int\":%d}", config_setting_get_int(s)); break;
  case CONFIG_TYPE_INT64: printf("{\"int\":%lld}", config_setting_get_int64(s)); break;
  case CONFIG_TYPE_FLOAT: printf("{\"float\":%.17g}", config_setting_get_float(s)); break;
  case CONFIG_TYPE_BOOL: printf(config_setting_get_bool(s) ? "true" : "false"); break;
  case CONFIG_TYPE_STRING:
    putchar('"');
    for (p = config_setting_get_string(s); *p; p++) {
      if (*p == '"' || *p == '\\') printf("\\%c", *p);
      else if (*p == '\n') printf("\\n"); else if (*p == '\t') printf("\\t"); else putchar(*p); }
    putchar('"'); break;
  }
}
int main(int argc, char **argv) {
  config_t c; config_init(&c);
  if (argc < 2 || !config_read_file(&c, argv[1])) {
    fprintf(stderr, "line %d: %s\n", config_error_line(&c), config_error_text(&c)); return 1; }
  dump(config_root_setting(&c)); return 0;
}
`;

const dir = mkdtempSync(join(tmpdir(), "confed-libconfig-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const noLibconfig =
  !(have("cc") && existsSync("/usr/include/libconfig.h")) &&
  "a C compiler and libconfig-dev are not installed (apt-get install gcc libconfig-dev)";

/** The settings libconfig reads from `text`, numbers tagged `{ int }` or `{ float }`. */
function libconfigRead(text: string): unknown {
  const bin = join(dir, "dump");
  if (!existsSync(bin)) {
    writeFileSync(join(dir, "dump.c"), DUMP_C);
    const cc = spawnSync("cc", ["-o", bin, join(dir, "dump.c"), "-lconfig"], { encoding: "utf8" });
    assert.equal(cc.status, 0, cc.stderr);
  }
  writeFileSync(join(dir, "picom.conf"), text);
  const r = spawnSync(bin, [join(dir, "picom.conf")], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

// home-manager's picom test (release-25.05), in confed's options.
const picom = {
  services: {
    picom: {
      enable: true,
      fade: true,
      fadeDelta: 5,
      fadeSteps: [0.04, 0.04],
      fadeExclude: ["window_type *= 'menu'"],
      shadow: true,
      shadowOffsets: [-10, -15],
      shadowOpacity: 0.8,
      shadowExclude: ["window_type *= 'menu'", "name ~= 'Firefox$'", "focused = 1"],
      backend: "glx",
      vSync: true,
      opacityRules: [
        "100:name = 'Picture in picture'",
        "95:class_g = 'URxvt' && !_NET_WM_STATE@:32a",
      ],
      settings: {
        "unredir-if-possible": true,
        dbe: true,
        blur: { method: "gaussian", size: 10, deviation: 5 },
      },
    },
  },
};

test("services.picom writes picom.conf as home-manager renders it", () => {
  const c = evalHome([picom]);
  assertFixture("picom", "picom.conf", fileText(c, ".config/picom/picom.conf"));
  assertFixture("picom", "picom.service", fileText(c, ".config/systemd/user/picom.service"));
});

test("libconfig reads picom.conf with floats as floats", { skip: noLibconfig }, () => {
  const read = libconfigRead(fileText(evalHome([picom]), ".config/picom/picom.conf")!) as any;
  assert.deepEqual(read["active-opacity"], { float: 1 });
  assert.deepEqual(read["shadow-opacity"], { float: 0.8 });
  assert.deepEqual(read["fade-delta"], { int: 5 });
  assert.deepEqual(read["shadow-exclude"], [
    "window_type *= 'menu'",
    "name ~= 'Firefox$'",
    "focused = 1",
  ]);
  assert.deepEqual(read.blur, { deviation: { float: 5 }, method: "gaussian", size: { int: 10 } });
  assert.deepEqual(read.wintypes, {
    dropdown_menu: { opacity: { float: 1 } },
    popup_menu: { opacity: { float: 1 } },
  });
  assert.equal(read.vsync, true);
  assert.equal(read.backend, "glx");
});

test("services.picom: settings win over the named options; bad values name the option", {
  skip: noVerify,
}, () => {
  const c = evalHome([picom, { services: { picom: { settings: { shadow: false } } } }]);
  assert.match(fileText(c, ".config/picom/picom.conf")!, /^shadow = false;$/m);
  assert.deepEqual(verifyUnits(c, ["picom.service"]), []);
  assert.throws(
    () =>
      fileText(
        evalHome([{ services: { picom: { enable: true, shadowOpacity: 2 } } }]),
        ".config/picom/picom.conf",
      ),
    /services\.picom\.shadowOpacity/,
  );
  assert.throws(
    () =>
      fileText(
        evalHome([{ services: { picom: { enable: true, settings: { "bad name": 1 } } } }]),
        ".config/picom/picom.conf",
      ),
    /bad name/,
  );
});
