// The nixon command: lists the projects under the configured directories and opens one.
import type { Pkgs } from "confed";

export function nixonPackage(pkgs: Pkgs) {
  return pkgs.writeShellScriptBin(
    "nixon",
    [
      'config="${XDG_CONFIG_HOME:-$HOME/.config}/nixon/config.json"',
      'dirs=$(sed -n \'s/.*"projectDirs": *\\[\\(.*\\)\\].*/\\1/p\' "$config" | tr -d \'"\' | tr , " ")',
      'for d in $dirs; do d="${d/#\\~/$HOME}"; [ -d "$d" ] && ls -1d "$d"/*/; done',
    ].join("\n"),
  );
}
