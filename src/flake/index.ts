export {
  defineFlake,
  type ExtraOutputs,
  type FlakeContext,
  type FlakeModules,
  type FlakeSpec,
  type OutputsContext,
  type Overlay,
  type SelfInfo,
} from "./define.ts";
export { discoverHomes, discoverMachines } from "./discover.ts";
export {
  type Flake,
  findFlakeRoot,
  type Home,
  type LoadFlakeOptions,
  loadFlake,
  type Machine,
} from "./flake.ts";
export { createLoader, defaultCacheDir, type Loader } from "./loader.ts";
export {
  emptyLock,
  LOCK_VERSION,
  type LockFile,
  type LockNode,
  readLock,
  stampMismatch,
  writeLock,
} from "./lock.ts";
export { readDependency } from "./read-dependency.ts";
export { confedStamp, type Stamp } from "./stamp.ts";
