// Inputs' public surface: explicit named re-exports only.

export { InputError, type InputErrorCode } from "./input-error.ts";
export {
  type InputRef,
  type InputSpec,
  parseInputSpec,
  parseInputUrl,
  renderInputUrl,
} from "./url.ts";
