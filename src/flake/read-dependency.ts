/**
 * What `confed lock` needs from a confed-repo input: the `inputs` of its confed.ts (loaded with
 * the same loader as the consumer's) and its own confed.lock, which seeds the locks of its
 * inputs. Errors name the input.
 */
import { join } from "node:path";
import { type DependencyInfo, InputError } from "../inputs/index.ts";
import { exists } from "../system/fs.ts";
import type { FlakeSpec } from "./define.ts";
import { inputLoadError, noConfedTs } from "./inputs.ts";
import { createLoader } from "./loader.ts";
import { readLock } from "./lock.ts";

/**
 * Reads the input `input` whose tree is at `dir`.
 *
 * @example
 * lockFlake(root, spec.inputs, { store, readFlake: (dir, input) => readDependency(dir, input, { api }) });
 */
export function readDependency(
  dir: string,
  input: string,
  opts: { api: object; cacheDir?: string },
): DependencyInfo {
  if (!exists(join(dir, "confed.ts"))) throw noConfedTs(input);
  const loader = createLoader({
    root: dir,
    api: opts.api,
    cacheDir: opts.cacheDir,
    absoluteNames: true,
  });
  let spec: FlakeSpec;
  try {
    spec = loader.load(join(dir, "confed.ts")) as FlakeSpec;
  } catch (e) {
    throw inputLoadError(input, e);
  }
  if (typeof spec !== "object" || spec === null || Array.isArray(spec))
    throw new InputError(
      "E_INPUT_FETCH",
      `input '${input}': its confed.ts must default-export defineFlake({ … })`,
      { input },
    );
  let lock: ReturnType<typeof readLock>;
  try {
    lock = readLock(dir);
  } catch (e) {
    throw new InputError("E_INPUT_LOCK", `input '${input}': ${(e as Error).message}`, {
      input,
      cause: e,
    });
  }
  return { inputs: spec.inputs, lock: lock && { nodes: lock.nodes, root: lock.root } };
}
