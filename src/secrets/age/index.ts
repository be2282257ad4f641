// The age file format (age-encryption.org/v1): what confed's secrets are stored in.
// Explicit named re-exports only; each export's documentation sits on its declaration.

export { decrypt, type EncryptOptions, encrypt } from "./age.ts";
export { AgeError, type AgeErrorCode } from "./age-error.ts";
export { armor, unarmor } from "./armor.ts";
export type { Stanza } from "./header.ts";
export { generateHybridIdentity } from "./hybrid.ts";
export {
  identityToRecipient,
  type ParseIdentitiesOptions,
  parseIdentities,
  parseRecipient,
  parseRecipients,
  sshRecipientFromPrivateKey,
} from "./keys.ts";
export {
  DEFAULT_SCRYPT_LOG_N,
  MAX_SCRYPT_LOG_N,
  scryptIdentity,
  scryptRecipient,
} from "./scrypt.ts";
export type { AgeKeyKind, Identity, Recipient } from "./types.ts";
export { generateX25519Identity } from "./x25519.ts";
