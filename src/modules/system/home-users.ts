/**
 * `home.users.<name>`: homes embedded in a machine (home-manager's NixOS module calls it
 * `home-manager.users`). Each is a full home evaluation with the machine's config as `osConfig`;
 * its username and directory default from `users.users.<name>`; its failed assertions and
 * warnings become the machine's, prefixed with `<user> profile: `.
 */
import {
  type HomeConfig,
  mkDefault,
  mkOption,
  type Option,
  types,
} from "../../module-system/index.ts";

/** The arguments every embedded home receives besides `osConfig`. */
export interface HomeSpecialArgs {
  inputs: unknown;
  self: unknown;
  pkgs: unknown;
}

/** The options `home.users` and `home.sharedModules`, as the type level sees them. */
export type HomeUsersOptions = {
  home: {
    users: Option<Record<string, HomeConfig>, Record<string, unknown>>;
    sharedModules: Option<unknown[], readonly unknown[]>;
  };
};

/**
 * The module declaring `home.users` and `home.sharedModules`, for homes built from `homeModules`
 * (the built-in home modules plus the flake's).
 */
export function homeUsersModule(homeModules: readonly unknown[], args: HomeSpecialArgs): unknown {
  return ({ config }: { config: any }) => {
    const osConfig = config;
    const shared = {
      _file: "<confed>/modules/system/home-users.ts (home.sharedModules)",
      key: "system/home-users#shared",
      // Called while the home is collected, after the machine's own collection: its value is known.
      imports: [() => ({ imports: [...osConfig.home.sharedModules] })],
    };
    const defaults = ({ name }: { name: string }) => ({
      _file: "<confed>/modules/system/home-users.ts",
      config: {
        home: {
          username: mkDefault(name),
          get homeDirectory() {
            const users = osConfig.users.users;
            return mkDefault(name in users ? users[name].home : `/home/${name}`);
          },
        },
      },
    });
    return {
      key: "system/home-users",
      _file: "<confed>/modules/system/home-users.ts",
      _class: "system",
      options: {
        home: {
          users: mkOption({
            type: types.attrsOf(
              types.submoduleWith({
                class: "home",
                shorthandOnlyDefinesConfig: false,
                specialArgs: { osConfig, inputs: args.inputs, self: args.self, pkgs: args.pkgs },
                modules: [...homeModules, shared, defaults],
              }),
            ),
            default: {},
            description:
              "The homes of this machine's users, each a home configuration (user@host).",
          }),
          sharedModules: mkOption({
            type: types.listOf(types.deferredModule),
            default: [],
            description: "Modules added to every home embedded in this machine.",
          }),
        },
      },
      config: {
        get assertions() {
          const out: { assertion: boolean; message: string }[] = [];
          for (const [user, home] of Object.entries(osConfig.home.users as Record<string, any>)) {
            for (const a of home.assertions)
              out.push({ assertion: a.assertion, message: `${user} profile: ${a.message}` });
          }
          return out;
        },
        get warnings() {
          const out: string[] = [];
          for (const [user, home] of Object.entries(osConfig.home.users as Record<string, any>)) {
            for (const w of home.warnings) out.push(`${user} profile: ${w}`);
          }
          return out;
        },
      },
    };
  };
}
