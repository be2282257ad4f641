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
export { type HomeSecretsOptions, prepareHomeSecrets, systemKeyFiles } from "./home-secrets.ts";
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
  SecretFileSpec,
} from "./plan-types.ts";
export { renderPlan } from "./render-plan.ts";
export {
  type Ids,
  type PreparedSecrets,
  type PrepareSecretsOptions,
  prepareSecrets,
  unitScript,
  withSecrets,
} from "./secrets.ts";
export { removeTree, SecretContents } from "./secrets-ops.ts";
export { type Drift, homeStatus } from "./status.ts";
export {
  activateSystemSecrets,
  FOR_USERS_DIR,
  prepareSystemSecrets,
  redecryptSystemSecrets,
  SECTION_FILE,
  type SystemSecretsOptions,
  systemSecretsUnit,
} from "./system-secrets.ts";
export { unifiedDiff } from "./unified-diff.ts";
