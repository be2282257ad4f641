// Development tools (the post's home-manager/dev.nix): Haskell on request.
import { defineHome, mkIf, mkOption, types } from "confed";

export const options = {
  myme: {
    dev: {
      haskell: {
        enable: mkOption({
          type: types.bool,
          default: false,
          description: "Haskell development tools",
        }),
        lsp: mkOption({
          type: types.bool,
          default: true,
          description: "The Haskell language server",
        }),
      },
    },
  },
};

declare module "confed" {
  interface ConfedHomeModules {
    "example/dev": typeof options;
  }
}

export default defineHome(({ config, pkgs }) => {
  const haskell = config.myme.dev.haskell;
  return {
    options,
    config: {
      home: { packages: [pkgs.ripgrep, pkgs.fd, pkgs.jq] },
      programs: { direnv: { enable: true } },
    },
    imports: [
      {
        config: mkIf(() => haskell.enable, {
          home: {
            get packages() {
              return haskell.lsp
                ? [pkgs.ghc, pkgs["cabal-install"], pkgs["haskell-language-server"]]
                : [pkgs.ghc, pkgs["cabal-install"]];
            },
          },
        }),
      },
    ],
  };
});
