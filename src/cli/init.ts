/**
 * `confed init [DIR]`: a new repository with one machine for this host and one home for this
 * user, which evaluates right away and autocompletes in an editor.
 */
import { hostname, userInfo } from "node:os";
import { join, resolve } from "node:path";
import { FlakeError } from "../errors/index.ts";
import { emptyLock, writeLock } from "../flake/index.ts";
import { exists as existsSync, mkdirp, writeText } from "../system/fs.ts";
import { colors as c, type Out } from "./output.ts";
import { writeConfedTsconfig } from "./tsconfig-files.ts";

/** A host name usable as a machine name and `networking.hostName`. */
export function machineName(raw: string): string {
  const n = raw
    .split(".")[0]
    .replace(/[^A-Za-z0-9-]/g, "-")
    .replace(/^-+|-+$/g, "");
  return n || "machine";
}

export function files(host: string, user: string): Record<string, string> {
  const u = JSON.stringify(user);
  return {
    "confed.ts": `import { defineFlake } from "confed";

export default defineFlake({
  description: "My machines",
  inputs: {},
});
`,
    [`machines/${host}.ts`]: `// This machine (${host}). \`confed show\` lists it; \`confed eval machines.${host}.config.networking.hostName\`.
import { defineMachine } from "confed";

export default defineMachine(({ pkgs }) => ({
  users: {
    users: {
      ${/^[A-Za-z_$][\w$]*$/.test(user) ? user : u}: ${
        user === "root"
          ? '{ uid: 0, home: "/root" }'
          : '{ isNormalUser: true, extraGroups: ["wheel"] }'
      },
    },
  },
  home: {
    users: {
      // The home ${user}@${host}: your dotfiles and packages.
      ${/^[A-Za-z_$][\w$]*$/.test(user) ? user : u}: {
        home: { packages: [pkgs.git] },
      },
    },
  },
}));
`,
    "package.json": `${JSON.stringify(
      { name: "my-machines", private: true, type: "module", devDependencies: { confed: "^0.1.0" } },
      null,
      2,
    )}\n`,
    "tsconfig.json": `${JSON.stringify({ extends: "./.confed/tsconfig.json" }, null, 2)}\n`,
    ".gitignore": "node_modules/\n.confed/\nresult\nresult-*\n",
  };
}

export async function run(dir: string | undefined, _opts: unknown, out: Out): Promise<number> {
  const root = resolve(dir ?? ".");
  if (existsSync(join(root, "confed.ts"))) {
    throw new FlakeError(
      "E_FLAKE_ARGUMENT",
      `${join(root, "confed.ts")} already exists: this is a confed repository.`,
    );
  }
  const host = machineName(hostname());
  const user = userInfo().username;
  const written: string[] = [];
  for (const [rel, text] of Object.entries(files(host, user))) {
    const path = join(root, rel);
    if (existsSync(path)) continue;
    mkdirp(join(path, ".."));
    writeText(path, text);
    written.push(rel);
  }
  writeConfedTsconfig(root);
  if (!existsSync(join(root, "confed.lock"))) {
    writeLock(root, emptyLock());
    written.push("confed.lock");
  }
  if (out.json)
    out.stdout(JSON.stringify({ root, machine: host, home: `${user}@${host}`, files: written }));
  else {
    out.stderr(`${c.green("created")} ${root}: ${written.join(", ")}`);
    out.stderr(`next: cd ${dir ?? "."} && confed show && confed check`);
  }
  return 0;
}
