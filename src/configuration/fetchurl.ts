/**
 * Downloading the `fetchurl` packages a generation needs into the store, before the (synchronous)
 * build runs: each is fetched once, its SHA-256 checked against the declared hash, and added
 * under the path its name and hash give. A mismatch is an error naming the URL and both hashes,
 * and nothing is added.
 */
import { createHash } from "node:crypto";
import { ConfedError } from "../errors/index.ts";
import { isStorePackage, type StorePackage } from "../packages/index.ts";
import { addTreeToStore, buildPath, isValidPath, type Store, sha256Sri } from "../store/index.ts";
import { download } from "../system/http.ts";
import { copyFile, withScratch } from "../system/scratch.ts";
import type { HomeInputs } from "./home-generation.ts";
import { fetchurlRecipe } from "./realise.ts";

type FetchRecipe = { builder: "fetchurl"; url: string; hash: string; executable: boolean };

/** Every fetchurl package among `packages` and what they are built from. */
function fetchurls(packages: readonly StorePackage[]): StorePackage[] {
  const out = new Set<StorePackage>();
  const walk = (p: StorePackage) => {
    if (p.recipe.builder === "fetchurl") out.add(p);
    for (const i of p.inputs) walk(i);
  };
  for (const p of packages) walk(p);
  return [...out];
}

/**
 * Downloads what is missing.
 *
 * @example
 * await prefetch(store, [pkgs.fetchurl({ url, hash })]);
 */
export async function prefetch(store: Store, packages: readonly StorePackage[]): Promise<void> {
  for (const pkg of fetchurls(packages)) {
    const r = pkg.recipe as FetchRecipe;
    if (isValidPath(store, buildPath(store, pkg.name, { recipe: fetchurlRecipe(r) }))) continue;
    await withScratch(async (dir) => {
      const file = `${dir}/download`;
      try {
        if (r.url.startsWith("file://"))
          copyFile(decodeURIComponent(new URL(r.url).pathname), file);
        else await download(r.url, {}, file);
      } catch (e) {
        throw new ConfedError(
          "E_BUILD",
          `fetchurl ${r.url}: the download failed: ${(e as Error).message}`,
          { cause: e },
        );
      }
      const data = store.fs.readFile(file) as Buffer;
      const got = sha256Sri(createHash("sha256").update(data).digest());
      if (got !== r.hash)
        throw new ConfedError(
          "E_BUILD",
          `fetchurl ${r.url}: hash mismatch:\n  declared: ${r.hash}\n  got:      ${got}\nNothing was added to the store.`,
        );
      addTreeToStore(store, pkg.name, {
        recipe: fetchurlRecipe(r),
        build: (out) => store.fs.writeFile(out, data, r.executable ? 0o555 : 0o444),
      });
    }, `${store.stateDir}/tmp`);
  }
}

/**
 * Downloads the fetchurl packages of a home (its packages and its files' sources).
 *
 * @example
 * const h = homeInputs(config);
 * await prefetchHome(store, h);
 * buildHomeGeneration(store, h);
 */
export async function prefetchHome(store: Store, h: HomeInputs): Promise<void> {
  const sources = h.files.map((f) => f.source).filter(isStorePackage);
  await prefetch(store, [...h.storePackages, ...sources]);
}
