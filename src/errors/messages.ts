/**
 * The long user-facing texts of the module system, in one place. Each function takes the data
 * and returns confed's own wording: what failed, where (option path, files), and what to do.
 */

const q = (s: string) => `\`${s}'`;
const files = (fs: readonly string[]) => fs.map(q).join(", ");

function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return "";
  if (suggestions.length === 1) return `\n\nDid you mean ${q(suggestions[0])}?`;
  const init = suggestions.slice(0, -1).map(q).join(", ");
  return `\n\nDid you mean ${init} or ${q(suggestions[suggestions.length - 1])}?`;
}

export const messages = {
  didYouMean,

  undeclared: (path: string, defs: string, suggestions: readonly string[]) =>
    `The option ${q(path)} does not exist. Definition values:${defs}${didYouMean(suggestions)}`,

  undeclaredNoOptions: (path: string, defs: string) =>
    `The option ${q(path)} does not exist, and no options are declared${path ? ` under it` : ""}: ` +
    `a definition was given where no module declares options. Definition values:${defs}`,

  undeclaredRead: (path: string, suggestions: readonly string[]) =>
    `The option ${q(path)} does not exist (it was read, but no module declares it).${didYouMean(suggestions)}`,

  notOfType: (path: string, description: string, defs: string) =>
    `A definition for option ${q(path)} is not of type ${q(description)}. Definition values:${defs}`,

  conflicting: (path: string, defs: string) =>
    `The option ${q(path)} has conflicting definition values:${defs}\n` +
    "Use `mkForce(value)` or `mkDefault(value)` to change the priority on any of these definitions.",

  notUnique: (path: string, message: string, defs: string) =>
    `The option ${q(path)} is defined multiple times while it's expected to be unique.` +
    `${message ? `\n${message}` : ""}\nDefinition values:${defs}\n` +
    "Use `mkForce(value)` or `mkDefault(value)` to give one definition a higher priority.",

  cannotMerge: (path: string, defs: string) =>
    `Cannot merge definitions of ${q(path)}: they are of different kinds or unequal numbers. Definition values:${defs}`,

  conflictingKinds: (path: string, fs: readonly string[]) =>
    `The option ${q(path)} has conflicting option types in ${files(fs)}`,

  nullAndNotNull: (path: string, fs: readonly string[]) =>
    `The option ${q(path)} is defined both null and not null, in ${files(fs)}.`,

  neitherType: (path: string, d1: string, d2: string, defs: string) =>
    `A definition for option ${q(path)} is not of type ${q(`${d1} or ${d2}`)}: the definitions are neither all ${q(d1)} nor all ${q(d2)}. Definition values:${defs}`,

  noValue: (path: string, fs: readonly string[]) =>
    `The option ${q(path)} was accessed but has no value defined. Try setting the option.` +
    (fs.length ? ` It is declared in ${files(fs)}.` : ""),

  readOnly: (path: string, defs: string) =>
    `The option ${q(path)} is read-only, but it's set multiple times. Definition values:${defs}`,

  alreadyDeclared: (path: string, file: string, earlier: readonly string[]) =>
    `The option ${q(path)} in ${q(file)} is already declared in ${files(earlier)}.`,

  prefixOfOptions: (path: string, file: string, description: string, others: readonly string[]) =>
    `The option ${q(path)} in module ${q(file)} would be a parent of options declared in ${files(others)}, ` +
    `but its type ${q(description)} does not support nested options.`,

  declarationNotAttrs: (path: string, file: string, kind: string) =>
    `In module ${q(file)}: the option declaration for ${q(path || "<root>")} is ${kind} rather than ` +
    "an attribute set of options. Did you mean to define this outside of `options`?",

  declarationIsType: (path: string, file: string, kind: string) =>
    `In module ${q(file)}: expected an option declaration at ${q(path)} but got ${kind}.` +
    (kind === "an option type"
      ? ` Wrap the type in mkOption: ${path.split(".").pop()}: mkOption({ type: <the type>, description: "…" }).`
      : ""),

  definitionNotAttrs: (path: string, file: string, kind: string) =>
    `In module ${q(file)}, a value of type ${kind} is defined for ${q(path)}, which is a set of options, ` +
    "not an option: define its sub-options instead.",

  nonBoolCondition: (file: string, kind: string) =>
    `mkIf called with a non-boolean condition (got ${kind}) in a definition from ${q(file)}.`,

  recursion: (path: string) =>
    `infinite recursion encountered: the value of ${q(path)} depends on itself.`,

  recursionGetter: (key: string, file: string) =>
    `infinite recursion encountered: the getter ${q(key)} from ${q(file)} depends on itself.`,

  recursionCondition: (file: string) =>
    `infinite recursion encountered: an mkIf condition in ${q(file)} depends on itself.`,

  recursionNamespace: (path: string) =>
    `infinite recursion encountered while finding which options are defined under ${q(path || "<root>")}: ` +
    "the set of names defined there depends on a value under it.",

  tooDeep: (path: string, depth: number) =>
    `infinite recursion encountered (or a chain of more than ${depth} dependent values) while evaluating ${q(path)}.`,

  missingArg: (name: string, file: string, suggestions: readonly string[]) =>
    `The module ${q(file)} reads the argument ${q(name)}, which is neither a special argument ` +
    `(specialArgs) nor set in ${q("_module.args")}.${didYouMean(suggestions)}`,

  unsupportedAttr: (file: string, attr: string, all: readonly string[]) =>
    `Module ${q(file)} has an unsupported attribute ${q(attr)}. A module with an explicit ` +
    "`config` or `options` may only also have `imports`, `_file`, `key`, `_class`, `disabledModules`, " +
    `\`meta\` and \`freeformType\`: move ${all.map(q).join(", ")} into \`config\`.`,

  notAModule: (file: string, kind: string) =>
    `A value of kind ${kind} in ${q(file)} is not a module: a module is an object, a function ` +
    "returning one, mkIf/mkOverride around a config, or (with a loader) a path.",

  mergeAsModule: (file: string) =>
    `mkMerge cannot be used as a module (in ${q(file)}): use it inside \`config\` instead.`,

  nestedImports: (file: string) =>
    `Module imports can't be nested lists (in ${q(file)}). Perhaps you meant to remove one level of lists?`,

  pathImportWithoutLoader: (path: string, file: string) =>
    `The module ${q(file)} imports the path ${q(path)}, but this evaluation has no file loader. ` +
    "Import the module value itself, or evaluate through a confed flake.",

  wrongClass: (file: string, moduleClass: string, expected: string) =>
    `The module ${q(file)} is a ${JSON.stringify(moduleClass)} module and cannot be imported into an ` +
    `evaluation of class ${JSON.stringify(expected)}.`,

  laziness: (what: string, action: string) =>
    `${what} was ${action} while modules are still being collected, before any option has a value. ` +
    "Read it inside a getter (`get name() { return config.x }`) or an mkIf condition " +
    "(`mkIf(() => config.x, …)`). If you used object spread, Object.assign or structuredClone on a " +
    "definition object, they run its getters early: combine definitions with mkMerge([...]) instead.",

  importDependsOnConfig: (file: string, what: string) =>
    `infinite recursion encountered: the imports of ${q(file)} depend on ${what}, which is only known ` +
    "after every import is collected. Imports may depend on specialArgs, not on config or `_module.args`.",

  thenable: (path: string | undefined) =>
    `A Promise (or other thenable) was given as a value${path ? ` for ${q(path)}` : ""}: definitions ` +
    "are synchronous. Await it before evaluation (for example in confed.ts) and pass the result.",

  functionToJSON: (path: string) =>
    `Cannot convert the value of ${q(path)} to JSON: it is a function.`,

  removed: (path: string, instructions: string) =>
    `The option ${q(path)} can no longer be used since it's been removed. ${instructions}`,

  removedDefined: (path: string, fs: readonly string[], instructions: string) =>
    `The option definition ${q(path)} in ${files(fs)} no longer has any effect; please remove it.\n${instructions}`,

  renamed: (from: string, fs: readonly string[], to: string) =>
    `The option ${q(from)} defined in ${files(fs)} has been renamed to ${q(to)}.`,

  renameTargetMissing: (to: string) => `Renaming error: option ${q(to)} does not exist.`,

  typeMergeConflict: (what: string) =>
    `A submoduleWith option is declared multiple times with ${what}.`,
} as const;
