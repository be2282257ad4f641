/**
 * `home.activation`: shell steps run after a switch, ordered by `after`/`before` around the
 * anchors `writeBoundary` (every check is done; files may be written from here), `linkGeneration`
 * (the home's files are in place) and `onFilesChange` (the files' onChange hooks ran).
 * `home.activationOrder` is the resulting order, checked for cycles at evaluation.
 */
import { ModuleError } from "../../errors/index.ts";
import { DagCycleError, dagSort } from "../../lib/index.ts";
import { mkOption, types } from "../../module-system/index.ts";

/** The built-in steps other steps are ordered around. */
export const ANCHORS = {
  writeBoundary: { after: [] as string[], before: [] as string[] },
  linkGeneration: { after: ["writeBoundary"], before: [] as string[] },
  onFilesChange: { after: ["linkGeneration"], before: [] as string[] },
};

/** An activation step running after `after` and before `before`. @example entryAfter(["linkGeneration"], "echo done") */
export function entryAfter(after: readonly string[], data: string) {
  return { after: [...after], before: [], data };
}
/** A step running before `before`. @example entryBefore(["writeBoundary"], "check-something") */
export function entryBefore(before: readonly string[], data: string) {
  return { after: [], before: [...before], data };
}
/** A step between two sets of steps. @example entryBetween(["onFilesChange"], ["linkGeneration"], "…") */
export function entryBetween(before: readonly string[], after: readonly string[], data: string) {
  return { after: [...after], before: [...before], data };
}
/** A step after the files are in place, in no particular order otherwise. */
export function entryAnywhere(data: string) {
  return { after: ["writeBoundary"], before: [], data };
}

export default ({ config }: { config: any }) => ({
  key: "home/activation",
  _file: "<confed>/modules/home/activation.ts",
  _class: "home",
  options: {
    home: {
      activation: mkOption({
        type: types.attrsOf(
          types.submodule({
            options: {
              after: mkOption({
                type: types.listOf(types.str),
                default: [],
                description: "Steps this one runs after.",
              }),
              before: mkOption({
                type: types.listOf(types.str),
                default: [],
                description: "Steps this one runs before.",
              }),
              data: mkOption({ type: types.lines, description: "The shell commands of the step." }),
            },
          }),
        ),
        default: {},
        description:
          "Shell steps run at activation, ordered as a DAG around writeBoundary, linkGeneration and onFilesChange.",
      }),
      activationOrder: mkOption({
        type: types.listOf(types.str),
        readOnly: true,
        internal: true,
        get default() {
          const steps: Record<string, { after: string[]; before: string[] }> = { ...ANCHORS };
          for (const [name, s] of Object.entries(config.home.activation as Record<string, any>)) {
            if (name in ANCHORS) {
              throw new ModuleError(
                "E_VALUE",
                `home.activation.${name}: \`${name}' is a built-in step; choose another name.`,
                {
                  optionPath: `home.activation.${name}`,
                },
              );
            }
            steps[name] = { after: s.after, before: s.before };
          }
          try {
            return dagSort(steps);
          } catch (e) {
            if (e instanceof DagCycleError) {
              throw new ModuleError(
                "E_VALUE",
                `home.activation: the steps' order has a cycle: ${e.cycle.join(" -> ")}.`,
                {
                  optionPath: "home.activation",
                },
              );
            }
            throw e;
          }
        },
        description: "The order activation runs the steps in.",
      }),
    },
  },
});
