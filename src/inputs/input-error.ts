import { ConfedError } from "../errors/index.ts";

/** Codes raised while parsing, fetching and locking inputs. */
export type InputErrorCode =
  /** An input URL with an unknown scheme, a malformed query, a missing owner/repo… */
  | "E_INPUT_URL"
  /** An input spec in confed.ts that is neither a URL string nor `{ url, flake?, inputs? }`. */
  | "E_INPUT_SPEC"
  /** Fetching failed: git or the server refused, a ref that does not exist, no network. */
  | "E_INPUT_FETCH"
  /** The fetched tree's NAR hash differs from the one in confed.lock. */
  | "E_INPUT_HASH"
  /** A `git+file:` input with uncommitted changes and neither ref, rev nor --allow-dirty. */
  | "E_INPUT_DIRTY"
  /** confed.lock is malformed: a node without `locked`, an input pointing nowhere. */
  | "E_INPUT_LOCK"
  /** A `follows` to an input that does not exist, or follows that form a cycle. */
  | "E_INPUT_FOLLOWS"
  /** `--update NAME` or `--override-input NAME` for an input confed.ts does not declare. */
  | "E_INPUT_UNKNOWN";

/**
 * An error about one input; `input` names it (a path from the root such as `dotfiles` or
 * `lib/nixpkgs`) whenever a single input is at fault.
 *
 * @example
 * throw new InputError("E_INPUT_URL", "input 'wallpapers': unknown scheme 'ftp:'", { input: "wallpapers" });
 */
export class InputError extends ConfedError {
  declare readonly code: InputErrorCode;
  readonly input: string | undefined;

  constructor(
    code: InputErrorCode,
    message: string,
    data: { input?: string; cause?: unknown } = {},
  ) {
    super(code, message, { cause: data.cause });
    this.input = data.input;
  }
}
