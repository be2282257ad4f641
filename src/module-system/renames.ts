/**
 * Modules that move options: renames (with a warning), aliases (silent), removals (an assertion
 * and an error when read). They keep the user's definitions with their priorities.
 */
import { ModuleError, messages } from "../errors/index.ts";
import { showOption } from "../lib/index.ts";
import { mkOption } from "./option.ts";
import { mkIf, mkMerge, mkOverride } from "./properties.ts";
import { submodule } from "./types/submodule.ts";

type Path = readonly string[];

function setAttrByPath(path: Path, value: unknown): Record<string, unknown> {
  let v = value;
  for (let i = path.length - 1; i >= 0; i--) {
    const o = Object.create(null);
    o[path[i]] = v;
    v = o;
  }
  return v as Record<string, unknown>;
}

/** Defines a getter at `path` (creating the parents), keeping the getter lazy. */
function setGetterByPath(path: Path, get: () => unknown): Record<string, unknown> {
  const leaf = Object.create(null);
  Object.defineProperty(leaf, path[path.length - 1], { enumerable: true, get });
  return path.length === 1 ? leaf : setAttrByPath(path.slice(0, -1), leaf);
}

function getAttrFromPath(path: Path, obj: unknown): any {
  let v: any = obj;
  for (const k of path) {
    if (v === null || v === undefined || !(k in v)) return undefined;
    v = v[k];
  }
  return v;
}

function doRename(spec: {
  from: Path;
  to: Path;
  visible: boolean;
  warn: boolean;
  withPriority: boolean;
}) {
  const { from, to } = spec;
  return ({ config, options }: { config: any; options: any }) => {
    const fromOpt = () => getAttrFromPath(from, options);
    const decl = mkOption({
      visible: spec.visible,
      description: `Alias of \`${showOption(to)}\`.`,
    });
    Object.defineProperty(decl, "apply", {
      enumerable: true,
      value: () => {
        const v = getAttrFromPath(to, config);
        if (v === undefined && getAttrFromPath(to, options) === undefined) {
          throw new ModuleError(
            "E_OPTION_UNDECLARED",
            messages.renameTargetMissing(showOption(to)),
            { optionPath: showOption(to) },
          );
        }
        return v;
      },
    });
    Object.defineProperty(decl, "type", {
      enumerable: true,
      get: () => getAttrFromPath(to, options)?.type ?? submodule({}),
    });
    return {
      _file: `rename ${showOption(from)} -> ${showOption(to)}`,
      options: setAttrByPath(from, decl),
      get config() {
        const parts: unknown[] = [];
        if (spec.warn && options.warnings !== undefined) {
          parts.push({
            get warnings() {
              const o = fromOpt();
              return o.isDefined
                ? [messages.renamed(showOption(from), o.files, showOption(to))]
                : [];
            },
          });
        }
        parts.push(
          mkIf(
            () => fromOpt().isDefined,
            setGetterByPath(to, () => {
              const o = fromOpt();
              const defs = o.definitions as unknown[];
              return spec.withPriority
                ? mkMerge(defs.map((d) => mkOverride(o.highestPrio, d)))
                : mkMerge(defs);
            }),
          ),
        );
        return mkMerge(parts);
      },
    };
  };
}

/**
 * The option `from` was renamed to `to`: definitions of `from` go to `to` (with their priority),
 * with a warning when a `warnings` option exists.
 *
 * @example
 * imports: [mkRenamedOptionModule(["services", "old"], ["services", "new"])]
 */
export function mkRenamedOptionModule(from: Path, to: Path): unknown {
  return doRename({ from, to, visible: false, warn: true, withPriority: true });
}

/** `from` is another name for `to`, without a warning. @example mkAliasOptionModule(["x"], ["y"]) */
export function mkAliasOptionModule(from: Path, to: Path): unknown {
  return doRename({ from, to, visible: true, warn: false, withPriority: true });
}

/**
 * The option at `path` was removed: defining it fails an assertion (with `instructions`), and
 * reading it is an error.
 *
 * @example
 * imports: [mkRemovedOptionModule(["services", "legacy"], "Use services.modern instead.")]
 */
export function mkRemovedOptionModule(path: Path, instructions: string): unknown {
  return ({ options }: { options: any }) => ({
    _file: `removed option ${showOption(path)}`,
    options: setAttrByPath(
      path,
      mkOption({
        visible: false,
        apply: () => {
          throw new ModuleError("E_REMOVED", messages.removed(showOption(path), instructions), {
            optionPath: showOption(path),
          });
        },
      }),
    ),
    config: {
      get assertions() {
        const opt = getAttrFromPath(path, options);
        return [
          {
            assertion: !opt.isDefined,
            message: messages.removedDefined(showOption(path), opt.files, instructions),
          },
        ];
      },
    },
  });
}
