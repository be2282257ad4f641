#!/usr/bin/env node
// The confed command: runs the built CLI (npm run build makes dist/), as one bundled file
// when the build made it (faster to load), else module by module.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/cli/main.bundle.js", import.meta.url);
// activate-secrets runs at every login and boot and needs a few files only: module by module it
// loads less than the whole bundle.
const lean = process.argv[2] === "activate-secrets" || !existsSync(bundle);
const { main } = await import(
  lean ? new URL("../dist/cli/main.js", import.meta.url).href : bundle.href
);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(e);
    process.exitCode = 70;
  },
);
