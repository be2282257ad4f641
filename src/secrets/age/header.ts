import { Buffer } from "node:buffer";
import { headerError } from "./age-error.ts";
import { decodeBase64NoPad, encodeBase64NoPad, excerpt, latin1 } from "./encoding.ts";
import { hkdfSha256, hmacSha256 } from "./primitives.ts";

/**
 * One recipient stanza: `args[0]` is its type (`X25519`, `ssh-ed25519`, …), the rest its
 * arguments, and `body` the decoded bytes of the wrapped file key.
 */
export interface Stanza {
  readonly args: readonly string[];
  readonly body: Uint8Array;
}

/** A parsed header: the stanzas, the MAC, and where the MAC'd bytes and the payload are. */
export interface Header {
  readonly stanzas: readonly Stanza[];
  readonly mac: Uint8Array;
  /** The header bytes up to and including `---`, which the MAC covers. */
  readonly macInput: Uint8Array;
  /** Offset of the payload (its 16-byte nonce) in the file. */
  readonly payloadOffset: number;
}

const VERSION_LINE = "age-encryption.org/v1";
const VERSION_PREFIX = "age-encryption.org/";
const COLUMNS = 64;
// A stanza argument is one or more VCHAR (printable ASCII without space).
const ARGUMENT = /^[\x21-\x7e]+$/;
const BODY_LINE = /^[A-Za-z0-9+/]*$/;
const MAC_LINE = /^--- ([A-Za-z0-9+/]{43})$/;

/** True when `file` starts like a binary age file of any version. */
export function looksLikeBinaryAge(file: Uint8Array): boolean {
  return latin1(file.subarray(0, VERSION_PREFIX.length)) === VERSION_PREFIX;
}

/**
 * Parses the header strictly (c2sp.org/age, "ABNF definition of file header"): LF line endings
 * only, single spaces between arguments, canonical unpadded base64, 64-column body lines ending
 * with a shorter line. Anything else is an `E_AGE_HEADER`; accepting variants would make the
 * header malleable and let two parsers disagree on what a file says.
 */
export function parseHeader(file: Uint8Array): Header {
  let pos = 0;
  let lineNumber = 0;
  const nextLine = (): string => {
    const end = file.indexOf(0x0a, pos);
    if (end < 0) {
      throw headerError(
        pos === 0 ? "the file is empty or has no header" : "the header ends before its MAC line",
      );
    }
    const line = latin1(file.subarray(pos, end));
    pos = end + 1;
    lineNumber++;
    if (line.endsWith("\r")) {
      throw headerError(`line ${lineNumber} ends with CR LF; the header uses LF only`);
    }
    return line;
  };

  if (file.length === 0) throw headerError("the file is empty");
  const version = nextLine();
  if (version !== VERSION_LINE) {
    throw headerError(
      version.startsWith(VERSION_PREFIX)
        ? `unsupported version ${excerpt(version.slice(VERSION_PREFIX.length))} (only v1 is known)`
        : "this is not an age file (the first line is not age-encryption.org/v1)",
    );
  }

  const stanzas: Stanza[] = [];
  for (;;) {
    const lineStart = pos;
    const line = nextLine();
    if (line.startsWith("---")) {
      const match = MAC_LINE.exec(line);
      const mac = match ? decodeBase64NoPad(match[1]) : undefined;
      if (!mac) {
        throw headerError(
          `line ${lineNumber}: the MAC line is not "--- " and 43 base64 characters`,
        );
      }
      if (stanzas.length === 0) throw headerError("there are no recipient stanzas");
      return { stanzas, mac, macInput: file.subarray(0, lineStart + 3), payloadOffset: pos };
    }
    if (!line.startsWith("-> ")) {
      throw headerError(`line ${lineNumber}: expected a stanza ("-> ") or the MAC line ("--- ")`);
    }
    const args = line.slice(3).split(" ");
    if (!args.every((arg) => ARGUMENT.test(arg))) {
      throw headerError(
        `line ${lineNumber}: stanza arguments must be non-empty printable ASCII separated by single spaces`,
      );
    }
    const stanzaLine = lineNumber;
    let text = "";
    for (;;) {
      const bodyLine = nextLine();
      if (bodyLine.length > COLUMNS || !BODY_LINE.test(bodyLine)) {
        throw headerError(
          `line ${lineNumber}: the body of the stanza on line ${stanzaLine} must be base64 in lines of at most 64 columns`,
        );
      }
      text += bodyLine;
      if (bodyLine.length < COLUMNS) break;
    }
    const body = decodeBase64NoPad(text);
    if (!body) {
      throw headerError(`the body of the stanza on line ${stanzaLine} is not canonical base64`);
    }
    stanzas.push({ args, body });
  }
}

/** Serialises the header up to and including `---` (the bytes the MAC covers). */
function encodeHeaderForMac(stanzas: readonly Stanza[]): string {
  let out = `${VERSION_LINE}\n`;
  for (const stanza of stanzas) {
    if (stanza.args.length === 0 || !stanza.args.every((arg) => ARGUMENT.test(arg))) {
      throw new TypeError(`invalid stanza arguments ${JSON.stringify(stanza.args)}`);
    }
    out += `-> ${stanza.args.join(" ")}\n`;
    const text = encodeBase64NoPad(stanza.body);
    for (let i = 0; i < text.length; i += COLUMNS) out += `${text.slice(i, i + COLUMNS)}\n`;
    // The body always ends with a line shorter than 64 columns, so a body that fills its last
    // line (including an empty body) gets an extra empty line.
    if (text.length % COLUMNS === 0) out += "\n";
  }
  return `${out}---`;
}

/** HMAC-SHA-256 of the header under HKDF(file key, salt = empty, info = "header"). */
export function headerMac(fileKey: Uint8Array, macInput: Uint8Array): Uint8Array {
  return hmacSha256(hkdfSha256(fileKey, new Uint8Array(0), "header"), macInput);
}

/** The complete header for `stanzas`, MAC line included. */
export function encodeHeader(fileKey: Uint8Array, stanzas: readonly Stanza[]): Uint8Array {
  const forMac = Buffer.from(encodeHeaderForMac(stanzas), "latin1");
  const mac = headerMac(fileKey, forMac);
  return Buffer.concat([forMac, Buffer.from(` ${encodeBase64NoPad(mac)}\n`, "latin1")]);
}
