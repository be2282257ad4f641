import { Buffer } from "node:buffer";
import { createCipheriv, createDecipheriv } from "node:crypto";
import { AgeError } from "./age-error.ts";
import { toBytes } from "./encoding.ts";
import { hkdfSha256, randomBytes } from "./primitives.ts";

// The age payload: a 16-byte nonce, then STREAM (ChaCha20-Poly1305 over 64 KiB chunks, the
// 12-byte chunk nonce being an 11-byte big-endian counter and a last-chunk flag byte).

/** Plaintext bytes per chunk. */
const CHUNK_SIZE = 64 * 1024;
const TAG_SIZE = 16;
const SEALED_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE;
/** Size of the payload nonce that precedes the chunks. */
export const PAYLOAD_NONCE_SIZE = 16;

function payloadKey(fileKey: Uint8Array, nonce: Uint8Array): Uint8Array {
  return hkdfSha256(fileKey, nonce, "payload");
}

function chunkNonce(counter: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  // In-memory payloads stay far below 2^53 chunks; the top bytes of the counter stay zero.
  nonce.writeUIntBE(counter, 5, 6);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

/** Encrypts `plaintext` into a payload (nonce + chunks) under a fresh random nonce. */
export function encryptPayload(fileKey: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const nonce = randomBytes(PAYLOAD_NONCE_SIZE);
  const key = payloadKey(fileKey, nonce);
  // An empty plaintext still gets one (empty, final) chunk: a payload without chunks is invalid.
  const chunks = Math.max(1, Math.ceil(plaintext.length / CHUNK_SIZE));
  const out = Buffer.allocUnsafe(PAYLOAD_NONCE_SIZE + plaintext.length + chunks * TAG_SIZE);
  out.set(nonce, 0);
  let offset = PAYLOAD_NONCE_SIZE;
  for (let i = 0; i < chunks; i++) {
    const chunk = plaintext.subarray(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE);
    const cipher = createCipheriv("chacha20-poly1305", key, chunkNonce(i, i === chunks - 1), {
      authTagLength: TAG_SIZE,
    });
    offset += cipher.update(chunk).copy(out, offset);
    cipher.final();
    offset += cipher.getAuthTag().copy(out, offset);
  }
  return toBytes(out);
}

/**
 * Decrypts a payload (nonce + chunks). Every chunk is authenticated before anything is
 * returned: on any failure the partial plaintext is wiped and an `E_AGE_PAYLOAD` is thrown, so
 * callers never see data from a truncated or tampered file.
 */
export function decryptPayload(fileKey: Uint8Array, payload: Uint8Array): Uint8Array {
  if (payload.length < PAYLOAD_NONCE_SIZE) {
    throw new AgeError(
      "E_AGE_HEADER",
      "invalid age file: the payload nonce is missing or truncated",
    );
  }
  const key = payloadKey(fileKey, payload.subarray(0, PAYLOAD_NONCE_SIZE));
  const sealed = payload.subarray(PAYLOAD_NONCE_SIZE);
  if (sealed.length === 0) throw payloadError("the payload has no chunks (the file is truncated)");

  // Chunk boundaries follow from the total length: every chunk but the last is full size, and
  // the last one carries the final flag. A file cut at a chunk boundary therefore fails on the
  // final flag, and bytes appended after the final chunk fail its authentication.
  const chunks = Math.ceil(sealed.length / SEALED_CHUNK_SIZE);
  const lastSize = sealed.length - (chunks - 1) * SEALED_CHUNK_SIZE;
  if (lastSize < TAG_SIZE) {
    throw payloadError(
      `chunk ${chunks} is shorter than its authentication tag (truncated or trailing data)`,
    );
  }
  if (lastSize === TAG_SIZE && chunks > 1) {
    throw payloadError("the final chunk is empty, which is only allowed when the whole payload is");
  }

  const out = Buffer.allocUnsafe(sealed.length - chunks * TAG_SIZE);
  let offset = 0;
  for (let i = 0; i < chunks; i++) {
    const last = i === chunks - 1;
    const chunk = sealed.subarray(
      i * SEALED_CHUNK_SIZE,
      Math.min(sealed.length, (i + 1) * SEALED_CHUNK_SIZE),
    );
    const plain = openChunk(key, i, last, chunk);
    if (!plain) {
      out.fill(0);
      throw payloadError(describeChunkFailure(key, i, chunks, chunk));
    }
    offset += plain.copy(out, offset);
    plain.fill(0);
  }
  return toBytes(out);
}

function openChunk(
  key: Uint8Array,
  counter: number,
  last: boolean,
  chunk: Uint8Array,
): Buffer | undefined {
  const decipher = createDecipheriv("chacha20-poly1305", key, chunkNonce(counter, last), {
    authTagLength: TAG_SIZE,
  });
  decipher.setAuthTag(chunk.subarray(chunk.length - TAG_SIZE));
  const plain = decipher.update(chunk.subarray(0, chunk.length - TAG_SIZE));
  try {
    decipher.final();
  } catch {
    plain.fill(0);
    return undefined;
  }
  return plain;
}

// Only runs on failure, to tell a truncated file (a valid non-final last chunk) from corruption.
function describeChunkFailure(
  key: Uint8Array,
  index: number,
  chunks: number,
  chunk: Uint8Array,
): string {
  const where = `chunk ${index + 1} of ${chunks}`;
  if (index === chunks - 1 && chunk.length === SEALED_CHUNK_SIZE) {
    const asMiddle = openChunk(key, index, false, chunk);
    if (asMiddle) {
      asMiddle.fill(0);
      return `the file is truncated: ${where} is valid but not marked final, and nothing follows it`;
    }
  }
  return `${where} failed authentication (the file is corrupt, truncated or has trailing data)`;
}

function payloadError(message: string): AgeError {
  return new AgeError("E_AGE_PAYLOAD", `invalid age payload: ${message}`);
}
