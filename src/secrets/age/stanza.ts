import { headerError } from "./age-error.ts";
import { decodeBase64NoPad } from "./encoding.ts";
import type { Stanza } from "./header.ts";
import { chachaOpen, chachaSeal, ZERO_NONCE } from "./primitives.ts";
import { FILE_KEY_SIZE, SEALED_FILE_KEY_SIZE } from "./types.ts";

// Checks shared by the identity implementations. The spec makes each identity reject (not skip)
// a malformed stanza of its own type; a skipped stanza would turn a corrupt file into a
// confusing "no identity matched".

/** Requires exactly `count` arguments after the type, or throws `E_AGE_HEADER`. */
export function expectArgs(stanza: Stanza, count: number): void {
  if (stanza.args.length !== count + 1) {
    throw headerError(
      `a stanza of type ${stanza.args[0]} must have ${count} argument${count === 1 ? "" : "s"} after its type, not ${stanza.args.length - 1}`,
    );
  }
}

/** Decodes argument `index` as canonical base64 of exactly `size` bytes, or throws. */
export function decodeArg(stanza: Stanza, index: number, size: number, what: string): Uint8Array {
  const bytes = decodeBase64NoPad(stanza.args[index]);
  if (!bytes || bytes.length !== size) {
    throw headerError(
      `the ${what} in a stanza of type ${stanza.args[0]} is not canonical base64 of ${size} bytes`,
    );
  }
  return bytes;
}

/**
 * Requires the body to be exactly a sealed 16-byte file key before any decryption is tried; a
 * length-dependent decryption attempt would be a partitioning oracle (the spec's wording).
 */
export function expectSealedFileKey(stanza: Stanza): void {
  if (stanza.body.length !== SEALED_FILE_KEY_SIZE) {
    throw headerError(
      `the body of a stanza of type ${stanza.args[0]} must be ${SEALED_FILE_KEY_SIZE} bytes, not ${stanza.body.length}`,
    );
  }
}

/** Seals the file key with ChaCha20-Poly1305 under a wrap key and the all-zero nonce. */
export function sealFileKey(wrapKey: Uint8Array, fileKey: Uint8Array): Uint8Array {
  return chachaSeal(wrapKey, ZERO_NONCE, fileKey);
}

/** Opens a sealed file key, or returns undefined when it was not sealed under `wrapKey`. */
export function openFileKey(
  wrapKey: Uint8Array,
  body: Uint8Array,
  nonce = ZERO_NONCE,
): Uint8Array | undefined {
  const fileKey = chachaOpen(wrapKey, nonce, body);
  return fileKey && fileKey.length === FILE_KEY_SIZE ? fileKey : undefined;
}
