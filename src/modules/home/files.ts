/**
 * `home.file`, `xdg.configFile`, `xdg.dataFile`: files of a home, linked (or copied) from the
 * generation into `$HOME`. `home.managedFiles` (read-only) is what the build and activation use:
 * every enabled file once, by its path relative to the home, with conflicts found here — two
 * definitions of one target, a target outside the home, a target inside another file's
 * (non-recursive) link — rather than when the home is switched.
 */
import { ModuleError } from "../../errors/index.ts";
import { showOption } from "../../lib/index.ts";
import { mkOption, types } from "../../module-system/index.ts";

/** One file as `home.managedFiles` lists it. */
export interface ManagedFile {
  /** Relative to the home directory, normalised (`a/b`, no `.` or `..`). */
  target: string;
  text: string | null;
  /** An absolute path (or a package) whose contents become the file. */
  source: unknown;
  executable: boolean | null;
  recursive: boolean;
  onChange: string;
  force: boolean;
  mode: "link" | "copy";
  /** The option that defines it (`home.file."x"`, `xdg.configFile."y"`). */
  definedBy: string;
}

const fileModule = ({ name }: { name: string }) => ({
  options: {
    enable: mkOption({
      type: types.bool,
      default: true,
      description: "Whether this file is created.",
    }),
    target: mkOption({
      type: types.str,
      default: name,
      description:
        "Where the file goes, relative to the directory of its option (the home, or an XDG directory).",
    }),
    text: mkOption({
      type: types.nullOr(types.lines),
      default: null,
      description: "The file's contents, as text.",
    }),
    source: mkOption({
      type: types.nullOr(types.either(types.path, types.package)),
      default: null,
      description:
        "A file or directory (absolute path, or a path inside an input) whose contents become the target.",
    }),
    executable: mkOption({
      type: types.nullOr(types.bool),
      default: null,
      description: "Whether the file is executable; null keeps the source's own mode.",
    }),
    recursive: mkOption({
      type: types.bool,
      default: false,
      description:
        "For a directory source: link each file inside it, so other files can be added beside them.",
    }),
    onChange: mkOption({
      type: types.lines,
      default: "",
      description: "Shell commands run after a switch that changed this file.",
    }),
    force: mkOption({
      type: types.bool,
      default: false,
      description: "Replace an existing file that confed did not create (it is lost).",
    }),
    mode: mkOption({
      type: types.enum(["link", "copy"]),
      default: "link",
      description:
        "`link` to the generation (read-only), or `copy` a writable file for programs that rewrite their settings.",
    }),
  },
});

/** The type of `home.file` and the XDG file options. */
export const fileType = types.attrsOf(types.submodule(fileModule));

function relativeTarget(definedBy: string, base: string, target: string, home: string): string {
  let t = target;
  if (t.startsWith("/")) {
    if (t !== home && !t.startsWith(`${home}/`)) {
      throw new ModuleError(
        "E_VALUE",
        `${definedBy}: the target \`${target}' is outside the home directory ${home}.`,
        {
          optionPath: definedBy,
        },
      );
    }
    t = t.slice(home.length + 1);
  } else if (base) {
    t = `${base}/${t}`;
  }
  const parts: string[] = [];
  for (const p of t.split("/")) {
    if (p === "" || p === ".") continue;
    if (p === "..") {
      if (parts.length === 0) {
        throw new ModuleError(
          "E_VALUE",
          `${definedBy}: the target \`${target}' leaves the home directory.`,
          {
            optionPath: definedBy,
          },
        );
      }
      parts.pop();
    } else parts.push(p);
  }
  if (parts.length === 0) {
    throw new ModuleError(
      "E_VALUE",
      `${definedBy}: the target \`${target}' is the home directory itself.`,
      {
        optionPath: definedBy,
      },
    );
  }
  return parts.join("/");
}

/** The relative path of an XDG directory inside the home (`.config`), or an error. */
function baseOf(dir: string, home: string, option: string): string {
  if (dir === home || !dir.startsWith(`${home}/`)) {
    throw new ModuleError(
      "E_VALUE",
      `${option} (${dir}) must be inside the home directory ${home} for its files to be managed.`,
      {
        optionPath: option,
      },
    );
  }
  return dir.slice(home.length + 1);
}

/**
 * Every enabled file of a home, checked: one definition per target, inside the home, not below
 * another file's non-recursive link.
 */
export function managedFiles(config: any): ManagedFile[] {
  const home = String(config.home.homeDirectory).replace(/\/+$/, "");
  const groups: [string, string, Record<string, any>][] = [
    ["home.file", "", config.home.file],
    [
      "xdg.configFile",
      baseOf(config.xdg.configHome, home, "xdg.configHome"),
      config.xdg.configFile,
    ],
    ["xdg.dataFile", baseOf(config.xdg.dataHome, home, "xdg.dataHome"), config.xdg.dataFile],
  ];
  const byTarget = new Map<string, ManagedFile>();
  for (const [option, base, files] of groups) {
    for (const name of Object.keys(files)) {
      const f = files[name];
      if (!f.enable) continue;
      const definedBy = showOption([...option.split("."), name]);
      if (f.text === null && f.source === null) {
        throw new ModuleError(
          "E_NO_VALUE",
          `${definedBy} has neither \`text' nor \`source': give it one.`,
          {
            optionPath: definedBy,
          },
        );
      }
      const target = relativeTarget(definedBy, base, f.target, home);
      const other = byTarget.get(target);
      if (other) {
        throw new ModuleError(
          "E_CONFLICT",
          `Two files want the target ~/${target}: ${other.definedBy} and ${definedBy}. Keep one, or give one another target.`,
          { optionPath: definedBy },
        );
      }
      byTarget.set(target, {
        target,
        text: f.source === null ? f.text : null,
        source: f.source,
        executable: f.executable,
        recursive: f.recursive,
        onChange: f.onChange,
        force: f.force,
        mode: f.mode,
        definedBy,
      });
    }
  }
  const sorted = [...byTarget.values()].sort((a, b) =>
    a.target < b.target ? -1 : a.target > b.target ? 1 : 0,
  );
  // A target below another file's target: only a recursive directory link has room for it.
  const links = new Map(sorted.map((f) => [f.target, f]));
  for (const f of sorted) {
    const parts = f.target.split("/");
    for (let i = 1; i < parts.length; i++) {
      const parent = links.get(parts.slice(0, i).join("/"));
      if (parent && !parent.recursive) {
        throw new ModuleError(
          "E_CONFLICT",
          `${f.definedBy} puts ~/${f.target} inside ~/${parent.target}, which ${parent.definedBy} links as a whole. ` +
            `Set \`recursive = true' on ${parent.definedBy} to link its files one by one.`,
          { optionPath: f.definedBy },
        );
      }
    }
  }
  return sorted;
}

export default ({ config }: { config: any }) => ({
  key: "home/files",
  _file: "<confed>/modules/home/files.ts",
  _class: "home",
  options: {
    home: {
      file: mkOption({ type: fileType, default: {}, description: "Files in the home directory." }),
      managedFiles: mkOption({
        type: types.raw,
        readOnly: true,
        internal: true,
        get default() {
          return managedFiles(config);
        },
        description:
          "Every file of this home once, by its path in the home, checked for conflicts.",
      }),
    },
  },
});
