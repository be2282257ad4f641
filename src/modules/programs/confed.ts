/**
 * `programs.confed`: the confed command on the home's PATH, as `programs.home-manager` puts
 * home-manager there.
 *
 * confed is an npm package that a configuration repository depends on, so the command that
 * matches a repository is the one in its `node_modules`. The module builds a small wrapper,
 * `confed` (`writeShellScriptBin`, joined into the home's profile, whose bin directory the
 * session puts on PATH), that runs the confed of
 * - `path`, the repository's checkout, when set (`$HOME` and other variables expand when it
 *   runs). Run outside any confed repository, the wrapper runs confed from that checkout, so
 *   `confed home switch` works from anywhere, as `home-manager switch` does;
 * - otherwise the repository around the current directory (the nearest parent holding
 *   confed.ts with confed installed).
 * It fails with a message saying what to do when it finds none. A wrapper rather than a
 * global npm install keeps the command at the version the repository's lock file pins.
 *
 * @example
 * programs: { confed: { enable: true, path: "$HOME/src/dotfiles" } }
 */
import { mkIf, mkOption, types } from "../../module-system/index.ts";
import type { Pkgs } from "../../packages/index.ts";

const confedOptions = () => ({
  programs: {
    confed: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to put the confed command on the home's PATH.",
      }),
      path: mkOption({
        type: types.nullOr(types.str),
        default: null,
        example: "$HOME/src/dotfiles",
        description:
          "The configuration repository whose confed runs (its node_modules/.bin/confed); null: the repository around the current directory.",
      }),
      package: mkOption({
        type: types.package,
        readOnly: true,
        description: "The wrapper script put on PATH (built from `path`).",
      }),
    },
  },
});

/** The options of `programs.confed`, for the type-level registry. */
export type ConfedOptions = ReturnType<typeof confedOptions>;

/** The wrapper's bash script; `path` is a directory, possibly with `$VAR`s, or null. */
export function confedWrapper(path: string | null): string {
  const repo =
    path === null ? "" : `"${path.replace(/["\\`]/g, (c) => `\\${c}`).replace(/\/+$/, "")}"`;
  return `# Written by confed (programs.confed): runs the confed of a configuration repository.
set -euo pipefail
find_repo() {
  local dir=$PWD
  while :; do
    if [[ -f $dir/confed.ts && -x $dir/node_modules/.bin/confed ]]; then
      printf '%s\\n' "$dir"
      return 0
    fi
    [[ $dir == / ]] && return 1
    dir=$(dirname "$dir")
  done
}
configured=${repo}
if repo=$(find_repo); then
  exec "$repo/node_modules/.bin/confed" "$@"
elif [[ -n $configured && -x $configured/node_modules/.bin/confed ]]; then
  cd "$configured"
  exec "$configured/node_modules/.bin/confed" "$@"
elif [[ -n $configured ]]; then
  echo "confed: $configured has no node_modules/.bin/confed; run \\\`npm install' there." >&2
  exit 127
else
  echo "confed: no confed repository here (confed.ts with confed installed); set programs.confed.path to use one from anywhere." >&2
  exit 127
fi
`;
}

export default ({ config, pkgs }: { config: any; pkgs: Pkgs }) => {
  const cfg = config.programs.confed;
  return {
    key: "programs/confed",
    _file: "<confed>/modules/programs/confed.ts",
    _class: "home",
    options: confedOptions(),
    config: {
      programs: {
        confed: {
          get package() {
            return pkgs.writeShellScriptBin("confed", confedWrapper(cfg.path));
          },
        },
      },
      home: mkIf(() => cfg.enable, {
        get packages() {
          return [cfg.package];
        },
      }),
    },
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/confed": ConfedOptions;
  }
}
