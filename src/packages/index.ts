/**
 * Packages: distro package references, the catalog, and `pkgs` with overlays. Pure: nothing
 * here reads the machine; activation installs what the references name.
 */

export {
  type BuildRecipe,
  fetchurl,
  isStorePackage,
  runCommand,
  StorePackage,
  symlinkJoin,
  writeShellScript,
  writeShellScriptBin,
  writeText,
} from "./builders.ts";
export {
  type CatalogEntry,
  type CatalogName,
  catalog,
  catalogNames,
  catalogPackage,
} from "./catalog.ts";
export {
  checkFamily,
  type DistroPackage,
  type DistroPackageJSON,
  type DistroPackageOverrides,
  type DistroPackageSpec,
  distroPackage,
  FAMILIES,
  type Family,
  type FamilyNames,
  familyOf,
  isDistroPackage,
  mainProgram,
  type PackageMeta,
  resolve,
} from "./distro-package.ts";
export { PackagesError, type PackagesErrorCode } from "./packages-error.ts";
export {
  type MakePkgsOptions,
  makePkgs,
  type Overlay,
  type OverlaysResult,
  type Pkgs,
  type PkgsBuiltins,
  type PkgsView,
} from "./pkgs.ts";
