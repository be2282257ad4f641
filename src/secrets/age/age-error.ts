import { ConfedError } from "../../errors/index.ts";

/**
 * Codes raised by the age implementation. They map one to one onto the outcomes of the age
 * testkit (CCTV `age/testdata`), so a test compares codes rather than wording.
 */
export type AgeErrorCode =
  /** No identity could unwrap the file key (wrong key, or the file is not for this machine). */
  | "E_AGE_NO_MATCH"
  /** The header does not parse, is not canonical, or a stanza for one of our key types is malformed. */
  | "E_AGE_HEADER"
  /** A file key was found but the header MAC does not verify: the header was tampered with. */
  | "E_AGE_MAC"
  /** The encrypted payload is truncated, corrupt, or has data after its final chunk. */
  | "E_AGE_PAYLOAD"
  /** A key or identity file cannot be read: bad format, wrong or missing passphrase. */
  | "E_AGE_KEY"
  /** A recipient cannot be used: bad encoding, weak key, or a forbidden combination. */
  | "E_AGE_RECIPIENT"
  /** The ASCII armor (PEM "AGE ENCRYPTED FILE") is not strictly canonical. */
  | "E_AGE_ARMOR";

/**
 * An error of the age layer. Messages and data name identities by type and public fingerprint
 * only: an error may end up in a log, and key material must never reach one.
 *
 * @example
 * try { decrypt(file, identities) } catch (e) {
 *   if (e instanceof AgeError && e.code === "E_AGE_NO_MATCH") console.error(e.identities);
 * }
 */
export class AgeError extends ConfedError {
  declare readonly code: AgeErrorCode;
  /** Public descriptions of the identities that were tried (type and fingerprint). */
  readonly identities: string[];
  /** Public descriptions of the stanzas in the file header (type and key tag). */
  readonly stanzas: string[];
  /** The key file or secret file involved, when the caller named it. */
  readonly source: string | undefined;

  constructor(
    code: AgeErrorCode,
    message: string,
    data: {
      identities?: string[];
      stanzas?: string[];
      source?: string;
      cause?: unknown;
      context?: string[];
    } = {},
  ) {
    super(code, message, { cause: data.cause, context: data.context });
    this.identities = data.identities ?? [];
    this.stanzas = data.stanzas ?? [];
    this.source = data.source;
  }
}

/** Shorthand for the most common failure: a header that is not exactly what the spec allows. */
export function headerError(message: string): AgeError {
  return new AgeError("E_AGE_HEADER", `invalid age header: ${message}`);
}
