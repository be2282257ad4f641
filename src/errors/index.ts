export { ConfedError, isConfedError } from "./confed-error.ts";
export { FlakeError, type FlakeErrorCode } from "./flake-error.ts";
export { messages } from "./messages.ts";
export { type DefinitionRef, ModuleError, type ModuleErrorCode } from "./module-error.ts";
