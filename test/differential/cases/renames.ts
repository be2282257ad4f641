// Renamed, aliased and removed options (twin of renames.nix).
import { attrNames, type Cases, type Confed, cfg } from "../case.ts";

const declNew = (c: Confed) => ({
  _file: "new.nix",
  options: { new: { name: c.mkOption({ type: c.types.str, default: "default name" }) } },
});
const declWarnings = (c: Confed) => ({
  _file: "warnings.nix",
  options: { warnings: c.mkOption({ type: c.types.listOf(c.types.str), default: [] }) },
});
const declAssertions = (c: Confed) => ({
  _file: "assertions.nix",
  options: {
    assertions: c.mkOption({ type: c.types.listOf(c.types.unspecified), default: [] }),
  },
});
const renamed = (c: Confed) => c.mkRenamedOptionModule(["old", "name"], ["new", "name"]);
const aliased = (c: Confed) => c.mkAliasOptionModule(["alias"], ["new", "name"]);
const removed = (c: Confed) => c.mkRemovedOptionModule(["gone"], "Use new.name instead.");
/** What an assertion says, reduced to what both implementations must agree on. */
const summarise = (assertions: { assertion: boolean; message: string }[]) =>
  assertions.map((x) => ({
    assertion: x.assertion,
    namesOption: x.message.includes("gone"),
    namesFile: x.message.includes("old-user.nix"),
    hasInstructions: x.message.includes("Use new.name instead."),
  }));

export const cases: Cases = {
  renamedForwardsDefinition: (c) =>
    cfg(c, [declNew(c), renamed(c), { old: { name: "via old" } }]).new.name,

  renamedNewNameStillWorks: (c) =>
    cfg(c, [declNew(c), renamed(c), { new: { name: "via new" } }]).new.name,

  renamedUnusedKeepsDefault: (c) => cfg(c, [declNew(c), renamed(c)]).new.name,

  renamedOldReadsNewValue: (c) =>
    cfg(c, [declNew(c), renamed(c), { new: { name: "via new" } }]).old.name,

  renamedBothDefinedConflict: (c) =>
    cfg(c, [
      declNew(c),
      renamed(c),
      { _file: "a.nix", old: { name: "one" } },
      { _file: "b.nix", new: { name: "two" } },
    ]).new.name,

  renamedKeepsPriority: (c) =>
    cfg(c, [
      declNew(c),
      renamed(c),
      { old: { name: c.mkDefault("weak old") } },
      { new: { name: "strong new" } },
    ]).new.name,

  renamedForceWins: (c) =>
    cfg(c, [
      declNew(c),
      renamed(c),
      { old: { name: c.mkForce("forced old") } },
      { new: { name: "plain new" } },
    ]).new.name,

  renamedTypeCheckedAsNew: (c) =>
    cfg(c, [declNew(c), renamed(c), { _file: "a.nix", old: { name: 42 } }]).new.name,

  renamedAddsWarning: (c) =>
    cfg(c, [declNew(c), declWarnings(c), renamed(c), { old: { name: "via old" } }]).warnings.length,

  renamedWarningMentionsBothNames: (c) => {
    const w: string = cfg(c, [
      declNew(c),
      declWarnings(c),
      renamed(c),
      { _file: "old-user.nix", old: { name: "via old" } },
    ]).warnings[0];
    return {
      old: w.includes("old.name"),
      new: w.includes("new.name"),
      file: w.includes("old-user.nix"),
    };
  },

  renamedNoWarningWhenUnused: (c) =>
    cfg(c, [declNew(c), declWarnings(c), renamed(c), { new: { name: "via new" } }]).warnings,

  renamedWithoutWarningsOption: (c) =>
    attrNames(cfg(c, [declNew(c), renamed(c), { old: { name: "x" } }])),

  renamedUnderMkIfFalse: (c) =>
    cfg(c, [declNew(c), renamed(c), { old: { name: c.mkIf(false, "hidden") } }]).new.name,

  renamedToMissingOption: (c) => cfg(c, [renamed(c), { old: { name: "x" } }]).old.name,

  aliasForwardsDefinition: (c) => cfg(c, [declNew(c), aliased(c), { alias: "via alias" }]).new.name,

  aliasReadsTarget: (c) => cfg(c, [declNew(c), aliased(c), { new: { name: "target" } }]).alias,

  aliasHasNoWarning: (c) =>
    cfg(c, [declNew(c), declWarnings(c), aliased(c), { alias: "via alias" }]).warnings,

  aliasKeepsPriority: (c) =>
    cfg(c, [declNew(c), aliased(c), { alias: c.mkDefault("weak") }, { new: { name: "strong" } }])
      .alias,

  aliasTypeError: (c) => cfg(c, [declNew(c), aliased(c), { _file: "a.nix", alias: [] }]).alias,

  removedUnusedIsFine: (c) => cfg(c, [declNew(c), declAssertions(c), removed(c)]).new.name,

  removedUnusedAssertionHolds: (c) => summarise(cfg(c, [declAssertions(c), removed(c)]).assertions),

  removedDefinedAssertionFails: (c) =>
    summarise(
      cfg(c, [declAssertions(c), removed(c), { _file: "old-user.nix", gone: true }]).assertions,
    ),

  removedReadIsError: (c) => cfg(c, [declAssertions(c), removed(c), { gone: true }]).gone,

  removedReadWithoutDefinitionIsError: (c) => cfg(c, [declAssertions(c), removed(c)]).gone,

  removedAnyTypeAccepted: (c) =>
    cfg(c, [declAssertions(c), removed(c), { gone: { nested: [1] } }]).assertions.length,

  removedDefinitionDoesNotBreakOthers: (c) =>
    cfg(c, [
      declNew(c),
      declAssertions(c),
      removed(c),
      { gone: 1 },
      { new: { name: "still fine" } },
    ]).new.name,

  removedWithoutAssertionsOption: (c) => cfg(c, [declNew(c), removed(c)]).new.name,
};
