import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { makePkgs } from "../../packages/index.ts";
import { assertFixture, evalHome, fileText, have, run, targets, tempHome } from "./_test-home.ts";

const pkgs = makePkgs({ family: "apt" });
const lisp = '(setq confed-test-value (+ 40 2))\n(defvar confed-test-name "default.el")';

test("programs.emacs installs Emacs and writes nothing without extraConfig", () => {
  assert.deepEqual(targets(evalHome([])), []);
  const c = evalHome([
    { programs: { emacs: { enable: true, extraPackages: (p: any) => [p.distro("elpa-magit")] } } },
  ]);
  assert.deepEqual(targets(c), []);
  assert.deepEqual(c.home.packages.map(String), ["emacs", "elpa-magit"]);
  assert.equal(c.home.sessionVariables.EMACSLOADPATH, undefined);
});

test("programs.emacs: extraConfig is the default.el Emacs finds through EMACSLOADPATH", () => {
  const c = evalHome([
    { programs: { emacs: { enable: true, package: pkgs["emacs-nox"], extraConfig: lisp } } },
  ]);
  assert.deepEqual(targets(c), [".local/share/emacs/confed/default.el"]);
  assertFixture("emacs", "default.el", fileText(c, ".local/share/emacs/confed/default.el"));
  assert.equal(c.home.sessionVariables.EMACSLOADPATH, "/home/me/.local/share/emacs/confed:");
  assert.deepEqual(c.home.packages.map(String), ["emacs-nox"]);
});

test("services.emacs: the daemon's unit, the client's desktop entry, EDITOR", () => {
  const c = evalHome([
    {
      programs: { emacs: { enable: true, package: pkgs["emacs-nox"] } },
      services: {
        emacs: {
          enable: true,
          client: { enable: true },
          defaultEditor: true,
          extraOptions: ["-f", "my start"],
        },
      },
    },
  ]);
  assertFixture("emacs", "emacs.service", fileText(c, ".config/systemd/user/emacs.service"));
  assert.equal(
    fileText(c, ".config/systemd/user/default.target.wants/emacs.service"),
    fileText(c, ".config/systemd/user/emacs.service"),
  );
  assertFixture(
    "emacs",
    "emacsclient.desktop",
    fileText(c, ".local/share/applications/emacsclient.desktop"),
  );
  assert.equal(c.home.sessionVariables.EDITOR, "emacsclient --alternate-editor= --create-frame");
  assert.equal(fileText(c, ".config/systemd/user/emacs.socket"), undefined);
});

test("services.emacs with socket activation: a socket unit, the service starts with it only", () => {
  const c = evalHome([
    { services: { emacs: { enable: true, socketActivation: { enable: true } } } },
  ]);
  assertFixture("emacs", "socket.emacs.service", fileText(c, ".config/systemd/user/emacs.service"));
  assertFixture("emacs", "emacs.socket", fileText(c, ".config/systemd/user/emacs.socket"));
  assert.equal(fileText(c, ".config/systemd/user/default.target.wants/emacs.service"), undefined);
  assert.ok(fileText(c, ".config/systemd/user/sockets.target.wants/emacs.socket"));
  assert.throws(
    () =>
      evalHome([{ services: { emacs: { enable: true, startWithUserSession: "x11" } } }]).home
        .managedFiles,
    /services\.emacs\.startWithUserSession/,
  );
});

test("real systemd-analyze: the daemon's units verify", {
  skip: have("systemd-analyze") ? false : "systemd-analyze is not installed here",
}, () => {
  const t = tempHome();
  try {
    const c = evalHome(
      [{ services: { emacs: { enable: true, socketActivation: { enable: true } } } }],
      { home: t.dir },
    );
    t.write(c);
    const dir = join(t.dir, ".config/systemd/user");
    const r = run(
      "systemd-analyze",
      ["verify", "--user", join(dir, "emacs.socket"), join(dir, "emacs.service")],
      t.dir,
    );
    // verify complains about the missing binary on a machine without Emacs, nothing else.
    const complaints = `${r.stdout}${r.stderr}`
      .split("\n")
      .filter(
        (l) =>
          l.trim() !== "" &&
          !/emacs.*(not executable|No such file)|Command .*emacs|Failed to|XDG_RUNTIME_DIR|Unit .* not found/i.test(
            l,
          ),
      );
    assert.deepEqual(complaints, []);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});

test("real emacs: default.el loads in batch mode and is what Emacs finds as `default'", {
  skip: have("emacs") ? false : "Emacs is not installed here (apt-get install emacs-nox)",
}, () => {
  const t = tempHome();
  try {
    const c = evalHome([{ programs: { emacs: { enable: true, extraConfig: lisp } } }], {
      home: t.dir,
    });
    t.write(c);
    const r = run(
      "emacs",
      [
        "--batch",
        "--eval",
        '(progn (load "default" nil t) (princ (format "%s %s %s" confed-test-value confed-test-name (locate-library "default"))))',
      ],
      t.dir,
      { EMACSLOADPATH: c.home.sessionVariables.EMACSLOADPATH },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `42 default.el ${t.dir}/.local/share/emacs/confed/default.el`);
  } finally {
    rmSync(t.dir, { recursive: true, force: true });
  }
});
