// The store's public surface: explicit named re-exports only.

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
