// The store's public surface: explicit named re-exports only.

export {
  addContentToStore,
  addDirectoryToStore,
  addTextToStore,
  addTreeToStore,
  type BuildOutput,
  buildPath,
  type DirectoryEntry,
  type TreeSource,
} from "./add.ts";
export {
  addRoot,
  addTempRoots,
  findRoots,
  type GcResult,
  gc,
  type Roots,
} from "./gc.ts";
export { withStoreLock } from "./lock.ts";

export {
  dumpNar,
  encodeNar,
  type NarDigest,
  type NarEntry,
  type NarNode,
  type NarPath,
  narDigest,
  narHash,
  nixBase32Decode,
  nixBase32Encode,
  parseNar,
  sha256Sri,
} from "./nar.ts";
export {
  type ActiveGeneration,
  activeGeneration,
  addGeneration,
  currentGeneration,
  type DeleteGenerationsOptions,
  deleteGenerations,
  type Generation,
  listGenerations,
  openProfile,
  type Profile,
  rollback,
  setActiveGeneration,
  switchGeneration,
} from "./profiles.ts";
export {
  closure,
  hashPart,
  type NarScan,
  ScanCandidates,
  scanNar,
  scanNarBytes,
  type VerifyResult,
  verify,
} from "./references.ts";
export { findGarbage, type Garbage, repair } from "./repair.ts";
export {
  flushStore,
  isValidPath,
  listValidPaths,
  type OpenStoreOptions,
  openStore,
  type PathInfo,
  queryPathInfo,
  realLocation,
  realPath,
  type Store,
  SYSTEM_STORE_DIR,
  systemStore,
} from "./store.ts";
export { StoreError, type StoreErrorCode } from "./store-error.ts";
export {
  canonicalJson,
  checkStoreDir,
  checkStoreName,
  parseStorePath,
  type Recipe,
  recipeHash,
  type StorePath,
  type StorePathParts,
  storeNameProblem,
  storePath,
  storePathFor,
} from "./store-path.ts";
