/**
 * The TypeScript set-up of a user repository: `.confed/tsconfig.json` (strict settings, and a
 * path mapping `confed` to the running confed's types when the repository has no node_modules),
 * extended by the repository's own tsconfig.json.
 */
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { exists as existsSync, mkdirp, writeText } from "../system/fs.ts";

/** The running confed's type entry point: dist/index.d.ts when built, src/index.ts otherwise. */
export function confedTypes(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, "..", "index.d.ts");
  return existsSync(built) ? built : join(here, "..", "index.ts");
}

/** Writes `.confed/tsconfig.json` for the repository at `root` and returns its path. */
export function writeConfedTsconfig(root: string): string {
  const dir = join(root, ".confed");
  mkdirp(dir);
  const hasConfed = existsSync(join(root, "node_modules", "confed"));
  const compilerOptions: Record<string, unknown> = {
    target: "es2023",
    lib: ["es2023"],
    module: "nodenext",
    moduleResolution: "nodenext",
    strict: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    skipLibCheck: true,
    types: [],
  };
  if (!hasConfed) compilerOptions.paths = { confed: [relative(dir, confedTypes())] };
  const file = join(dir, "tsconfig.json");
  writeText(
    file,
    `${JSON.stringify(
      {
        $comment: "Written by confed (init, check); the repository's tsconfig.json extends it.",
        compilerOptions,
        include: ["../**/*.ts"],
        exclude: ["../node_modules", "../.confed"],
      },
      null,
      2,
    )}\n`,
  );
  return file;
}
