// Hashes one tree with confed's narDigest and prints one JSON line: the hash and the in-process
// time of each call (the first one in a fresh process, JIT cold, is what a CLI run pays). run.ts
// runs it as a whole process.
//
//   node --import tsx bench/nar/hash-tree.ts DIR [CALLS]
import { type NarDigest, narDigest } from "../../src/store/index.ts";

const [dir, callsArg] = process.argv.slice(2);
if (!dir) {
  process.stderr.write("usage: hash-tree.ts DIR [CALLS]\n");
  process.exit(2);
}
const calls = Math.max(1, Number(callsArg ?? 1));
const ms: number[] = [];
let result: NarDigest | undefined;
for (let i = 0; i < calls; i++) {
  const start = performance.now();
  result = narDigest(dir);
  ms.push(performance.now() - start);
}
const { hash, digest, narSize } = result!;
process.stdout.write(`${JSON.stringify({ hash, hex: digest.toString("hex"), narSize, ms })}\n`);
