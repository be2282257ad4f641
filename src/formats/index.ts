export { formats } from "./formats.ts";
export {
  type GitIniValue,
  type GitScalar,
  gitIni,
  gitIniText,
  gitIniType,
  gitString,
} from "./git-ini.ts";
export {
  type IniOptions,
  type IniValue,
  ini,
  keyValue,
  keyValueLines,
  sectionsText,
} from "./ini.ts";
export { json } from "./json.ts";
export { type LibconfigOptions, libconfig } from "./libconfig.ts";
export { type Unit, type UnitAtom, type UnitValue, unitText } from "./systemd-unit.ts";
export { toml, tomlString } from "./toml.ts";
export { type Format, type JsonValue, type Scalar, type TomlValue, valueType } from "./value.ts";
export { yaml } from "./yaml.ts";
