#!/usr/bin/env node
// After the build: records the NAR hash of the built-in module tree (src/modules) in
// dist/modules-hash.json, so an installed confed (which ships no sources) reports the same stamp
// as a checkout.
import { writeFileSync } from "node:fs";
import { narHash } from "../dist/store/index.js";

const root = new URL("..", import.meta.url).pathname;
const modules = narHash(`${root}src/modules`);
writeFileSync(`${root}dist/modules-hash.json`, `${JSON.stringify({ modules })}\n`);
