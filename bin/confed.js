#!/usr/bin/env node
// The confed command: runs the built CLI (npm run build makes dist/) as one bundled script,
// compiled with a V8 code cache kept in $XDG_CACHE_HOME/confed (start-up: parsing and compiling
// the CLI's functions is most of it); module by module when there is no bundle.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const bundle = fileURLToPath(new URL("../dist/cli/main.bundle.cjs", import.meta.url));
const WEEK = 7 * 24 * 3600 * 1000;
// activate-secrets runs at every login and boot and needs a few files only: module by module it
// loads less than the whole bundle.
const lean = process.argv[2] === "activate-secrets" || !existsSync(bundle);
const { main, saveCache } = lean
  ? { ...(await import(new URL("../dist/cli/main.js", import.meta.url).href)), saveCache() {} }
  : loadBundle();

main(process.argv.slice(2)).then(
  (code) => {
    saveCache();
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 70;
  },
);

/** The bundle as a CommonJS script, compiled with the code cache when one fits. */
function loadBundle() {
  const source = readFileSync(bundle, "utf8");
  const st = statSync(bundle);
  // Keyed by the bundle and the Node that compiled it; V8 checks the rest (and rejects a cache
  // for other flags or another source).
  const key = createHash("sha256")
    .update(`${process.version} ${process.arch} ${st.size} ${st.mtimeMs} ${bundle}`)
    .digest("hex")
    .slice(0, 32);
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  const cacheFile = join(cacheHome, "confed", "code-cache", `${key}.bin`);
  // The cache holds the functions the commands that wrote it compiled: it is written again
  // (growing) the first time another command runs, e.g. `home switch` after `--version`.
  const verbsFile = `${cacheFile.slice(0, -4)}.verbs`;
  const verb =
    process.argv
      .slice(2)
      .filter((a) => !a.startsWith("-"))
      .slice(0, process.argv[2] === "home" ? 2 : 1)
      .join(" ") || "-";
  let cachedData;
  let verbs = [];
  try {
    cachedData = readFileSync(cacheFile);
    verbs = readFileSync(verbsFile, "utf8").split("\n").filter(Boolean);
  } catch {
    // none yet (or only half of one): compiled from source, and written after the command
  }
  const script = new vm.Script(
    `(function (exports, require, module, __filename, __dirname) {${source}\n})`,
    { filename: bundle, cachedData },
  );
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, createRequire(bundle), module, bundle, dirname(bundle));
  return {
    main: module.exports.main,
    // After the command: the cache then holds every function it compiled, not only the top level.
    saveCache() {
      const fits = cachedData !== undefined && !script.cachedDataRejected;
      // (A bounded number of times: arguments before the verb can look like verbs.)
      if (fits && (verbs.includes(verb) || verbs.length >= 32)) return;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
        writeFileSync(tmp, [...(fits ? verbs : []), verb].join("\n"));
        renameSync(tmp, verbsFile);
        // Caches of other builds (an upgrade, a rebuild) not used for a week go.
        const dir = dirname(cacheFile);
        for (const name of readdirSync(dir)) {
          const p = join(dir, name);
          if (!p.startsWith(cacheFile.slice(0, -4)) && Date.now() - statSync(p).mtimeMs > WEEK)
            rmSync(p, { force: true });
        }
      } catch {
        // A cache that cannot be written only makes the next start slower.
      }
    },
  };
}
