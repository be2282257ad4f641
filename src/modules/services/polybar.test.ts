import assert from "node:assert/strict";
import { test } from "node:test";
import { hasPython, pythonParse } from "../../formats/_parse-check.ts";
import { failedAssertions } from "../index.ts";
import { assertFixture, evalHome, fileText, noVerify, verifyUnits } from "./_test-home.ts";

// home-manager's polybar test (release-25.05), in confed's options.
const polybar = {
  services: {
    polybar: {
      enable: true,
      script: "polybar bar &",
      config: {
        "bar/top": {
          monitor: "${env:MONITOR:eDP1}",
          width: "100%",
          height: "3%",
          radius: 0,
          "modules-center": "date",
        },
        "module/date": {
          type: "internal/date",
          internal: 5,
          date: "%d.%m.%y",
          time: "%H:%M",
          label: "%time%  %date%",
        },
      },
      settings: {
        "module/volume": {
          type: "internal/pulseaudio",
          speaker: { mixer: "Master" },
          format: { volume: "<ramp-volume> <label-volume>" },
          label: { muted: { text: "🔇", foreground: "#666" } },
          ramp: { volume: ["🔈", "🔉", "🔊"] },
          click: { right: "pavucontrol &" },
          padding: { left: " ", right: "x " },
        },
      },
      extraConfig: "[module/date]\ntype = internal/date\ninterval = 5\n",
    },
  },
};

test("services.polybar flattens settings as home-manager does; config.ini reads as INI", () => {
  const c = evalHome([polybar]);
  const ini = fileText(c, ".config/polybar/config.ini");
  assertFixture("polybar", "config.ini", ini);
  assert.equal(fileText(c, ".config/polybar/confed-start"), "#!/usr/bin/env bash\npolybar bar &\n");
  if (hasPython("configparser")) {
    // configparser has no duplicate sections; polybar merges them, so check the two halves.
    const [settingsOnly] = pythonParse("ini", [
      fileText(
        evalHome([
          { services: { polybar: { ...polybar.services.polybar, config: {}, extraConfig: "" } } },
        ]),
        ".config/polybar/config.ini",
      )!,
    ]);
    assert.deepEqual((settingsOnly as any).ok["module/volume"], {
      "click-right": "pavucontrol &",
      "format-volume": "<ramp-volume> <label-volume>",
      "label-muted": "🔇",
      "label-muted-foreground": "#666",
      "padding-left": '" "',
      "padding-right": '"x "',
      "ramp-volume-0": "🔈",
      "ramp-volume-1": "🔉",
      "ramp-volume-2": "🔊",
      "speaker-mixer": "Master",
      type: "internal/pulseaudio",
    });
  }
});

test("services.polybar: the unit starts the script with the tray", () => {
  const c = evalHome([polybar]);
  assertFixture("polybar", "polybar.service", fileText(c, ".config/systemd/user/polybar.service"));
});

test("services.polybar's unit passes systemd-analyze verify", { skip: noVerify }, () => {
  assert.deepEqual(verifyUnits(evalHome([polybar]), ["polybar.service"]), []);
});

test("services.polybar: no settings, no config.ini; a config path is included", () => {
  const bare = evalHome([{ services: { polybar: { enable: true, script: "polybar top &" } } }]);
  assert.equal(fileText(bare, ".config/polybar/config.ini"), undefined);
  const inc = evalHome([
    { services: { polybar: { enable: true, script: "x", config: "/home/me/polybar.ini" } } },
  ]);
  assert.equal(
    fileText(inc, ".config/polybar/config.ini"),
    "[section/base]\ninclude-file=/home/me/polybar.ini\n",
  );
  assert.match(
    failedAssertions(evalHome([{ services: { polybar: { enable: true } } }])).join("\n"),
    /services\.polybar\.script must be set/,
  );
});
