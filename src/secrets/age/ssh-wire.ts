import { Buffer } from "node:buffer";
import { AgeError, type AgeErrorCode } from "./age-error.ts";
import { decodeBase64Padded, encodeBase64NoPad, latin1, utf8 } from "./encoding.ts";
import { sha256 } from "./primitives.ts";

// The SSH wire encoding (RFC 4251 section 5) for public key blobs and OpenSSH private keys.

/** Reads SSH wire values; any overrun or malformed value throws an AgeError with `code`. */
export class SshReader {
  #pos = 0;
  readonly #bytes: Uint8Array;
  readonly #code: AgeErrorCode;
  readonly #what: string;

  constructor(bytes: Uint8Array, code: AgeErrorCode, what: string) {
    this.#bytes = bytes;
    this.#code = code;
    this.#what = what;
  }

  fail(problem: string): AgeError {
    return new AgeError(this.#code, `${this.#what}: ${problem}`);
  }

  get remaining(): number {
    return this.#bytes.length - this.#pos;
  }

  bytes(length: number): Uint8Array {
    if (length > this.remaining) throw this.fail("truncated data");
    const out = this.#bytes.subarray(this.#pos, this.#pos + length);
    this.#pos += length;
    return out;
  }

  uint32(): number {
    const b = this.bytes(4);
    return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
  }

  string(): Uint8Array {
    return this.bytes(this.uint32());
  }

  text(): string {
    return latin1(this.string());
  }

  /** A non-negative mpint, returned as its magnitude without leading zero bytes. */
  mpint(): Uint8Array {
    const raw = this.string();
    if (raw.length > 0 && raw[0] & 0x80) throw this.fail("negative integer");
    let start = 0;
    while (start < raw.length && raw[start] === 0) start++;
    return raw.subarray(start);
  }

  end(): void {
    if (this.remaining !== 0) throw this.fail("unexpected trailing data");
  }
}

export function sshString(data: Uint8Array | string): Uint8Array {
  const bytes = typeof data === "string" ? utf8(data) : data;
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

/** Encodes a non-negative integer magnitude as an SSH mpint (a 0x00 prefix if the top bit is set). */
export function sshMpint(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  const padded =
    trimmed.length > 0 && trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return sshString(padded);
}

type SshKeyType = "ssh-ed25519" | "ssh-rsa";

/** A parsed SSH public key: its type, wire blob and the fields age needs. */
export type SshPublicKey =
  | { type: "ssh-ed25519"; blob: Uint8Array; key: Uint8Array }
  | { type: "ssh-rsa"; blob: Uint8Array; e: Uint8Array; n: Uint8Array };

/** Decodes a public key blob (the base64 part of an `authorized_keys` line). */
export function parseSshPublicBlob(
  blob: Uint8Array,
  code: AgeErrorCode,
  what: string,
): SshPublicKey {
  const reader = new SshReader(blob, code, what);
  const type = reader.text();
  if (type === "ssh-ed25519") {
    const key = reader.string();
    reader.end();
    if (key.length !== 32) throw reader.fail("an ssh-ed25519 public key has 32 bytes");
    return { type, blob, key };
  }
  if (type === "ssh-rsa") {
    const e = reader.mpint();
    const n = reader.mpint();
    reader.end();
    return { type, blob, e, n };
  }
  throw reader.fail(
    `unsupported key type ${JSON.stringify(type.slice(0, 40))} (age supports ssh-ed25519 and ssh-rsa)`,
  );
}

/**
 * Parses an `authorized_keys`-style line: `ssh-ed25519 AAAA… [comment]`. The type word must
 * agree with the type inside the blob, so a relabelled key is refused.
 */
export function parseSshPublicKeyLine(line: string): SshPublicKey & { comment: string } {
  const fail = (problem: string) =>
    new AgeError("E_AGE_RECIPIENT", `invalid SSH public key: ${problem}`);
  const [type, data, ...rest] = line.trim().split(/[ \t]+/);
  if (type !== "ssh-ed25519" && type !== "ssh-rsa") {
    throw fail(`unsupported key type ${JSON.stringify(type?.slice(0, 40))}`);
  }
  const blob = data === undefined ? undefined : decodeBase64Padded(data);
  if (!blob) throw fail("the key data is not canonical base64");
  const key = parseSshPublicBlob(blob, "E_AGE_RECIPIENT", "invalid SSH public key");
  if (key.type !== type) throw fail(`the line says ${type} but the key data is ${key.type}`);
  return { ...key, comment: rest.join(" ") };
}

/** The age stanza tag of an SSH key: the first 4 bytes of SHA-256 of its blob, in base64. */
export function sshTag(blob: Uint8Array): string {
  return encodeBase64NoPad(sha256(blob).subarray(0, 4));
}

/** The fingerprint `ssh-keygen -l` prints (`SHA256:…`), public and safe to show. */
export function sshFingerprint(blob: Uint8Array): string {
  return `SHA256:${encodeBase64NoPad(sha256(blob))}`;
}

/** The `authorized_keys` line for a key blob. */
export function sshPublicKeyLine(type: SshKeyType, blob: Uint8Array): string {
  return `${type} ${Buffer.from(blob).toString("base64")}`;
}
