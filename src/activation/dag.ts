import { DagCycleError, dagSort } from "../lib/index.ts";
import type { ActivationEntry } from "../manifest/index.ts";
import { ActivationError } from "./activation-error.ts";

/**
 * Orders activation entries so that each runs after its `after` names and before its `before`
 * names (lib's `dagSort`: names no entry has, such as the anchor `writeBoundary`, are ignored;
 * ties go by name). A cycle is an error naming its entries.
 *
 * @example
 * orderEntries([{ name: "b", after: ["a"], before: [], script: "" },
 *               { name: "a", after: [], before: [], script: "" }]).map((e) => e.name) // ["a", "b"]
 */
export function orderEntries(entries: readonly ActivationEntry[]): ActivationEntry[] {
  const byName = new Map(entries.map((e) => [e.name, e]));
  try {
    return dagSort(Object.fromEntries(byName)).map((n) => byName.get(n)!);
  } catch (e) {
    if (!(e instanceof DagCycleError)) throw e;
    throw new ActivationError(
      "E_ACTIVATION_CYCLE",
      `The home.activation entries order themselves in a cycle: ${e.cycle.join(" -> ")}. ` +
        "Remove one of the after/before constraints.",
      { cause: e },
    );
  }
}
