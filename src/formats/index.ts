export { type Unit, type UnitAtom, type UnitValue, unitText } from "./systemd-unit.ts";
