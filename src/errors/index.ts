export { ConfedError, isConfedError } from "./confed-error.ts";
export { type DefinitionRef, ModuleError, type ModuleErrorCode } from "./module-error.ts";
