#!/usr/bin/env node
// Installs the system tools the test suite uses when they are missing (Debian/Ubuntu, as root).
// Without root or apt it only reports what is missing; the tests that need a tool skip with a
// message naming it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/** command on PATH -> Debian package that provides it */
const tools = {
  age: "age",
  git: "git",
  ssh: "openssh-client",
  "ssh-keygen": "openssh-client",
  tmux: "tmux",
  zsh: "zsh",
  fzf: "fzf",
  direnv: "direnv",
  keychain: "keychain",
  fish: "fish",
  nvim: "neovim",
  "systemd-analyze": "systemd",
  script: "bsdutils",
  openssl: "openssl",
  // the desktop modules' checks: i3 -C, redshift -p, libconfig (picom), fontconfig's DTD
  i3: "i3-wm",
  redshift: "redshift",
  cc: "gcc",
  xmllint: "libxml2-utils",
  // booted containers (test/rigs/container.ts): systemd user units, later system activation
  debootstrap: "debootstrap",
  "systemd-nspawn": "systemd-container",
};

/** files the tests read -> Debian package that provides them */
const files = {
  "/usr/share/zsh-autosuggestions/zsh-autosuggestions.zsh": "zsh-autosuggestions",
  "/usr/share/zsh-syntax-highlighting/zsh-syntax-highlighting.zsh": "zsh-syntax-highlighting",
  // git+ssh: inputs are fetched from a real sshd on loopback
  "/usr/sbin/sshd": "openssh-server",
  "/usr/include/libconfig.h": "libconfig-dev",
  "/usr/share/xml/fontconfig/fonts.dtd": "fontconfig-config",
};

const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
const missing = [
  ...Object.entries(tools).filter(([cmd]) => !has(cmd)),
  ...Object.entries(files).filter(([file]) => !existsSync(file)),
];
if (missing.length === 0) process.exit(0);
const pkgs = [...new Set(missing.map(([, pkg]) => pkg))];
const isRoot = process.getuid?.() === 0;
if (!isRoot || !has("apt-get")) {
  console.warn(
    `confed tests: missing ${pkgs.join(", ")}; install them (apt-get install ${pkgs.join(" ")}) for the full suite`,
  );
  process.exit(0);
}
console.log(`installing ${pkgs.join(" ")} for the test suite`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
if (update.status !== 0) process.exit(update.status ?? 1);
const install = spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...pkgs], {
  stdio: "inherit",
  env,
});
process.exit(install.status ?? 1);
