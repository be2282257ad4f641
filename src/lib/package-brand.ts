/**
 * The brand that marks a package reference (a distro package, a store-built package). The module
 * system's `types.package` recognises packages by it, without importing the packages layer.
 */
export const PACKAGE: unique symbol = Symbol.for("confed.package");

/** True when `v` carries the package brand. */
export function isPackage(v: unknown): boolean {
  return (
    v !== null &&
    (typeof v === "object" || typeof v === "function") &&
    (v as Record<symbol, unknown>)[PACKAGE] === true
  );
}
