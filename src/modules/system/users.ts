/** `users.users.<name>` and `users.groups.<name>`: accounts confed manages on a machine. */
import { mkOption, types } from "../../module-system/index.ts";

const userModule = ({ name, config }: { name: string; config: any }) => ({
  options: {
    name: mkOption({ type: types.str, default: name, description: "The user's login name." }),
    isNormalUser: mkOption({
      type: types.bool,
      default: false,
      description:
        "A person's account: a home directory under /home, a login shell, group `users`.",
    }),
    isSystemUser: mkOption({
      type: types.bool,
      default: false,
      description: "An account for a service.",
    }),
    uid: mkOption({
      type: types.nullOr(types.int),
      default: null,
      description: "The user id; allocated when null.",
    }),
    group: mkOption({ type: types.str, default: "", description: "The primary group." }),
    extraGroups: mkOption({
      type: types.listOf(types.str),
      default: [],
      description: "Supplementary groups.",
      example: ["wheel", "networkmanager"],
    }),
    description: mkOption({
      type: types.str,
      default: "",
      description: "The GECOS field (full name).",
    }),
    home: mkOption({
      type: types.str,
      get default() {
        return config.isNormalUser ? `/home/${config.name}` : "/var/empty";
      },
      defaultText: "/home/<name> for normal users, /var/empty otherwise",
      description: "The home directory.",
    }),
    createHome: mkOption({
      type: types.bool,
      get default() {
        return config.isNormalUser;
      },
      description: "Whether to create the home directory.",
    }),
    shell: mkOption({
      type: types.nullOr(types.either(types.str, types.package)),
      default: null,
      description: "The login shell: a path or a package; the distro default when null.",
      example: "/bin/zsh",
    }),
    initialPassword: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "A clear-text password set when the account is created (and never after).",
    }),
    hashedPassword: mkOption({
      type: types.nullOr(types.str),
      default: null,
      description: "A crypt(3) hash of the password, applied on every activation.",
    }),
    openssh: {
      authorizedKeys: {
        keys: mkOption({
          type: types.listOf(types.str),
          default: [],
          description: "Public keys allowed to log in as this user.",
        }),
      },
    },
  },
});

const groupModule = ({ name }: { name: string }) => ({
  options: {
    name: mkOption({ type: types.str, default: name, description: "The group's name." }),
    gid: mkOption({
      type: types.nullOr(types.int),
      default: null,
      description: "The group id; allocated when null.",
    }),
    members: mkOption({
      type: types.listOf(types.str),
      default: [],
      description: "Users in the group.",
    }),
  },
});

export default {
  key: "system/users",
  _file: "<confed>/modules/system/users.ts",
  _class: "system",
  options: {
    users: {
      users: mkOption({
        type: types.attrsOf(types.submodule(userModule)),
        default: {},
        description: "The user accounts of this machine.",
      }),
      groups: mkOption({
        type: types.attrsOf(types.submodule(groupModule)),
        default: {},
        description: "The groups of this machine.",
      }),
    },
  },
};
