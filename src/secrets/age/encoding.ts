import { Buffer } from "node:buffer";

// Byte and base64 helpers shared by the age modules. Node's base64 decoder is lenient (it skips
// invalid characters and ignores stray bits), and age requires the opposite: a value has exactly
// one accepted encoding, so a file cannot be altered without changing its bytes. Every decoder
// here therefore re-encodes and compares.

const BASE64_NO_PAD = /^[A-Za-z0-9+/]*$/;
const BASE64_PADDED = /^[A-Za-z0-9+/]*={0,2}$/;

/** Standard base64 without `=` padding, as used throughout the age header. */
export function encodeBase64NoPad(bytes: Uint8Array): string {
  return toBuffer(bytes).toString("base64").replace(/=+$/, "");
}

/**
 * Decodes canonical unpadded base64, or returns undefined when `text` is not exactly the
 * encoding `encodeBase64NoPad` would produce (padding, stray bits, other characters).
 */
export function decodeBase64NoPad(text: string): Uint8Array | undefined {
  if (!BASE64_NO_PAD.test(text) || text.length % 4 === 1) return undefined;
  const bytes = Buffer.from(text, "base64");
  if (encodeBase64NoPad(bytes) !== text) return undefined;
  return toBytes(bytes);
}

/** Decodes canonical padded base64 (PEM bodies, OpenSSH key blobs), or returns undefined. */
export function decodeBase64Padded(text: string): Uint8Array | undefined {
  if (!BASE64_PADDED.test(text) || text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(text, "base64");
  if (bytes.toString("base64") !== text) return undefined;
  return toBytes(bytes);
}

/** A Buffer view of the same memory (no copy), for node APIs. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/**
 * A plain Uint8Array view of the same memory (no copy). Public functions return plain arrays so
 * callers comparing with `deepStrictEqual` are not surprised by the Buffer prototype.
 */
export function toBytes(bytes: Uint8Array): Uint8Array {
  return Buffer.isBuffer(bytes)
    ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
    : bytes;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function utf8(text: string): Uint8Array {
  return toBytes(Buffer.from(text, "utf8"));
}

/** Bytes to a string one char per byte, for parsing ASCII formats without UTF-8 surprises. */
export function latin1(bytes: Uint8Array): string {
  return toBuffer(bytes).toString("latin1");
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Renders a short, printable excerpt of untrusted public text for an error message. */
export function excerpt(text: string, max = 40): string {
  const printable = text.replace(/[^\x20-\x7e]/g, "?");
  return JSON.stringify(printable.length > max ? `${printable.slice(0, max)}…` : printable);
}
