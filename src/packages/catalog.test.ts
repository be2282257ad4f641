import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  type CatalogName,
  catalog,
  catalogNames,
  catalogPackage,
  FAMILIES,
  mainProgram,
  resolve,
} from "./index.ts";

// Entries Debian's archive does not carry; resolving them on apt fails with a hint instead.
const NOT_IN_DEBIAN = ["atuin", "haskell-language-server", "lazygit", "starship"];

const pkg = (name: CatalogName) => {
  const p = catalogPackage(name);
  assert.ok(p, `no catalog entry ${name}`);
  return p;
};

describe("catalog", () => {
  test("the catalog offers about two hundred packages under unique, sorted names", () => {
    assert.ok(catalogNames.length >= 200, `only ${catalogNames.length}`);
    assert.equal(new Set(catalogNames).size, catalogNames.length);
    assert.deepEqual([...catalogNames].sort(), catalogNames);
  });

  test("every entry builds a valid, described reference whose name is its key", () => {
    for (const name of catalogNames) {
      const p = pkg(name);
      if (name !== "make") assert.equal(p.name, name);
      assert.ok(p.meta.description, `${name} has no description`);
      for (const f of FAMILIES) assert.ok(p.names[f] === null || p.names[f]!.length > 0);
    }
  });

  test("every entry has an apt name, except the reviewed few Debian lacks", () => {
    const missing = catalogNames.filter((n) => pkg(n).names.apt === null);
    assert.deepEqual(missing, NOT_IN_DEBIAN);
  });

  test("Debian's renames are recorded: packages and binaries", () => {
    assert.equal(resolve(pkg("fd"), "apt"), "fd-find");
    assert.equal(mainProgram(pkg("fd"), "apt"), "fdfind");
    assert.equal(mainProgram(pkg("fd"), "pacman"), "fd");
    assert.equal(resolve(pkg("bat"), "apt"), "bat");
    assert.equal(mainProgram(pkg("bat"), "apt"), "batcat");
    assert.equal(mainProgram(pkg("bat"), "dnf"), "bat");
    assert.equal(resolve(pkg("openssh"), "apt"), "openssh-client");
    assert.equal(resolve(pkg("silver-searcher"), "apt"), "silversearcher-ag");
    assert.equal(resolve(pkg("nix"), "apt"), "nix-bin");
    assert.equal(resolve(pkg("docker"), "apt"), "docker.io");
    assert.equal(resolve(pkg("firefox"), "apt"), "firefox-esr");
    assert.equal(resolve(pkg("libnotify"), "apt"), "libnotify-bin");
    assert.equal(resolve(pkg("network-manager-applet"), "apt"), "network-manager-gnome");
  });

  test("Fedora's and Arch's renames are recorded", () => {
    assert.equal(resolve(pkg("vim"), "dnf"), "vim-enhanced");
    assert.equal(resolve(pkg("gnupg"), "dnf"), "gnupg2");
    assert.equal(resolve(pkg("shellcheck"), "dnf"), "ShellCheck");
    assert.equal(resolve(pkg("openssh"), "dnf"), "openssh-clients");
    assert.equal(resolve(pkg("docker"), "dnf"), "moby-engine");
    assert.equal(resolve(pkg("python3"), "pacman"), "python");
    assert.equal(resolve(pkg("gh"), "pacman"), "github-cli");
    assert.equal(resolve(pkg("i3"), "pacman"), "i3-wm");
    assert.equal(resolve(pkg("go"), "pacman"), "go");
    assert.equal(resolve(pkg("go"), "apt"), "golang");
  });

  test("OpenSSH splits into client and server except on Arch", () => {
    assert.equal(resolve(pkg("openssh-server"), "apt"), "openssh-server");
    assert.equal(resolve(pkg("openssh-server"), "dnf"), "openssh-server");
    assert.equal(resolve(pkg("openssh-server"), "pacman"), "openssh");
    assert.equal(resolve(pkg("openssh"), "pacman"), "openssh");
  });

  test("binaries that differ from the name are recorded", () => {
    const expected: [CatalogName, string][] = [
      ["ripgrep", "rg"],
      ["neovim", "nvim"],
      ["gnupg", "gpg"],
      ["cabal-install", "cabal"],
      ["nodejs", "node"],
      ["openssh", "ssh"],
      ["libnotify", "notify-send"],
    ];
    for (const [name, bin] of expected) assert.equal(mainProgram(pkg(name)), bin, name);
  });

  test("the user story's packages are all there", () => {
    for (const name of ["mosh", "xmonad", "ghc", "keychain", "age", "git", "tmux"] as const)
      assert.ok(catalogPackage(name));
  });

  test("`catalogPackage` shares one reference per name, and an alias gives its target's", () => {
    assert.equal(catalogPackage("git"), catalogPackage("git"));
    assert.equal(catalogPackage("make"), catalogPackage("gnumake"));
    assert.equal(catalogPackage("make")?.name, "gnumake");
    assert.equal(catalogPackage("nope"), undefined);
    assert.equal(catalogPackage("__proto__"), undefined);
    assert.equal(catalogPackage("toString"), undefined);
  });

  test("the catalog data is frozen", () => {
    assert.ok(Object.isFrozen(catalog));
    assert.ok(Object.isFrozen(catalog.bat));
    assert.ok(Object.isFrozen(catalog.bat.bin));
  });
});
