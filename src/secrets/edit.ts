/**
 * `confed secret edit FILE`: decrypt into a private directory in RAM, let the user edit, and
 * re-encrypt to the recipients secrets.ts lists, only if the text changed and the editor
 * succeeded. The plaintext exists in memory and in that directory only, and the directory is
 * removed on every way out (see src/system/secure-tmp.ts for signals).
 */
import { Buffer } from "node:buffer";
import { basename, join } from "node:path";
import { editorCommand, runEditor } from "../system/editor.ts";
import { realSecretFiles, type SecretFiles } from "../system/secret-files.ts";
import { diskTmpDir, findRamDir, raiseSignal, withSecureTempDir } from "../system/secure-tmp.ts";
import type { Identity } from "./age/index.ts";
import type { Env } from "./identities.ts";
import { decryptBytes, encryptFile, type RepoOptions } from "./ops.ts";
import type { LockEntry } from "./recipients-lock.ts";
import { ruleFor } from "./rules.ts";
import { SecretsError } from "./secrets-error.ts";

/** The system functions `editSecret` uses; tests replace some of them. */
export interface EditDeps {
  findRamDir: typeof findRamDir;
  diskTmpDir: typeof diskTmpDir;
  withSecureTempDir: typeof withSecureTempDir;
  editorCommand: typeof editorCommand;
  runEditor: typeof runEditor;
  /** Ends the process with a signal the editor died of, as if confed had received it. */
  raiseSignal: (signal: NodeJS.Signals) => void;
}

/** Options for {@link editSecret}. */
export interface EditOptions extends RepoOptions {
  /** The repository-relative secret file; it must be listed in secrets.ts. */
  file: string;
  /** Keys to decrypt an existing file with. */
  identities: readonly Identity[];
  /** The environment: `$VISUAL`/`$EDITOR`, `$XDG_RUNTIME_DIR`; the editor inherits it. */
  env: Env;
  /** Accept a directory on disk when no RAM-backed one exists (the plaintext may then persist). */
  insecureTmpdir?: boolean;
  /** Told about what the user should know but that does not stop the edit. */
  warn?: (message: string) => void;
  deps?: Partial<EditDeps>;
  fs?: SecretFiles;
}

/** What the edit did. */
export interface EditResult {
  file: string;
  /**
   * `changed`/`created`: written and recorded in the lock; `unchanged`: the file is untouched;
   * `not-created`: a new file was left empty, so none was written.
   */
  outcome: "changed" | "created" | "unchanged" | "not-created";
  /** The new lock entry, when something was written. */
  lock?: LockEntry;
}

/**
 * Edits a secret file in the user's editor. A file that does not exist yet starts empty.
 * Throws E_SECRET_EDITOR when the editor cannot start or fails (the file is untouched),
 * E_SECRET_TMPDIR when there is no RAM-backed directory and `insecureTmpdir` is not set.
 *
 * @example
 * const r = await editSecret({ root, rules, file: "secrets/ssh.age", identities, env: process.env });
 * console.error(r.outcome === "unchanged" ? "no changes" : `wrote ${r.file}`);
 */
export async function editSecret(opts: EditOptions): Promise<EditResult> {
  const deps: EditDeps = {
    findRamDir,
    diskTmpDir,
    withSecureTempDir,
    editorCommand,
    runEditor,
    raiseSignal,
    ...opts.deps,
  };
  const fs = opts.fs ?? realSecretFiles;
  const { file } = opts;
  ruleFor(opts.rules, file);
  const parent = chooseParent(opts, deps);
  const ciphertext = fs.read(join(opts.root, file));
  const original = ciphertext ? decryptBytes(ciphertext, file, opts.identities) : new Uint8Array();
  let edited: Uint8Array | undefined;
  try {
    const outcome = await deps.withSecureTempDir(parent, async (dir) => {
      const name = basename(file, ".age");
      dir.writeFile(name, original);
      const command = deps.editorCommand(join(dir.path, name), opts.env);
      if (command.family === "other") {
        opts.warn?.(
          `confed knows no settings to stop ${command.program} from writing backup, swap or ` +
            "history files (it knows them for vim, neovim and emacs); check that it keeps them " +
            "beside the file (they are removed with it) or off, and that it waits until you close " +
            "the file (e.g. `code --wait`).",
        );
      }
      const result = await deps.runEditor(command, {
        // Temporary files the editor makes go to the private directory too.
        env: { ...opts.env, TMPDIR: dir.path },
        attach: (child) => dir.attachChild(child),
      });
      if (result.error !== undefined || result.code !== 0) return result;
      edited = dir.readFile(name);
      return result;
    });
    const unchangedNote = ciphertext ? `\`${file}' is unchanged` : `\`${file}' was not created`;
    if (outcome.error !== undefined) {
      throw editorError(
        `cannot run the editor \`${opts.env.VISUAL || opts.env.EDITOR || "vi"}': ${outcome.error}; ${unchangedNote}.`,
        file,
      );
    }
    if (outcome.signal) {
      // A Ctrl-C or Ctrl-\ that ended the editor was meant for confed too (see secure-tmp.ts).
      if (outcome.signal === "SIGINT" || outcome.signal === "SIGQUIT")
        deps.raiseSignal(outcome.signal);
      throw editorError(`the editor was ended by ${outcome.signal}; ${unchangedNote}.`, file);
    }
    if (outcome.code !== 0) {
      throw editorError(
        `the editor exited with status ${outcome.code}, so nothing was changed: ${unchangedNote}.`,
        file,
      );
    }
    if (edited === undefined) {
      throw editorError(
        `the editor removed the file, so nothing was changed: ${unchangedNote}.`,
        file,
      );
    }
    if (sameBytes(original, edited)) {
      return { file, outcome: ciphertext ? "unchanged" : "not-created" };
    }
    const lock = encryptFile(opts, file, edited);
    return { file, outcome: ciphertext ? "changed" : "created", lock };
  } finally {
    original.fill(0);
    edited?.fill(0);
  }
}

function chooseParent(opts: EditOptions, deps: EditDeps): string {
  const choice = deps.findRamDir(opts.env);
  if (choice.dir) return choice.dir.path;
  const why = choice.rejected.map((r) => `${r.path}: ${r.reason}`).join("; ");
  if (!opts.insecureTmpdir) {
    throw new SecretsError(
      "E_SECRET_TMPDIR",
      `no RAM-backed directory to decrypt into (${why}), and confed does not put plaintext on ` +
        "a disk unasked. Set XDG_RUNTIME_DIR to a private tmpfs directory, or pass " +
        "--insecure-tmpdir to accept the risk.",
      { file: opts.file },
    );
  }
  const dir = deps.diskTmpDir();
  opts.warn?.(
    `no RAM-backed directory (${why}); decrypting into ${dir} on disk as asked (--insecure-tmpdir).`,
  );
  return dir;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.length).equals(
    Buffer.from(b.buffer, b.byteOffset, b.length),
  );
}

function editorError(message: string, file: string): SecretsError {
  return new SecretsError("E_SECRET_EDITOR", message, { file });
}
