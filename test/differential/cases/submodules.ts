// types.submodule (twin of submodules.nix).
import { attrNames, type Cases, type Confed, cfg, ev } from "../case.ts";

const user =
  (c: Confed) =>
  ({ name, config }: any) => ({
    options: {
      uid: c.mkOption({ type: c.types.int }),
      // A value that reads a module argument is a getter (MODULES.md, laziness idiom 1).
      home: c.mkOption({
        type: c.types.str,
        get default() {
          return `/home/${name}`;
        },
      }),
      enable: c.mkOption({ type: c.types.bool, default: true }),
      description: c.mkOption({
        type: c.types.str,
        get default() {
          return `user ${name} with uid ${String(config.uid)}`;
        },
      }),
    },
  });
const declUsers = (c: Confed) => ({
  _file: "users.nix",
  options: {
    users: c.mkOption({ type: c.types.attrsOf(c.types.submodule(user(c))), default: {} }),
  },
});
const optA = (c: Confed, dflt: unknown) => ({ options: { a: c.mkOption({ default: dflt }) } });
const intAB = (c: Confed) => ({
  options: {
    a: c.mkOption({ type: c.types.int }),
    b: c.mkOption({ type: c.types.int }),
  },
});

export const cases: Cases = {
  submoduleDefaults: (c) =>
    cfg(c, [{ options: { s: c.mkOption({ type: c.types.submodule(optA(c, 1)), default: {} }) } }])
      .s,

  submoduleDefinitionsMerge: (c) =>
    cfg(c, [
      { options: { s: c.mkOption({ type: c.types.submodule(intAB(c)) }) } },
      { s: { a: 1 } },
      { s: { b: 2 } },
    ]).s,

  submoduleWithoutDefinitionIsEmptyEvaluation: (c) =>
    cfg(c, [{ options: { s: c.mkOption({ type: c.types.submodule(optA(c, "a")) }) } }]).s,

  submoduleDefaultPlusDefinition: (c) =>
    cfg(c, [
      { options: { s: c.mkOption({ type: c.types.submodule(intAB(c)), default: { a: 1 } }) } },
      { s: { b: 2 } },
    ]).s,

  submoduleDefaultMkOptionDefaultKept: (c) =>
    cfg(c, [
      { options: { s: c.mkOption({ type: c.types.submodule(intAB(c)), default: { a: 1 } }) } },
      { s: { b: c.mkOptionDefault(2) } },
      { s: { a: 5 } },
    ]).s,

  submoduleUndeclaredInside: (c) =>
    cfg(c, [
      { options: { s: c.mkOption({ type: c.types.submodule(optA(c, 1)), default: {} }) } },
      { _file: "a.nix", s: { b: 2 } },
    ]).s,

  submoduleTypeErrorInside: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule({ options: { a: c.mkOption({ type: c.types.int }) } }),
          }),
        },
      },
      { _file: "a.nix", s: { a: "x" } },
    ]).s.a,

  submoduleNonAttrsDefinition: (c) =>
    cfg(c, [
      { options: { s: c.mkOption({ type: c.types.submodule(optA(c, 1)) }) } },
      { _file: "a.nix", s: 3 },
    ]).s,

  nameIsAttributeName: (c) =>
    cfg(c, [declUsers(c), { users: { alice: { uid: 1000 } } }]).users.alice.home,

  submoduleOwnConfigReadsOwnOptions: (c) =>
    cfg(c, [declUsers(c), { users: { bob: { uid: 1001 } } }]).users.bob.description,

  attrsOfSubmoduleWhole: (c) =>
    cfg(c, [
      declUsers(c),
      { users: { alice: { uid: 1 } } },
      { users: { bob: { uid: 2, home: "/srv/bob" } } },
    ]).users,

  attrsOfSubmoduleSameNameMerges: (c) =>
    cfg(c, [
      declUsers(c),
      { users: { alice: { uid: 1 } } },
      { users: { alice: { enable: false } } },
    ]).users.alice,

  attrsOfSubmoduleMkIfFalseEntryGone: (c) =>
    attrNames(
      cfg(c, [
        declUsers(c),
        { users: { alice: { uid: 1 } } },
        { users: { bob: c.mkIf(false, { uid: 2 }) } },
      ]).users,
    ),

  attrsOfSubmoduleInnerMkIfFalseEntryStays: (c) =>
    attrNames(
      cfg(c, [
        declUsers(c),
        { users: { alice: { uid: 1 } } },
        { users: { bob: { uid: c.mkIf(false, 2) } } },
      ]).users,
    ),

  attrsOfSubmoduleInnerMkIfFalseNoValue: (c) =>
    cfg(c, [declUsers(c), { users: { bob: { uid: c.mkIf(false, 2) } } }]).users.bob.uid,

  attrsOfSubmodulePriorityInside: (c) =>
    cfg(c, [
      declUsers(c),
      { users: { alice: { uid: c.mkDefault(1) } } },
      { users: { alice: { uid: 5 } } },
    ]).users.alice.uid,

  attrsOfSubmoduleForceWholeEntry: (c) =>
    cfg(c, [
      declUsers(c),
      { users: { alice: c.mkForce({ uid: 7 }) } },
      { users: { alice: { uid: 5 } } },
    ]).users.alice.uid,

  attrsOfSubmoduleForceDropsOtherEntriesDefinitions: (c) =>
    cfg(c, [
      declUsers(c),
      { users: c.mkForce({ alice: { uid: 7 } }) },
      { users: { bob: { uid: 5 } } },
    ]).users,

  attrsOfSubmoduleErrorPathHasName: (c) =>
    cfg(c, [declUsers(c), { _file: "a.nix", users: { carol: { uid: "nope" } } }]).users.carol.uid,

  attrsOfSubmoduleNoValuePathHasName: (c) =>
    cfg(c, [declUsers(c), { users: { dave: { enable: true } } }]).users.dave.uid,

  attrsOfSubmoduleUndeclaredPathHasName: (c) =>
    cfg(c, [declUsers(c), { _file: "a.nix", users: { erin: { uid: 1, shell: "zsh" } } }]).users.erin
      .uid,

  submoduleReadsOuterConfig: (c) => {
    const outer = ({ config }: any) => ({
      options: {
        domain: c.mkOption({ type: c.types.str, default: "example.org" }),
        hosts: c.mkOption({
          type: c.types.attrsOf(
            c.types.submodule(({ name }: any) => ({
              options: {
                fqdn: c.mkOption({
                  type: c.types.str,
                  get default() {
                    return `${name}.${config.domain}`;
                  },
                }),
              },
            })),
          ),
        }),
      },
    });
    return cfg(c, [outer, { hosts: { www: {} } }, { domain: "confed.test" }]).hosts.www.fqdn;
  },

  outerReadsSubmoduleValues: (c) =>
    cfg(c, [
      declUsers(c),
      ({ config }: any) => ({
        options: { uids: c.mkOption({ type: c.types.listOf(c.types.int) }) },
        config: {
          get uids() {
            return attrNames(config.users).map((k) => config.users[k].uid);
          },
        },
      }),
      { users: { a: { uid: 1 } } },
      { users: { b: { uid: 2 } } },
    ]).uids,

  listOfSubmodules: (c) =>
    cfg(c, [
      {
        options: {
          l: c.mkOption({
            type: c.types.listOf(
              c.types.submodule({
                options: {
                  n: c.mkOption({ type: c.types.int }),
                  tag: c.mkOption({ default: "t" }),
                },
              }),
            ),
          }),
        },
      },
      { l: [{ n: 1 }] },
      { l: [{ n: 2, tag: "u" }] },
    ]).l,

  listOfSubmodulesTypeError: (c) =>
    cfg(c, [
      {
        options: {
          l: c.mkOption({
            type: c.types.listOf(
              c.types.submodule({ options: { n: c.mkOption({ type: c.types.int }) } }),
            ),
          }),
        },
      },
      { _file: "a.nix", l: [{ n: "x" }] },
    ]).l,

  submoduleShorthandIsConfigOnly: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule({
              options: { config: c.mkOption({ type: c.types.bool, default: false }) },
            }),
          }),
        },
      },
      { s: { config: true } },
    ]).s.config,

  submoduleShorthandOptionsIsUndeclared: (c) =>
    cfg(c, [
      { options: { s: c.mkOption({ type: c.types.submodule(optA(c, 1)) }) } },
      { _file: "a.nix", s: { options: { b: c.mkOption({ default: 2 }) } } },
    ]).s,

  submoduleDefinitionAsFunction: (c) =>
    cfg(c, [
      { options: { s: c.mkOption({ type: c.types.submodule(intAB(c)) }) } },
      {
        s: ({ config }: any) => ({
          a: 1,
          get b() {
            return config.a + 1;
          },
        }),
      },
    ]).s,

  submoduleListOfModules: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule([
              { options: { a: c.mkOption({ default: 1 }) } },
              { options: { b: c.mkOption({ default: 2 }) } },
            ]),
            default: {},
          }),
        },
      },
    ]).s,

  submoduleOptionsMergeAcrossDeclarations: (c) =>
    cfg(c, [
      {
        _file: "one.nix",
        options: { s: c.mkOption({ type: c.types.submodule(optA(c, 1)), default: {} }) },
      },
      {
        _file: "two.nix",
        options: {
          s: c.mkOption({
            type: c.types.submodule({ options: { b: c.mkOption({ default: 2 }) } }),
          }),
        },
      },
    ]).s,

  attrsOfSubmoduleOptionsMergeAcrossDeclarations: (c) =>
    cfg(c, [
      declUsers(c),
      {
        options: {
          users: c.mkOption({
            type: c.types.attrsOf(
              c.types.submodule({ options: { shell: c.mkOption({ default: "bash" }) } }),
            ),
          }),
        },
      },
      { users: { alice: { uid: 1 } } },
    ]).users.alice.shell,

  submoduleDuplicateInnerOptionAcrossDeclarations: (c) =>
    cfg(c, [
      {
        _file: "one.nix",
        options: { s: c.mkOption({ type: c.types.submodule(optA(c, 1)), default: {} }) },
      },
      { _file: "two.nix", options: { s: c.mkOption({ type: c.types.submodule(optA(c, 2)) }) } },
    ]).s.a,

  submoduleTwoDefaultsConflictAsDeclarations: (c) =>
    cfg(c, [
      {
        _file: "one.nix",
        options: { s: c.mkOption({ type: c.types.submodule(optA(c, 1)), default: {} }) },
      },
      {
        _file: "two.nix",
        options: { s: c.mkOption({ type: c.types.submodule({}), default: {} }) },
      },
    ]).s,

  submoduleFreeOfOuterUndeclared: (c) =>
    "_module" in
    cfg(c, [{ options: { s: c.mkOption({ type: c.types.submodule(optA(c, 1)), default: {} }) } }])
      .s,

  nestedSubmodules: (c) =>
    cfg(c, [
      {
        options: {
          outer: c.mkOption({
            type: c.types.attrsOf(
              c.types.submodule({
                options: {
                  inner: c.mkOption({
                    type: c.types.attrsOf(
                      c.types.submodule(({ name }: any) => ({
                        options: {
                          label: c.mkOption({
                            get default() {
                              return `inner ${name}`;
                            },
                          }),
                        },
                      })),
                    ),
                    default: {},
                  }),
                },
              }),
            ),
          }),
        },
      },
      { outer: { x: { inner: { y: {} } } } },
    ]).outer,

  nestedSubmoduleErrorPath: (c) =>
    cfg(c, [
      {
        options: {
          outer: c.mkOption({
            type: c.types.attrsOf(
              c.types.submodule({
                options: {
                  inner: c.mkOption({
                    type: c.types.attrsOf(
                      c.types.submodule({ options: { n: c.mkOption({ type: c.types.int }) } }),
                    ),
                  }),
                },
              }),
            ),
          }),
        },
      },
      { _file: "a.nix", outer: { x: { inner: { y: { n: true } } } } },
    ]).outer.x.inner.y.n,

  submoduleInnerOptionsVisible: (c) =>
    "uid" in
    ev(c, [declUsers(c), { users: { alice: { uid: 1 } } }]).options.users.type.getSubOptions([]),

  submoduleConfigMkIfOnOwnOption: (c) =>
    cfg(c, [
      {
        options: {
          s: c.mkOption({
            type: c.types.submodule(({ config }: any) => ({
              options: {
                enable: c.mkOption({ default: false }),
                port: c.mkOption({ default: 0 }),
              },
              config: { port: c.mkIf(() => config.enable, 80) },
            })),
            default: {},
          }),
        },
      },
      { s: { enable: true } },
    ]).s.port,
};
