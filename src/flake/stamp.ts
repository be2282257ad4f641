/**
 * What plays the role of the seed's pinned nixpkgs: the confed version and a hash of its
 * built-in module tree. `confed.lock` records them; evaluating with another confed warns, and
 * building or deploying refuses without --accept-version, because the same repository could
 * evaluate differently.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { narHash } from "../store/index.ts";
import { exists as existsSync, readText } from "../system/fs.ts";

export interface Stamp {
  /** The confed package version. */
  version: string;
  /** NAR hash (SRI) of the built-in module tree (src/modules). */
  modules: string;
}

let cached: Stamp | undefined;

/**
 * The running confed's stamp. Built, it reads dist/modules-hash.json (written by the build from
 * src/modules); from source, it hashes src/modules itself. Both hash the same tree.
 */
export function confedStamp(): Stamp {
  if (cached) return cached;
  const here = dirname(fileURLToPath(import.meta.url));
  const pkg = JSON.parse(readText(join(here, "..", "..", "package.json"))) as {
    version: string;
  };
  const stampFile = join(here, "..", "modules-hash.json");
  const modules = existsSync(stampFile)
    ? (JSON.parse(readText(stampFile)) as { modules: string }).modules
    : narHash(join(here, "..", "modules"));
  cached = { version: pkg.version, modules };
  return cached;
}
