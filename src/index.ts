// The public API of confed: explicit named re-exports only.

export type { DefinitionRef, ModuleErrorCode } from "./errors/index.ts";
export { ConfedError, isConfedError, ModuleError } from "./errors/index.ts";
