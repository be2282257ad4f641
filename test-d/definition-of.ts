// DefinitionOf: what a module may write. Each `@ts-expect-error` sits on the one line that is
// wrong, so an error anywhere else cannot satisfy it.
import { expectTypeOf } from "expect-type";
import {
  type DefinitionOf,
  mkAfter,
  mkBefore,
  mkDefault,
  mkEnableOption,
  mkForce,
  mkIf,
  mkMerge,
  mkOption,
  mkOrder,
  mkOverride,
  type Package,
  types as t,
} from "../src/index.ts";

const options = {
  services: {
    web: {
      enable: mkEnableOption("the web server"),
      port: mkOption({ type: t.port, default: 80 }),
      mode: mkOption({ type: t.enum(["static", "proxy"]), default: "static" }),
      root: mkOption({ type: t.nullOr(t.str), default: null }),
      extraHosts: mkOption({ type: t.listOf(t.str), default: [] }),
      env: mkOption({ type: t.attrsOf(t.str), default: {} }),
      // A string or a list of strings; modules read a list.
      listen: mkOption({ type: t.coercedTo(t.str, (s) => [s], t.listOf(t.str)), default: [] }),
      // coercedTo inside a list: each element may be the input type.
      upstreams: mkOption({
        type: t.listOf(t.coercedTo(t.int, (port) => `localhost:${port}`, t.str)),
        default: [],
      }),
      vhosts: mkOption({
        type: t.attrsOf(
          t.submodule({
            options: {
              serverName: mkOption({ type: t.str }),
              https: mkOption({ type: t.bool, default: false }),
              locations: mkOption({
                type: t.attrsOf(t.submodule({ options: { proxyPass: mkOption({ type: t.str }) } })),
                default: {},
              }),
            },
          }),
        ),
        default: {},
      }),
      hook: mkOption({ type: t.functionTo(t.str) }),
      package: mkOption({ type: t.package }),
      settings: mkOption({ type: t.attrsOf(t.anything), default: {} }),
    },
  },
};
type Def = DefinitionOf<typeof options>;
declare const enabled: () => boolean;
declare const nginx: Package;

// Everything is optional, at every level.
expectTypeOf<{}>().toExtend<Def>();
expectTypeOf<{ services: { web: {} } }>().toExtend<Def>();

// Plain values, and every property wrapper.
export const plain: Def = {
  services: {
    web: {
      enable: true,
      port: 8080,
      mode: "proxy",
      root: null,
      extraHosts: ["a.example"],
      env: { A: "1" },
      hook: (name: string) => name,
      package: nginx,
      settings: { anything: [1, "two", { three: 3 }] },
    },
  },
};
export const wrapped: Def = {
  services: {
    web: {
      enable: mkForce(true),
      port: mkDefault(8080),
      mode: mkOverride(900, "proxy"),
      root: mkIf(enabled, "/srv/www"),
      extraHosts: mkMerge([["a.example"], mkIf(enabled, ["b.example"])]),
      env: mkBefore({ A: "1" }),
    },
  },
};
export const atEveryLevel: Def = mkMerge([
  mkIf(enabled, { services: { web: { enable: true } } }),
  { services: mkDefault({ web: { port: 8080 } }) },
  { services: { web: mkForce({ mode: "proxy" }) } },
]);

// Lists take element definitions (mkIf inside a list is honoured), orders and readonly arrays.
export const lists: Def = {
  services: {
    web: {
      extraHosts: [mkIf(enabled, "a.example"), "b.example"],
      upstreams: mkAfter(["localhost:1", 8080]),
    },
  },
};
const hosts = ["a.example", "b.example"] as const;
export const readonlyList: Def = { services: { web: { extraHosts: hosts } } };
export const ordered: Def = { services: { web: { extraHosts: mkOrder(10, ["first"]) } } };

// coercedTo takes its input type as well as its final type.
export const coercedFromString: Def = { services: { web: { listen: "0.0.0.0:80" } } };
export const coercedFromList: Def = { services: { web: { listen: mkForce(["[::]:80"]) } } };

// Submodule values are partial; attrsOf(submodule) entries too, at every depth.
export const partialSubmodule: Def = {
  services: {
    web: {
      vhosts: {
        "a.example": { https: true },
        "b.example": mkIf(enabled, { locations: { "/": { proxyPass: "http://b" } } }),
      },
    },
  },
};

// Getters are properties like any other, checked against the option's type.
export const withGetters: Def = {
  services: {
    web: {
      get port() {
        return 8080;
      },
      get vhosts() {
        return { "a.example": { serverName: "a.example" } };
      },
    },
  },
};

// Wrong value types.
export const wrongScalar: Def = {
  services: {
    web: {
      // @ts-expect-error -- a port is a number
      port: "8080",
    },
  },
};
export const wrongEnum: Def = {
  services: {
    web: {
      // @ts-expect-error -- not one of the enum's values
      mode: "redirect",
    },
  },
};
export const wrongInsideMkForce: Def = {
  // @ts-expect-error -- mkForce's content is checked against the option: true is not a string
  services: { web: { root: mkForce(true) } },
};
export const wrongInsideMkDefault: Def = {
  // @ts-expect-error -- mkDefault's content is checked against the option
  services: { web: { port: mkDefault("80") } },
};
export const wrongInsideMkIf: Def = mkIf(enabled, {
  // @ts-expect-error -- an enable flag is a boolean
  services: { web: { enable: "yes" } },
});
export const wrongInsideMkMerge: Def = mkMerge([
  { services: { web: { enable: true } } },
  // @ts-expect-error -- a list element of the wrong type
  { services: { web: { extraHosts: [1] } } },
]);
export const wrongListElement: Def = {
  services: {
    web: {
      // @ts-expect-error -- the coerced input of these elements is a number, not a boolean
      upstreams: [true],
    },
  },
};
export const wrongCoercedInput: Def = {
  services: {
    web: {
      // @ts-expect-error -- neither a string nor a list of strings
      listen: 80,
    },
  },
};
export const wrongInSubmodule: Def = {
  services: {
    web: {
      vhosts: {
        // @ts-expect-error -- https is a boolean
        "a.example": { https: "yes" },
      },
    },
  },
};
export const wrongGetter: Def = {
  services: {
    web: {
      // @ts-expect-error -- the getter returns a string where a number is wanted
      get port() {
        return "80";
      },
    },
  },
};
export const notAPackage: Def = {
  services: {
    web: {
      // @ts-expect-error -- a string is not a package reference
      package: "nginx",
    },
  },
};

// Typos, at any depth and inside any wrapper.
export const typo: Def = {
  services: {
    web: {
      // @ts-expect-error -- `enabel`
      enabel: true,
    },
  },
};
export const typoInSubmodule: Def = {
  services: {
    web: {
      vhosts: {
        "a.example": {
          // @ts-expect-error -- `http`
          http: true,
        },
      },
    },
  },
};
export const typoInMkIf: Def = {
  services: mkIf(enabled, {
    // @ts-expect-error -- `webb`
    webb: {},
  }),
};
