// A stand-alone `confed secret` for tests: global flags first, as src/cli/main.ts parses them,
// then the verb and its arguments. Run with `node --import tsx test/secret-cli-entry.ts …`.
import { makeOut, reportError } from "../src/cli/output.ts";
import { run } from "../src/cli/secret.ts";

const args = process.argv.slice(2);
const global: { flake?: string; json?: boolean; showTrace?: boolean } = {};
for (;;) {
  if (args[0] === "--json") global.json = Boolean(args.shift());
  else if (args[0] === "--show-trace") global.showTrace = Boolean(args.shift());
  else if (args[0] === "--flake") {
    args.shift();
    global.flake = args.shift();
  } else break;
}
const out = makeOut(global);
run(args, global, out).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.exitCode = reportError(e, out);
  },
);
