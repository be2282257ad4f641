/** Which configuration a command is about: a machine name or `user@host`. */
import { FlakeError } from "../errors/index.ts";
import type { Flake } from "../flake/index.ts";
import { suggest } from "../lib/index.ts";

export interface Target {
  kind: "machine" | "home";
  name: string;
  config: any;
  options: any;
  /** The option path of this configuration inside its evaluation (an embedded home's `home.users.<user>`). */
  prefix: string[];
}

/** The machine or home named `name` (`#name` in --flake counts too); the only machine if there is one. */
export function target(flake: Flake, name: string | undefined): Target {
  if (!name) {
    if (flake.machineNames.length === 1) name = flake.machineNames[0];
    else {
      throw new FlakeError(
        "E_FLAKE_ARGUMENT",
        `Which configuration? Name a machine (${flake.machineNames.join(", ") || "none"}) or a home (user@host).`,
      );
    }
  }
  if (name.includes("@")) {
    const h = flake.home(name);
    return {
      kind: "home",
      name,
      prefix: h.machine ? ["home", "users", h.user] : [],
      get config() {
        return h.config;
      },
      get options() {
        return h.options;
      },
    };
  }
  if (!flake.machineNames.includes(name)) {
    const s = suggest(name, [...flake.machineNames, ...safeHomes(flake)]);
    throw new FlakeError(
      "E_FLAKE_UNKNOWN",
      `There is no machine \`${name}'.${s.length ? ` Did you mean ${s.map((x) => `\`${x}'`).join(" or ")}?` : ""} Machines: ${flake.machineNames.join(", ") || "none"}.`,
      { suggestions: s },
    );
  }
  const m = flake.machine(name);
  return {
    kind: "machine",
    name,
    prefix: [],
    get config() {
      return m.config;
    },
    get options() {
      return m.options;
    },
  };
}

function safeHomes(flake: Flake): string[] {
  try {
    return flake.homeNames();
  } catch {
    return [];
  }
}
