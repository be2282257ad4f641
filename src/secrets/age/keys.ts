import { Buffer } from "node:buffer";
import { createPrivateKey, type KeyObject } from "node:crypto";
import { decrypt } from "./age.ts";
import { AgeError } from "./age-error.ts";
import { concatBytes, toBytes } from "./encoding.ts";
import { looksLikeBinaryAge } from "./header.ts";
import { parseHybridIdentity, parseHybridRecipient } from "./hybrid.ts";
import { OPENSSH_BEGIN, parseOpenSshKeyFile } from "./openssh-key.ts";
import { scryptIdentity } from "./scrypt.ts";
import { sshEd25519Identity, sshEd25519Recipient } from "./ssh-ed25519.ts";
import { sshRsaIdentity, sshRsaRecipient } from "./ssh-rsa.ts";
import { parseSshPublicBlob, parseSshPublicKeyLine, sshMpint, sshString } from "./ssh-wire.ts";
import type { Identity, Recipient } from "./types.ts";
import { parseX25519Identity, parseX25519Recipient } from "./x25519.ts";

// Reading recipients and identities from the forms users have them in: recipient strings and
// lists, age identity files (plain or passphrase-encrypted), OpenSSH and PEM private keys.

/** Options for {@link parseIdentities}. */
export interface ParseIdentitiesOptions {
  /**
   * Returns the passphrase of a protected key or identity file. It is called only when needed:
   * for OpenSSH keys, not before a file actually addressed to that key is decrypted.
   */
  passphrase?: () => string;
  /** The file name, shown in error messages and identity labels. */
  source?: string;
}

const PEM_PRIVATE = /-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----/;
const AGE_ARMOR_BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";

/**
 * Reads identities from a key file's content: an age identity file (`AGE-SECRET-KEY-1…` and
 * `AGE-SECRET-KEY-PQ-1…` lines, `#` comments), a passphrase-encrypted identity file (pass the
 * bytes), an OpenSSH private key (`ssh-ed25519` or `ssh-rsa`, plain or protected with
 * aes*-ctr, aes*-cbc or aes*-gcm@openssh.com), or a PEM RSA / PKCS#8 key.
 * Errors (`E_AGE_KEY`) name the line or key, never its content.
 *
 * @example
 * const ids = parseIdentities(readFileSync(`${home}/.ssh/id_ed25519`, "utf8"), {
 *   passphrase: () => askPassphrase("id_ed25519"),
 *   source: "~/.ssh/id_ed25519",
 * });
 */
export function parseIdentities(
  file: string | Uint8Array,
  opts: ParseIdentitiesOptions = {},
): Identity[] {
  const where = opts.source ?? "identity file";
  if (typeof file !== "string" && isAgeFile(file)) {
    return parseEncryptedIdentityFile(file, opts, where);
  }
  const text = typeof file === "string" ? file : decodeText(file, where);
  if (text.startsWith("age-encryption.org/")) {
    throw new AgeError(
      "E_AGE_KEY",
      `${where}: an encrypted identity file must be passed as bytes, not as text`,
    );
  }
  if (text.includes(OPENSSH_BEGIN)) return [openSshIdentity(text, opts, where)];
  if (PEM_PRIVATE.test(text)) return [pemIdentity(text, opts, where)];
  if (text.trimStart().startsWith(AGE_ARMOR_BEGIN)) {
    return parseEncryptedIdentityFile(new Uint8Array(Buffer.from(text, "latin1")), opts, where);
  }
  return parseIdentityLines(text, where);
}

/** A binary or armored age file (an identity file encrypted with a passphrase). */
function isAgeFile(bytes: Uint8Array): boolean {
  if (looksLikeBinaryAge(bytes)) return true;
  return Buffer.from(bytes.subarray(0, 1024))
    .toString("latin1")
    .trimStart()
    .startsWith(AGE_ARMOR_BEGIN);
}

function decodeText(bytes: Uint8Array, where: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AgeError("E_AGE_KEY", `${where}: not a text key file (invalid UTF-8)`);
  }
}

function parseIdentityLines(text: string, where: string): Identity[] {
  const identities: Identity[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    const at = `${where}, line ${i + 1}`;
    const upper = line.toUpperCase();
    if (upper.startsWith("AGE-SECRET-KEY-PQ-1")) identities.push(parseHybridIdentity(line, at));
    else if (upper.startsWith("AGE-SECRET-KEY-1")) identities.push(parseX25519Identity(line, at));
    else if (upper.startsWith("AGE-PLUGIN-")) {
      throw new AgeError("E_AGE_KEY", `${at}: age plugin identities are not supported`);
    } else if (/^ssh-(ed25519|rsa) /.test(line)) {
      throw new AgeError(
        "E_AGE_KEY",
        `${at}: this is an SSH public key; give the private key file instead`,
      );
    } else {
      // Never echo the line: it may be a secret key with a typo.
      throw new AgeError(
        "E_AGE_KEY",
        `${at}: not an age identity (expected AGE-SECRET-KEY-1…, a comment or a blank line)`,
      );
    }
  }
  if (identities.length === 0) throw new AgeError("E_AGE_KEY", `${where}: no identities found`);
  return identities;
}

function parseEncryptedIdentityFile(
  bytes: Uint8Array,
  opts: ParseIdentitiesOptions,
  where: string,
): Identity[] {
  if (!opts.passphrase) {
    throw new AgeError(
      "E_AGE_KEY",
      `${where}: the identity file is passphrase-encrypted and no passphrase was given`,
    );
  }
  let plaintext: Uint8Array;
  try {
    plaintext = decrypt(bytes, [scryptIdentity(opts.passphrase())]);
  } catch (cause) {
    if (cause instanceof AgeError && cause.code === "E_AGE_NO_MATCH") {
      throw new AgeError(
        "E_AGE_KEY",
        `${where}: wrong passphrase for the encrypted identity file`,
        { cause },
      );
    }
    throw cause;
  }
  try {
    const text = decodeText(plaintext, where);
    // An encrypted file holds plain identity lines; it may not nest another encrypted file.
    if (
      text.includes(OPENSSH_BEGIN) ||
      PEM_PRIVATE.test(text) ||
      text.startsWith("age-encryption.org/")
    ) {
      throw new AgeError(
        "E_AGE_KEY",
        `${where}: an encrypted identity file must contain age identities`,
      );
    }
    return parseIdentityLines(text, where);
  } finally {
    plaintext.fill(0);
  }
}

function openSshIdentity(text: string, opts: ParseIdentitiesOptions, where: string): Identity {
  const keyFile = parseOpenSshKeyFile(text, where);
  // An unencrypted key is opened now, so a corrupt file fails here rather than mid-activation.
  let secret = keyFile.encrypted ? undefined : keyFile.open(undefined);
  const open = () => {
    secret ??= keyFile.open(opts.passphrase);
    return secret;
  };
  const description = opts.source ?? secret?.comment ?? "";
  const key = keyFile.publicKey;
  if (key.type === "ssh-ed25519") {
    return sshEd25519Identity(key, () => (open() as { seed: Uint8Array }).seed, description);
  }
  return sshRsaIdentity(key, () => (open() as { privateKey: KeyObject }).privateKey, description);
}

function pemIdentity(text: string, opts: ParseIdentitiesOptions, where: string): Identity {
  // PEM keys keep their public half encrypted too, so a protected one is unlocked right away.
  const encrypted =
    text.includes("Proc-Type: 4,ENCRYPTED") || text.includes("BEGIN ENCRYPTED PRIVATE KEY");
  if (encrypted && !opts.passphrase) {
    throw new AgeError(
      "E_AGE_KEY",
      `${where}: the PEM key is passphrase-protected and no passphrase was given`,
    );
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({
      key: text,
      format: "pem",
      ...(encrypted ? { passphrase: opts.passphrase?.() } : {}),
    });
  } catch (cause) {
    throw new AgeError(
      "E_AGE_KEY",
      `${where}: cannot read the PEM private key${encrypted ? " (wrong passphrase?)" : ""}`,
      { cause },
    );
  }
  const type = privateKey.asymmetricKeyType;
  if (type !== "rsa" && type !== "ed25519") {
    throw new AgeError(
      "E_AGE_KEY",
      `${where}: ${type} keys cannot be used with age (use Ed25519 or RSA)`,
    );
  }
  const jwk = privateKey.export({ format: "jwk" });
  const b64 = (value: string | undefined) => toBytes(Buffer.from(value ?? "", "base64url"));
  const description = opts.source ?? "";
  if (type === "rsa") {
    const blob = concatBytes(sshString("ssh-rsa"), sshMpint(b64(jwk.e)), sshMpint(b64(jwk.n)));
    const key = parseSshPublicBlob(blob, "E_AGE_KEY", where);
    if (key.type !== "ssh-rsa") throw new AgeError("E_AGE_KEY", `${where}: unexpected key type`);
    return sshRsaIdentity(key, () => privateKey, description);
  }
  const blob = concatBytes(sshString("ssh-ed25519"), sshString(b64(jwk.x)));
  const key = parseSshPublicBlob(blob, "E_AGE_KEY", where);
  if (key.type !== "ssh-ed25519") throw new AgeError("E_AGE_KEY", `${where}: unexpected key type`);
  const seed = b64(jwk.d);
  return sshEd25519Identity(key, () => seed, description);
}

/**
 * Parses one recipient: `age1…` (X25519), `age1pq1…` (post-quantum hybrid),
 * `ssh-ed25519 AAAA… [comment]` or `ssh-rsa AAAA… [comment]` (at least 2048 bits).
 *
 * @example
 * const r = parseRecipient(readFileSync("/etc/ssh/ssh_host_ed25519_key.pub", "utf8"));
 * r.kind; // "ssh-ed25519"
 */
export function parseRecipient(line: string): Recipient {
  const text = line.trim();
  const lower = text.toLowerCase();
  if (lower.startsWith("age1pq1")) return parseHybridRecipient(text);
  if (lower.startsWith("age1") && !text.includes(" ")) return parseX25519Recipient(text);
  if (/^ssh-(ed25519|rsa)[ \t]/.test(text)) {
    const key = parseSshPublicKeyLine(text);
    return key.type === "ssh-ed25519"
      ? sshEd25519Recipient(key, key.comment)
      : sshRsaRecipient(key, key.comment);
  }
  if (lower.startsWith("age-secret-key-") || text.startsWith("-----BEGIN")) {
    // Say what it is without repeating it: this is a private key in a place meant for public ones.
    throw new AgeError(
      "E_AGE_RECIPIENT",
      "this is a private key, not a recipient; use identityToRecipient to derive the public recipient",
    );
  }
  const word = text.split(/\s/, 1)[0] ?? "";
  throw new AgeError(
    "E_AGE_RECIPIENT",
    `unknown recipient starting with ${JSON.stringify(word.slice(0, 12))} (expected age1…, age1pq1…, ssh-ed25519 or ssh-rsa)`,
  );
}

/**
 * Parses a recipients file: one recipient per line, `#` comments and blank lines ignored.
 *
 * @example
 * const recipients = parseRecipients("# laptop\nage1…\nssh-ed25519 AAAA… root@host\n");
 */
export function parseRecipients(fileText: string, source = "recipients"): Recipient[] {
  const recipients: Recipient[] = [];
  const lines = fileText.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === "" || line.startsWith("#")) continue;
    try {
      recipients.push(parseRecipient(line));
    } catch (e) {
      if (e instanceof AgeError) e.addContext(`${source}, line ${i + 1}`);
      throw e;
    }
  }
  return recipients;
}

/**
 * The recipient of an identity: an `Identity` object, or an identity string such as
 * `AGE-SECRET-KEY-1…` or the text of a private key file.
 *
 * @example
 * identityToRecipient("AGE-SECRET-KEY-1…").toString(); // "age1…"
 */
export function identityToRecipient(
  identity: Identity | string,
  opts: ParseIdentitiesOptions = {},
): Recipient {
  if (typeof identity !== "string") return identity.toRecipient();
  const identities = parseIdentities(identity, opts);
  if (identities.length !== 1) {
    throw new AgeError("E_AGE_KEY", `expected exactly one identity, found ${identities.length}`);
  }
  return identities[0].toRecipient();
}

/**
 * The SSH recipient for a private key file, read from its public half: no passphrase is needed
 * for OpenSSH keys, even protected ones (PEM keys must be unlocked).
 *
 * @example
 * const r = sshRecipientFromPrivateKey(readFileSync("/etc/ssh/ssh_host_ed25519_key", "utf8"));
 * const file = encrypt(data, [r]);
 */
export function sshRecipientFromPrivateKey(
  keyText: string,
  opts: ParseIdentitiesOptions = {},
): Recipient {
  if (!keyText.includes(OPENSSH_BEGIN) && !PEM_PRIVATE.test(keyText)) {
    throw new AgeError(
      "E_AGE_KEY",
      `${opts.source ?? "key file"}: not an OpenSSH or PEM private key`,
    );
  }
  return identityToRecipient(keyText, opts);
}
