/**
 * Late references to types, set by types/index.ts, so files lower in the import graph (option.ts)
 * can use `bool` and `package` without importing the type modules (which import them back).
 */
import type { OptionType } from "./base.ts";

export const boolType: { type: OptionType | undefined } = { type: undefined };
export const packageTypeRef: {
  type: OptionType | undefined;
  nullOr: ((t: OptionType) => OptionType) | undefined;
} = { type: undefined, nullOr: undefined };

export const unspecifiedRef: { type: OptionType | undefined } = { type: undefined };
