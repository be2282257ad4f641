/**
 * Running the user's editor on a file of plaintext: `$VISUAL`, else `$EDITOR`, else `vi`, with
 * the settings that keep vim, neovim and emacs from copying the text elsewhere (swap, undo,
 * backup and auto-save files, viminfo/shada history).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { basename, delimiter, isAbsolute, join } from "node:path";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Splits an `$EDITOR` value into words the way a shell would for the simple cases people use:
 * spaces separate, single and double quotes group, a backslash escapes one character.
 *
 * @example
 * splitCommand(`code --wait`); // ["code", "--wait"]
 * splitCommand(`"/opt/My Editor/bin/ed" -x`); // ["/opt/My Editor/bin/ed", "-x"]
 */
export function splitCommand(text: string): string[] {
  const words: string[] = [];
  let word = "";
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = "";
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Which family an editor belongs to, for the settings that keep copies of the text away. */
export type EditorFamily = "vim" | "emacs" | "other";

/**
 * The family of an editor program by its name (after following symlinks, so Debian's `vi` →
 * `vim.basic` counts as vim while a BSD `nvi` does not).
 *
 * @example
 * editorFamily("nvim"); // "vim"
 */
export function editorFamily(program: string): EditorFamily {
  const name = basename(program);
  if (/^(n|g|m|r)?vim(\.[a-z]+)?$/.test(name)) return "vim";
  if (/^(nvim-qt|g?view|vimdiff)$/.test(name)) return "vim";
  if (/^(x)?emacs(-[a-z]+|\d+(\.\d+)*)?$/.test(name)) return "emacs";
  return "other";
}

const VIM_SETTINGS = "set noswapfile noundofile nobackup nowritebackup viminfo=";

/**
 * The arguments that make an editor keep the text to itself. For vim and neovim: `-n` (no
 * swap file), `-i NONE` (no viminfo/shada), and the settings both before the user's vimrc
 * (`--cmd`) and after it (`-c`), because a vimrc may turn `undofile` back on and undo files
 * land in a global undodir. For emacs: no backup, auto-save or lock files, evaluated after
 * the init file and before the file is visited.
 *
 * @example
 * hardeningArgs("vim"); // ["-n", "-i", "NONE", "--cmd", "set noswapfile …", "-c", "set …"]
 */
export function hardeningArgs(family: EditorFamily): string[] {
  if (family === "vim") return ["-n", "-i", "NONE", "--cmd", VIM_SETTINGS, "-c", VIM_SETTINGS];
  if (family === "emacs") {
    return [
      "--eval",
      "(setq make-backup-files nil backup-inhibited t auto-save-default nil " +
        "auto-save-list-file-prefix nil create-lockfiles nil)",
    ];
  }
  return [];
}

/** The command line to edit a file with. */
export interface EditorCommand {
  program: string;
  args: string[];
  family: EditorFamily;
  /** Where the editor was named: `$VISUAL`, `$EDITOR`, or the default. */
  from: string;
}

/**
 * The editor command for `file`: `$VISUAL`, else `$EDITOR`, else `vi`, its own words, the
 * hardening arguments of its family, then the file.
 *
 * @example
 * editorCommand("/dev/shm/confed-secret-x/ssh", { EDITOR: "nvim" }).args;
 * // ["-n", "-i", "NONE", "--cmd", …, "/dev/shm/confed-secret-x/ssh"]
 */
export function editorCommand(file: string, env: Env): EditorCommand {
  const from = env.VISUAL ? "$VISUAL" : env.EDITOR ? "$EDITOR" : "default";
  const words = splitCommand(env.VISUAL || env.EDITOR || "vi");
  const [program = "vi", ...own] = words;
  const resolved = resolveProgram(program, env);
  let family = editorFamily(resolved ?? program);
  if (family === "other" && resolved && basename(resolved) === "vi" && isVim(resolved)) {
    family = "vim";
  }
  // A GUI vim forks into the background unless told not to: confed would then see it exit at
  // once and remove the directory while it is still open.
  const gui =
    family === "vim" && /^[gm](vim|view)/.test(basename(resolved ?? program)) ? ["-f"] : [];
  return { program, args: [...own, ...gui, ...hardeningArgs(family), file], family, from };
}

/** The outcome of the editor. */
export interface EditorResult {
  /** The exit status, or null when a signal ended it. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why it could not be started (not found, not executable). */
  error?: string;
}

/**
 * Runs the editor on `file` with the terminal (stdin/stdout/stderr inherited) and waits for
 * it. `env` is its environment (add `TMPDIR` to keep its temporary files beside the file);
 * `attach` sees the child as soon as it exists (to pass signals on).
 *
 * @example
 * const r = await runEditor(editorCommand(file, process.env), { env: process.env });
 * if (r.code !== 0) console.error("editor failed");
 */
export function runEditor(
  command: EditorCommand,
  opts: { env: Env; attach?: (child: ChildProcess) => () => void },
): Promise<EditorResult> {
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn(command.program, command.args, {
        stdio: "inherit",
        env: opts.env as NodeJS.ProcessEnv,
      });
    } catch (e) {
      resolve({ code: null, signal: null, error: (e as Error).message });
      return;
    }
    const detach = opts.attach?.(child);
    child.once("error", (e: NodeJS.ErrnoException) => {
      detach?.();
      resolve({
        code: null,
        signal: null,
        error: e.code === "ENOENT" ? "not found" : e.message,
      });
    });
    child.once("exit", (code, signal) => {
      detach?.();
      resolve({ code, signal });
    });
  });
}

/** True for a `vi` binary that is vim (Fedora's vim-minimal is installed as plain `vi`). */
function isVim(path: string): boolean {
  const r = spawnSync(path, ["--version"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    timeout: 2000,
  });
  return r.status === 0 && r.stdout.startsWith("VIM - Vi IMproved");
}

/** The real file a program name runs, found on `$PATH`, or undefined. */
function resolveProgram(program: string, env: Env): string | undefined {
  const candidates = program.includes("/")
    ? [program]
    : (env.PATH ?? "").split(delimiter).map((d) => join(d || ".", program));
  for (const path of candidates) {
    if (!isAbsolute(path) && !program.includes("/")) continue;
    try {
      if (existsSync(path)) return realpathSync(path);
    } catch {
      // unreadable entry on PATH: try the next
    }
  }
  return undefined;
}
