// defineModule, defineMachine, defineHome and the registries (see registry.ts): what a module
// reads, what it may write, typos inside every wrapper. Each `@ts-expect-error` sits on the one
// line that is wrong.
import { expectTypeOf } from "expect-type";
import {
  type ConfigOf,
  type ConfigOfModules,
  type DefinitionOfModules,
  defineHome,
  defineMachine,
  defineModule,
  type HomeConfig,
  mkDefault,
  mkEnableOption,
  mkForce,
  mkIf,
  mkMerge,
  mkOption,
  type Package,
  type SystemConfig,
  types,
} from "../src/index.ts";
import type { bashOptions, gitOptions, homeOptions, webOptions } from "./registry.ts";

// Two modules registered under different keys both add to `programs`.
expectTypeOf<SystemConfig["programs"]["git"]["enable"]>().toEqualTypeOf<boolean>();
expectTypeOf<SystemConfig["programs"]["git"]["userName"]>().toEqualTypeOf<string | null>();
expectTypeOf<SystemConfig["programs"]["bash"]["historySize"]>().toEqualTypeOf<number | null>();
expectTypeOf<SystemConfig["services"]["web"]["hosts"][string]["aliases"]>().toEqualTypeOf<
  string[]
>();
// Two modules declaring one submodule option: its values have the options of both.
type Host = SystemConfig["services"]["web"]["hosts"][string];
expectTypeOf<Host["serverName"]>().toEqualTypeOf<string>();
expectTypeOf<Host["root"]>().toEqualTypeOf<string | null>();
expectTypeOf<HomeConfig["home"]["packages"]>().toEqualTypeOf<Package[]>();
expectTypeOf<HomeConfig["programs"]["bash"]["enable"]>().toEqualTypeOf<boolean>();
// The registries are separate: homes have no web server, machines no home.packages.
// (Homes do have `services`: user daemons such as services.emacs.)
expectTypeOf<HomeConfig["services"]>().not.toHaveProperty("web");
// (Machines do have `home`: `home.users` embeds homes.)
expectTypeOf<SystemConfig["home"]>().not.toHaveProperty("packages");

// The merge of a registry, exactly.
type Two = { "programs/git": typeof gitOptions; "programs/bash": typeof bashOptions };
expectTypeOf<ConfigOfModules<Two>>().branded.toEqualTypeOf<{
  programs: {
    git: {
      enable: boolean;
      userName: string | null;
      aliases: Record<string, string>;
      ignores: string[];
    };
    bash: { enable: boolean; shellAliases: Record<string, string>; historySize: number | null };
  };
}>();
expectTypeOf<{ programs: { git: { enable: true }; bash: { enable: true } } }>().toExtend<
  DefinitionOfModules<Two>
>();
// Nothing registered: nothing to check.
expectTypeOf<ConfigOfModules<{}>>().toEqualTypeOf<Record<string, any>>();
expectTypeOf<SystemConfig>().toExtend<ConfigOf<typeof webOptions>>();
expectTypeOf<HomeConfig>().toExtend<ConfigOf<typeof homeOptions>>();

// Identity: the argument comes back, typed.
const shorthand = { programs: { git: { enable: true } } };
expectTypeOf(defineMachine(shorthand)).toExtend<object>();

// Shorthand modules, explicit modules and functions, with property wrappers.
export const machine = defineMachine({
  imports: [],
  _module: { args: { hostName: "nuckie" } },
  programs: { git: { enable: true, ignores: ["*.swp"] } },
  services: {
    web: {
      port: mkForce(8080),
      hosts: { "a.example": { aliases: ["www"], root: "/srv/a" } },
    },
  },
});
export const explicit = defineMachine({
  _file: "machines/explicit.ts",
  config: mkMerge([
    { programs: { bash: { enable: true } } },
    mkIf(true, { programs: { git: { userName: "me" } } }),
  ]),
});
export const fromArgs = defineMachine(({ config, pkgs, lib }) => ({
  config: {
    programs: {
      bash: {
        enable: mkDefault(config.programs.git.enable),
        shellAliases: lib.mkIf(config.services.web.enable, { web: `curl ${pkgs.curl}` }),
      },
    },
  },
}));
export const home = defineHome(({ pkgs }) => ({
  home: { username: "myme", packages: [pkgs.git, pkgs.ripgrep] },
  programs: { bash: { enable: true } },
}));

// A module reading and writing its own new options: with an object, they are inferred.
export const ownObject = defineModule({
  options: { myme: { wm: { enable: mkEnableOption("a graphical session") } } },
  config: mkMerge([
    { myme: { wm: { enable: mkDefault(true) } } },
    { programs: { bash: { enable: true } } },
  ]),
});
// A function module names its options' type; then `config` has them (TypeScript cannot infer
// a function's argument from what it returns).
const wmOptions = {
  myme: {
    wm: {
      enable: mkEnableOption("a graphical session"),
      variant: mkOption({ type: types.enum(["i3", "xmonad"]), default: "i3" }),
    },
  },
};
export const ownFunction = defineModule<typeof wmOptions>(({ config }) => {
  expectTypeOf(config.myme.wm.variant).toEqualTypeOf<"i3" | "xmonad">();
  expectTypeOf(config.programs.git.enable).toEqualTypeOf<boolean>();
  return {
    options: wmOptions,
    config: mkIf(() => config.myme.wm.enable, {
      myme: { wm: { variant: mkDefault("xmonad") } },
      programs: { bash: { enable: true } },
    }),
  };
});
export const ownMachine = defineMachine<typeof wmOptions>(({ config }) => ({
  options: wmOptions,
  config: {
    programs: {
      git: {
        get ignores() {
          return config.myme.wm.variant === "i3" ? [".i3"] : [];
        },
      },
    },
  },
}));

// Typos are compile errors: inside mkIf, mkMerge, mkDefault, getters, config and shorthand.
export const typoInMkIf = defineMachine(({ config }) => ({
  config: mkIf(() => config.programs.git.enable, {
    programs: {
      // @ts-expect-error -- `enabel`
      bash: { enabel: true },
    },
  }),
}));
export const typoInMkMerge = defineMachine({
  config: mkMerge([
    { programs: { git: { enable: true } } },
    // @ts-expect-error -- `gti`
    mkIf(true, { programs: { gti: { enable: true } } }),
  ]),
});
export const typoInMkDefault = defineMachine({
  programs: {
    git: mkDefault({
      // @ts-expect-error -- `userNmae`
      userNmae: "me",
    }),
  },
});
export const typoReadInGetter = defineMachine(({ config }) => ({
  programs: {
    git: {
      get ignores() {
        // @ts-expect-error -- `prot`
        return [String(config.services.web.prot)];
      },
    },
  },
}));
export const typoInGetterResult = defineMachine({
  services: {
    web: {
      // A getter's result is checked as the value of its property, so the error is reported at
      // the getter: its body holds only the typo.
      // @ts-expect-error -- `aliasses`
      get hosts() {
        return { "a.example": { aliasses: ["www"] } };
      },
    },
  },
});
export const typoInMergedSubmodule = defineMachine({
  services: {
    web: {
      hosts: {
        "a.example": {
          // @ts-expect-error -- `rooot`, next to options from both declarations
          rooot: "/srv/a",
          serverName: "a.example",
        },
      },
    },
  },
});
export const typoInShorthand = defineMachine({
  // @ts-expect-error -- `programms`
  programms: {},
});
export const typoInOwnOption = defineModule({
  options: { myme: { enable: mkEnableOption("it") } },
  config: {
    myme: {
      // @ts-expect-error -- `enabel`, one of the module's own options
      enabel: true,
    },
  },
});
export const typoReadingOwnOption = defineModule<typeof wmOptions>(({ config }) => ({
  options: wmOptions,
  // @ts-expect-error -- `varaint`
  config: mkIf(() => config.myme.wm.varaint === "i3", {}),
}));
export const typoInOwnOptionInMkIf = defineModule<typeof wmOptions>(({ config }) => ({
  options: wmOptions,
  config: mkIf(() => config.myme.wm.enable, {
    myme: {
      // @ts-expect-error -- `varient`
      wm: { varient: "i3" },
    },
  }),
}));
// A home option in a machine, a machine option in a home.
export const homeOptionInMachine = defineMachine({
  // @ts-expect-error -- `home` is a home option
  home: { username: "myme" },
});
export const machineOptionInHome = defineHome({
  // @ts-expect-error -- `services` are machine options
  services: { web: { enable: true } },
});

// Wrong value types, inside wrappers too.
export const wrongType = defineMachine({
  programs: {
    git: {
      // @ts-expect-error -- ignores is a list of strings
      ignores: "*.swp",
    },
  },
});
export const wrongTypeInMkForce = defineMachine({
  services: {
    web: {
      // @ts-expect-error -- a port is a number
      port: mkForce("80"),
    },
  },
});
export const wrongOwnType = defineModule<typeof wmOptions>(({ lib }) => ({
  options: wmOptions,
  config: {
    myme: {
      // @ts-expect-error -- not one of the variants
      wm: { variant: lib.mkForce("sway") },
    },
  },
}));
