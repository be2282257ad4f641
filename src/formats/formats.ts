/**
 * The settings formats in one object, as nixpkgs' `pkgs.formats`.
 *
 * @example
 * const toml = formats.toml();
 * options: { settings: mkOption({ type: toml.type, default: {} }) }
 * config: { xdg: { configFile: { "app/config.toml": { get text() { return toml.generate("config.toml", cfg.settings) } } } } }
 */
import { gitIni } from "./git-ini.ts";
import { ini, keyValue } from "./ini.ts";
import { json } from "./json.ts";
import { libconfig } from "./libconfig.ts";
import { toml } from "./toml.ts";
import { yaml } from "./yaml.ts";

export const formats = { json, yaml, toml, ini, keyValue, gitIni, libconfig } as const;
