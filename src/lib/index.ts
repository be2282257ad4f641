export { parseAttrPath, showAttrName, showOption } from "./attr-path.ts";
export { DagCycleError, type DagEntry, dagSort } from "./dag.ts";
export { closest, levenshtein, suggest } from "./levenshtein.ts";
export { isPackage, PACKAGE } from "./package-brand.ts";
export { deepEqual, isPlainObject, isThenable } from "./plain.ts";
export { shellQuote, singleQuote } from "./shell.ts";
