import { Buffer } from "node:buffer";
import { AgeError } from "./age-error.ts";
import { decodeBase64Padded, latin1, toBuffer } from "./encoding.ts";

// ASCII armor (c2sp.org/age, "ASCII armor"): strict PEM (RFC 7468 figure 3) with the label
// "AGE ENCRYPTED FILE". Armor is malleable unless the parser is strict, so the only freedom we
// accept is what the spec allows: whitespace around the block, and LF or CRLF line endings.

const BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
const END = "-----END AGE ENCRYPTED FILE-----";
const COLUMNS = 64;
const LINE = /^[A-Za-z0-9+/=]+$/;

/**
 * Wraps a binary age file in ASCII armor, as `age -a` writes it. `encrypt(…, { armor: true })`
 * does this for you; `decrypt` recognises armor by itself.
 *
 * @example
 * const text = new TextDecoder().decode(armor(encrypt(data, recipients)));
 * // "-----BEGIN AGE ENCRYPTED FILE-----\n…"
 */
export function armor(file: Uint8Array): Uint8Array {
  const text = toBuffer(file).toString("base64");
  let out = `${BEGIN}\n`;
  for (let i = 0; i < text.length; i += COLUMNS) out += `${text.slice(i, i + COLUMNS)}\n`;
  return new Uint8Array(Buffer.from(`${out}${END}\n`, "latin1"));
}

/**
 * True when the input should be read as armor: it is not a binary age file and either starts
 * (after whitespace) with a PEM dash line or contains the age BEGIN line somewhere. The second
 * case routes "garbage before the armor" to a precise armor error.
 */
export function looksArmored(file: Uint8Array): boolean {
  const head = latin1(file.subarray(0, 1024));
  return head.trimStart().startsWith("-----") || latin1(file).includes(BEGIN);
}

/**
 * Removes the armor, refusing anything that is not the canonical encoding (`E_AGE_ARMOR`).
 *
 * @example
 * const binary = unarmor(readFileSync("secret.age.asc")); // starts with "age-encryption.org/v1"
 */
export function unarmor(file: Uint8Array): Uint8Array {
  const fail = (problem: string) => new AgeError("E_AGE_ARMOR", `invalid ASCII armor: ${problem}`);
  // Whitespace before and after the block is allowed (spec), nothing else.
  const text = latin1(file)
    .replace(/^[ \t\r\n]+/, "")
    .replace(/[ \t\r\n]+$/, "");
  if (!text.startsWith(BEGIN)) {
    throw fail(`the armor must start with "${BEGIN}" (with nothing but whitespace before it)`);
  }
  const lines = text.split("\n").map((line) => (line.endsWith("\r") ? line.slice(0, -1) : line));
  if (lines[0] !== BEGIN) throw fail("the BEGIN line must be alone on its line");
  if (lines.length < 2 || lines[lines.length - 1] !== END) {
    throw fail(`the armor must end with "${END}" (with nothing but whitespace after it)`);
  }
  const body = lines.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const line = body[i];
    const last = i === body.length - 1;
    if (!LINE.test(line)) {
      throw fail(`line ${i + 2} is not base64 (headers, blank lines and spaces are not allowed)`);
    }
    if (last ? line.length > COLUMNS : line.length !== COLUMNS) {
      throw fail(
        `line ${i + 2} has ${line.length} columns; all lines but the last must have ${COLUMNS}, the last 1 to ${COLUMNS}`,
      );
    }
  }
  const joined = body.join("");
  const bytes = decodeBase64Padded(joined);
  // Padding only at the very end and zero leftover bits: one file, one armor.
  if (!bytes) throw fail("the base64 is not canonical (padding or stray bits)");
  return bytes;
}
