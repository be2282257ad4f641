import type { HomeManifest } from "../manifest/index.ts";
import type { SystemReader } from "../system/system.ts";
import { expandFiles } from "./expand.ts";

/** How one target differs from its generation. */
export interface Drift {
  target: string;
  /**
   * `missing`: nothing is there. `changed`: confed's kind of thing but other content (a copy the
   * user edited, a link to another generation). `foreign`: something confed did not create.
   */
  kind: "missing" | "changed" | "foreign";
}

/**
 * `confed home status`: the drift between a manifest and the home (read-only).
 *
 * @example
 * homeStatus(new RealSystem(), { home, manifest, ownedPrefixes: [storeDir] })
 * // { ok: 41, drift: [{ target: ".config/app/settings.json", kind: "changed" }] }
 */
export function homeStatus(
  sys: SystemReader,
  o: { home: string; manifest: HomeManifest; ownedPrefixes?: string[]; filesLink?: string },
): { ok: number; drift: Drift[] } {
  const prefixes = [...(o.ownedPrefixes ?? []), ...(o.filesLink ? [o.filesLink] : [])].map((p) =>
    p.endsWith("/") ? p : `${p}/`,
  );
  const drift: Drift[] = [];
  let ok = 0;
  for (const [rel, t] of expandFiles(sys, o.manifest, o.filesLink)) {
    const abs = `${o.home}/${rel}`;
    const st = sys.lstatOrNull(abs);
    const p = t.placed;
    if (st === null) drift.push({ target: rel, kind: "missing" });
    else if (p.mode === "link") {
      if (st.kind !== "symlink") drift.push({ target: rel, kind: "foreign" });
      else {
        const to = sys.readlink(abs);
        if (to === p.source) ok++;
        else
          drift.push({
            target: rel,
            kind: prefixes.some((x) => to.startsWith(x)) ? "changed" : "foreign",
          });
      }
    } else if (st.kind !== "file") drift.push({ target: rel, kind: "foreign" });
    else if (sys.sha256(abs) === p.sha256 && (st.mode & 0o111) === (p.executable ? 0o111 : 0)) ok++;
    else drift.push({ target: rel, kind: "changed" });
  }
  return { ok, drift };
}
