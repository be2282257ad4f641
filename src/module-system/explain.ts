/**
 * Every definition of an option and what became of it: used, beaten by a higher priority, or
 * switched off by a false mkIf. This is what `confed why` shows.
 */

import { evalCondition } from "./merge.ts";
import {
  DEFAULT_ORDER_PRIORITY,
  DEFAULT_OVERRIDE_PRIORITY,
  isDefinition,
  isIf,
  isMerge,
  isOrder,
  isOverride,
} from "./properties.ts";
import { force, isTransient } from "./value.ts";

export interface DefinitionInfo {
  file: string;
  /** The value after properties are stripped (a getter's result). */
  value: unknown;
  priority: number;
  order: number;
  /** "used": merged into the value; "overridden": lost by priority; "disabled": under a false mkIf. */
  status: "used" | "overridden" | "disabled";
  /** True for the option's `default`. */
  isDefault: boolean;
  /** Set when evaluating this definition failed (the message). */
  error?: string;
}

function walk(
  file: string,
  value: unknown,
  active: boolean,
  isDefault: boolean,
  out: DefinitionInfo[],
): void {
  let v: unknown;
  try {
    v = force(value);
  } catch (e) {
    if (isTransient(e)) throw e;
    out.push({
      file,
      value: undefined,
      priority: DEFAULT_OVERRIDE_PRIORITY,
      order: DEFAULT_ORDER_PRIORITY,
      status: active ? "used" : "disabled",
      isDefault,
      error: (e as Error).message,
    });
    return;
  }
  if (v === undefined) return;
  if (isMerge(v)) {
    for (const c of v.contents) walk(file, c, active, isDefault, out);
    return;
  }
  if (isIf(v)) {
    let on = false;
    if (active) {
      try {
        on = evalCondition(v.cond, file);
      } catch (e) {
        if (isTransient(e)) throw e;
        out.push({
          file,
          value: undefined,
          priority: DEFAULT_OVERRIDE_PRIORITY,
          order: DEFAULT_ORDER_PRIORITY,
          status: "disabled",
          isDefault,
          error: (e as Error).message,
        });
        return;
      }
    }
    walk(file, v.content, active && on, isDefault, out);
    return;
  }
  if (isDefinition(v)) {
    walk(v.file, v.value, active, isDefault, out);
    return;
  }
  let priority = DEFAULT_OVERRIDE_PRIORITY;
  let order = DEFAULT_ORDER_PRIORITY;
  if (isOverride(v)) {
    priority = v.priority;
    v = safeForce(v.content);
  }
  if (isOrder(v)) {
    order = v.priority;
    v = safeForce(v.content);
  }
  out.push({ file, value: v, priority, order, status: active ? "used" : "disabled", isDefault });
}

function safeForce(v: unknown): unknown {
  try {
    return force(v);
  } catch (e) {
    if (isTransient(e)) throw e;
    return undefined;
  }
}

/** Explains `defs` (default first when present, as the option node orders them). */
export function explainDefinitions(
  defs: readonly { file: string; value: unknown }[],
  hasDefault: boolean,
): DefinitionInfo[] {
  const out: DefinitionInfo[] = [];
  defs.forEach((d, i) => {
    walk(d.file, d.value, true, hasDefault && i === 0, out);
  });
  let best = 9999;
  for (const x of out) if (x.status === "used" && x.priority < best) best = x.priority;
  for (const x of out) if (x.status === "used" && x.priority !== best) x.status = "overridden";
  return out;
}
