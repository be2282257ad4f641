// Inputs' public surface: explicit named re-exports only.

export {
  type Fetched,
  type FetchOptions,
  fetchInput,
  fetchLocked,
  type Locked,
  sourcePath,
} from "./fetch.ts";
export { fetchLockGraph } from "./fetch-graph.ts";
export { InputError, type InputErrorCode } from "./input-error.ts";
export { inputStore } from "./input-store.ts";
export {
  checkGraph,
  type DependencyInfo,
  describeChange,
  type LockChange,
  type LockGraph,
  type LockGraphNode,
  type LockOptions,
  type LockResult,
  lockFlake,
  resolveFollows,
} from "./lock.ts";
export {
  type InputRef,
  type InputSpec,
  parseInputSpec,
  parseInputUrl,
  renderInputUrl,
} from "./url.ts";
