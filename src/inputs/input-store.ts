/**
 * Where fetched inputs live: the user's store (`$CONFED_STORE_DIR`, else
 * `~/.local/state/confed/store`), where home generations live too, so they share trees.
 */
import { homedir } from "node:os";
import { openStore, type Store } from "../store/index.ts";

/**
 * The store inputs are fetched into and read from.
 *
 * @example
 * const store = inputStore();
 */
export function inputStore(env: NodeJS.ProcessEnv = process.env): Store {
  return openStore({
    storeDir: env.CONFED_STORE_DIR ?? `${env.HOME ?? homedir()}/.local/state/confed/store`,
  });
}
