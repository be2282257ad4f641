#!/usr/bin/env node
// After the build: the CLI as one file (dist/cli/main.bundle.js), which bin/confed.js runs.
// Node 20 loads ~170 separate ES modules noticeably slower than one (about 60 ms of every
// command's start-up); the modules stay in dist/ for `import … from "confed"` and for types.
// Dependencies stay external: they are resolved from node_modules as before. The bundle sits
// one directory below dist/, like every module, so paths made from import.meta.url still hold.
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
await build({
  entryPoints: [`${root}dist/cli/main.js`],
  outfile: `${root}dist/cli/main.bundle.js`,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  logLevel: "warning",
});
