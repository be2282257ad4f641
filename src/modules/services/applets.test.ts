// services.flameshot, services.screen-locker, services.network-manager-applet,
// services.blueman-applet and services.barrier: small modules whose output is a unit (and
// flameshot's INI), each against its fixture and systemd-analyze verify.
import assert from "node:assert/strict";
import { test } from "node:test";
import { hasPython, pythonParse } from "../../formats/_parse-check.ts";
import { failedAssertions } from "../index.ts";
import { assertFixture, evalHome, fileText, noVerify, targets, verifyUnits } from "./_test-home.ts";

const unit = (c: any, n: string) => fileText(c, `.config/systemd/user/${n}`);
const all = {
  xsession: { enable: true, preferStatusNotifierItems: true },
  services: {
    flameshot: {
      enable: true,
      settings: {
        General: {
          disabledTrayIcon: true,
          showStartupLaunchMessage: false,
          savePath: "/home/me/shots",
        },
      },
    },
    "screen-locker": {
      enable: true,
      lockCmd: "i3lock -n -c 000000",
      inactiveInterval: 5,
      "xss-lock": { extraOptions: ["--transfer-sleep-lock"] },
    },
    "network-manager-applet": { enable: true },
    "blueman-applet": { enable: true },
    barrier: {
      client: { enable: true, server: "desktop.lan:24800", name: "my vm", enableCrypto: false },
    },
  },
};
const UNITS = [
  "flameshot.service",
  "xss-lock.service",
  "xautolock-session.service",
  "network-manager-applet.service",
  "blueman-applet.service",
  "barrierc.service",
];

test("the applets' units and flameshot.ini match their fixtures", () => {
  const c = evalHome([all]);
  for (const n of UNITS) assertFixture("applets", n, unit(c, n));
  assertFixture("applets", "flameshot.ini", fileText(c, ".config/flameshot/flameshot.ini"));
  for (const n of UNITS) {
    assert.ok(targets(c).includes(`.config/systemd/user/graphical-session.target.wants/${n}`), n);
  }
});

test("flameshot.ini reads as INI", {
  skip: !hasPython("configparser") && "python3 is missing",
}, () => {
  const [p] = pythonParse("ini", [
    fileText(evalHome([all]), ".config/flameshot/flameshot.ini")!,
  ]) as any;
  assert.deepEqual(p.ok, {
    General: {
      disabledTrayIcon: "true",
      savePath: "/home/me/shots",
      showStartupLaunchMessage: "false",
    },
  });
});

test("the applets' units pass systemd-analyze verify", { skip: noVerify }, () => {
  assert.deepEqual(verifyUnits(evalHome([all]), UNITS), []);
  const xset = evalHome([
    {
      services: {
        "screen-locker": { enable: true, lockCmd: "slock", xautolock: { enable: false } },
      },
    },
  ]);
  assert.match(unit(xset, "xss-lock.service")!, /^ExecStartPre=\/usr\/bin\/xset s 600 600$/m);
  assert.equal(unit(xset, "xautolock-session.service"), undefined);
  assert.deepEqual(verifyUnits(xset, ["xss-lock.service"]), []);
});

test("flameshot without settings writes no ini; screen-locker needs lockCmd; barrier needs a server", () => {
  assert.equal(
    fileText(
      evalHome([{ services: { flameshot: { enable: true } } }]),
      ".config/flameshot/flameshot.ini",
    ),
    undefined,
  );
  const failed = (m: unknown) => failedAssertions(evalHome([m])).join("\n");
  assert.match(
    failed({ services: { "screen-locker": { enable: true } } }),
    /services\.screen-locker\.lockCmd must be set/,
  );
  assert.match(
    failed({ services: { barrier: { client: { enable: true } } } }),
    /services\.barrier\.client\.server must be set/,
  );
});
