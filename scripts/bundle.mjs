#!/usr/bin/env node
// After the build: the CLI as one CommonJS file (dist/cli/main.bundle.cjs), which bin/confed.js
// runs. Node 20 loads ~170 separate ES modules noticeably slower than one (about 60 ms of every
// command's start-up), and one script can be compiled with a V8 code cache (see bin/confed.js),
// which Node 20 offers for vm scripts only. The modules stay in dist/ for `import … from
// "confed"` and for types. Dependencies stay external: they are resolved from node_modules as
// before. The bundle sits one directory below dist/, like every module, so paths made from
// import.meta.url (given to the script as the file's URL) still hold.
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const result = await build({
  entryPoints: [`${root}dist/cli/main.js`],
  outfile: `${root}dist/cli/main.bundle.cjs`,
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  packages: "external",
  logLevel: "warning",
  define: { "import.meta.url": "__confedModuleUrl" },
  banner: { js: 'const __confedModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  metafile: true,
});
// A dynamic import() left in the bundle would fail at run time in a vm script: refuse it here.
const { readFileSync } = await import("node:fs");
const text = readFileSync(`${root}dist/cli/main.bundle.cjs`, "utf8");
if (/[^\w$.]import\(/.test(text) || result.errors.length) {
  console.error("bundle: dynamic import() in dist/cli/main.bundle.cjs; use a static import");
  process.exit(1);
}
