// Adds `pkgs.nixon` (the post's `inputs.nixon.overlay`).
import type { Overlay } from "confed";
import { nixonPackage } from "./package.ts";

const overlay: Overlay = (_final, prev) => ({ nixon: nixonPackage(prev) });

export default overlay;
