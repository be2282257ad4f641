/**
 * `assertions` and `warnings`: checks a configuration makes about itself. Failed assertions stop
 * build, switch, deploy and check; warnings are printed. Shared by machines and homes.
 */
import { mkOption, types } from "../../module-system/index.ts";

export interface Assertion {
  assertion: boolean;
  message: string;
}

export default {
  key: "misc/assertions",
  _file: "<confed>/modules/misc/assertions.ts",
  options: {
    assertions: mkOption({
      type: types.listOf(
        types.submodule({
          options: {
            assertion: mkOption({ type: types.bool, description: "What must hold." }),
            message: mkOption({ type: types.str, description: "What to say when it does not." }),
          },
        }),
      ),
      default: [],
      internal: true,
      description:
        "Conditions this configuration must satisfy; a false one stops activation with its message.",
      example: [{ assertion: false, message: "you can't enable this for that reason" }],
    }),
    warnings: mkOption({
      type: types.listOf(types.str),
      default: [],
      internal: true,
      description: "Messages printed when this configuration is built or evaluated.",
    }),
  },
};

/** The messages of the failed assertions of an evaluated config. */
export function failedAssertions(config: { assertions: Assertion[] }): string[] {
  return config.assertions.filter((a) => !a.assertion).map((a) => a.message);
}
