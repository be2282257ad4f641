/**
 * The root of every error confed raises on purpose. An error carries data (a `code`, and per
 * domain the option path, the definitions with their files, a context stack) so that the CLI,
 * tests and tools can act on it without parsing the message.
 *
 * @example
 * try { evalModules({ modules }) } catch (e) {
 *   if (e instanceof ConfedError && e.code === "E_OPTION_UNDECLARED") console.error(e.message);
 * }
 */
export class ConfedError extends Error {
  /** A stable machine-readable code such as `E_TYPE`. */
  readonly code: string;
  /**
   * Where the failure happened, outermost first ("while evaluating the option `a.b`", "in the
   * getter `text` of file x.ts"). The CLI shows it with `--show-trace`.
   */
  readonly context: string[];

  constructor(code: string, message: string, options?: { cause?: unknown; context?: string[] }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.context = options?.context ?? [];
  }

  override get name(): string {
    return this.constructor.name;
  }

  /** Adds a frame to the context stack (outermost frames are added last, so they go first). */
  addContext(frame: string): this {
    this.context.unshift(frame);
    return this;
  }
}

/** True when `e` is a ConfedError, optionally with the given code. */
export function isConfedError(e: unknown, code?: string): e is ConfedError {
  return e instanceof ConfedError && (code === undefined || e.code === code);
}
