import { ConfedError } from "../errors/index.ts";

/** Codes of errors raised while planning or applying an activation. */
export type ActivationErrorCode =
  /** Targets are in the way; nothing was written. `collisions` in the data lists them all. */
  | "E_ACTIVATION_COLLISION"
  /** Another switch of this profile is running (its lock file names the process). */
  | "E_ACTIVATION_LOCKED"
  /** A file appeared or changed after the checks; the switch was rolled back. */
  | "E_ACTIVATION_RACE"
  /** The journal of an interrupted switch cannot be read. */
  | "E_ACTIVATION_JOURNAL"
  /** A generation's source file is missing or unreadable. */
  | "E_ACTIVATION_SOURCE"
  /** `home.activation` entries order themselves in a cycle. */
  | "E_ACTIVATION_CYCLE"
  /**
   * Secrets cannot be activated: no RAM-backed directory, a directory with the wrong owner or
   * mode, no key that decrypts. Raised before the first write.
   */
  | "E_ACTIVATION_SECRETS";

/**
 * An error of activation. `paths` names the home-relative targets involved.
 *
 * @example
 * try { applyPlan(sys, plan, opts) } catch (e) {
 *   if (e instanceof ActivationError && e.code === "E_ACTIVATION_LOCKED") process.exit(2);
 * }
 */
export class ActivationError extends ConfedError {
  declare readonly code: ActivationErrorCode;
  /** The targets (relative to the home) the error is about. */
  readonly paths: string[];

  constructor(
    code: ActivationErrorCode,
    message: string,
    data: { paths?: string[]; cause?: unknown } = {},
  ) {
    super(code, message, { cause: data.cause });
    this.paths = data.paths ?? [];
  }
}
