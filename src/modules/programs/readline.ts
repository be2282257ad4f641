/**
 * `programs.readline`: `~/.inputrc`, read by bash and every other readline program. It includes
 * the system's `/etc/inputrc` first (unless told not to), then sets `variables`, then the
 * key `bindings`, then `extraConfig` as it is.
 *
 * @example
 * programs: { readline: { enable: true, variables: { "completion-ignore-case": true }, bindings: { "\\e[A": "history-search-backward" } } }
 */
import { mkIf, mkOption, types } from "../../module-system/index.ts";

/** `set name value`, with booleans as readline's on/off. */
function variableLine(name: string, v: string | number | boolean): string {
  return `set ${name} ${v === true ? "on" : v === false ? "off" : String(v)}`;
}

/**
 * A binding: a key name (`Control-x`, `Meta-Rubout`) stays bare, a key sequence (`\C-h`,
 * `\e[A`) is quoted, as readline tells them apart.
 */
function bindingLine(key: string, action: string): string {
  const head = key.split("-")[0]!.toLowerCase();
  return head === "control" || head === "meta" ? `${key}: ${action}` : `"${key}": ${action}`;
}

/** The text of ~/.inputrc. */
export function inputrcText(cfg: any): string {
  const vars = cfg.variables as Record<string, string | number | boolean>;
  const binds = cfg.bindings as Record<string, string>;
  const lines = [
    "# Written by confed (programs.readline).",
    ...(cfg.includeSystemConfig ? ["$include /etc/inputrc"] : []),
    ...Object.keys(vars)
      .sort()
      .map((k) => variableLine(k, vars[k]!)),
    ...Object.keys(binds)
      .sort()
      .map((k) => bindingLine(k, binds[k]!)),
  ];
  const extra = cfg.extraConfig.replace(/\n+$/, "");
  return `${lines.join("\n")}\n${extra ? `${extra}\n` : ""}`;
}

const readlineOptions = {
  programs: {
    readline: {
      enable: mkOption({
        type: types.bool,
        default: false,
        example: true,
        description: "Whether to write ~/.inputrc, the readline configuration.",
      }),
      bindings: mkOption({
        type: types.attrsOf(types.str),
        default: {},
        example: { "\\C-h": "backward-kill-word" },
        description: "Key bindings: a key sequence or key name, and a function or macro.",
      }),
      variables: mkOption({
        type: types.attrsOf(types.oneOf([types.str, types.int, types.bool])),
        default: {},
        example: { "expand-tilde": true },
        description: "Readline variables (`set name value`); booleans become on/off.",
      }),
      includeSystemConfig: mkOption({
        type: types.bool,
        default: true,
        description: "Whether to include the system-wide /etc/inputrc first.",
      }),
      extraConfig: mkOption({
        type: types.lines,
        default: "",
        description: "Lines added to the end of ~/.inputrc as they are.",
      }),
    },
  },
};

/** The options of `programs.readline`, for the type-level registry. */
export type ReadlineOptions = typeof readlineOptions;

export default ({ config }: { config: any }) => {
  const cfg = config.programs.readline;
  return {
    key: "programs/readline",
    _file: "<confed>/modules/programs/readline.ts",
    _class: "home",
    options: readlineOptions,
    config: mkIf(() => cfg.enable, {
      home: {
        file: {
          ".inputrc": {
            get text() {
              return inputrcText(cfg);
            },
          },
        },
      },
    }),
  };
};

declare module "../../module-system/infer.js" {
  interface ConfedHomeModules {
    "programs/readline": ReadlineOptions;
  }
}
