// Run by system-secrets-root.test.ts inside a private mount namespace (tmpfs on <root>/run):
// activates a machine's secrets with the real file system and prints what is on disk as JSON.
// Usage: node --import tsx test/_system-secrets-rig.ts SECTION.json ROOT STATE_DIR
//        node --import tsx test/_system-secrets-rig.ts --report-only - ROOT STATE_DIR
import { lstatSync, readdirSync, readFileSync, readlinkSync } from "node:fs";
import { activateSystemSecrets } from "../src/activation/index.ts";
import { RealSystem } from "../src/system/real-system.ts";

// With --report-only (SECTION.json is then ignored) it only reports what is on disk.
const args = process.argv.slice(2);
const reportOnly = args[0] === "--report-only";
const [sectionFile, root, stateDir] = reportOnly ? args.slice(1) : args;
const sys = new RealSystem();
const R = root === "/" ? "" : root;
const report: Record<string, unknown> = {};
try {
  if (!reportOnly) {
    const section = JSON.parse(readFileSync(sectionFile, "utf8"));
    activateSystemSecrets(sys, { section, root: R, phase: "forUsers" }, { stateDir });
    activateSystemSecrets(sys, { section, root: R, phase: "main" }, { stateDir });
  }
  for (const d of ["/run/confed/secrets", "/run/confed/secrets-for-users"]) {
    report[d] = readlinkSync(`${R}${d}`);
    for (const n of readdirSync(`${R}${d}/`)) {
      const st = lstatSync(`${R}${d}/${n}`);
      if (st.isDirectory()) continue;
      report[`${d}/${n}`] = {
        uid: st.uid,
        gid: st.gid,
        mode: (st.mode & 0o7777).toString(8),
        text: readFileSync(`${R}${d}/${n}`, "utf8"),
      };
    }
  }
  report.template = readFileSync(`${R}/run/confed/secrets/templates/conf`, "utf8");
  const gen = lstatSync(`${R}/run/confed/secrets.d/1`);
  report.genMode = (gen.mode & 0o7777).toString(8);
  report.fsType = sys.fileSystemType(`${R}/run/confed`);
  report.generationsFsType = sys.fileSystemType(`${R}/run/confed/secrets.d`);
} catch (e) {
  report.error = (e as Error).message;
}
process.stdout.write(JSON.stringify(report));
