export { ActivationError, type ActivationErrorCode } from "./activation-error.ts";
export {
  type ApplyOptions,
  type ApplyResult,
  applyPlan,
  needsRecovery,
  readState,
  recover,
} from "./apply.ts";
export { orderEntries } from "./dag.ts";
export { expandFiles, type Target } from "./expand.ts";
export { type PlanOptions, planHome } from "./plan.ts";
export type {
  ActivationState,
  Collision,
  FileChange,
  Notice,
  Op,
  PendingScript,
  Placed,
  Plan,
} from "./plan-types.ts";
export { renderPlan } from "./render-plan.ts";
export { type Drift, homeStatus } from "./status.ts";
export { unifiedDiff } from "./unified-diff.ts";
