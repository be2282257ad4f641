/**
 * Attribute sets are plain objects: prototype `Object.prototype` or `null`. Class instances,
 * arrays, Map, Date, URL and package references are leaf values.
 *
 * @example
 * isPlainObject({ a: 1 }) // true
 * isPlainObject(new Date()) // false
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object") return false;
  const p = Object.getPrototypeOf(v);
  return p === null || p === Object.prototype;
}

/** True for a Promise or any object with a callable `then` (read without triggering getters on plain data). */
export function isThenable(v: unknown): boolean {
  if (v === null || (typeof v !== "object" && typeof v !== "function")) return false;
  if (v instanceof Promise) return true;
  const d = Object.getOwnPropertyDescriptor(v, "then");
  if (d) return typeof d.value === "function";
  const p = Object.getPrototypeOf(v);
  if (p === null || p === Object.prototype || p === Function.prototype || p === Array.prototype)
    return false;
  try {
    return typeof (v as { then?: unknown }).then === "function";
  } catch {
    return false;
  }
}

/**
 * Structural equality as Nix's `==` sees it: numbers, strings, booleans and null by value,
 * lists and attribute sets element by element, functions never equal (even to themselves, as
 * in Nix), other objects by identity.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "function" || typeof b === "function") return false;
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return false;
    if (!deepEqual(a[k], b[k])) return false;
  }
  return true;
}
