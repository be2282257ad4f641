import type { KeyObject } from "node:crypto";
import { createRequire } from "node:module";
import { AgeError, headerError } from "./age-error.ts";
import { concatBytes, encodeBase64NoPad } from "./encoding.ts";
import type { Stanza } from "./header.ts";
import { hkdfSha256, x25519, x25519Ephemeral, x25519PrivateKey } from "./primitives.ts";
import { type SshPublicKey, sshFingerprint, sshPublicKeyLine, sshTag } from "./ssh-wire.ts";
import { decodeArg, expectArgs, expectSealedFileKey, openFileKey, sealFileKey } from "./stanza.ts";
import type { Identity, Recipient } from "./types.ts";

// Loaded on first use: most commands never need it, and it is costly to load.
let ed25519Module: typeof import("@noble/curves/ed25519.js").ed25519 | undefined;
const ed25519Lazy = (): typeof import("@noble/curves/ed25519.js").ed25519 =>
  (ed25519Module ??= (
    createRequire(import.meta.url)("@noble/curves/ed25519.js") as {
      ed25519: typeof import("@noble/curves/ed25519.js").ed25519;
    }
  ).ed25519);

// The ssh-ed25519 recipient type of the age reference implementation (its agessh package; the
// spec leaves SSH keys out). The Ed25519 key is used as the equivalent X25519 key, and the
// shared secret is additionally multiplied by a "tweak" derived from the SSH public key, which
// binds the stanza to that exact SSH key encoding.

const LABEL = "age-encryption.org/v1/ssh-ed25519";

type Ed25519PublicKey = Extract<SshPublicKey, { type: "ssh-ed25519" }>;

/** Key material derived from the public key alone, shared by the recipient and the identity. */
class Ed25519Public {
  readonly blob: Uint8Array;
  readonly tag: string;
  /** The Ed25519 point mapped to Montgomery form: the X25519 public key. */
  readonly montgomery: Uint8Array;
  /** The tweak scalar, imported once: HKDF(ikm = empty, salt = SSH blob, info = label). */
  readonly tweak: KeyObject;

  constructor(key: Ed25519PublicKey, code: "E_AGE_RECIPIENT" | "E_AGE_KEY") {
    this.blob = key.blob;
    this.tag = sshTag(key.blob);
    try {
      // toMontgomery decodes the point and refuses encodings that are not on the curve.
      this.montgomery = ed25519Lazy().utils.toMontgomery(key.key);
    } catch (cause) {
      throw new AgeError(
        code,
        `the ssh-ed25519 key ${sshFingerprint(key.blob)} is not a valid Ed25519 point`,
        {
          cause,
        },
      );
    }
    this.tweak = x25519PrivateKey(hkdfSha256(new Uint8Array(0), key.blob, LABEL));
  }

  /** The wrap key for a stanza, from the untweaked shared secret. */
  wrapKey(shared: Uint8Array, share: Uint8Array): Uint8Array | undefined {
    const tweaked = x25519(this.tweak, shared);
    if (!tweaked) return undefined;
    return hkdfSha256(tweaked, concatBytes(share, this.montgomery), LABEL);
  }
}

class SshEd25519Recipient implements Recipient {
  readonly kind = "ssh-ed25519" as const;
  readonly #key: Ed25519Public;
  readonly #comment: string;

  constructor(key: Ed25519Public, comment: string) {
    this.#key = key;
    this.#comment = comment;
  }

  wrap(fileKey: Uint8Array): Stanza[] {
    const { privateKey, share } = x25519Ephemeral();
    const shared = x25519(privateKey, this.#key.montgomery);
    const wrapKey = shared && this.#key.wrapKey(shared, share);
    if (!wrapKey) {
      throw new AgeError(
        "E_AGE_RECIPIENT",
        `the ssh-ed25519 key ${sshFingerprint(this.#key.blob)} is a low-order point`,
      );
    }
    return [
      {
        args: ["ssh-ed25519", this.#key.tag, encodeBase64NoPad(share)],
        body: sealFileKey(wrapKey, fileKey),
      },
    ];
  }

  toString(): string {
    const line = sshPublicKeyLine("ssh-ed25519", this.#key.blob);
    return this.#comment ? `${line} ${this.#comment}` : line;
  }
}

class SshEd25519Identity implements Identity {
  readonly kind = "ssh-ed25519" as const;
  readonly label: string;
  readonly #key: Ed25519Public;
  readonly #loadSeed: () => Uint8Array;
  #privateKey: KeyObject | undefined;

  constructor(key: Ed25519Public, loadSeed: () => Uint8Array, description: string) {
    this.#key = key;
    this.#loadSeed = loadSeed;
    this.label = `ssh-ed25519 key ${sshFingerprint(key.blob)}${description ? ` (${description})` : ""}`;
  }

  // The private key is only loaded (and a passphrase only asked for) once a stanza carries this
  // key's tag, as age does: files for other keys cost nothing.
  #privateX25519(): KeyObject {
    if (!this.#privateKey) {
      const seed = this.#loadSeed();
      this.#privateKey = x25519PrivateKey(ed25519Lazy().utils.toMontgomerySecret(seed));
    }
    return this.#privateKey;
  }

  unwrap(stanzas: readonly Stanza[]): Uint8Array | undefined {
    for (const stanza of stanzas) {
      if (stanza.args[0] !== "ssh-ed25519") continue;
      expectArgs(stanza, 2);
      if (stanza.args[1] !== this.#key.tag) continue;
      const share = decodeArg(stanza, 2, 32, "ephemeral share");
      expectSealedFileKey(stanza);
      const shared = x25519(this.#privateX25519(), share);
      const wrapKey = shared && this.#key.wrapKey(shared, share);
      if (!wrapKey) throw headerError("an ssh-ed25519 stanza has a low-order ephemeral share");
      // A wrong tag match (4 bytes, so collisions are possible) fails here and is skipped.
      const fileKey = openFileKey(wrapKey, stanza.body);
      if (fileKey) return fileKey;
    }
    return undefined;
  }

  toRecipient(): Recipient {
    return new SshEd25519Recipient(this.#key, "");
  }

  toString(): string {
    return this.label;
  }
}

/** A recipient for an `ssh-ed25519 AAAA…` public key. */
export function sshEd25519Recipient(key: Ed25519PublicKey, comment = ""): Recipient {
  return new SshEd25519Recipient(new Ed25519Public(key, "E_AGE_RECIPIENT"), comment);
}

/**
 * An identity for an Ed25519 SSH key. `loadSeed` returns the 32-byte private seed and may ask
 * for a passphrase; it runs at most once, on the first stanza addressed to this key.
 */
export function sshEd25519Identity(
  key: Ed25519PublicKey,
  loadSeed: () => Uint8Array,
  description: string,
): Identity {
  return new SshEd25519Identity(new Ed25519Public(key, "E_AGE_KEY"), loadSeed, description);
}
